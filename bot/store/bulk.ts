// Hot path: bulk inserts and look-ups (a file of 100,000 clues and their history), in plain SQL.
// Many rows per INSERT statement (multi-row VALUES): one statement call for a hundred rows costs
// less than a call per row, and binds the values as they are, with no JSON to build in JavaScript
// and to parse again in SQL. Look-ups by a long list of values go a fixed number at a time.
import { type Sqlite, statement } from './sqlite.ts'

/** Rows per statement; a batch's last few rows go one statement each. */
const ROWS_PER_STATEMENT = 100

/**
 * Inserts one row per item into `table`: `values` pushes the values of item `index`, in `columns`'
 * order, onto the parameter list. With `returning`, the returned rows (as arrays), in no promised order.
 */
export function insertMany<T>(
  conn: Sqlite,
  table: string,
  columns: readonly string[],
  items: readonly T[],
  values: (item: T, params: unknown[], index: number) => void,
  returning?: readonly string[],
): unknown[][] {
  const tail = returning ? ` RETURNING ${returning.map((c) => `"${c}"`).join(', ')}` : ''
  const sql = (rows: number) =>
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from(
      { length: rows },
      () => `(${columns.map(() => '?').join(', ')})`,
    ).join(', ')}${tail}`
  const many = statement(conn, sql(ROWS_PER_STATEMENT))
  const one = statement(conn, sql(1))
  const returned: unknown[][] = []
  const params: unknown[] = []
  const run = (st: ReturnType<typeof statement>) => {
    if (returning) for (const row of st.raw().all(params) as unknown[][]) returned.push(row)
    else st.run(params)
    params.length = 0
  }
  let i = 0
  for (; i + ROWS_PER_STATEMENT <= items.length; i += ROWS_PER_STATEMENT) {
    for (let k = i; k < i + ROWS_PER_STATEMENT; k++) values(items[k] as T, params, k)
    run(many)
  }
  for (; i < items.length; i++) {
    values(items[i] as T, params, i)
    run(one)
  }
  return returned
}

/** Values per look-up statement (the last chunk padded with NULL, which matches nothing). */
const VALUES_PER_LOOKUP = 500

/**
 * The rows (as arrays) of `select` (a query ending in `IN`) for every value of `values`, a fixed-size
 * list at a time: one prepared statement however many values there are.
 */
export function selectIn(conn: Sqlite, select: string, values: readonly unknown[]): unknown[][] {
  const st = statement(conn, `${select} (${Array(VALUES_PER_LOOKUP).fill('?').join(', ')})`).raw()
  const rows: unknown[][] = []
  for (let i = 0; i < values.length; i += VALUES_PER_LOOKUP) {
    const params = values.slice(i, i + VALUES_PER_LOOKUP)
    while (params.length < VALUES_PER_LOOKUP) params.push(null)
    for (const row of st.all(params) as unknown[][]) rows.push(row)
  }
  return rows
}
