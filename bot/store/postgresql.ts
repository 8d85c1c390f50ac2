// Hot path (on PostgreSQL). Everything that is PostgreSQL's own: the connection pool and its schema
// (`?schema=` in DATABASE_URL: one schema per office under one database), the dialect of sql.ts,
// `$1…` placeholders, and its migrations (prisma/postgresql/migrations, applied in order per schema).
//
// store/'s statements run through Prisma's raw queries on the client or transaction they were
// called on, so they share its transaction; the pool's connections each have the schema as their
// search_path, so the same unqualified names as on SQLite resolve to the office's tables.
import { resolve } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../../generated/prisma-postgresql/client.ts'
import { applyPostgresMigrations } from './migrate.ts'
import { type Dialect, type Engine, engineOf, type OnEngine, type Sql, type SqlType, sqlOf } from './sql.ts'

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url)
}

/** The connection string without `schema`, and the schema (public when none is named). */
export function postgresTarget(url: string): { connectionString: string; schema: string } {
  const u = new URL(url)
  const schema = u.searchParams.get('schema') || 'public'
  u.searchParams.delete('schema')
  return { connectionString: u.toString(), schema }
}

/** The URL as it may be shown: its password, if any, as ***. */
export function shownPostgresUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    // Not a URL at all: nothing in it can be told apart from a password.
    return '***'
  }
}

/**
 * What stands for the database file on this machine (never opened): data/postgresql/<schema>/bot.db
 * under the working directory, so that files kept beside a database have a folder per office.
 */
export function postgresHome(url: string): string {
  return resolve('data', 'postgresql', postgresTarget(url).schema, 'bot.db')
}

const PG_TYPES: Record<SqlType, string> = { integer: 'integer', text: 'text', timestamp: 'timestamptz' }
const pgType = (type: SqlType) => PG_TYPES[type]

/** PostgreSQL's forms of what differs between the engines (sql.ts). */
const dialect: Dialect = {
  jsonValues: (type) =>
    `SELECT CAST(j.value AS ${pgType(type)}) AS "value" FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS j(value)`,
  // `IN (subquery)` of a set-returning function is planned as a semi-join over the whole table;
  // `= ANY(ARRAY(…))` is one index scan for the list.
  inJson: (expr, type) =>
    `${expr} = ANY(ARRAY(SELECT CAST(j.value AS ${pgType(type)}) FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS j(value)))`,
  jsonArrays: 'jsonb_array_elements(CAST(? AS jsonb)) AS j(value)',
  jsonItem: (index, type) => `CAST(j.value ->> ${index} AS ${pgType(type)})`,
  epochMs: (column) => `CAST(ROUND(extract(epoch FROM ${column}) * 1000) AS bigint)`,
  joinedByComma: (expr, order) => `string_agg(${expr}, ',' ORDER BY ${order})`,
  // One writer per schema (office) at a time, as SQLite has one per file: the store's
  // read-then-write steps (the next clue number, a report's revision) stay serial.
  writeLock: 'SELECT pg_advisory_xact_lock(hashtext(current_schema()))',
  // The database's collation (en_US…) would order text by language rules; "C" is byte order.
  bytewise: (expr) => `${expr} COLLATE "C"`,
  param: (type) => `CAST(? AS ${pgType(type)})`,
  bulkForm: 'json',
}

const placeholders = new Map<string, string>()

/** `?` → `$1…` (outside quoted strings and names), converted once per statement text. */
export function numbered(sql: string): string {
  let out = placeholders.get(sql)
  if (out !== undefined) return out
  let n = 0
  out = sql.replace(/'(?:[^']|'')*'|"[^"]*"|\?/g, (m) => (m === '?' ? `$${++n}` : m))
  placeholders.set(sql, out)
  return out
}

/** Prisma's raw-query surface, shared by the client and its transactions. */
interface RawClient {
  $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>
  $transaction<R>(
    fn: (tx: RawClient) => Promise<R>,
    options?: { timeout?: number; maxWait?: number },
  ): Promise<R>
}

/** Counts come back as bigint: store/ reads numbers, as better-sqlite3 gives them. */
function numbersOf<T>(row: Record<string, unknown>): T {
  for (const k in row) if (typeof row[k] === 'bigint') row[k] = Number(row[k])
  return row as T
}

/**
 * PostgreSQL's text cannot hold U+0000 (SQLite's can): a message with one would not be stored at
 * all, so there it is stored with U+FFFD in its place, the one change to what people wrote.
 */
const storable = (params: readonly unknown[]) =>
  params.map((p) => (typeof p === 'string' && p.includes('\u0000') ? p.replaceAll('\u0000', '\ufffd') : p))

/** bigint and numeric values (counts, sums, epoch milliseconds) as numbers, as store/ reads them. */
const AS_NUMBER = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC])
const DIRECT_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    AS_NUMBER.has(oid) ? Number : pg.types.getTypeParser(oid, format as 'text')) as never,
}

/**
 * The pool's connections, to run store/'s statements on the connection of the transaction they
 * belong to without Prisma's raw-query layer, which costs milliseconds a statement and more per
 * kilobyte of parameters (a 5,000-row JSON parameter: tens of milliseconds; ingest on PostgreSQL
 * went through it at under 100 messages a second). A transaction's
 * connection is found once, by its backend process id; the adapter passes statements to that same
 * pg client, so a direct statement is part of the transaction like any other.
 */
class Connections {
  readonly #clients = new Set<pg.PoolClient>()
  readonly #ofTransaction = new WeakMap<object, Promise<pg.PoolClient | undefined>>()
  readonly #known = new WeakMap<object, pg.PoolClient>()
  constructor(readonly pool: pg.Pool) {
    pool.on('connect', (c) => this.#clients.add(c as pg.PoolClient))
    pool.on('remove', (c) => this.#clients.delete(c as pg.PoolClient))
  }
  /** The connection under a transaction client (undefined: not found, go through Prisma). */
  of(tx: RawClient): Promise<pg.PoolClient | undefined> {
    let found = this.#ofTransaction.get(tx)
    if (!found) {
      found = tx.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid').then(([row]) => {
        for (const c of this.#clients)
          if ((c as unknown as { processID: number }).processID === row?.pid) {
            this.#known.set(tx, c)
            return c
          }
        return undefined
      })
      this.#ofTransaction.set(tx, found)
    }
    return found
  }
  /** The same, once found: at once, so that a statement is sent before the caller's next await. */
  known(tx: RawClient): pg.PoolClient | undefined {
    return this.#known.get(tx)
  }
}

/** Prisma's client itself, not one of its transactions (only the client has $transaction). */
const isRoot = (client: RawClient) => typeof (client as Partial<RawClient>).$transaction === 'function'

class PgStatements implements Sql {
  constructor(
    private readonly client: RawClient,
    private readonly connections?: Connections,
  ) {}
  /** The statement on the connection of the client's transaction (or the pool), past Prisma; undefined: not found. */
  async #direct(
    sql: string,
    params: readonly unknown[],
    asArrays: boolean,
  ): Promise<pg.QueryResult | undefined> {
    if (!this.connections) return undefined
    const conn = isRoot(this.client)
      ? this.connections.pool
      : (this.connections.known(this.client) ?? (await this.connections.of(this.client)))
    if (!conn) return undefined
    return conn.query({
      text: numbered(sql),
      values: storable(params),
      ...(asArrays ? { rowMode: 'array' as const } : {}),
      types: DIRECT_TYPES,
    })
  }
  async runList(sql: string, params: readonly unknown[]): Promise<number> {
    const r = await this.#direct(sql, params, true)
    return r ? (r.rowCount ?? 0) : this.client.$executeRawUnsafe(numbered(sql), ...storable(params))
  }
  async rowsList<T extends unknown[]>(sql: string, params: readonly unknown[]): Promise<T[]> {
    const r = await this.#direct(sql, params, true)
    return r ? (r.rows as T[]) : (await this.#viaPrisma(sql, params)).map((row) => Object.values(row) as T)
  }
  run(sql: string, ...params: unknown[]): Promise<number> {
    return this.runList(sql, params)
  }
  async get<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
    return (await this.all<T>(sql, ...params))[0]
  }
  async all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    const r = await this.#direct(sql, params, false)
    return r ? (r.rows as T[]) : (await this.#viaPrisma(sql, params)).map((row) => numbersOf<T>(row))
  }
  rows<T extends unknown[]>(sql: string, ...params: unknown[]): Promise<T[]> {
    return this.rowsList<T>(sql, params)
  }
  #viaPrisma(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return this.client.$queryRawUnsafe<Record<string, unknown>[]>(numbered(sql), ...storable(params))
  }
}

class PostgresEngine implements Engine {
  readonly kind = 'postgresql'
  readonly dialect = dialect
  readonly memo = new Map<object, unknown>()
  constructor(
    readonly pool: pg.Pool,
    readonly home: string,
    readonly connections: Connections,
  ) {}
  sql(client: OnEngine): Sql {
    return new PgStatements(client as unknown as RawClient, this.connections)
  }
  async batch<T>(db: OnEngine, sql: string, lists: unknown[][]): Promise<(T | undefined)[]> {
    // A pool connection of its own: never inside a transaction of the caller's.
    return (db as unknown as RawClient).$transaction(async (tx) => {
      const st = new PgStatements(tx, this.connections)
      const out: (T | undefined)[] = []
      for (const params of lists) out.push(await st.get<T>(sql, ...params))
      return out
    })
  }
  runAlone(db: OnEngine, sql: string, params: unknown[]): Promise<number> {
    return new PgStatements(db as unknown as RawClient, this.connections).run(sql, ...params)
  }
  async close(): Promise<void> {
    await this.pool.end()
  }
}

/**
 * store/'s statements on one pg connection, without Prisma: what a bulk copy runs (Prisma's raw
 * queries pass each Bytes value through its own encoding, many times the bytes in memory and time).
 * Integers of int8 come back as pg gives them (text); the callers read counts with Number().
 */
class PgConnectionStatements implements Sql {
  constructor(private readonly conn: pg.ClientBase) {}
  async run(sql: string, ...params: unknown[]): Promise<number> {
    return (await this.conn.query(numbered(sql), storable(params))).rowCount ?? 0
  }
  async get<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
    return (await this.all<T>(sql, ...params))[0]
  }
  async all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    const { rows } = await this.conn.query(numbered(sql), storable(params))
    return rows.map((r: Record<string, unknown>) => numbersOf<T>(r))
  }
  async rows<T extends unknown[]>(sql: string, ...params: unknown[]): Promise<T[]> {
    const { rows } = await this.conn.query({
      text: numbered(sql),
      values: storable(params),
      rowMode: 'array',
    })
    return rows as T[]
  }
  runList(sql: string, params: readonly unknown[]): Promise<number> {
    return this.run(sql, ...params)
  }
  rowsList<T extends unknown[]>(sql: string, params: readonly unknown[]): Promise<T[]> {
    return this.rows<T>(sql, ...params)
  }
}

/**
 * Runs `fn` in one transaction on a pool connection of its own, as a store client whose statements
 * (sqlOf) go straight to pg; committed if it resolves, rolled back if it throws. It takes the
 * schema's write lock first, as writeTransaction does; `snapshot`: instead, a read-only transaction
 * that sees one state of the schema throughout.
 */
export async function inConnectionTransaction<T>(
  db: OnEngine,
  fn: (tx: OnEngine) => Promise<T>,
  o: { snapshot?: boolean } = {},
): Promise<T> {
  const engine = engineOf(db)
  if (!(engine instanceof PostgresEngine)) throw new Error('a PostgreSQL-only operation on a SQLite database')
  const conn = await engine.pool.connect()
  try {
    await conn.query(o.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN')
    const statements = new PgConnectionStatements(conn)
    const tx: OnEngine = {
      $engine: Object.assign(Object.create(engine) as Engine, { sql: () => statements }),
    }
    try {
      if (!o.snapshot) await statements.run(dialect.writeLock)
      const out = await fn(tx)
      await conn.query('COMMIT')
      return out
    } catch (error) {
      try {
        await conn.query('ROLLBACK')
      } catch {
        // A connection that broke ended its transaction itself: the first error is the one to tell.
      }
      throw error
    }
  } finally {
    conn.release()
  }
}

/** Connections whose search_path is the schema (quoted: any name an office takes). */
function poolFor(url: string): { pool: pg.Pool; schema: string } {
  const { connectionString, schema } = postgresTarget(url)
  const path = `"${schema.replaceAll('"', '""')}"`
  return { pool: new pg.Pool({ connectionString, options: `-c search_path=${path}` }), schema }
}

/** Opens the pool, creates the schema if need be and brings it up to date; Prisma's client on it. */
export async function openPostgresClient(url: string) {
  const { pool, schema } = poolFor(url)
  // Before the first connection: every connection the pool opens is known to it.
  const connections = new Connections(pool)
  try {
    const conn = await pool.connect()
    try {
      await applyPostgresMigrations(conn, schema)
    } finally {
      conn.release()
    }
  } catch (error) {
    await pool.end()
    throw error
  }
  const engine: Engine = new PostgresEngine(pool, postgresHome(url), connections)
  return new PrismaClient({ adapter: new PrismaPg(pool, { schema }) }).$extends({
    client: { $engine: engine },
  })
}

/** Runs `fn` on one connection to the database of `url` (its schema as search_path), then closes it. */
export async function withPostgres<T>(url: string, fn: (conn: pg.PoolClient, schema: string) => Promise<T>) {
  const { pool, schema } = poolFor(url)
  try {
    const conn = await pool.connect()
    try {
      return await fn(conn, schema)
    } finally {
      conn.release()
    }
  } finally {
    await pool.end()
  }
}

/** A column of the schema's tables as PostgreSQL's catalog describes it. */
export interface CatalogColumn {
  table: string
  column: string
  /** information_schema's data_type: integer, text, timestamp with time zone, boolean, bytea… */
  type: string
  primary: boolean
  /** Filled from a sequence when left out (SERIAL). */
  serial: boolean
}

/** Every column of the schema's tables, in each table's column order. */
export async function postgresColumns(client: OnEngine): Promise<CatalogColumn[]> {
  // information_schema's own types (name, yes_or_no…) are cast to text: Prisma reads no others.
  const rows = await sqlOf(client).rows<[string, string, string, boolean, boolean]>(
    `SELECT CAST(c.table_name AS text), CAST(c.column_name AS text), CAST(c.data_type AS text),
            EXISTS (SELECT 1 FROM information_schema.table_constraints t
                    JOIN information_schema.key_column_usage k
                      ON k.constraint_name = t.constraint_name AND k.table_schema = t.table_schema
                    WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name
                      AND t.constraint_type = 'PRIMARY KEY' AND k.column_name = c.column_name),
            COALESCE(CAST(c.column_default AS text), '') LIKE 'nextval(%'
     FROM information_schema.columns c
     WHERE c.table_schema = current_schema()
     ORDER BY c.table_name, c.ordinal_position`,
  )
  return rows.map(([table, column, type, primary, serial]) => ({ table, column, type, primary, serial }))
}

/** The schema's foreign keys as [table, the table it references]. */
export async function postgresReferences(client: OnEngine): Promise<[string, string][]> {
  return sqlOf(client).rows<[string, string]>(
    `SELECT CAST(child.relname AS text), CAST(parent.relname AS text)
     FROM pg_constraint con
     JOIN pg_class child ON child.oid = con.conrelid
     JOIN pg_class parent ON parent.oid = con.confrelid
     WHERE con.contype = 'f' AND con.connamespace = CAST(current_schema() AS regnamespace)`,
  )
}

/** Moves a serial column's sequence past the largest value in it: the next row gets a fresh one. */
export async function resetSerial(client: OnEngine, table: string, column: string): Promise<void> {
  await sqlOf(client).rows(
    `SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX("${column}") FROM "${table}"), 0) + 1, false)`,
    `"${table}"`,
    column,
  )
}
