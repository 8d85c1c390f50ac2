// Hot path: bulk clue writes and the duplicate look-up are prepared statements; the rest is Prisma.
// Clues and their history.

import type { Prisma } from '../../generated/prisma/client.ts'
import { messages } from '../../prompts/messages.ts'
import type { ClueKind } from '../domain/clues/kinds.ts'
import type { Db, Store, Tx } from './db.ts'
import { type Dialect, dbDate, dialectOf, type Sql, sqlOf } from './sql.ts'

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

/**
 * Bulk writes and look-ups (a file of 100,000 clues) are store/'s own statements (sql.ts; on
 * SQLite prepared better-sqlite3 statements on Prisma's connection), inside the caller's
 * transaction: one row costs a few microseconds, where Prisma compiles every query (and every JSON
 * parameter) it is given. Lists go as JSON arrays of at most this many items (the dialect's JSON
 * table).
 */
const CHUNK = 5000

export interface NewHistory {
  clueId: number
  action: string
  detail: string | null
}

/**
 * History rows sharing a time and an actor, each item as a [clueId, action, detail] triple: one
 * statement per chunk reading a JSON array (the dialect's JSON table), which the database turns
 * into rows faster than one call per row. Chunk by chunk, so that a large batch never exists twice
 * in memory.
 */
async function insertHistoryRows<T>(
  sql: Sql,
  d: Dialect,
  items: readonly T[],
  triple: (item: T) => [number, string, string | null],
  at: Date,
  actor: string,
) {
  const insert = `INSERT INTO "ClueHistory" ("clueId", "at", "action", "actor", "detail")
     SELECT ${d.jsonItem(0, 'integer')}, ?, ${d.jsonItem(1, 'text')}, ?, ${d.jsonItem(2, 'text')}
     FROM ${d.jsonArrays}`
  const when = dbDate(at)
  for (let i = 0; i < items.length; i += CHUNK)
    await sql.run(insert, when, actor, JSON.stringify(items.slice(i, i + CHUNK).map(triple)))
}

/** History rows sharing a time and an actor. */
export async function insertHistory(tx: Tx, rows: NewHistory[], at: Date, actor: string): Promise<void> {
  if (rows.length === 0) return
  await insertHistoryRows(sqlOf(tx), dialectOf(tx), rows, (r) => [r.clueId, r.action, r.detail], at, actor)
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
  const sql = sqlOf(tx)
  const insert = `INSERT INTO "Clue" ("code", "year", "seq", "kind", "value", "masked", "remark", "unitId", "status",
                         "routedAt", "dueAt", "createdAt", "inboundId")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?) RETURNING "id"`
  const due = new Date(o.now.getTime() + o.dueMs)
  const nowText = dbDate(o.now)
  const dueText = dbDate(due)
  const inboundId = o.inboundId ?? null
  const records: ClueRecord[] = []
  for (const [i, c] of clues.entries()) {
    const seq = o.firstSeq + i
    const code = clueCode(o.year, seq)
    const routed = c.unitId !== null && c.unitId !== undefined
    const row = await sql.get<{ id: number }>(
      insert,
      code,
      o.year,
      seq,
      c.kind,
      c.value,
      c.masked,
      c.remark,
      c.unitId,
      routed ? nowText : null,
      routed ? dueText : null,
      nowText,
      inboundId,
    )
    records.push({
      id: row?.id as number,
      code,
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
    })
  }
  await insertHistoryRows(
    sql,
    dialectOf(tx),
    records,
    (r) =>
      r.unitId !== null
        ? [r.id, 'routed', messages.record('clue_assigned', { unit: o.unitNames.get(r.unitId) ?? '' })]
        : [r.id, 'created', messages.record('clue_waiting')],
    o.now,
    o.actor,
  )
  return records
}

/** Open clues with any of these values, by value (for reporting duplicates). */
export async function openCluesByValue(tx: Store, values: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const unique = [...new Set(values)]
  const sql = sqlOf(tx)
  const lookup = `SELECT "value", "code" FROM "Clue"
     WHERE "status" = 'open' AND "value" IN (${dialectOf(tx).jsonValues('text')})`
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await sql.all<{ value: string; code: string }>(
      lookup,
      JSON.stringify(unique.slice(i, i + CHUNK)),
    )
    for (const r of rows) found.set(r.value, r.code)
  }
  return found
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
