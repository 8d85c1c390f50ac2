// Hot path: bulk inserts and look-ups (a file of 100,000 clues and their history), in plain SQL.
// In the dialect's bulk form (sql.ts): on SQLite one prepared one-row INSERT run for each row, which
// binds the values as they are, with no JSON to build in JavaScript and to parse again in SQL (and
// measured ~10% cheaper per row than multi-row VALUES, whose rows SQLite feeds through a
// co-routine); look-ups by a long list of values go a fixed number at a time. On PostgreSQL, where
// every statement is a round trip, the rows (or the values looked up) go as one JSON parameter,
// thousands a statement.

import type { OnEngine } from './sql.ts'
import { type Dialect, dialectOf, type Sql, type SqlType, sqlOf } from './sql.ts'

/**
 * Rows per VALUES statement (insertValues); a batch's last rows go in one statement of their own
 * size (so a table has at most this many statement texts).
 */
const ROWS_PER_STATEMENT = 100
/** Rows per JSON statement. */
const ROWS_PER_JSON = 5000

/** A table's columns to fill, in order, each with its type (the JSON form reads each as it). */
export type Columns = Readonly<Record<string, SqlType>>

const names = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(', ')

/** Statement texts, made once per table, columns, form and returned columns. */
const texts = new Map<string, string>()

function textOf(key: string, make: () => string): string {
  let text = texts.get(key)
  if (text === undefined) {
    text = make()
    texts.set(key, text)
  }
  return text
}

/** Inserts one row per item into `table`: `values` gives the values of item `index`, in `columns`' order. */
export async function insertMany<T>(
  client: OnEngine,
  table: string,
  columns: Columns,
  items: readonly T[],
  values: (item: T, index: number) => unknown[],
): Promise<void> {
  const dialect = dialectOf(client)
  const sql = sqlOf(client)
  const key = `${table}|${Object.keys(columns).join()}|${dialect.bulkForm}`
  if (dialect.bulkForm === 'rows') {
    const statement = textOf(key, () => {
      const slots = Object.keys(columns).map(() => '?')
      return `INSERT INTO "${table}" (${names(Object.keys(columns))}) VALUES (${slots.join(', ')})`
    })
    // A statement run, on SQLite, is synchronous: the await per row costs ~0.1 µs.
    for (let i = 0; i < items.length; i++) await sql.runList(statement, values(items[i] as T, i))
    return
  }
  const statement = textOf(key, () => jsonInsert(dialect, table, columns))
  for (let i = 0; i < items.length; i += ROWS_PER_JSON) {
    const rows: unknown[][] = []
    for (let k = i; k < Math.min(i + ROWS_PER_JSON, items.length); k++) rows.push(values(items[k] as T, k))
    await sql.runList(statement, [JSON.stringify(rows)])
  }
}

/**
 * Rows inserted by multi-row VALUES statements, whatever the dialect's bulk form: each value binds
 * as itself, of any type (a copy of whole tables into PostgreSQL: bytes, booleans, JSON).
 */
export async function insertValues<T>(
  client: OnEngine,
  table: string,
  columns: readonly string[],
  items: readonly T[],
  values: (item: T, index: number) => unknown[],
): Promise<void> {
  const sql = sqlOf(client)
  const width = columns.length
  const text = (rows: number) =>
    textOf(`${table}|${columns.join()}|${rows}`, () => {
      const row = `(${Array(width).fill('?').join(', ')})`
      return `INSERT INTO "${table}" (${names(columns)}) VALUES ${Array(rows).fill(row).join(', ')}`
    })
  // One list of parameters, filled again for every full statement.
  const params: unknown[] = new Array(ROWS_PER_STATEMENT * width)
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) {
    const rows = Math.min(ROWS_PER_STATEMENT, items.length - i)
    if (rows < ROWS_PER_STATEMENT) params.length = rows * width
    for (let k = 0; k < rows; k++) {
      const row = values(items[i + k] as T, i + k)
      for (let c = 0; c < width; c++) params[k * width + c] = row[c]
    }
    await sql.runList(text(rows), params)
  }
}

/** INSERT … SELECT of the items of the JSON array parameter, each an array of the row's values. */
function jsonInsert(dialect: Dialect, table: string, columns: Columns): string {
  const items = Object.values(columns).map((type, i) => dialect.jsonItem(i, type))
  return `INSERT INTO "${table}" (${names(Object.keys(columns))}) SELECT ${items.join(', ')} FROM ${dialect.jsonArrays}`
}

/** Values per look-up statement (the last chunk padded with NULL, which matches nothing). */
const VALUES_PER_LOOKUP = 500

/**
 * The rows (as arrays) of `select` (a query ending in WHERE or AND) where `column` is any of
 * `values` (of `type`): on SQLite a fixed-size IN list at a time (one statement however many
 * values there are), on PostgreSQL all of them as one JSON parameter.
 */
export async function selectIn(
  client: OnEngine,
  select: string,
  column: string,
  values: readonly unknown[],
  type: SqlType = 'text',
): Promise<unknown[][]> {
  const sql: Sql = sqlOf(client)
  const dialect = dialectOf(client)
  if (dialect.bulkForm === 'json') {
    if (values.length === 0) return []
    return sql.rowsList(`${select} ${dialect.inJson(column, type)}`, [JSON.stringify(values)])
  }
  const statement = `${select} ${column} IN (${Array(VALUES_PER_LOOKUP).fill('?').join(', ')})`
  const rows: unknown[][] = []
  for (let i = 0; i < values.length; i += VALUES_PER_LOOKUP) {
    const params = values.slice(i, i + VALUES_PER_LOOKUP)
    while (params.length < VALUES_PER_LOOKUP) params.push(null)
    for (const row of await sql.rowsList(statement, params)) rows.push(row)
  }
  return rows
}
