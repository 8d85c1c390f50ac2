// Prepared better-sqlite3 statements on Prisma's own connection, for the hot paths (every inbound
// message, bulk clue writes, the bulletin's full read). Prisma compiles every query it is given
// (0.2–2 ms each, more than SQLite takes to run it); a prepared statement costs microseconds.
//
// The statements run on the very connection the Prisma adapter opened, never on a second one:
// inside `writeTransaction` they are part of the same transaction, and no second connection of
// this process can wait (synchronously, blocking the event loop) on a lock that its own event loop
// holds. Prisma does not expose that connection, so it is found once per client by a marked probe
// query: @prisma/adapter-better-sqlite3 prepares every statement with better-sqlite3's
// Database#prepare, which is watched for the probe's text while the probe runs. That needs the
// adapter to load this same better-sqlite3 copy (the npm override in package.json); if a Prisma
// upgrade changes how the adapter runs queries, the probe fails loudly on first use. (Were
// openDatabase to keep the adapter's connection itself, the probe could go.)
//
// Values are stored exactly as Prisma stores them: DateTime as ISO-8601 text with "+00:00",
// Boolean as 0/1, Bytes as BLOB, Int as INTEGER.
import Database from 'better-sqlite3'
import type { Db, Tx } from './db.ts'

export type Sqlite = Database.Database
export type Statement = Database.Statement

const PROBE = `SELECT 'fzbot: which connection' AS "probe"`

/** Keyed by the Prisma engine, which a client and its transaction clients share. */
const connections = new WeakMap<object, Sqlite>()
const statements = new WeakMap<Sqlite, Map<string, Statement>>()
let probing: Promise<unknown> = Promise.resolve()

function engineOf(client: Db | Tx): object {
  return (client as unknown as { _engine?: object })._engine ?? client
}

/**
 * The same, by the client object itself: reaching `_engine` goes through Prisma's proxies, which
 * costs more than the statement it is wanted for.
 */
const byClient = new WeakMap<object, Sqlite>()

/** The connection under a Prisma client or transaction client, once known. */
export function knownSqlite(client: Db | Tx): Sqlite | undefined {
  let conn = byClient.get(client)
  if (!conn?.open) {
    conn = connections.get(engineOf(client))
    if (conn) byClient.set(client, conn)
  }
  return conn?.open ? conn : undefined
}

/** The connection under a Prisma client or transaction client (found on first use, and after a reconnect). */
export function sqliteOf(client: Db | Tx): Promise<Sqlite> {
  const known = knownSqlite(client)
  if (known) return Promise.resolve(known)
  // One probe at a time: each swaps Database.prototype.prepare for the duration of one query.
  const found = probing.then(() => knownSqlite(client) ?? probe(client))
  // The caller gets the failure through `found`; the chain only waits for it to settle.
  probing = found.catch(() => undefined)
  return found
}

async function probe(client: Db | Tx): Promise<Sqlite> {
  const proto = Database.prototype as { prepare: Sqlite['prepare'] }
  const prepare = proto.prepare
  let seen: Sqlite | undefined
  proto.prepare = function (this: Sqlite, source: string) {
    if (source === PROBE) seen = this
    return prepare.call(this, source)
  } as Sqlite['prepare']
  try {
    await client.$queryRawUnsafe(PROBE)
  } finally {
    proto.prepare = prepare
  }
  if (!seen)
    throw new Error(
      "Prisma's SQLite connection was not found: @prisma/adapter-better-sqlite3 must use this better-sqlite3 (see the override in package.json)",
    )
  connections.set(engineOf(client), seen)
  return seen
}

/** A statement prepared once per connection; integers come back as numbers. */
export function statement(conn: Sqlite, sql: string): Statement {
  let cache = statements.get(conn)
  if (!cache) {
    cache = new Map()
    statements.set(conn, cache)
  }
  let st = cache.get(sql)
  if (!st) {
    st = conn.prepare(sql).safeIntegers(false)
    cache.set(sql, st)
  }
  return st
}

/** A Date as Prisma's adapter stores it. */
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
export async function inSavepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  const conn = await sqliteOf(tx)
  statement(conn, 'SAVEPOINT "fzbot_message"').run()
  try {
    const result = await fn()
    statement(conn, 'RELEASE "fzbot_message"').run()
    return result
  } catch (error) {
    // An error that ended the whole transaction (SQLite does so on a full disk) left no savepoint.
    if (conn.inTransaction) {
      statement(conn, 'ROLLBACK TO "fzbot_message"').run()
      statement(conn, 'RELEASE "fzbot_message"').run()
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
  client: Db,
  fn: (conn: Sqlite) => T,
  idle: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 1)),
): Promise<T> {
  for (;;) {
    const conn = await sqliteOf(client)
    if (!conn.inTransaction) return fn(conn)
    await idle()
  }
}
