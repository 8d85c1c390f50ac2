// Opening the database (not on the hot path) and writeTransaction (on it): the file is opened once,
// migrated on that connection, and the same connection is Prisma's (sqlite-adapter.ts) and the
// prepared statements' (sqlite.ts). The client carries its connection as `$sqlite` (a Prisma
// client extension, which transaction clients inherit), so any store function given a client or a
// transaction reaches the connection under it.
import { dirname } from 'node:path'
import { PrismaClient } from '../../generated/prisma/client.ts'
import { applyMigrations } from './migrate.ts'
import { makePrivateDir } from './private-files.ts'
import { databasePath, openSqlite, type Sqlite, takeWriteLock } from './sqlite.ts'
import { sqliteAdapter } from './sqlite-adapter.ts'

function clientOn(conn: Sqlite) {
  return new PrismaClient({ adapter: sqliteAdapter(conn) }).$extends({ client: { $sqlite: conn } })
}

export type Db = ReturnType<typeof clientOn>
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]
/** What most store functions take: the client, or a transaction of it. */
export type Store = Db | Tx

// databasePath lives with the connection (sqlite.ts), which prisma.config.ts loads before the
// client this file imports is generated.
export { databasePath }

/** Opens the database (created 0600 if need be) and brings its schema up to date. */
export async function openDatabase(url: string): Promise<Db> {
  const path = databasePath(url)
  makePrivateDir(dirname(path))
  const conn = openSqlite(path)
  try {
    applyMigrations(conn)
  } catch (error) {
    conn.close()
    throw error
  }
  return clientOn(conn)
}

/** The database file under a client or transaction (files kept beside it live in its folder). */
export function databaseFile(db: Store): string {
  return db.$sqlite.name
}

/** Brings a database file's schema up to date (a restored file, before use); the migrations applied. */
export function migrateDatabaseFile(path: string): string[] {
  const conn = openSqlite(path)
  try {
    return applyMigrations(conn)
  } finally {
    conn.close()
  }
}

/** Closes the client and its connection (Prisma's $disconnect alone leaves the connection open). */
export async function closeDatabase(db: Db): Promise<void> {
  await db.$disconnect()
  db.$sqlite.close()
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
      takeWriteLock(db.$sqlite)
      return fn(tx)
    },
    { timeout: options?.timeout ?? 15_000, maxWait: 15_000 },
  )
}
