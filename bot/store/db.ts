// Opening the database (not on the hot path) and writeTransaction (on it). DATABASE_URL picks the
// engine: `file:` a SQLite file (the default), `postgresql://` PostgreSQL (postgresql.ts). A SQLite
// file is opened once, migrated on that connection, and the same connection is Prisma's
// (sqlite-adapter.ts) and the prepared statements' (sqlite.ts). The client carries its engine as
// `$engine` (a Prisma client extension, which transaction clients inherit), so any store function
// given a client or a transaction reaches the statements runner under it (sql.ts).
import { dirname } from 'node:path'
import { PrismaClient } from '../../generated/prisma/client.ts'
import { applyMigrations } from './migrate.ts'
import { isPostgresUrl, openPostgresClient, postgresHome } from './postgresql.ts'
import { makePrivateDir } from './private-files.ts'
import { dialectOf, type Engine, engineOf, holdWriteLock, sqlOf } from './sql.ts'
import { openSqlite, type Sqlite, SqliteEngine, databasePath as sqliteFilePath } from './sqlite.ts'
import { sqliteAdapter } from './sqlite-adapter.ts'

function clientOn(conn: Sqlite) {
  const engine: Engine = new SqliteEngine(conn)
  return new PrismaClient({ adapter: sqliteAdapter(conn) }).$extends({ client: { $engine: engine } })
}

export type Db = ReturnType<typeof clientOn>
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]
/** What most store functions take: the client, or a transaction of it. */
export type Store = Db | Tx

export { isPostgresUrl }

/**
 * The database file of a `file:` URL; for PostgreSQL its stand-in on this machine (postgresHome):
 * what is kept beside a database (received files, exports, the login QR) goes into its folder.
 */
export function databasePath(url: string): string {
  return isPostgresUrl(url) ? postgresHome(url) : sqliteFilePath(url)
}

/** Opens the database (a file is created 0600 if need be) and brings its schema up to date. */
export async function openDatabase(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    // The PostgreSQL client is generated from prisma/postgresql/schema.prisma, whose models are
    // this one's (tests/store/schemas.test.ts): the same model API, differing only in
    // provider-specific options store/ does not use. One type for callers, cast here only.
    const db = (await openPostgresClient(url)) as unknown as Db
    return db
  }
  const path = sqliteFilePath(url)
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
  return engineOf(db).home
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
  await engineOf(db).close()
}

/**
 * A write transaction that takes the write lock first. On SQLite, Prisma begins with a deferred
 * BEGIN, and a deferred transaction that reads and then writes fails at once (SQLITE_BUSY, no
 * waiting) when another process wrote in between; taking the lock up front makes it wait its turn
 * instead. On PostgreSQL the lock (per schema) keeps writers as serial as SQLite's.
 */
export function writeTransaction<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  options?: { timeout?: number },
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await sqlOf(tx).run(dialectOf(tx).writeLock)
      holdWriteLock(tx)
      return fn(tx)
    },
    { timeout: options?.timeout ?? 15_000, maxWait: 15_000 },
  )
}
