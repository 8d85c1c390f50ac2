// Clues and their history.
import type { ClueKind } from '../domain/clues/classify.ts'
import type { Db, Tx } from './db.ts'

export interface ClueRecord {
  id: number
  code: string
  kind: ClueKind
  value: string
  masked: string
  remark: string | null
  unitId: number | null
  status: 'open' | 'closed'
  result: string | null
  routedAt: Date | null
  dueAt: Date | null
  closedAt: Date | null
  createdAt: Date
}

type Row = Omit<ClueRecord, 'kind' | 'status'> & { kind: string; status: string; year: number; seq: number }

const toRecord = ({ year: _y, seq: _s, ...r }: Row): ClueRecord => ({
  ...r,
  kind: r.kind as ClueKind,
  status: r.status as 'open' | 'closed',
})

export function clueCode(year: number, seq: number): string {
  return `XS-${year}-${String(seq).padStart(4, '0')}`
}

export const CLUE_CODE = /XS-\d{4}-\d{4,}/gi

export async function nextClueSeq(tx: Db | Tx, year: number): Promise<number> {
  const last = await tx.clue.findFirst({ where: { year }, orderBy: { seq: 'desc' }, select: { seq: true } })
  return (last?.seq ?? 0) + 1
}

export interface NewClue {
  kind: ClueKind
  value: string
  masked: string
  remark: string | null
  unitId: number | null
}

/**
 * Bulk writes and look-ups hand SQLite one JSON array per chunk (json_each) instead of Prisma's
 * createMany / `in`: Prisma's query compiler costs 0.1–0.3 ms a row, and SQLite binds at most 999
 * parameters a statement (Prisma does not split an `in` list that comes with other conditions).
 * Dates stay ordinary bound parameters, so they are stored exactly as Prisma stores them.
 */
const CHUNK = 5000

export interface NewHistory {
  clueId: number
  action: string
  detail: string | null
}

/** History rows sharing a time and an actor. */
export async function insertHistory(tx: Tx, rows: NewHistory[], at: Date, actor: string): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK))
    await tx.$executeRaw`
      INSERT INTO "ClueHistory" ("clueId", "at", "action", "actor", "detail")
      SELECT json_extract(j.value, '$.clueId'), ${at}, json_extract(j.value, '$.action'), ${actor},
             json_extract(j.value, '$.detail')
      FROM json_each(${json}) AS j`
  }
}

/** Inserts clues numbered from `firstSeq`, each with a history row; returns them in order. */
export async function insertClues(
  tx: Tx,
  clues: NewClue[],
  o: {
    year: number
    firstSeq: number
    now: Date
    dueMs: number
    actor: string
    unitNames: Map<number, string>
  },
): Promise<ClueRecord[]> {
  const created: ClueRecord[] = []
  const due = new Date(o.now.getTime() + o.dueMs)
  for (let i = 0; i < clues.length; i += CHUNK) {
    const rows = clues.slice(i, i + CHUNK).map((c, j) => ({
      ...c,
      seq: o.firstSeq + i + j,
      code: clueCode(o.year, o.firstSeq + i + j),
    }))
    const ids = await tx.$queryRaw<{ id: number; seq: number }[]>`
      INSERT INTO "Clue" ("code", "year", "seq", "kind", "value", "masked", "remark", "unitId", "status",
                          "routedAt", "dueAt", "createdAt")
      SELECT json_extract(j.value, '$.code'), ${o.year}, json_extract(j.value, '$.seq'),
             json_extract(j.value, '$.kind'), json_extract(j.value, '$.value'),
             json_extract(j.value, '$.masked'), json_extract(j.value, '$.remark'),
             json_extract(j.value, '$.unitId'), 'open',
             CASE WHEN json_extract(j.value, '$.unitId') IS NULL THEN NULL ELSE ${o.now} END,
             CASE WHEN json_extract(j.value, '$.unitId') IS NULL THEN NULL ELSE ${due} END,
             ${o.now}
      FROM json_each(${JSON.stringify(rows)}) AS j
      RETURNING "id", "seq"`
    const idBySeq = new Map(ids.map((r) => [Number(r.seq), Number(r.id)]))
    const records = rows.map(
      (r): ClueRecord => ({
        id: idBySeq.get(r.seq) as number,
        code: r.code,
        kind: r.kind,
        value: r.value,
        masked: r.masked,
        remark: r.remark,
        unitId: r.unitId,
        status: 'open',
        result: null,
        routedAt: r.unitId ? o.now : null,
        dueAt: r.unitId ? due : null,
        closedAt: null,
        createdAt: o.now,
      }),
    )
    await insertHistory(
      tx,
      records.map((r) => ({
        clueId: r.id,
        action: r.unitId ? 'routed' : 'created',
        detail: r.unitId ? `分派至${o.unitNames.get(r.unitId) ?? ''}` : '待联席办分派',
      })),
      o.now,
      o.actor,
    )
    created.push(...records)
  }
  return created
}

/** Open clues with any of these values, by value (for reporting duplicates). */
export async function openCluesByValue(tx: Db | Tx, values: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const unique = [...new Set(values)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await tx.$queryRaw<{ value: string; code: string }[]>`
      SELECT "value", "code" FROM "Clue"
      WHERE "status" = 'open' AND "value" IN (SELECT j.value FROM json_each(${JSON.stringify(unique.slice(i, i + CHUNK))}) AS j)`
    for (const r of rows) found.set(r.value, r.code)
  }
  return found
}

export async function findClue(tx: Db | Tx, code: string): Promise<ClueRecord | null> {
  const row = await tx.clue.findUnique({ where: { code: code.toUpperCase() } })
  return row ? toRecord(row) : null
}

export async function addHistory(
  tx: Tx,
  clueId: number,
  action: string,
  actor: string,
  at: Date,
  detail?: string,
) {
  await tx.clueHistory.create({ data: { clueId, action, actor, at, detail: detail ?? null } })
}

export async function updateClue(
  tx: Tx,
  id: number,
  data: Partial<Pick<ClueRecord, 'status' | 'result' | 'unitId' | 'routedAt' | 'dueAt' | 'closedAt'>>,
) {
  await tx.clue.update({ where: { id }, data })
}

export async function openCluesOfUnit(tx: Db | Tx, unitId: number): Promise<ClueRecord[]> {
  const rows = await tx.clue.findMany({ where: { unitId, status: 'open' }, orderBy: { id: 'asc' } })
  return rows.map(toRecord)
}

export async function overdueOpenClues(tx: Db | Tx, now: Date): Promise<ClueRecord[]> {
  const rows = await tx.clue.findMany({
    where: { status: 'open', unitId: { not: null }, dueAt: { lt: now } },
    orderBy: { id: 'asc' },
  })
  return rows.map(toRecord)
}

export async function unassignedOpenClues(tx: Db | Tx): Promise<ClueRecord[]> {
  const rows = await tx.clue.findMany({ where: { status: 'open', unitId: null }, orderBy: { id: 'asc' } })
  return rows.map(toRecord)
}

export async function allCluesWithHistory(db: Db) {
  return db.clue.findMany({
    orderBy: { id: 'asc' },
    include: { history: { orderBy: { id: 'asc' } }, unit: true },
  })
}
