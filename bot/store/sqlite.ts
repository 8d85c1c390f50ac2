// Hot path. The one SQLite connection of a database, and everything that is SQLite's own dialect:
// the pragmas, the stored date format, savepoints, prepared statements.
//
// openDatabase (db.ts) opens the file once, here, and gives this same connection to Prisma (through
// the adapter of sqlite-adapter.ts) and to the prepared statements of the hot paths (every inbound
// message, bulk clue writes, the bulletin's full read). Prisma compiles every query it is given
// (0.2–2 ms each, more than SQLite takes to run it); a prepared statement costs microseconds. One
// connection means that inside `writeTransaction` both are part of the same transaction, and that
// no second connection of this process can wait (synchronously, blocking the event loop) on a lock
// that its own event loop holds.
//
// Values are stored exactly as Prisma stores them: DateTime as ISO-8601 text with "+00:00",
// Boolean as 0/1, Bytes as BLOB, Int as INTEGER.
import { resolve } from 'node:path'
import Database from 'better-sqlite3'
import { makePrivate } from './private-files.ts'

export type Statement = Database.Statement

export const BUSY_TIMEOUT_MS = 5000

/** A better-sqlite3 connection that keeps its prepared statements (and small per-connection caches). */
export class Sqlite extends Database {
  readonly #statements = new Map<string, Statement>()
  /** Values derived from this connection's data, keyed by their owner (see rosterCache). */
  readonly memo = new Map<object, unknown>()

  /** A statement prepared once on this connection; integers come back as numbers. */
  statement(sql: string): Statement {
    let st = this.#statements.get(sql)
    if (!st) {
      st = this.prepare(sql).safeIntegers(false)
      this.#statements.set(sql, st)
    }
    return st
  }
}

/** Opens `path` (0600) with WAL, a busy timeout and NORMAL sync (safe in WAL mode). */
export function openSqlite(path: string): Sqlite {
  const conn = new Sqlite(path)
  // Before the WAL exists: SQLite creates -wal and -shm with the database file's mode.
  makePrivate(path)
  conn.pragma('journal_mode = WAL')
  conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  conn.pragma('synchronous = NORMAL')
  return conn
}

/** How many WAL pages make SQLite checkpoint inside a commit (checkpointer.ts moves that to a thread). */
export function setAutocheckpoint(conn: Sqlite, pages: number): void {
  conn.pragma(`wal_autocheckpoint = ${pages}`)
}

/** Anything of store/'s that stands on a connection: the client, or a transaction of it. */
export interface OnSqlite {
  readonly $sqlite: Sqlite
}

// Prisma's clients are proxies: reading `$sqlite` through one costs more than most statements it
// serves, so each client's connection is looked up once.
const connections = new WeakMap<OnSqlite, Sqlite>()

/** The connection under a client or transaction client. */
export function sqliteOf(client: OnSqlite): Sqlite {
  let conn = connections.get(client)
  if (!conn) {
    conn = client.$sqlite
    connections.set(client, conn)
  }
  return conn
}

/** A statement prepared once per connection; integers come back as numbers. */
export function statement(conn: Sqlite, sql: string): Statement {
  return conn.statement(sql)
}

/** Takes SQLite's write lock at once (see writeTransaction in db.ts). */
export function takeWriteLock(conn: Sqlite): void {
  conn.statement('UPDATE "ServiceState" SET "key" = "key" WHERE 0').run()
}

/** A Date as stored: ISO-8601 with "+00:00" (the adapter's iso8601 timestamp format). */
export function dbDate(d: Date): string {
  return d.toISOString().replace('Z', '+00:00')
}

/** A stored DateTime as Prisma reads it. */
export function readDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null
  return new Date(typeof v === 'bigint' ? Number(v) : (v as string | number))
}

/**
 * Runs `fn` in a savepoint of the caller's transaction: kept if it resolves, rolled back (and the
 * error rethrown) if it throws. Not nested: one message's work at a time.
 */
export async function inSavepoint<T>(tx: OnSqlite, fn: () => Promise<T>): Promise<T> {
  const conn = sqliteOf(tx)
  conn.statement('SAVEPOINT "fzbot_message"').run()
  try {
    const result = await fn()
    conn.statement('RELEASE "fzbot_message"').run()
    return result
  } catch (error) {
    // An error that ended the whole transaction (SQLite does so on a full disk) left no savepoint.
    if (conn.inTransaction) {
      conn.statement('ROLLBACK TO "fzbot_message"').run()
      conn.statement('RELEASE "fzbot_message"').run()
    }
    throw error
  }
}

/**
 * Runs `fn` once the connection is outside any transaction (so what it writes commits on its own,
 * not with whichever transaction happens to be open on the shared connection). `idle` says how to
 * wait when it is not; the default polls every millisecond.
 */
export async function whenOutsideTransaction<T>(
  client: OnSqlite,
  fn: (conn: Sqlite) => T,
  idle: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 1)),
): Promise<T> {
  const conn = sqliteOf(client)
  for (;;) {
    if (!conn.inTransaction) return fn(conn)
    await idle()
  }
}

/** "file:./data/bot.db" → absolute path. */
export function databasePath(url: string): string {
  return resolve(url.replace(/^file:/, ''))
}
