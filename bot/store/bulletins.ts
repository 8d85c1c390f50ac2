// Bulletins issued, and the record a bulletin is compiled from.
import type { Roster } from '../config.ts'
import type { BulletinInput, ClueRow, SubmissionRow } from '../domain/bulletin/types.ts'
import { splitPeriod } from '../domain/period.ts'
import type { Db, Tx } from './db.ts'
import { listPeople } from './people.ts'
import { readDate, sqliteOf, statement } from './sqlite.ts'
import { listUnits } from './units.ts'

export interface BulletinRecord {
  period: string
  version: number
  kind: 'scheduled' | 'requested'
  corrected: boolean
  figures: string
  createdAt: Date
}

export async function latestBulletin(tx: Db | Tx, period: string): Promise<BulletinRecord | null> {
  const row = await tx.bulletin.findFirst({ where: { period }, orderBy: { version: 'desc' } })
  return row ? { ...row, kind: row.kind as BulletinRecord['kind'] } : null
}

export async function hasScheduledBulletin(tx: Db | Tx, period: string): Promise<boolean> {
  return (await tx.bulletin.count({ where: { period, kind: 'scheduled' } })) > 0
}

export async function insertBulletin(tx: Tx, b: BulletinRecord & { text: string }): Promise<void> {
  await tx.bulletin.create({ data: b })
}

export async function listBulletins(db: Db) {
  return db.bulletin.findMany({
    orderBy: { id: 'asc' },
    select: { period: true, version: true, kind: true, corrected: true, createdAt: true },
  })
}

/**
 * Everything the figures need, read from the record: units, every report revision, every clue.
 * A year's clues are 100,000 rows or more: read by prepared statements on Prisma's connection (in
 * the caller's transaction, if any) rather than through Prisma's row mapping.
 */
export async function loadBulletinInput(
  tx: Db | Tx,
  o: { period: string; asOf: Date; roster: Roster },
): Promise<Omit<BulletinInput, 'lastYear'> & { lastYear?: Record<string, number> }> {
  const units = await listUnits(tx)
  const people = await listPeople(tx)
  const conn = await sqliteOf(tx)
  const keyOf = new Map(units.map((u) => [u.id, u.key]))
  const { year, month } = splitPeriod(o.period)
  const rows = statement(
    conn,
    `SELECT "unitId", "period", "revision", "status", "values", "createdAt" FROM "Submission"
     WHERE "period" >= ? AND "period" <= ?`,
  )
    .raw()
    .all(`${year - 1}-01`, `${year}-12`) as [number, string, number, string, string, string][]
  const submissions: SubmissionRow[] = rows.map(([unitId, period, revision, status, values, createdAt]) => ({
    unitKey: keyOf.get(unitId) ?? String(unitId),
    period,
    revision,
    status: status as SubmissionRow['status'],
    values: JSON.parse(values) as SubmissionRow['values'],
    createdAt: readDate(createdAt) as Date,
  }))
  // One JSON array of all the year's clues, built by SQLite, times as epoch milliseconds: parsing
  // it costs less than 100,000 rows of values handed over one by one, and no date strings to parse.
  const ms = (column: string) => `CAST(ROUND(unixepoch("${column}", 'subsec') * 1000) AS INTEGER)`
  const clueRows = JSON.parse(
    statement(
      conn,
      `SELECT json_group_array(json_array("code", "unitId", ${ms('routedAt')}, ${ms('dueAt')}, ${ms('closedAt')},
                                          "status" = 'closed'))
       FROM "Clue" WHERE "year" >= ?`,
    )
      .pluck()
      .get(year - 1) as string,
  ) as [string, number | null, number | null, number | null, number | null, number][]
  const clues: ClueRow[] = clueRows.map(([code, unitId, routedAt, dueAt, closedAt, closed]) => ({
    id: code,
    unitKey: unitId ? (keyOf.get(unitId) ?? null) : null,
    routedAt: routedAt === null ? null : new Date(routedAt),
    dueAt: dueAt === null ? null : new Date(dueAt),
    closedAt: closedAt === null ? null : new Date(closedAt),
    status: closed ? 'closed' : 'open',
  }))
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
      fields: u.fields,
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
