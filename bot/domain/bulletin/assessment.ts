/**
 * The year's assessment of the member units (年度考核), produced in the 考核总结 phase. Pure: time comes
 * in as `asOf`, and report revisions and clue events dated after it are ignored.
 *
 * Months assessed: the year's months whose report deadline (the deadline day, 24:00 CST) has passed by
 * asOf — a month still open for reporting is neither credited nor held against anyone.
 *
 * Three components, each a rate from 0 to 1 over what the unit actually owed, or null (not
 * applicable, shown as —) when it owed nothing:
 * - Timeliness (报送及时率): over the months assessed, on time counts 1, late ½, missing 0, divided by
 *   the number of months. On time / late is judged on a month's first revision (a later correction
 *   does not change it). Not applicable before any month is due.
 * - Clue closure (线索按期销号率): over the clues routed to the unit this year (by asOf), the share
 *   closed by their due time. A clue still open and not yet due at asOf is pending and left out; an
 *   open clue past its due time counts as not closed in time. Clues count for the unit now
 *   responsible (after any transfer). Not applicable when no clue is assessed: having no clues earns
 *   nothing.
 * - Completeness (填报完整率): over the months assessed, the share whose latest revision filled every
 *   required field of the unit's form (the template's * fields; optional ones are not owed). A
 *   missing month is not complete. Not applicable when the form has no required field or no month
 *   is due.
 *
 * - Task completion (督办按期完成率), weighted only when the roster gives it a weight: over the unit's
 *   parts of tasks assigned this year (by asOf; cancelled ones left out), the share done before the
 *   deadline's end. Done late or still open past it counts 0; open and not yet due is pending and
 *   left out. Not applicable when no task is assessed.
 * - Documents (材料报送率), likewise: over the collections the unit owes that are due by asOf (or that
 *   it has answered), on time counts 1, late ½, missing 0, judged on the first answer. Not
 *   applicable when none is due and none answered.
 *
 * Score = Σ wᵢ·shareᵢ ÷ Σ wᵢ × 100 over the applicable components, rounded to one decimal: the
 * weights of components that do not apply are shared out among the others in proportion. A unit
 * with no applicable component has no score (—). Units are ranked by score, best first; equal
 * scores share a rank and the next rank skips (1, 1, 3), equal scores keep the roster's order, and
 * units without a score come last, unranked.
 */

import { messages } from '../../../prompts/messages.ts'
import { deadlineOf, periodOf } from '../period.ts'
import { statusOf } from '../reporting.ts'
import type { FieldDef } from '../roster.ts'
import {
  closedAsOf,
  closedWithinDue,
  indexSubmissions,
  inWindow,
  lookup,
  type MonthWindow,
  monthWindow,
  numericValue,
  overdueAsOf,
  type SubmissionIndex,
  unitRef,
} from './common.ts'
import type {
  Assessment,
  AssessmentInput,
  AssessmentRow,
  AssessmentWeights,
  BulletinUnit,
  ClueClosureScore,
  ClueRow,
  CompletenessScore,
  DocumentRow,
  DocumentsScore,
  TaskCompletionScore,
  TaskRow,
  TimelinessScore,
} from './types.ts'

export function assessYear(input: AssessmentInput): Assessment {
  const { year, asOf, weights } = input
  const all = weightList(weights)
  const weightSum = all.reduce((a, b) => a + b, 0)
  if (all.some((w) => !(w >= 0)) || !(weightSum > 0)) {
    throw new RangeError(messages.word('assessment_weights'))
  }
  const periods = assessedPeriods(year, asOf, input.deadlineDay)
  const index = indexSubmissions(input.submissions, asOf)
  const closure = closureCounts(input.units, input.clues, monthWindow(year, 1, 12), asOf.getTime())

  const unranked = input.units.map((unit) => {
    const timeliness = timelinessOf(unit, index, periods)
    const completeness = completenessOf(unit, index, periods)
    const clueClosure = clueClosureOf(closure.get(unit.key) ?? emptyCounts())
    const taskCompletion = taskCompletionOf(input.tasks ?? [], unit.key, year, asOf.getTime())
    const documents = documentsOf(input.documents ?? [], unit.key, asOf.getTime())
    const notes: string[] = []
    if (!unit.hasLiaison) notes.push(messages.word('no_dedicated_liaison'))
    return {
      unit: unitRef(unit),
      score: scoreOf(weights, [
        timeliness.share,
        clueClosure.share,
        completeness.share,
        taskCompletion.share,
        documents.share,
      ]),
      timeliness,
      clueClosure,
      completeness,
      taskCompletion,
      documents,
      noLiaison: !unit.hasLiaison,
      notes,
    }
  })

  const ordered = unranked
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (b.row.score ?? -1) - (a.row.score ?? -1) || a.i - b.i)
  const rows: AssessmentRow[] = []
  ordered.forEach(({ row }, position) => {
    const previous = rows[position - 1]
    const rank =
      row.score === null ? null : previous && previous.score === row.score ? previous.rank : position + 1
    rows.push({ rank, ...row })
  })
  return { year, asOf, periods, weights, rows }
}

/** The weights in the order of the shares: timeliness, clue closure, completeness, tasks, documents. */
const weightList = (w: AssessmentWeights) => [
  w.timeliness,
  w.clueClosure,
  w.completeness,
  w.taskCompletion ?? 0,
  w.documents ?? 0,
]

/** The weighted mean × 100 of the shares that apply (a component weighted 0 never counts). */
function scoreOf(weights: AssessmentWeights, shares: readonly (number | null)[]): number | null {
  const w = weightList(weights)
  let weighted = 0
  let total = 0
  shares.forEach((share, i) => {
    if (share === null || w[i] === 0) return
    weighted += (w[i] as number) * share
    total += w[i] as number
  })
  return total > 0 ? Math.round((weighted / total) * 1000) / 10 : null
}

/** The year's periods whose deadline has passed by asOf. */
export function assessedPeriods(year: number, asOf: Date, deadlineDay: number): string[] {
  const periods: string[] = []
  for (let month = 1; month <= 12; month++) {
    const period = periodOf(year, month)
    if (deadlineOf(period, deadlineDay).getTime() <= asOf.getTime()) periods.push(period)
  }
  return periods
}

function timelinessOf(
  unit: BulletinUnit,
  index: SubmissionIndex,
  periods: readonly string[],
): TimelinessScore {
  let onTime = 0
  let late = 0
  for (const period of periods) {
    const status = statusOf(lookup(index, unit.key, period))
    if (status === 'on_time') onTime++
    else if (status === 'late') late++
  }
  const months = periods.length
  return {
    share: months === 0 ? null : (onTime + late / 2) / months,
    months,
    onTime,
    late,
    missing: months - onTime - late,
  }
}

function completenessOf(
  unit: BulletinUnit,
  index: SubmissionIndex,
  periods: readonly string[],
): CompletenessScore {
  const required = unit.fields.filter((f) => f.required)
  let complete = 0
  let incomplete = 0
  for (const period of periods) {
    const m = lookup(index, unit.key, period)
    if (!m) continue
    if (required.every((f) => filled(f, m.latest.values[f.label]))) complete++
    else incomplete++
  }
  const months = periods.length
  return {
    share: months === 0 || required.length === 0 ? null : complete / months,
    months,
    complete,
    incomplete,
    missing: months - complete - incomplete,
    fields: required.map((f) => f.label),
  }
}

/** A number for a count or money field, something written for a text field. */
function filled(field: FieldDef, value: number | string | undefined): boolean {
  if (field.kind === 'text') return typeof value === 'string' ? value.trim() !== '' : value !== undefined
  return numericValue(value) !== null
}

type ClosureCounts = Omit<ClueClosureScore, 'share' | 'assessed'>

const emptyCounts = (): ClosureCounts => ({
  routed: 0,
  pending: 0,
  closedWithinDue: 0,
  closedLate: 0,
  openOverdue: 0,
})

/**
 * Each unit's clues routed in the year (by asOf, in epoch milliseconds), counted in one pass over
 * the clues in their order (see clueSummary in figures.ts for why).
 */
function closureCounts(
  units: readonly BulletinUnit[],
  clues: readonly ClueRow[],
  year: MonthWindow,
  asOf: number,
): Map<string, ClosureCounts> {
  const counts = new Map(units.map((u) => [u.key, emptyCounts()]))
  for (const clue of clues) {
    const c = clue.unitKey === null ? undefined : counts.get(clue.unitKey)
    if (!c || !inWindow(clue.routedAt, year) || clue.routedAt > asOf) continue
    c.routed++
    if (closedAsOf(clue, asOf)) {
      if (closedWithinDue(clue)) c.closedWithinDue++
      else c.closedLate++
    } else if (overdueAsOf(clue, asOf)) c.openOverdue++
    else c.pending++
  }
  return counts
}

function clueClosureOf(c: ClosureCounts): ClueClosureScore {
  const assessed = c.routed - c.pending
  return {
    share: assessed === 0 ? null : c.closedWithinDue / assessed,
    routed: c.routed,
    pending: c.pending,
    assessed,
    closedWithinDue: c.closedWithinDue,
    closedLate: c.closedLate,
    openOverdue: c.openOverdue,
  }
}

function taskCompletionOf(
  tasks: readonly TaskRow[],
  unitKey: string,
  year: number,
  asOf: number,
): TaskCompletionScore {
  const window = monthWindow(year, 1, 12)
  const s = { assigned: 0, pending: 0, onTime: 0, late: 0, overdue: 0 }
  for (const t of tasks) {
    if (t.unitKey !== unitKey || t.cancelled || !inWindow(t.assignedAt, window) || t.assignedAt > asOf)
      continue
    s.assigned++
    const done = t.doneAt !== null && t.doneAt <= asOf
    if (done && (t.doneAt as number) < t.dueAt) s.onTime++
    else if (done) s.late++
    else if (t.dueAt <= asOf) s.overdue++
    else s.pending++
  }
  const assessed = s.assigned - s.pending
  return { share: assessed === 0 ? null : s.onTime / assessed, assessed, ...s }
}

function documentsOf(documents: readonly DocumentRow[], unitKey: string, asOf: number): DocumentsScore {
  const s = { owed: 0, onTime: 0, late: 0, missing: 0 }
  for (const d of documents) {
    if (d.unitKey !== unitKey) continue
    const answered = d.firstAnswerAt !== null && d.firstAnswerAt <= asOf
    if (!answered && d.dueAt > asOf) continue
    s.owed++
    if (!answered) s.missing++
    else if ((d.firstAnswerAt as number) < d.dueAt) s.onTime++
    else s.late++
  }
  return { share: s.owed === 0 ? null : (s.onTime + s.late / 2) / s.owed, ...s }
}
