// Prisma's driver adapter over a better-sqlite3 connection that store/ opened itself (hot path:
// every Prisma query runs through it). @prisma/adapter-better-sqlite3 opens its own connection
// inside connect() and does not export its adapter class, so the connection could not be shared
// with the prepared statements of store/sqlite.ts; this is the same adapter, over ours. The value
// mapping follows @prisma/adapter-better-sqlite3 6.19 exactly (DateTime as ISO-8601 text with
// "+00:00", Boolean as 0/1, Bytes as BLOB, 64-bit integers as text), so rows written by either
// read the same. tests/store/connection.test.ts round-trips each type. Its statements stay prepared on
// the connection (Sqlite.prismaStatement: the most recent texts).

import { dirname } from 'node:path'
import {
  type ArgType,
  type ColumnType,
  ColumnTypeEnum,
  DriverAdapterError,
  type Error as DriverError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils'
import { makePrivateDir } from './private-files.ts'
import { dbDate } from './sql.ts'
import { Sqlite } from './sqlite.ts'

const ADAPTER_NAME = 'fzbot-store-sqlite'

function mapDeclType(declType: string | null): ColumnType | null {
  if (declType === null) return null
  switch (declType.toUpperCase()) {
    case '':
      return null
    case 'DECIMAL':
      return ColumnTypeEnum.Numeric
    case 'FLOAT':
      return ColumnTypeEnum.Float
    case 'DOUBLE':
    case 'DOUBLE PRECISION':
    case 'NUMERIC':
    case 'REAL':
      return ColumnTypeEnum.Double
    case 'TINYINT':
    case 'SMALLINT':
    case 'MEDIUMINT':
    case 'INT':
    case 'INTEGER':
    case 'SERIAL':
    case 'INT2':
      return ColumnTypeEnum.Int32
    case 'BIGINT':
    case 'UNSIGNED BIG INT':
    case 'INT8':
      return ColumnTypeEnum.Int64
    case 'DATETIME':
    case 'TIMESTAMP':
      return ColumnTypeEnum.DateTime
    case 'TIME':
      return ColumnTypeEnum.Time
    case 'DATE':
      return ColumnTypeEnum.Date
    case 'TEXT':
    case 'CLOB':
    case 'CHARACTER':
    case 'VARCHAR':
    case 'VARYING CHARACTER':
    case 'NCHAR':
    case 'NATIVE CHARACTER':
    case 'NVARCHAR':
      return ColumnTypeEnum.Text
    case 'BLOB':
      return ColumnTypeEnum.Bytes
    case 'BOOLEAN':
      return ColumnTypeEnum.Boolean
    case 'JSONB':
      return ColumnTypeEnum.Json
    default:
      return null
  }
}

/** A column without a declared type (an expression) takes the type of its first non-null value. */
function inferColumnType(value: unknown): ColumnType {
  switch (typeof value) {
    case 'string':
      return ColumnTypeEnum.Text
    case 'bigint':
      return ColumnTypeEnum.Int64
    case 'boolean':
      return ColumnTypeEnum.Boolean
    case 'number':
      return ColumnTypeEnum.UnknownNumber
    default:
      if (value instanceof ArrayBuffer || value instanceof Uint8Array) return ColumnTypeEnum.Bytes
      throw new Error(`unexpected value of type ${typeof value}`)
  }
}

function columnTypesOf(declared: (string | null)[], rows: unknown[][]): ColumnType[] {
  return declared.map((decl, i) => {
    const mapped = mapDeclType(decl)
    if (mapped !== null) return mapped
    const row = rows.find((r) => r[i] !== null)
    return row ? inferColumnType(row[i]) : ColumnTypeEnum.Int32
  })
}

function mapRow(row: unknown[], types: ColumnType[]): unknown[] {
  return row.map((value, i) => {
    if (value instanceof ArrayBuffer || value instanceof Uint8Array) return Array.from(new Uint8Array(value))
    const type = types[i]
    if (typeof value === 'number') {
      if ((type === ColumnTypeEnum.Int32 || type === ColumnTypeEnum.Int64) && !Number.isInteger(value))
        return Math.trunc(value)
      if (type === ColumnTypeEnum.DateTime) return new Date(value).toISOString()
      return value
    }
    if (typeof value === 'bigint')
      return type === ColumnTypeEnum.DateTime ? new Date(Number(value)).toISOString() : value.toString()
    return value
  })
}

function mapArg(arg: unknown, type: ArgType | undefined): unknown {
  if (arg === null) return null
  const scalar = type?.scalarType
  if (typeof arg === 'string') {
    if (scalar === 'int') return Number.parseInt(arg, 10)
    if (scalar === 'float' || scalar === 'decimal') return Number.parseFloat(arg)
    if (scalar === 'bigint') return BigInt(arg)
    if (scalar === 'datetime') return dbDate(new Date(arg))
    if (scalar === 'bytes') return Buffer.from(arg, 'base64')
    return arg
  }
  if (typeof arg === 'boolean') return arg ? 1 : 0
  if (arg instanceof Date) return dbDate(arg)
  if (Array.isArray(arg) && scalar === 'bytes') return Buffer.from(arg)
  return arg
}

function driverError(error: unknown): DriverError {
  const e = error as { code?: unknown; message?: unknown }
  if (typeof e?.code !== 'string' || typeof e.message !== 'string') throw error
  const fields = () =>
    (e.message as string)
      .split('constraint failed: ')
      .at(1)
      ?.split(', ')
      .map((f) => f.split('.').pop() as string)
  const base = { originalCode: e.code, originalMessage: e.message }
  switch (e.code) {
    case 'SQLITE_BUSY':
      return { ...base, kind: 'SocketTimeout' }
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY': {
      const f = fields()
      return { ...base, kind: 'UniqueConstraintViolation', constraint: f ? { fields: f } : undefined }
    }
    case 'SQLITE_CONSTRAINT_NOTNULL': {
      const f = fields()
      return { ...base, kind: 'NullConstraintViolation', constraint: f ? { fields: f } : undefined }
    }
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
    case 'SQLITE_CONSTRAINT_TRIGGER':
      return { ...base, kind: 'ForeignKeyConstraintViolation', constraint: { foreignKey: {} } }
  }
  if (e.message.startsWith('no such table'))
    return { ...base, kind: 'TableDoesNotExist', table: e.message.split(': ').at(1) }
  if (e.message.startsWith('no such column'))
    return { ...base, kind: 'ColumnNotFound', column: e.message.split(': ').at(1) }
  if (e.message.includes('has no column named '))
    return { ...base, kind: 'ColumnNotFound', column: e.message.split('has no column named ').at(1) }
  throw error
}

function rethrow(error: unknown): never {
  throw new DriverAdapterError(driverError(error))
}

class Queryable {
  readonly provider = 'sqlite' as const
  readonly adapterName = ADAPTER_NAME
  constructor(protected readonly conn: Sqlite) {}

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    try {
      // Integers come back as BigInt here, as in Prisma's adapter (store/sqlite.ts's own
      // statements turn that off for theirs).
      const st = this.conn.prismaStatement(query.sql)
      const args = query.args.map((a, i) => mapArg(a, query.argTypes[i]))
      if (!st.reader) {
        st.run(args)
        return { columnNames: [], columnTypes: [], rows: [] }
      }
      const columns = st.columns()
      const rows = st.raw(true).all(args) as unknown[][]
      const columnTypes = columnTypesOf(
        columns.map((c) => c.type),
        rows,
      )
      return {
        columnNames: columns.map((c) => c.name),
        columnTypes,
        rows: rows.map((r) => mapRow(r, columnTypes)),
      }
    } catch (error) {
      rethrow(error)
    }
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    try {
      const args = query.args.map((a, i) => mapArg(a, query.argTypes[i]))
      return this.conn.prismaStatement(query.sql).run(args).changes
    } catch (error) {
      rethrow(error)
    }
  }
}

class SqliteTransaction extends Queryable implements Transaction {
  readonly options = { usePhantomQuery: false }
  constructor(
    conn: Sqlite,
    private readonly release: () => void,
  ) {
    super(conn)
  }
  // Prisma sends COMMIT / ROLLBACK itself (usePhantomQuery: false); these only let the next one in.
  async commit(): Promise<void> {
    this.release()
  }
  async rollback(): Promise<void> {
    this.release()
  }
}

/** One transaction at a time on the one connection, in the order asked (as Prisma's adapter does). */
class TransactionQueue {
  #tail: Promise<void> = Promise.resolve()
  acquire(): Promise<() => void> {
    let release!: () => void
    const turn = new Promise<void>((r) => {
      release = r
    })
    const ready = this.#tail.then(() => release)
    this.#tail = this.#tail.then(() => turn)
    return ready
  }
}

class SqliteAdapter extends Queryable implements SqlDriverAdapter {
  readonly #queue = new TransactionQueue()

  async executeScript(script: string): Promise<void> {
    try {
      this.conn.exec(script)
    } catch (error) {
      rethrow(error)
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE')
      throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel })
    const release = await this.#queue.acquire()
    try {
      this.conn.prismaStatement('BEGIN').run()
    } catch (error) {
      release()
      rethrow(error)
    }
    return new SqliteTransaction(this.conn, release)
  }

  /** The connection is store/'s: closeDatabase closes it. */
  async dispose(): Promise<void> {}
}

/** One that opened its own connection (the CLI's) closes it. */
class OwnSqliteAdapter extends SqliteAdapter {
  override async dispose(): Promise<void> {
    this.conn.close()
  }
}

/** Prisma's adapter factory over `conn`: its one connection (not re-opened once closed). */
export function sqliteAdapter(conn: Sqlite): SqlDriverAdapterFactory {
  return {
    provider: 'sqlite',
    adapterName: ADAPTER_NAME,
    connect: async () => {
      if (!conn.open) throw new Error('the database was closed')
      return new SqliteAdapter(conn)
    },
  }
}

/**
 * For the prisma CLI (prisma.config.ts): a connection of its own to `path` (which it opens even
 * for a diff between two schema files, so its folder is made), and a shadow one in memory.
 */
export function sqliteCliAdapter(path: string): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'sqlite',
    adapterName: ADAPTER_NAME,
    connect: async () => {
      makePrivateDir(dirname(path))
      return new OwnSqliteAdapter(new Sqlite(path))
    },
    connectToShadowDb: async () => new OwnSqliteAdapter(new Sqlite(':memory:')),
  }
}
