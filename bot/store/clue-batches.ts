// Hot path: an import's rows are written once, as one JSON value, by a prepared statement.
// Files of clues the office imported (部推线索): the file's rows as read, each with the clue it
// became, to hand the file back with results (反馈). The cells hold full values: they leave the
// database only in the office's private feedback workbook.
import { selectIn } from './bulk.ts'
import type { Store, Tx } from './db.ts'
import { dbDate, readDate, sqlOf } from './sql.ts'

export interface BatchRecord {
  id: number
  fileName: string
  source: string
  actor: string
  header: string[]
  createdAt: Date
  rowCount: number
}

export interface NewBatch {
  fileName: string
  source: 'room' | 'dm' | 'cli'
  actor: string
  header: string[]
  createdAt: Date
  /** In file order: the row's cells and the code of its clue (null: the row held no value). */
  rows: { cells: string[]; code: string | null }[]
}

/** The stored row: [cells, code of its clue or null] (the batch's "rows" JSON). */
type StoredRow = [string[], string | null]

/** Records a file and its rows, all rows in one JSON value (a 100,000-line import writes one row). */
export async function insertBatch(tx: Tx, b: NewBatch): Promise<number> {
  const rows: StoredRow[] = b.rows.map((r) => [r.cells, r.code])
  // As a bulk statement (sql.ts rowsList): the one parameter is megabytes.
  const [inserted] = await sqlOf(tx).rowsList<[number]>(
    `INSERT INTO "ClueBatch" ("fileName", "source", "actor", "header", "createdAt", "rows", "rowCount")
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
    [
      b.fileName,
      b.source,
      b.actor,
      JSON.stringify(b.header),
      dbDate(b.createdAt),
      JSON.stringify(rows),
      rows.length,
    ],
  )
  return inserted?.[0] as number
}

/** A batch without its rows (a large file's rows are megabytes: read only for 反馈). */
const BATCH_FIELDS = {
  id: true,
  fileName: true,
  source: true,
  actor: true,
  header: true,
  createdAt: true,
  rowCount: true,
} as const

type BatchRow = Omit<BatchRecord, 'header'> & { header: string }

const toRecord = (b: BatchRow): BatchRecord => ({ ...b, header: JSON.parse(b.header) as string[] })

/** The latest batches, newest first. */
export async function latestBatches(tx: Store, limit: number): Promise<BatchRecord[]> {
  const rows = await tx.clueBatch.findMany({ select: BATCH_FIELDS, orderBy: { id: 'desc' }, take: limit })
  return rows.map(toRecord)
}

/** A batch by its number, or the latest one with this file name (with or without its extension). */
export async function findBatch(
  tx: Store,
  ref: { id: number } | { fileName: string },
): Promise<BatchRecord | null> {
  const where =
    'id' in ref
      ? { id: ref.id }
      : {
          OR: [
            { fileName: ref.fileName },
            ...['.xlsx', '.csv', '.txt'].map((ext) => ({ fileName: `${ref.fileName}${ext}` })),
          ],
        }
  const found = await tx.clueBatch.findFirst({ select: BATCH_FIELDS, where, orderBy: { id: 'desc' } })
  return found ? toRecord(found) : null
}

export interface BatchRowResult {
  cells: string[]
  code: string | null
  unit: string | null
  status: 'open' | 'closed' | 'withdrawn' | null
  result: string | null
  closedAt: Date | null
}

/** The batch's rows in file order, each with its clue as it stands now. */
export async function batchRows(tx: Store, batchId: number): Promise<BatchRowResult[]> {
  const sql = sqlOf(tx)
  const stored = await sql.get<{ rows: string }>(`SELECT "rows" FROM "ClueBatch" WHERE "id" = ?`, batchId)
  const rows = stored === undefined ? [] : (JSON.parse(stored.rows) as StoredRow[])
  const codes = [...new Set(rows.map(([, code]) => code).filter((c): c is string => c !== null))]
  type Found = [string, string | null, string, string | null, unknown]
  const found = (await selectIn(
    tx,
    `SELECT c."code", u."name", c."status", c."result", c."closedAt"
     FROM "Clue" c LEFT JOIN "Unit" u ON u."id" = c."unitId"
     WHERE`,
    'c."code"',
    codes,
  )) as Found[]
  const clues = new Map(found.map((c) => [c[0], c]))
  return rows.map(([cells, code]) => {
    const clue = code === null ? undefined : clues.get(code)
    return {
      cells,
      code: clue ? clue[0] : null,
      unit: clue ? clue[1] : null,
      status: clue ? (clue[2] as BatchRowResult['status']) : null,
      result: clue ? clue[3] : null,
      closedAt: readDate(clue?.[4]),
    }
  })
}
