// Hot path: a report's revision look-up and insert are prepared statements; lists and exports are not.
// Monthly report revisions.
import type { ReportValues } from '../domain/report-parser.ts'
import { inEffect, type WITHDRAWN } from '../domain/withdrawals.ts'
import type { Store, Tx } from './db.ts'
import { dbDate, sqlOf } from './sql.ts'

export type SubmissionStatus = 'on_time' | 'late'

export interface SubmissionRecord {
  id: number
  unitId: number
  period: string
  revision: number
  status: SubmissionStatus
  byName: string
  values: ReportValues
  createdAt: Date
}

type Row = Omit<SubmissionRecord, 'status' | 'values'> & { status: string; values: string }

function toRecord(row: Row): SubmissionRecord {
  return { ...row, status: row.status as SubmissionStatus, values: JSON.parse(row.values) as ReportValues }
}

/**
 * What a new revision needs to know of the earlier ones: the first's timeliness, the last number
 * (0: none) and the last one's values (a correction keeps the fields it does not name).
 */
export interface RevisionsSoFar {
  firstStatus: SubmissionStatus | null
  lastRevision: number
  lastValues: ReportValues | null
}

export async function revisionsSoFar(tx: Store, unitId: number, period: string): Promise<RevisionsSoFar> {
  // store/'s own statement: this runs for every report, and Prisma's per-query cost is many times SQLite's.
  const row = await sqlOf(tx).get<{ firstStatus: string | null; last: string | null }>(
    `SELECT (SELECT "status" FROM "Submission" WHERE "unitId" = ? AND "period" = ? ORDER BY "revision" LIMIT 1)
              AS "firstStatus",
            (SELECT CAST("revision" AS text) || ' ' || "values" FROM "Submission" WHERE "unitId" = ? AND "period" = ?
              ORDER BY "revision" DESC LIMIT 1) AS "last"`,
    unitId,
    period,
    unitId,
    period,
  )
  const last = row?.last ?? null
  const space = last?.indexOf(' ') ?? -1
  return {
    firstStatus: (row?.firstStatus ?? null) as SubmissionStatus | null,
    lastRevision: last ? Number(last.slice(0, space)) : 0,
    lastValues: last ? (JSON.parse(last.slice(space + 1)) as ReportValues) : null,
  }
}

export async function insertSubmission(
  tx: Tx,
  s: Omit<SubmissionRecord, 'id' | 'values' | 'status'> & {
    /** withdrawn: a recalled revision's 撤回 row (bot/domain/withdrawals.ts). */
    status: SubmissionStatus | typeof WITHDRAWN
    values: ReportValues
    byPersonId: number | null
    inboundId: number
  },
): Promise<void> {
  await sqlOf(tx).run(
    `INSERT INTO "Submission" ("unitId", "period", "revision", "status", "byPersonId", "byName", "values",
                               "inboundId", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    s.unitId,
    s.period,
    s.revision,
    s.status,
    s.byPersonId,
    s.byName,
    JSON.stringify(s.values),
    s.inboundId,
    dbDate(s.createdAt),
  )
}

/** The latest revision in effect of each unit's report (a recalled one is not), optionally for one period. */
export async function latestSubmissions(db: Store, period?: string): Promise<SubmissionRecord[]> {
  const all = await db.submission.findMany({
    where: period ? { period } : {},
    orderBy: [{ period: 'asc' }, { unitId: 'asc' }, { revision: 'desc' }],
  })
  const rows = inEffect(all, (r) => r.unitId).sort(
    (a, b) => a.period.localeCompare(b.period) || a.unitId - b.unitId || b.revision - a.revision,
  )
  const seen = new Set<string>()
  const latest: SubmissionRecord[] = []
  for (const row of rows) {
    const key = `${row.unitId}/${row.period}`
    if (seen.has(key)) continue
    seen.add(key)
    latest.push(toRecord(row))
  }
  return latest
}

/** The unit's report revisions that hold a value for the label. */
export async function reportsWithField(
  db: Store,
  unitId: number,
  label: string,
): Promise<SubmissionRecord[]> {
  const rows = await db.submission.findMany({
    where: { unitId },
    orderBy: [{ period: 'asc' }, { revision: 'asc' }],
  })
  return rows.map(toRecord).filter((r) => Object.hasOwn(r.values, label))
}

/**
 * Files the unit's stored values of a renamed field under its new label, in every revision (the
 * values and their order stay); the caller has made sure no revision holds the new label already.
 * Returns how many revisions changed.
 */
export async function renameReportField(tx: Tx, unitId: number, from: string, to: string): Promise<number> {
  const reports = await reportsWithField(tx, unitId, from)
  for (const r of reports) {
    const values = Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k === from ? to : k, v]))
    await tx.submission.update({ where: { id: r.id }, data: { values: JSON.stringify(values) } })
  }
  return reports.length
}

/** The report revision a message created, if it created one. */
export async function submissionOfInbound(db: Store, inboundId: number): Promise<SubmissionRecord | null> {
  const row = await db.submission.findFirst({ where: { inboundId }, orderBy: { revision: 'desc' } })
  return row ? toRecord(row) : null
}

/** Every revision of a unit's report for a period, withdrawn ones included, in order. */
export async function allRevisions(db: Store, unitId: number, period: string): Promise<SubmissionRecord[]> {
  const rows = await db.submission.findMany({ where: { unitId, period }, orderBy: { revision: 'asc' } })
  return rows.map(toRecord)
}

/** Every revision of one period ("YYYY-MM"), of one year, or of all time (exports). */
export async function submissionsIn(db: Store, f: { period?: string; year?: number }) {
  const where = f.period ? { period: f.period } : f.year ? { period: { startsWith: `${f.year}-` } } : {}
  return db.submission.findMany({ where })
}
