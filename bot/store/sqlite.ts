// Prepared better-sqlite3 statements on Prisma's own connection, for the hot paths (every inbound
// message, bulk clue writes, the bulletin's full read). Prisma compiles every query it is given
// (0.2–2 ms each, more than SQLite takes to run it); a prepared statement costs microseconds.
//
// The statements run on the very connection the Prisma adapter opened (found once per client by
// a marked probe query), never on a second one: inside `writeTransaction` they are part of the
// same transaction, and no second connection of this process can wait on a lock that its own
// event loop holds. The Prisma adapter and this module load the same better-sqlite3 copy (npm
// override in package.json); the probe checks it.
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

/** The connection under a Prisma client or transaction client, once known. */
export function knownSqlite(client: Db | Tx): Sqlite | undefined {
  const conn = connections.get(engineOf(client))
  return conn?.open ? conn : undefined
}

/** The connection under a Prisma client or transaction client (found on first use, and after a reconnect). */
export function sqliteOf(client: Db | Tx): Promise<Sqlite> {
  const known = knownSqlite(client)
  if (known) return Promise.resolve(known)
  // One probe at a time: each swaps Database.prototype.prepare for the duration of one query.
  const found = probing.then(() => knownSqlite(client) ?? probe(client))
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

export function dbDateOrNull(d: Date | null | undefined): string | null {
  return d ? dbDate(d) : null
}

/** A stored DateTime as Prisma reads it. */
export function readDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null
  return new Date(typeof v === 'bigint' ? Number(v) : (v as string | number))
}

/** Bytes as Prisma returns them (a plain Uint8Array, not a Buffer). */
export function readBytes(v: unknown): Uint8Array | null {
  if (v === null || v === undefined) return null
  const b = v as Uint8Array
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
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
