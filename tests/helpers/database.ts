// Each test's own database: a fresh SQLite file, or with TEST_DATABASE=postgresql a fresh schema
// t_<random> in database `test` at 127.0.0.1:5432 (TEST_POSTGRES_URL to point elsewhere), dropped
// when the test file ends (tests/helpers/drop-schemas.ts).
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { databasePath } from '../../bot/store/db.ts'

export const ON_POSTGRES = process.env.TEST_DATABASE === 'postgresql'

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'

/** The schemas this test file made, to drop at its end. */
export const createdSchemas: string[] = []

export interface TestStore {
  /** DATABASE_URL of the test's database. */
  url: string
  /** The database file, or PostgreSQL's stand-in for one (its folder holds the files kept beside it). */
  dbPath: string
  /** The test's own Redis key prefix. */
  prefix: string
}

/** A fresh PostgreSQL schema's URL, whatever TEST_DATABASE says (dropped at the file's end). */
export function freshPostgresUrl(): string {
  const schema = `t_${randomBytes(6).toString('hex')}`
  createdSchemas.push(schema)
  return `${TEST_POSTGRES_URL}?schema=${schema}`
}

export function freshStore(): TestStore {
  const prefix = `fztest-${randomBytes(6).toString('hex')}`
  if (ON_POSTGRES) {
    const url = freshPostgresUrl()
    const dbPath = databasePath(url)
    mkdirSync(dirname(dbPath), { recursive: true }) // a test may keep files beside its database
    return { url, dbPath, prefix }
  }
  const dbPath = join(mkdtempSync(join(tmpdir(), 'fztest-')), 'bot.db')
  return { url: `file:${dbPath}`, dbPath, prefix }
}
