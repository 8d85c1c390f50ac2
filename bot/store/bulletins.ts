// Bulletins issued, and the record a bulletin is compiled from.
import type { Roster } from '../config.ts'
import type { BulletinInput, ClueRow, SubmissionRow } from '../domain/bulletin/types.ts'
import { splitPeriod } from '../domain/period.ts'
import type { Db, Tx } from './db.ts'
import { listPeople } from './people.ts'
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

/** Everything the figures need, read from the record: units, every report revision, every clue. */
export async function loadBulletinInput(
  tx: Db | Tx,
  o: { period: string; asOf: Date; roster: Roster },
): Promise<Omit<BulletinInput, 'lastYear'> & { lastYear?: Record<string, number> }> {
  const units = await listUnits(tx)
  const people = await listPeople(tx)
  const keyOf = new Map(units.map((u) => [u.id, u.key]))
  const { year, month } = splitPeriod(o.period)
  const rows = await tx.submission.findMany({
    where: { period: { gte: `${year - 1}-01`, lte: `${year}-12` } },
  })
  const submissions: SubmissionRow[] = rows.map((r) => ({
    unitKey: keyOf.get(r.unitId) ?? String(r.unitId),
    period: r.period,
    revision: r.revision,
    status: r.status as SubmissionRow['status'],
    values: JSON.parse(r.values) as SubmissionRow['values'],
    createdAt: r.createdAt,
  }))
  const clueRows = await tx.clue.findMany({
    where: { year: { gte: year - 1 } },
    select: { code: true, unitId: true, routedAt: true, dueAt: true, closedAt: true, status: true },
  })
  const clues: ClueRow[] = clueRows.map((c) => ({
    id: c.code,
    unitKey: c.unitId ? (keyOf.get(c.unitId) ?? null) : null,
    routedAt: c.routedAt,
    dueAt: c.dueAt,
    closedAt: c.closedAt,
    status: c.status as ClueRow['status'],
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
