// Hot path: the bulletin's full read of the record (prepared statements); issues are Prisma calls.
// Bulletins issued, and the record a bulletin is compiled from.

import type { BulletinInput, ClueRow, SubmissionRow } from '../domain/bulletin/types.ts'
import { splitPeriod } from '../domain/period.ts'
import { formOf } from '../domain/roster.ts'
import type { Roster } from '../domain/roster-types.ts'
import { inEffect } from '../domain/withdrawals.ts'
import type { Db, Store, Tx } from './db.ts'
import { listPeople } from './people.ts'
import { type Dialect, dialectOf, readDate, type Sql, sqlOf } from './sql.ts'
import { listUnits } from './units.ts'

/**
 * An issued bulletin: the scheduled one or the office's 发布通报 (a preview is never recorded).
 * Rows of kind 'requested' were written before previews existed, when every 通报 was numbered and
 * posted: they stay issues.
 */
export interface BulletinRecord {
  period: string
  version: number
  kind: 'scheduled' | 'issued' | 'requested'
  /** A re-issue after an earlier issue (更正). */
  corrected: boolean
  /** The snapshot the next correction is compared with (domain/bulletin/changes.ts). */
  figures: string
  createdAt: Date
}

export async function latestIssue(tx: Store, period: string): Promise<BulletinRecord | null> {
  const row = await tx.bulletin.findFirst({ where: { period }, orderBy: { version: 'desc' } })
  return row ? { ...row, kind: row.kind as BulletinRecord['kind'] } : null
}

/**
 * 期号: the issue's number in its year. Each period issued counts once, in the order of its first
 * issue (a correction keeps its period's number); a period not issued yet gets the next number.
 */
export async function issueNumber(tx: Store, period: string): Promise<number> {
  const firsts = await tx.bulletin.findMany({
    where: { period: { startsWith: `${period.slice(0, 4)}-` }, version: 1 },
    select: { period: true, createdAt: true },
  })
  const own = firsts.find((b) => b.period === period)
  if (!own) return new Set(firsts.map((b) => b.period)).size + 1
  const before = (b: { period: string; createdAt: Date }) =>
    b.createdAt < own.createdAt || (b.createdAt.getTime() === own.createdAt.getTime() && b.period < period)
  return firsts.filter(before).length + 1
}

export async function insertBulletin(tx: Tx, b: BulletinRecord & { text: string }): Promise<void> {
  await tx.bulletin.create({ data: b })
}

export async function listBulletins(db: Db) {
  return db.bulletin.findMany({
    orderBy: { id: 'asc' },
    select: { period: true, version: true, createdAt: true },
  })
}

/**
 * Everything the figures need, read from the record: units, every report revision, every clue.
 * A year's clues are 100,000 rows or more: read by store/'s own statements (sql.ts; in the
 * caller's transaction, if any) rather than through Prisma's row mapping.
 */
export async function loadBulletinInput(
  tx: Store,
  o: { period: string; asOf: Date; roster: Roster },
): Promise<Omit<BulletinInput, 'lastYear'> & { lastYear?: Record<string, number> }> {
  const units = await listUnits(tx)
  const people = await listPeople(tx)
  const sql = sqlOf(tx)
  const keyOf = new Map(units.map((u) => [u.id, u.key]))
  const { year, month } = splitPeriod(o.period)
  const rows = await sql.rows<[number, string, number, string, string, string]>(
    `SELECT "unitId", "period", "revision", "status", "values", "createdAt" FROM "Submission"
     WHERE "period" >= ? AND "period" <= ?`,
    `${year - 1}-01`,
    `${year}-12`,
  )
  // A recalled revision (撤回) and its withdrawal are not figures.
  const submissions: SubmissionRow[] = inEffect(
    rows.map(([unitId, period, revision, status, values, createdAt]) => ({
      unitId,
      period,
      revision,
      status,
      values,
      createdAt,
    })),
    (r) => r.unitId,
  ).map(({ unitId, period, revision, status, values, createdAt }) => ({
    unitKey: keyOf.get(unitId) ?? String(unitId),
    period,
    revision,
    status: status as SubmissionRow['status'],
    values: JSON.parse(values) as SubmissionRow['values'],
    createdAt: readDate(createdAt) as Date,
  }))
  const clues = await loadClueRows(sql, dialectOf(tx), year - 1, keyOf)
  // A configured annual baseline is taken pro rata for the same period of last year.
  const lastYear = o.roster.last_year
    ? Object.fromEntries(Object.entries(o.roster.last_year).map(([k, v]) => [k, (v * month) / 12]))
    : undefined
  return {
    period: o.period,
    asOf: o.asOf,
    units: units.map((u) => ({
      key: u.key,
      name: u.name,
      // The common text fields (存在问题, 其他工作) too: the bulletin quotes them.
      fields: formOf(u),
      hasLiaison: people.some((p) => p.role === 'liaison' && p.unitId === u.id),
    })),
    submissions,
    clues,
    targets: o.roster.targets,
    phases: o.roster.phases,
    deadlineDay: o.roster.schedule.deadline_day,
    ...(lastYear ? { lastYear } : {}),
  }
}

/** Per clue: unit id, routed, due and closed times (epoch milliseconds), 1 when closed. */
const CLUE_NUMBERS = 5

/** A number column as JSON text: 'null' for null. */
const json = (expr: string) => `coalesce(CAST(${expr} AS text), 'null')`

/**
 * The clues of `fromYear` on, as the figures take them. The database writes them as one flat JSON
 * array of numbers, CLUE_NUMBERS a clue: parsing that costs a fraction of 100,000 rows handed over
 * value by value, or of as many nested arrays, and leaves no date strings to parse.
 */
async function loadClueRows(
  sql: Sql,
  d: Dialect,
  fromYear: number,
  keyOf: Map<number, string>,
): Promise<ClueRow[]> {
  const ms = (column: string) => json(d.epochMs(`"${column}"`))
  const row = await sql.get<{ text: string }>(
    `SELECT '[' || coalesce(${d.joinedByComma(
      `concat_ws(',', ${json('"unitId"')}, ${ms('routedAt')}, ${ms('dueAt')}, ${ms('closedAt')},
                 CASE WHEN "status" = 'closed' THEN 1 ELSE 0 END)`,
      '"id"',
    )}, '') || ']' AS "text"
     FROM "Clue" WHERE "year" >= ? AND "status" != 'withdrawn'`,
    fromYear,
  )
  const numbers = JSON.parse(row?.text ?? '[]') as (number | null)[]
  const clues: ClueRow[] = []
  for (let n = 0; n < numbers.length; n += CLUE_NUMBERS) {
    const unitId = numbers[n]
    clues.push({
      unitKey: unitId ? (keyOf.get(unitId) ?? null) : null,
      routedAt: numbers[n + 1] as number | null,
      dueAt: numbers[n + 2] as number | null,
      closedAt: numbers[n + 3] as number | null,
      status: numbers[n + 4] === 1 ? 'closed' : 'open',
    })
  }
  return clues
}
