// Not on the hot path.
// Files holding full values (the database and its WAL, backups, exports) are the owner's alone:
// 0600, in folders created 0700. SQLite gives -wal/-shm the database file's own mode.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export const PRIVATE_FILE = 0o600
export const PRIVATE_DIR = 0o700

/** Creates the folder (and its parents) owner-only if it is missing; an existing one is left as it is. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR })
}

/** Makes an existing file owner-only. */
export function makePrivate(path: string): void {
  if (existsSync(path)) chmodSync(path, PRIVATE_FILE)
}

/** Those of the paths (files, and the files directly in folders) that others may read. */
export function readableByOthers(paths: readonly string[]): { path: string; mode: string }[] {
  const found: { path: string; mode: string }[] = []
  const check = (path: string) => {
    const st = statSync(path)
    if ((st.mode & 0o077) !== 0) found.push({ path, mode: (st.mode & 0o777).toString(8).padStart(3, '0') })
    return st
  }
  for (const path of paths) {
    if (!existsSync(path)) continue
    if (check(path).isDirectory()) for (const name of readdirSync(path)) check(join(path, name))
  }
  return found
}
