// Hot path: bulk inserts and look-ups (a file of 100,000 clues and their history), in plain SQL.
// Many rows per INSERT statement (multi-row VALUES): one statement call for a hundred rows costs
// less than a call per row, and binds the values as they are, with no JSON to build in JavaScript
// and to parse again in SQL. Look-ups by a long list of values go a fixed number at a time.
import type { Sql } from './sql.ts'

/** Rows per statement; a batch's last few rows go one statement each. */
const ROWS_PER_STATEMENT = 100

/**
 * Inserts one row per item into `table`: `values` pushes the values of item `index`, in `columns`'
 * order, onto the parameter list. With `returning`, the returned rows (as arrays), in no promised order.
 */
export async function insertMany<T>(
  sql: Sql,
  table: string,
  columns: readonly string[],
  items: readonly T[],
  values: (item: T, params: unknown[], index: number) => void,
  returning?: readonly string[],
): Promise<unknown[][]> {
  const tail = returning ? ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}` : ''
  const text = (rows: number) =>
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from(
      { length: rows },
      () => `(${columns.map(() => '?').join(', ')})`,
    ).join(', ')}${tail}`
  const many = text(ROWS_PER_STATEMENT)
  const one = text(1)
  const returned: unknown[][] = []
  const params: unknown[] = []
  const run = async (statement: string) => {
    if (returning) for (const row of await sql.rows(statement, ...params)) returned.push(row)
    else await sql.run(statement, ...params)
    params.length = 0
  }
  let i = 0
  for (; i + ROWS_PER_STATEMENT <= items.length; i += ROWS_PER_STATEMENT) {
    for (let k = i; k < i + ROWS_PER_STATEMENT; k++) values(items[k] as T, params, k)
    await run(many)
  }
  for (; i < items.length; i++) {
    values(items[i] as T, params, i)
    await run(one)
  }
  return returned
}

/** Values per look-up statement (the last chunk padded with NULL, which matches nothing). */
const VALUES_PER_LOOKUP = 500

/**
 * The rows (as arrays) of `select` (a query ending in `IN`) for every value of `values`, a fixed-size
 * list at a time: one statement however many values there are.
 */
export async function selectIn(sql: Sql, select: string, values: readonly unknown[]): Promise<unknown[][]> {
  const statement = `${select} (${Array(VALUES_PER_LOOKUP).fill('?').join(', ')})`
  const rows: unknown[][] = []
  for (let i = 0; i < values.length; i += VALUES_PER_LOOKUP) {
    const params = values.slice(i, i + VALUES_PER_LOOKUP)
    while (params.length < VALUES_PER_LOOKUP) params.push(null)
    for (const row of await sql.rows(statement, ...params)) rows.push(row)
  }
  return rows
}
