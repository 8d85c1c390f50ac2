// Not on the hot path: `cli migrate` (bot/cli/migrate.ts). A SQLite record copied into an empty
// PostgreSQL schema, table by table in foreign-key order, a page of rows at a time (bounded by rows
// and by bytes, so memory stays flat whatever the record's size), all in one transaction on the
// target; then each serial column's sequence moved past the copied ids. verifyRecord reads both
// sides back the same way and compares per table the row count and a SHA-256 over the rows in
// primary-key order, each value normalised (instants as ISO UTC, booleans, integers as decimal
// text, bytes as hex, null), so that what is compared is what each engine holds.
import { createHash } from 'node:crypto'
import { type AuditEntry, audit } from './audit.ts'
import { insertValues } from './bulk.ts'
import { type Db, type Tx, writeTransaction } from './db.ts'
import { inConnectionTransaction, postgresColumns, postgresReferences, resetSerial } from './postgresql.ts'
import { dbDate, dialectOf, engineOf, type OnEngine, readDate, sqlOf } from './sql.ts'
import { sqliteColumns } from './sqlite.ts'
import { TABLES, tableCounts } from './tables.ts'

export type ColumnKind = 'integer' | 'text' | 'instant' | 'boolean' | 'bytes'

export interface TableShape {
  name: string
  columns: { name: string; kind: ColumnKind }[]
  /** The one primary-key column: the order rows are read and hashed in. */
  key: string
  /** The key is filled from a sequence (moved past the copied ids). */
  serial: boolean
}

/** A page holds at most this many rows… */
const PAGE_ROWS = 500
/** …and about this many bytes of text and files (a single larger row is a page of its own). */
const PAGE_BYTES = 8 * 1024 * 1024
/** How long the two transactions may stay open: a record of years, files included. */
const MIGRATE_TIMEOUT_MS = 6 * 3600_000

const KINDS: Record<string, ColumnKind> = {
  integer: 'integer',
  bigint: 'integer',
  smallint: 'integer',
  text: 'text',
  'character varying': 'text',
  'timestamp with time zone': 'instant',
  'timestamp without time zone': 'instant',
  boolean: 'boolean',
  bytea: 'bytes',
}

/** The target's tables that hold the record (one per model), parents before the tables naming them. */
export async function recordShapes(target: OnEngine): Promise<TableShape[]> {
  const columns = await postgresColumns(target)
  const shapes = new Map<string, TableShape>()
  for (const name of TABLES) {
    const own = columns.filter((c) => c.table === name)
    const keys = own.filter((c) => c.primary)
    if (own.length === 0 || keys.length !== 1) throw new Error(`table ${name}: no single-column primary key`)
    const key = keys[0] as (typeof keys)[number]
    shapes.set(name, {
      name,
      columns: own.map((c) => {
        const kind = KINDS[c.type]
        if (!kind) throw new Error(`column ${name}.${c.column}: type ${c.type} is not one the copy knows`)
        return { name: c.column, kind }
      }),
      key: key.column,
      serial: key.serial,
    })
  }
  const parents = new Map<string, Set<string>>()
  for (const [child, parent] of await postgresReferences(target))
    if (child !== parent) parents.set(child, (parents.get(child) ?? new Set()).add(parent))
  const ordered: TableShape[] = []
  const placed = new Set<string>()
  const place = (name: string, path: string[]) => {
    if (placed.has(name) || !shapes.has(name)) return
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`)
    for (const p of parents.get(name) ?? []) place(p, [...path, name])
    placed.add(name)
    ordered.push(shapes.get(name) as TableShape)
  }
  for (const name of TABLES) place(name, [])
  return ordered
}

/** The source's columns differ from the target's (a schema of another version). */
export class ColumnsDiffer extends Error {
  constructor(
    readonly table: string,
    readonly source: string[],
    readonly target: string[],
  ) {
    super(`${table}: source columns ${source.join(',')} ≠ target ${target.join(',')}`)
  }
}

/** The target schema already holds rows: a copy would merge two records. */
export class TargetNotEmpty extends Error {
  constructor(readonly counts: Record<string, number>) {
    super(`target holds rows: ${JSON.stringify(counts)}`)
  }
}

/** The copy read back from the target does not match the source (nothing was committed). */
export class CopyMismatch extends Error {
  constructor(readonly checks: TableCheck[]) {
    super(`copy differs in ${checks.filter((c) => !c.ok).map((c) => c.table)}`)
  }
}

/** The rows of a table in key order, a bounded page at a time. */
async function* pages(db: OnEngine, shape: TableShape): AsyncGenerator<unknown[][]> {
  const sql = sqlOf(db)
  const quoted = `"${shape.key}"`
  const key =
    shape.columns.find((c) => c.name === shape.key)?.kind === 'text' ? dialectOf(db).bytewise(quoted) : quoted
  const sized = shape.columns.filter((c) => c.kind === 'text' || c.kind === 'bytes')
  const size = sized.map((c) => `COALESCE(length("${c.name}"), 0)`).join(' + ') || '0'
  const columns = shape.columns.map((c) => `"${c.name}"`).join(', ')
  const table = `"${shape.name}"`
  let last: unknown
  let first = true
  for (;;) {
    const after = first ? [] : [last]
    const sizes = await sql.rows<[unknown, number]>(
      `SELECT ${quoted}, ${size} FROM ${table} ${first ? '' : `WHERE ${key} > ?`} ORDER BY ${key} LIMIT ${PAGE_ROWS}`,
      ...after,
    )
    if (sizes.length === 0) return
    let n = 0
    let bytes = 0
    for (const [, s] of sizes) {
      if (n > 0 && bytes + Number(s) > PAGE_BYTES) break
      bytes += Number(s)
      n++
    }
    const upTo = (sizes[n - 1] as [unknown, number])[0]
    yield await sql.rows<unknown[]>(
      `SELECT ${columns} FROM ${table} WHERE ${first ? '' : `${key} > ? AND `}${key} <= ? ORDER BY ${key}`,
      ...after,
      upTo,
    )
    last = upTo
    first = false
  }
}

/** A value as PostgreSQL's column takes it (SQLite keeps instants as text and booleans as 0/1). */
function forTarget(kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) return null
  if (kind === 'instant') return dbDate(readDate(v) as Date)
  if (kind === 'boolean') return Boolean(v)
  return v
}

/** A value as the checksum reads it, the same whichever engine it came from. */
function normalised(kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) return null
  switch (kind) {
    case 'instant':
      return (readDate(v) as Date).toISOString()
    case 'boolean':
      return Boolean(v)
    case 'integer':
      return String(v)
    case 'bytes':
      return Buffer.from(v as Uint8Array).toString('hex')
    case 'text':
      // PostgreSQL's text cannot hold U+0000: the store writes U+FFFD there (postgresql.ts).
      return (v as string).replaceAll('\u0000', '\ufffd')
  }
}

/** Checks that the source table has the target's columns. */
async function sameColumns(source: OnEngine, shape: TableShape): Promise<void> {
  const names = engineOf(source).kind === 'sqlite' ? await sqliteColumns(source, shape.name) : undefined
  const target = shape.columns.map((c) => c.name)
  if (names && [...names].sort().join() !== [...target].sort().join())
    throw new ColumnsDiffer(shape.name, names, target)
}

/** Copies every row of `shapes` from the source into the target (both in their transactions). */
export async function copyRows(
  source: OnEngine,
  target: OnEngine,
  shapes: readonly TableShape[],
  onRows: (copied: number) => void = () => undefined,
): Promise<void> {
  let copied = 0
  for (const shape of shapes) await sameColumns(source, shape)
  for (const shape of shapes) {
    const names = shape.columns.map((c) => c.name)
    const kinds = shape.columns.map((c) => c.kind)
    for await (const page of pages(source, shape)) {
      await insertValues(target, shape.name, names, page, (row) =>
        kinds.map((kind, i) => forTarget(kind, row[i])),
      )
      copied += page.length
      onRows(copied)
    }
    if (shape.serial) await resetSerial(target, shape.name, shape.key)
  }
}

export interface TableCheck {
  table: string
  sourceRows: number
  targetRows: number
  sourceSum: string
  targetSum: string
  ok: boolean
}

async function checksum(db: OnEngine, shape: TableShape): Promise<string> {
  const hash = createHash('sha256')
  const kinds = shape.columns.map((c) => c.kind)
  for await (const page of pages(db, shape))
    for (const row of page)
      hash.update(`${JSON.stringify(row.map((v, i) => normalised(kinds[i] as ColumnKind, v)))}\n`)
  return hash.digest('hex')
}

/** Per table of the record: rows and checksum on each side, read back from each. */
export async function verifyRecord(
  source: OnEngine,
  target: OnEngine,
  shapes?: readonly TableShape[],
): Promise<TableCheck[]> {
  const tables = shapes ?? (await recordShapes(target))
  const names = tables.map((s) => s.name)
  const [sourceRows, targetRows] = [await tableCounts(source, names), await tableCounts(target, names)]
  const checks: TableCheck[] = []
  for (const shape of tables) {
    const s = sourceRows[shape.name] ?? 0
    const t = targetRows[shape.name] ?? 0
    const sourceSum = await checksum(source, shape)
    const targetSum = await checksum(target, shape)
    checks.push({
      table: shape.name,
      sourceRows: s,
      targetRows: t,
      sourceSum,
      targetSum,
      ok: s === t && sourceSum === targetSum,
    })
  }
  return checks
}

/**
 * The whole move, all or nothing: under the source's write lock (nothing else writes it meanwhile;
 * `entry` is audited there first, so the copy carries it), in one transaction on the target (on a
 * pg connection of its own, under the schema's write lock), which must hold no rows: copy, move the
 * sequences, verify by reading back, then `beforeCommit` (the files kept beside the database). A
 * mismatch or any failure rolls both back.
 */
export async function migrateRecord(
  source: Db,
  target: Db,
  o: {
    entry: AuditEntry
    onStart?(total: number): void
    onRows?(copied: number): void
    beforeCommit?(): Promise<void> | void
  },
): Promise<TableCheck[]> {
  const options = { timeout: MIGRATE_TIMEOUT_MS }
  return writeTransaction(
    source,
    async (from: Tx) => {
      await audit(from, o.entry)
      return inConnectionTransaction(target, async (to) => {
        const held = Object.fromEntries(Object.entries(await tableCounts(to)).filter(([, n]) => n > 0))
        if (Object.keys(held).length > 0) throw new TargetNotEmpty(held)
        const shapes = await recordShapes(to)
        o.onStart?.(Object.values(await tableCounts(from)).reduce((a, b) => a + b, 0))
        await copyRows(from, to, shapes, o.onRows)
        const checks = await verifyRecord(from, to, shapes)
        if (checks.some((c) => !c.ok)) throw new CopyMismatch(checks)
        await o.beforeCommit?.()
        return checks
      })
    },
    options,
  )
}

/** verifyRecord of a moved record, the target read in one snapshot (a bot writing there meanwhile is not seen). */
export function checkRecord(source: OnEngine, target: OnEngine): Promise<TableCheck[]> {
  return inConnectionTransaction(target, (to) => verifyRecord(source, to), { snapshot: true })
}
