// Opening the database: migrations applied, WAL and a busy timeout on, one Prisma client.
import { dirname, resolve } from 'node:path'
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3'
import Database from 'better-sqlite3'
import { PrismaClient } from '../../generated/prisma/client.ts'
import { applyMigrations } from './migrate.ts'
import { makePrivate, makePrivateDir } from './private-files.ts'
import { sqliteOf, statement } from './sqlite.ts'

export type Db = PrismaClient
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

/** "file:./data/bot.db" → absolute path. */
export function databasePath(url: string): string {
  return resolve(url.replace(/^file:/, ''))
}

const BUSY_TIMEOUT_MS = 5000

/** Creates the file if needed and brings its schema up to date. */
export function prepareDatabase(url: string): string {
  const path = databasePath(url)
  makePrivateDir(dirname(path))
  const db = new Database(path)
  // Before the WAL exists: SQLite creates -wal and -shm with the database file's mode.
  makePrivate(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    applyMigrations(db)
  } finally {
    db.close()
  }
  return path
}

export async function openDatabase(url: string): Promise<Db> {
  const path = prepareDatabase(url)
  const adapter = new PrismaBetterSQLite3({ url: `file:${path}`, timeout: BUSY_TIMEOUT_MS })
  const prisma = new PrismaClient({ adapter })
  await prisma.$executeRawUnsafe('PRAGMA journal_mode = WAL')
  await prisma.$executeRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL')
  return prisma
}

/**
 * A write transaction that takes SQLite's write lock first. Prisma begins with a deferred BEGIN,
 * and a deferred transaction that reads and then writes fails at once (SQLITE_BUSY, no waiting)
 * when another process wrote in between; taking the lock up front makes it wait its turn instead.
 */
export function writeTransaction<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  options?: { timeout?: number },
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      statement(await sqliteOf(tx), 'UPDATE "ServiceState" SET "key" = "key" WHERE 0').run()
      return fn(tx)
    },
    { timeout: options?.timeout ?? 15_000, maxWait: 15_000 },
  )
}
