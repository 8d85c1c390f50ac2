// Hot path: bulk clue writes and the duplicate look-up are prepared statements; the rest is Prisma.
// Clues and their history.

import type { Prisma } from '../../generated/prisma/client.ts'
import { messages } from '../../prompts/messages.ts'
import type { ClueKind } from '../domain/clues/kinds.ts'
import { type Columns, insertMany, selectIn } from './bulk.ts'
import type { Db, Store, Tx } from './db.ts'
import { dbDate, dialectOf, sqlOf } from './sql.ts'

export interface ClueRecord {
  id: number
  code: string
  kind: ClueKind
  value: string
  masked: string
  remark: string | null
  unitId: number | null
  status: ClueStatus
  result: string | null
  routedAt: Date | null
  dueAt: Date | null
  closedAt: Date | null
  createdAt: Date
}

/** withdrawn: the message that pushed it was recalled before anyone acted on it (kept, never deleted). */
export type ClueStatus = 'open' | 'closed' | 'withdrawn'

type Row = Omit<ClueRecord, 'kind' | 'status'> & {
  kind: string
  status: string
  year: number
  seq: number
  inboundId?: number | null
}

const toRecord = ({ year: _y, seq: _s, inboundId: _i, ...r }: Row): ClueRecord => ({
  ...r,
  kind: r.kind as ClueKind,
  status: r.status as ClueStatus,
})

export function clueCode(year: number, seq: number): string {
  return `XS-${year}-${String(seq).padStart(4, '0')}`
}

export const CLUE_CODE = /XS-\d{4}-\d{4,}/gi

export async function nextClueSeq(tx: Store, year: number): Promise<number> {
  const last = await sqlOf(tx).get<{ seq: number | null }>(
    `SELECT MAX("seq") AS "seq" FROM "Clue" WHERE "year" = ?`,
    year,
  )
  return (last?.seq ?? 0) + 1
}

export interface NewClue {
  kind: ClueKind
  value: string
  masked: string
  remark: string | null
  unitId: number | null
}

// Bulk writes and look-ups (a file of 100,000 clues) are prepared better-sqlite3 statements on
// Prisma's connection (sqlite.ts, bulk.ts), inside the caller's transaction: one row costs a few
// microseconds, where Prisma compiles every query (and every JSON parameter) it is given.

export interface NewHistory {
  clueId: number
  action: string
  detail: string | null
}

const HISTORY_COLUMNS: Columns = {
  clueId: 'integer',
  at: 'timestamp',
  action: 'text',
  actor: 'text',
  detail: 'text',
}

/** History rows sharing a time and an actor. */
export async function insertHistory(tx: Tx, rows: NewHistory[], at: Date, actor: string): Promise<void> {
  if (rows.length === 0) return
  const when = dbDate(at)
  await insertMany(tx, 'ClueHistory', HISTORY_COLUMNS, rows, (h) => [
    h.clueId,
    when,
    h.action,
    actor,
    h.detail,
  ])
}

/**
 * A history row's detail chosen by its clue's "unitId": `byUnit`'s text for that unit, else
 * `otherwise`. The SQL expression and its parameters, in order.
 */
function detailByUnit(byUnit: ReadonlyMap<number, string>, otherwise: string | null) {
  if (byUnit.size === 0) return { sql: '?', params: [otherwise] }
  return {
    sql: `CASE "unitId"${' WHEN ? THEN ?'.repeat(byUnit.size)} ELSE ? END`,
    params: [...[...byUnit].flat(), otherwise],
  }
}

/**
 * One history row of `action` for each of these clues, in clue order, with the detail `details`
 * gives the clue's unit (as stored): one statement, however many clues (`INSERT … SELECT` from the
 * clues costs ~30% less per row than from the list of ids itself, and less than a row at a time).
 */
export async function insertHistoryByUnit(
  tx: Tx,
  clueIds: readonly number[],
  action: string,
  details: ReadonlyMap<number, string>,
  at: Date,
  actor: string,
): Promise<void> {
  if (clueIds.length === 0 || details.size === 0) return
  const d = dialectOf(tx)
  const detail = detailByUnit(details, null)
  await sqlOf(tx).runList(
    `INSERT INTO "ClueHistory" ("clueId", "at", "action", "actor", "detail")
     SELECT "id", ${d.param('timestamp')}, ?, ?, ${detail.sql}
     FROM "Clue" WHERE ${d.inJson('"id"', 'integer')} ORDER BY "id"`,
    [dbDate(at), action, actor, ...detail.params, JSON.stringify(clueIds)],
  )
}

const CLUE_COLUMNS: Columns = {
  code: 'text',
  year: 'integer',
  seq: 'integer',
  kind: 'text',
  value: 'text',
  masked: 'text',
  remark: 'text',
  unitId: 'integer',
  status: 'text',
  routedAt: 'timestamp',
  dueAt: 'timestamp',
  createdAt: 'timestamp',
  inboundId: 'integer',
}

/**
 * The history row each clue of `year` numbered `first`…`last` gets as it is written, made from the
 * clues themselves: `routed` with its unit's `assigned` detail, or `created` (waiting for 分派).
 * In SQL: no values bound per clue.
 */
async function insertIntakeHistory(
  tx: Tx,
  year: number,
  first: number,
  last: number,
  assigned: ReadonlyMap<number, string>,
  o: { now: Date; actor: string },
): Promise<void> {
  const d = dialectOf(tx)
  const detail = detailByUnit(assigned, messages.record('clue_waiting'))
  await sqlOf(tx).runList(
    `INSERT INTO "ClueHistory" ("clueId", "at", "action", "actor", "detail")
     SELECT "id", ${d.param('timestamp')}, CASE WHEN "unitId" IS NULL THEN 'created' ELSE 'routed' END, ?, ${detail.sql}
     FROM "Clue" WHERE "year" = ? AND "seq" BETWEEN ? AND ? ORDER BY "seq"`,
    [dbDate(o.now), o.actor, ...detail.params, year, first, last],
  )
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
    /** The message that pushed them, to withdraw them if it is recalled. */
    inboundId?: number | null
  },
): Promise<ClueRecord[]> {
  if (clues.length === 0) return []
  const due = new Date(o.now.getTime() + o.dueMs)
  const nowText = dbDate(o.now)
  const dueText = dbDate(due)
  const inboundId = o.inboundId ?? null
  const records = clues.map((c, i): ClueRecord => {
    const routed = c.unitId !== null && c.unitId !== undefined
    return {
      id: 0,
      code: clueCode(o.year, o.firstSeq + i),
      kind: c.kind,
      value: c.value,
      masked: c.masked,
      remark: c.remark,
      unitId: c.unitId,
      status: 'open',
      result: null,
      routedAt: routed ? o.now : null,
      dueAt: routed ? due : null,
      closedAt: null,
      createdAt: o.now,
    }
  })
  await insertMany(tx, 'Clue', CLUE_COLUMNS, records, (r, i) => {
    const routed = r.routedAt !== null
    return [
      r.code,
      o.year,
      o.firstSeq + i,
      r.kind,
      r.value,
      r.masked,
      r.remark,
      r.unitId,
      'open',
      routed ? nowText : null,
      routed ? dueText : null,
      nowText,
      inboundId,
    ]
  })
  // Their ids, by the numbers just given them (one statement, cheaper than RETURNING on each row).
  const last = o.firstSeq + clues.length - 1
  const ids = await sqlOf(tx).rows<[number, number]>(
    `SELECT "id", "seq" FROM "Clue" WHERE "year" = ? AND "seq" BETWEEN ? AND ?`,
    o.year,
    o.firstSeq,
    last,
  )
  for (const [id, seq] of ids) (records[seq - o.firstSeq] as ClueRecord).id = id
  // The same few details for every clue: worded once per unit.
  const assigned = new Map<number, string>()
  for (const c of clues)
    if (c.unitId !== null && !assigned.has(c.unitId))
      assigned.set(c.unitId, messages.record('clue_assigned', { unit: o.unitNames.get(c.unitId) ?? '' }))
  await insertIntakeHistory(tx, o.year, o.firstSeq, last, assigned, o)
  return records
}

/** Open clues with any of these values, by value (for reporting duplicates). */
export async function openCluesByValue(tx: Store, values: string[]): Promise<Map<string, string>> {
  const rows = (await selectIn(
    tx,
    `SELECT "value", "code" FROM "Clue" WHERE "status" = 'open' AND`,
    '"value"',
    [...new Set(values)],
  )) as [string, string][]
  return new Map(rows)
}

export async function findClue(tx: Store, code: string): Promise<ClueRecord | null> {
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

export async function openCluesOfUnit(tx: Store, unitId: number): Promise<ClueRecord[]> {
  const rows = await tx.clue.findMany({ where: { unitId, status: 'open' }, orderBy: { id: 'asc' } })
  return rows.map(toRecord)
}

export async function overdueOpenClues(tx: Store, now: Date): Promise<ClueRecord[]> {
  const rows = await tx.clue.findMany({
    where: { status: 'open', unitId: { not: null }, dueAt: { lt: now } },
    orderBy: { id: 'asc' },
  })
  return rows.map(toRecord)
}

export async function unassignedOpenClues(tx: Store): Promise<ClueRecord[]> {
  const rows = await tx.clue.findMany({ where: { status: 'open', unitId: null }, orderBy: { id: 'asc' } })
  return rows.map(toRecord)
}

/**
 * The open clues a command-line import made (they share its instant and came from no message), in
 * id order, a page at a time: an import may have made a million.
 */
export async function* openCluesImportedAt(tx: Store, at: Date, page = 10_000): AsyncGenerator<ClueRecord[]> {
  let after = 0
  for (;;) {
    const rows = await tx.clue.findMany({
      where: { status: 'open', createdAt: at, inboundId: null, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: page,
    })
    if (rows.length === 0) return
    yield rows.map(toRecord)
    after = (rows.at(-1) as (typeof rows)[number]).id
  }
}

/** Clues in id order (which is code order), with unit and history, a chunk at a time: no giant IN lists. */
export async function* cluesWithHistory(db: Db, where: Prisma.ClueWhereInput = {}, chunk = 2_000) {
  let after = 0
  for (;;) {
    const rows = await db.clue.findMany({
      where: { ...where, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: chunk,
      include: { history: { orderBy: { id: 'asc' } }, unit: { select: { name: true } } },
    })
    if (rows.length === 0) return
    yield rows
    after = (rows.at(-1) as (typeof rows)[number]).id
  }
}

/** Open clues per unit (unitId null: waiting for 分派), in no particular order. */
export async function openClueCounts(tx: Store): Promise<{ unitId: number | null; count: number }[]> {
  const rows = await tx.clue.groupBy({ by: ['unitId'], where: { status: 'open' }, _count: { _all: true } })
  return rows.map((r) => ({ unitId: r.unitId, count: r._count._all }))
}

/** The clues a message pushed, each with the actions of its history in order. */
export async function cluesOfInbound(
  tx: Store,
  inboundId: number,
): Promise<(ClueRecord & { actions: string[] })[]> {
  const rows = await tx.clue.findMany({
    where: { inboundId },
    orderBy: { id: 'asc' },
    include: { history: { orderBy: { id: 'asc' }, select: { action: true } } },
  })
  return rows.map(({ history, ...r }) => ({ ...toRecord(r), actions: history.map((h) => h.action) }))
}

/** Marks clues withdrawn, each with a `withdrawn` history row (nothing is deleted). */
export async function withdrawClues(
  tx: Tx,
  ids: readonly number[],
  at: Date,
  actor: string,
  detail: string,
): Promise<void> {
  if (ids.length === 0) return
  await tx.clue.updateMany({ where: { id: { in: [...ids] } }, data: { status: 'withdrawn' } })
  await insertHistory(
    tx,
    ids.map((clueId) => ({ clueId, action: 'withdrawn', detail })),
    at,
    actor,
  )
}

export interface KindCounts {
  kind: ClueKind
  open: number
  /** Open, routed to a unit, past its due time. */
  overdue: number
  closed: number
}

/** Clues by kind (withdrawn ones left out): open, of those overdue as of `now`, and closed. */
export async function clueCountsByKind(tx: Store, now: Date): Promise<KindCounts[]> {
  const [byStatus, overdue] = await Promise.all([
    tx.clue.groupBy({
      by: ['kind', 'status'],
      where: { status: { in: ['open', 'closed'] } },
      _count: { _all: true },
    }),
    tx.clue.groupBy({
      by: ['kind'],
      where: { status: 'open', unitId: { not: null }, dueAt: { lt: now } },
      _count: { _all: true },
    }),
  ])
  const counts = new Map<string, KindCounts>()
  const of = (kind: string) => {
    const known = counts.get(kind)
    if (known) return known
    const fresh = { kind: kind as ClueKind, open: 0, overdue: 0, closed: 0 }
    counts.set(kind, fresh)
    return fresh
  }
  for (const r of byStatus) of(r.kind)[r.status === 'open' ? 'open' : 'closed'] = r._count._all
  for (const r of overdue) of(r.kind).overdue = r._count._all
  return [...counts.values()]
}
