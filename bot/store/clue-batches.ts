// Hot path: an import's rows are written by a prepared statement; 反馈's reads are not.
// Files of clues the office imported (部推线索): the file's rows as read, each with the clue it
// became, to hand the file back with results (反馈). The cells hold full values: they leave the
// database only in the office's private feedback workbook.
import type { Store, Tx } from './db.ts'
import { readDate, sqlOf } from './sql.ts'

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

export async function insertBatch(tx: Tx, b: NewBatch): Promise<number> {
  const { id } = await tx.clueBatch.create({
    data: {
      fileName: b.fileName,
      source: b.source,
      actor: b.actor,
      header: JSON.stringify(b.header),
      createdAt: b.createdAt,
    },
    select: { id: true },
  })
  const sql = sqlOf(tx)
  const insert = `INSERT INTO "ClueBatchRow" ("batchId", "seq", "cells", "clueId")
     VALUES (?, ?, ?, (SELECT "id" FROM "Clue" WHERE "code" = ?))`
  for (const [i, r] of b.rows.entries()) await sql.run(insert, id, i + 1, JSON.stringify(r.cells), r.code)
  return id
}

type BatchRow = {
  id: number
  fileName: string
  source: string
  actor: string
  header: string
  createdAt: Date
}

async function withCounts(tx: Store, batches: BatchRow[]): Promise<BatchRecord[]> {
  const counts = await tx.clueBatchRow.groupBy({
    by: ['batchId'],
    where: { batchId: { in: batches.map((b) => b.id) } },
    _count: { _all: true },
  })
  const count = new Map(counts.map((c) => [c.batchId, c._count._all]))
  return batches.map((b) => ({
    ...b,
    header: JSON.parse(b.header) as string[],
    rowCount: count.get(b.id) ?? 0,
  }))
}

/** The latest batches, newest first. */
export async function latestBatches(tx: Store, limit: number): Promise<BatchRecord[]> {
  return withCounts(tx, await tx.clueBatch.findMany({ orderBy: { id: 'desc' }, take: limit }))
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
  const found = await tx.clueBatch.findFirst({ where, orderBy: { id: 'desc' } })
  return found ? ((await withCounts(tx, [found]))[0] ?? null) : null
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
  const rows = await sqlOf(tx).rows<
    [string, string | null, string | null, string | null, string | null, unknown]
  >(
    `SELECT r."cells", c."code", u."name", c."status", c."result", c."closedAt"
     FROM "ClueBatchRow" r LEFT JOIN "Clue" c ON c."id" = r."clueId" LEFT JOIN "Unit" u ON u."id" = c."unitId"
     WHERE r."batchId" = ? ORDER BY r."seq"`,
    batchId,
  )
  return rows.map(([cells, code, unit, status, result, closedAt]) => ({
    cells: JSON.parse(cells) as string[],
    code,
    unit,
    status: status as BatchRowResult['status'],
    result,
    closedAt: readDate(closedAt),
  }))
}
