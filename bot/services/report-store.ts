// Storing a understood report: the one place every way of reporting (typed, guided, a sheet) files
// a revision. A correction changes the fields it names and keeps the others of the last revision.
import { messages } from '../../prompts/messages.ts'
import { formatMoney } from '../domain/numbers.ts'
import { isLate, periodLabel } from '../domain/period.ts'
import type { ReportValues } from '../domain/report-parser.ts'
import { formOf } from '../domain/roster.ts'
import type { Tx } from '../store/db.ts'
import { insertSubmission, type RevisionsSoFar, type SubmissionStatus } from '../store/submissions.ts'
import type { UnitRecord } from '../store/units.ts'

export interface ReportFiling {
  unit: UnitRecord
  period: string
  /** What this message said: the fields it names. */
  values: ReportValues
  now: Date
  /** The roster's schedule.deadline_day. */
  deadlineDay: number
  by: { name: string; personId: number | null }
  inboundId: number
  /** The period's earlier revisions (revisionsSoFar, read in the same transaction). */
  earlier: RevisionsSoFar
}

export interface FiledReport {
  unit: UnitRecord
  period: string
  revision: number
  status: SubmissionStatus
  /** The whole resulting report. */
  values: ReportValues
  /** Fields a correction changed or added, with the earlier value (undefined: new). */
  changed: Map<string, ReportValue | undefined>
}

type ReportValue = ReportValues[string]

export async function fileReport(tx: Tx, f: ReportFiling): Promise<FiledReport> {
  const { earlier } = f
  // A correction keeps the timeliness of the unit's first report for the period.
  const status = earlier.firstStatus ?? (isLate(f.period, f.now, f.deadlineDay) ? 'late' : 'on_time')
  const revision = earlier.lastRevision + 1
  const before = earlier.lastValues ?? {}
  const values: ReportValues = {}
  for (const field of formOf(f.unit)) {
    const v = f.values[field.label] ?? before[field.label]
    if (v !== undefined) values[field.label] = v
  }
  // Fields the form no longer has stay as they were stored.
  for (const [k, v] of Object.entries({ ...before, ...f.values })) if (!(k in values)) values[k] = v
  const changed = new Map<string, ReportValue | undefined>()
  if (earlier.lastValues) {
    for (const [k, v] of Object.entries(f.values)) if (before[k] !== v) changed.set(k, before[k])
  }
  await insertSubmission(tx, {
    unitId: f.unit.id,
    period: f.period,
    revision,
    status,
    byName: f.by.name,
    byPersonId: f.by.personId,
    values,
    inboundId: f.inboundId,
    createdAt: f.now,
  })
  return { unit: f.unit, period: f.period, revision, status, values, changed }
}

/** A stored value as a reply shows it: 1.5万元, 12, the text. */
export function shown(kind: string, v: ReportValue): string {
  return kind === 'money' && typeof v === 'number' ? formatMoney(v) : String(v)
}

/** The whole report, field by field, with what a correction changed marked. */
export function describeValues(
  unit: UnitRecord,
  values: ReportValues,
  changed: ReadonlyMap<string, ReportValue | undefined> = new Map(),
): string {
  return formOf(unit)
    .filter((f) => values[f.label] !== undefined)
    .map((f) => {
      const v = values[f.label] as ReportValue
      const was = changed.get(f.label)
      const mark = !changed.has(f.label)
        ? ''
        : was === undefined
          ? messages.label('report_added')
          : messages.label('report_changed', { was: shown(f.kind, was) })
      return `· ${f.label}：${shown(f.kind, v)}${mark}`
    })
    .join('\n')
}

/** The group's confirmation of a filed report. */
export function reportEcho(filed: FiledReport): string {
  return messages.reportAccepted({
    unit: filed.unit.name,
    period: periodLabel(filed.period),
    revision: filed.revision > 1 ? messages.label('report_revision', { revision: filed.revision }) : '',
    late: filed.status === 'late' ? messages.label('report_late') : '',
    fields: describeValues(filed.unit, filed.values, filed.changed),
  })
}
