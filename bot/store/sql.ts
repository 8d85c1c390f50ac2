// Hot path. store/'s own SQL, the same on both engines: each client carries its engine (`$engine`,
// a client extension its transactions inherit), and sqlOf gives the statements runner under a
// client or transaction. Statements are written once, with `?` parameters, double-quoted names and
// SQL both engines read; what differs (JSON lists, epoch times, string aggregation, the write lock)
// comes from the engine's Dialect: sqlite.ts and postgresql.ts are the one place of each engine's.
//
// On SQLite a statement is a prepared better-sqlite3 statement, run at once (a resolved promise);
// on PostgreSQL it runs through the client or transaction it was called on (Prisma's raw queries,
// `$1…` placeholders), so it is part of the same transaction either way.

/** Runs store/'s statements on one client or transaction. */
export interface Sql {
  /** Rows changed. */
  run(sql: string, ...params: unknown[]): Promise<number>
  get<T>(sql: string, ...params: unknown[]): Promise<T | undefined>
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>
  /** Rows as arrays of their values, in column order. */
  rows<T extends unknown[]>(sql: string, ...params: unknown[]): Promise<T[]>
  /**
   * As run and rows, the parameters given as one list: bulk.ts's statements, hundreds of values
   * each (no spreading them into arguments; on PostgreSQL past Prisma, see postgresql.ts).
   */
  runList(sql: string, params: readonly unknown[]): Promise<number>
  rowsList<T extends unknown[]>(sql: string, params: readonly unknown[]): Promise<T[]>
}

export type SqlType = 'integer' | 'text' | 'timestamp'

/** The SQL forms that differ between the engines. */
export interface Dialect {
  /** A subquery: the items of a JSON array parameter (one `?`), as column "value" of `type`. */
  jsonValues(type: SqlType): string
  /**
   * A condition: `expr` is one of the items (of `type`) of a JSON array parameter (one `?`), in a
   * form the planner looks up by an index on `expr`.
   */
  inJson(expr: string, type: SqlType): string
  /** A FROM item: the elements of a JSON array parameter (one `?`), each an array, as `j`. */
  readonly jsonArrays: string
  /** Item `index` of the element `j` of jsonArrays, as `type`. */
  jsonItem(index: number, type: SqlType): string
  /** A DateTime column as epoch milliseconds (an integer; null stays null). */
  epochMs(column: string): string
  /** Aggregate: the texts of `expr` joined by commas in `order` (null with no rows). */
  joinedByComma(expr: string, order: string): string
  /** Makes the transaction it runs in the only writer until it ends. */
  readonly writeLock: string
  /** A text expression compared and ordered byte by byte (as SQLite does by default). */
  bytewise(expr: string): string
  /** A parameter (one `?`) read as `type` where nothing else gives it one (a SELECT list). */
  param(type: SqlType): string
  /**
   * How bulk.ts writes many rows: 'rows', a one-row INSERT prepared once and run for each row
   * (SQLite: a run costs about a microsecond, and binding needs no JSON), or 'json', thousands of
   * rows a statement as one JSON parameter (PostgreSQL: every statement is a round trip).
   */
  readonly bulkForm: 'rows' | 'json'
}

/** The database under a client: its dialect, its statements runner, its per-database caches. */
export interface Engine {
  readonly kind: 'sqlite' | 'postgresql'
  /** The database file, or PostgreSQL's stand-in for one: files kept beside it live in its folder. */
  readonly home: string
  readonly dialect: Dialect
  /** Values derived from this database's data, keyed by their owner (see rosterCache). */
  readonly memo: Map<object, unknown>
  sql(client: OnEngine): Sql
  /**
   * One statement run once per parameter list, in a transaction of its own that no transaction
   * of the caller's contains (SQLite: after waiting until the shared connection is outside any);
   * the first row of each run.
   */
  batch<T>(
    db: OnEngine,
    sql: string,
    paramLists: unknown[][],
    idle?: () => Promise<unknown>,
  ): Promise<(T | undefined)[]>
  /** One statement committed on its own (outside any transaction open on the client); rows changed. */
  runAlone(db: OnEngine, sql: string, params: unknown[], idle?: () => Promise<unknown>): Promise<number>
  /** Closes the connection(s), after Prisma's $disconnect. */
  close(): Promise<void>
}

/** Anything of store/'s that stands on a database: the client, or a transaction of it. */
export interface OnEngine {
  readonly $engine: Engine
}

/**
 * The engine of each client and transaction seen: `$engine` is read through Prisma's client
 * proxy, which costs more than the statement it is read for (a message reads it ~10 times).
 */
const engines = new WeakMap<OnEngine, Engine>()

export function engineOf(client: OnEngine): Engine {
  let engine = engines.get(client)
  if (!engine) {
    engine = client.$engine
    engines.set(client, engine)
  }
  return engine
}

export function sqlOf(client: OnEngine): Sql {
  return engineOf(client).sql(client)
}

export function dialectOf(client: OnEngine): Dialect {
  return engineOf(client).dialect
}

/** A Date as a statement parameter: ISO-8601 with "+00:00" (SQLite stores it so; PostgreSQL reads it as timestamptz). */
export function dbDate(d: Date): string {
  // One message writes the same moment several times (received, handled, its rows' createdAt).
  const ms = d.getTime()
  if (ms !== lastDate.ms) lastDate = { ms, text: d.toISOString().replace('Z', '+00:00') }
  return lastDate.text
}

let lastDate = { ms: Number.NaN, text: '' }

/** A DateTime a statement read: ISO text (SQLite) or a Date (PostgreSQL). */
export function readDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null
  return new Date(typeof v === 'bigint' ? Number(v) : (v as string | number | Date))
}

/**
 * Whether reads on these databases can run at once: on PostgreSQL the server works on them
 * together; on SQLite a read blocks the process until it is done, so overlapping them only keeps
 * every result in memory at the same time.
 */
export function readsOverlap(clients: readonly OnEngine[]): boolean {
  return clients.every((c) => engineOf(c).kind !== 'sqlite')
}

/** Per transaction holding the write lock: what was read in it that only it can change. */
const lockedMemos = new WeakMap<object, Map<object, unknown>>()

/** Marks a transaction as holding the write lock (writeTransaction): no other writer commits until it ends. */
export function holdWriteLock(tx: OnEngine): void {
  lockedMemos.set(tx, new Map())
}

/**
 * Values read in a transaction holding the write lock, kept while only it can change them (the
 * writer forgets its own on a write; a rollback takes the transaction and its memo with it).
 * Undefined for a client outside such a transaction (another process may write at any time).
 */
export function lockedMemo(client: OnEngine): Map<object, unknown> | undefined {
  return lockedMemos.get(client)
}
