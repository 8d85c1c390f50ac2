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

const CHUNK = 2000

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
  for (let i = 0; i < clues.length; i += CHUNK) {
    const rows = await tx.clue.createManyAndReturn({
      data: clues.slice(i, i + CHUNK).map((c, j) => ({
        ...c,
        year: o.year,
        seq: o.firstSeq + i + j,
        code: clueCode(o.year, o.firstSeq + i + j),
        status: 'open',
        routedAt: c.unitId ? o.now : null,
        dueAt: c.unitId ? new Date(o.now.getTime() + o.dueMs) : null,
        createdAt: o.now,
      })),
    })
    await tx.clueHistory.createMany({
      data: rows.map((r) => ({
        clueId: r.id,
        at: o.now,
        action: r.unitId ? 'routed' : 'created',
        actor: o.actor,
        detail: r.unitId ? `分派至${o.unitNames.get(r.unitId) ?? ''}` : '待联席办分派',
      })),
    })
    created.push(...rows.map(toRecord))
  }
  return created
}

/** Open clues with any of these values, by value (for reporting duplicates). */
export async function openCluesByValue(tx: Db | Tx, values: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const unique = [...new Set(values)]
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await tx.clue.findMany({
      where: { status: 'open', value: { in: unique.slice(i, i + CHUNK) } },
      select: { value: true, code: true },
    })
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
