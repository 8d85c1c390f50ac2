// A fresh database (and Redis prefix) for command-line tests, with the CLI bound to it.
import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { runCli } from '../../bot/cli.ts'
import { type Db, openDatabase } from '../../bot/store/db.ts'
import { freshStore } from '../helpers/app.ts'

export interface CliStore {
  dbPath: string
  dir: string
  prefix: string
  env: NodeJS.ProcessEnv
  cli(...argv: string[]): Promise<{ code: number; out: string }>
  /** A Prisma client on the database (migrated); disconnect it before the CLI replaces the file. */
  db(): Promise<Db>
  /** One SQL query on a short-lived connection. */
  query<T>(sql: string, ...params: unknown[]): T[]
  /** Every file in the store's folder, recursively (to see that nothing was written). */
  files(): string[]
}

export function cliStore(extraEnv: NodeJS.ProcessEnv = {}): CliStore {
  const { dbPath, prefix } = freshStore()
  const env = { ...process.env, DATABASE_URL: `file:${dbPath}`, REDIS_PREFIX: prefix, ...extraEnv }
  const dir = dirname(dbPath)
  return {
    dbPath,
    dir,
    prefix,
    env,
    cli: (...argv) => runCli(argv, env),
    db: () => openDatabase(`file:${dbPath}`),
    query<T>(sql: string, ...params: unknown[]) {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true })
      try {
        return db.prepare(sql).all(...params) as T[]
      } finally {
        db.close()
      }
    },
    files() {
      return (readdirSync(dir, { recursive: true }) as string[])
        .filter((f) => !/\.db-(wal|shm)$/.test(f))
        .sort()
    },
  }
}

/** Runs `fn` with a Prisma client on the store, disconnected afterwards. */
export async function withDb<T>(s: CliStore, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await s.db()
  try {
    return await fn(db)
  } finally {
    await db.$disconnect()
  }
}
