// Libraries most messages never need (exceljs, @napi-rs/canvas: ~30 MB resident and ~1 s of
// start-up together) are loaded on first use. Both are CommonJS, so a plain require does it and
// the callers stay synchronous.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** A function returning the module, loading it the first time it is called. */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined
  return () => {
    loaded ??= require(id) as T
    return loaded
  }
}
