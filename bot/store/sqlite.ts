// Hot path. The one SQLite connection of a database, and everything that is SQLite's own dialect:
// the pragmas, the write lock, JSON lists, prepared statements (the engine of sql.ts on SQLite).
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
import { type Dialect, type Engine, engineOf, type OnEngine, type Sql } from './sql.ts'

export type Statement = Database.Statement

export const BUSY_TIMEOUT_MS = 5000

/** A better-sqlite3 connection that keeps its prepared statements (and small per-connection caches). */
export class Sqlite extends Database {
  readonly #statements = new Map<string, Statement>()
  /** Values derived from this connection's data, keyed by their owner (see rosterCache). */
  readonly memo = new Map<object, unknown>()

  readonly #prismaStatements = new Map<string, Statement>()

  /** A statement prepared once on this connection; integers come back as numbers. */
  statement(sql: string): Statement {
    let st = this.#statements.get(sql)
    if (!st) {
      st = this.prepare(sql).safeIntegers(false)
      this.#statements.set(sql, st)
    }
    return st
  }

  /**
   * A statement of Prisma's (sqlite-adapter.ts), integers as BigInt: the most recently used
   * PRISMA_STATEMENTS kept prepared, since Prisma sends the same few texts again and again (and
   * IN lists of every length, which must not grow the cache without bound).
   */
  prismaStatement(sql: string): Statement {
    let st = this.#prismaStatements.get(sql)
    if (st) this.#prismaStatements.delete(sql)
    else {
      st = this.prepare(sql).safeIntegers(true)
      if (this.#prismaStatements.size >= PRISMA_STATEMENTS)
        this.#prismaStatements.delete(this.#prismaStatements.keys().next().value as string)
    }
    this.#prismaStatements.set(sql, st)
    return st
  }
}

const PRISMA_STATEMENTS = 200

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

/** SQLite's forms of what differs between the engines (sql.ts). */
const dialect: Dialect = {
  jsonValues: () => `SELECT "value" FROM json_each(?)`,
  inJson: (expr) => `${expr} IN (SELECT "value" FROM json_each(?))`,
  jsonArrays: 'json_each(?) AS j',
  jsonItem: (index) => `j.value ->> ${index}`,
  epochMs: (column) => `CAST(ROUND(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`,
  // In the order the table is scanned: rowid order, which `order` (the primary key) is.
  joinedByComma: (expr) => `group_concat(${expr})`,
  // A no-op write: SQLite's write lock at once (see writeTransaction in db.ts).
  writeLock: 'UPDATE "ServiceState" SET "key" = "key" WHERE 0',
  bytewise: (expr) => expr,
  // Dates are stored as ISO text: every parameter goes in as given.
  param: () => '?',
  bulkForm: 'rows',
}

/** A connection's statements, run at once (prepared once per connection). */
class SqliteStatements implements Sql {
  constructor(private readonly conn: Sqlite) {}
  async run(sql: string, ...params: unknown[]): Promise<number> {
    return this.conn.statement(sql).run(...params).changes
  }
  async get<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
    return this.conn
      .statement(sql)
      .raw(false)
      .get(...params) as T | undefined
  }
  async all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    return this.conn
      .statement(sql)
      .raw(false)
      .all(...params) as T[]
  }
  async rows<T extends unknown[]>(sql: string, ...params: unknown[]): Promise<T[]> {
    return this.conn
      .statement(sql)
      .raw()
      .all(...params) as T[]
  }
  // better-sqlite3 binds an array's items as the anonymous parameters.
  async runList(sql: string, params: readonly unknown[]): Promise<number> {
    return this.conn.statement(sql).run(params).changes
  }
  async rowsList<T extends unknown[]>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return this.conn.statement(sql).raw().all(params) as T[]
  }
}

/** The one connection under a SQLite client and all its transactions. */
export class SqliteEngine implements Engine {
  readonly kind = 'sqlite'
  readonly dialect = dialect
  readonly #statements: SqliteStatements
  constructor(readonly conn: Sqlite) {
    this.#statements = new SqliteStatements(conn)
  }
  get memo(): Map<object, unknown> {
    return this.conn.memo
  }
  get home(): string {
    return this.conn.name
  }
  sql(): Sql {
    return this.#statements
  }
  batch<T>(db: OnEngine, sql: string, lists: unknown[][], idle?: () => Promise<unknown>) {
    return whenOutsideTransaction(
      db,
      (conn) => {
        const st = conn.statement(sql)
        return conn.transaction(() => lists.map((params) => st.get(...params) as T | undefined))()
      },
      idle,
    )
  }
  runAlone(db: OnEngine, sql: string, params: unknown[], idle?: () => Promise<unknown>) {
    return whenOutsideTransaction(db, (conn) => conn.statement(sql).run(...params).changes, idle)
  }
  async close(): Promise<void> {
    this.conn.close()
  }
}

/** The SQLite connection under a client or transaction client (SQLite-only features). */
export function sqliteOf(client: OnEngine): Sqlite {
  const engine = engineOf(client)
  if (!(engine instanceof SqliteEngine)) throw new Error('a SQLite-only operation on a PostgreSQL database')
  return engine.conn
}

/** Whether the client stands on a SQLite file (false: PostgreSQL). */
export function onSqlite(client: OnEngine): boolean {
  return engineOf(client) instanceof SqliteEngine
}

/** A statement prepared once per connection; integers come back as numbers. */
export function statement(conn: Sqlite, sql: string): Statement {
  return conn.statement(sql)
}

/**
 * Runs `fn` once the connection is outside any transaction (so what it writes commits on its own,
 * not with whichever transaction happens to be open on the shared connection). `idle` says how to
 * wait when it is not; the default polls every millisecond.
 */
async function whenOutsideTransaction<T>(
  client: OnEngine,
  fn: (conn: Sqlite) => T,
  idle: () => Promise<unknown> = () => new Promise((r) => setTimeout(r, 1)),
): Promise<T> {
  const conn = sqliteOf(client)
  for (;;) {
    if (!conn.inTransaction) return fn(conn)
    await idle()
  }
}

/** The column names of a table, in their order (SQLite's own catalog). */
export async function sqliteColumns(client: OnEngine, table: string): Promise<string[]> {
  const rows = await engineOf(client)
    .sql(client)
    .rows<[string]>('SELECT "name" FROM pragma_table_info(?) ORDER BY "cid"', table)
  return rows.map(([name]) => name)
}

/** "file:./data/bot.db" → absolute path. */
export function databasePath(url: string): string {
  return resolve(url.replace(/^file:/, ''))
}
