// Files people send for collections, stored content-addressed beside the database: data/files/ab/abcdef…
// (sha256). Folders 0700, files 0600; a file already there (same content) is not written again.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { makePrivateDir, PRIVATE_FILE } from '../store/private-files.ts'

export function filesDirOf(databaseFile: string): string {
  return join(dirname(databaseFile), 'files')
}

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

export function storedPath(filesDir: string, sha256: string): string {
  return join(filesDir, sha256.slice(0, 2), sha256)
}

/** Stores the bytes (written to a temporary name, then renamed); returns their sha256. */
export function storeFile(filesDir: string, bytes: Uint8Array): string {
  const sha = sha256Of(bytes)
  const path = storedPath(filesDir, sha)
  if (existsSync(path)) return sha
  for (const dir of [filesDir, dirname(path)]) makePrivateDir(dir)
  const temp = `${path}.${process.pid}.tmp`
  writeFileSync(temp, bytes, { mode: PRIVATE_FILE })
  renameSync(temp, path)
  return sha
}

export function readStoredFile(filesDir: string, sha256: string): Buffer {
  return readFileSync(storedPath(filesDir, sha256))
}
