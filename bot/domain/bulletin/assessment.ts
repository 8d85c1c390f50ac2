/**
 * The year's assessment of the member units (年度考核), produced in the 考核总结 phase. Pure: time comes
 * in as `asOf`, and report revisions and clue events dated after it are ignored.
 *
 * Months assessed: the year's months whose report deadline (the deadline day, 24:00 CST) has passed by
 * asOf — a month still open for reporting is neither credited nor held against anyone.
 *
 * Three components, each a share from 0 to 1:
 * - Timeliness (报送及时率): over the months assessed, on time counts 1, late ½, missing 0, divided by
 *   the number of months. On time / late is judged on a month's first revision (a later correction
 *   does not change it).
 * - Clue closure (线索按期销号率): over the clues routed to the unit this year (by asOf), the share
 *   closed by their due time. A clue still open and not yet due at asOf is pending and left out; an
 *   open clue past its due time counts as not closed in time. A unit with no assessed clues gets full
 *   marks, and a note says so. Clues count for the unit now responsible (after any transfer).
 * - Completeness (填报完整率): over the months assessed, the share whose latest revision filled every
 *   numeric field of the unit's form (required and optional; text fields are not asked for). A missing
 *   month is not complete. A form with no numeric field is complete whenever it was reported.
 * With no month assessed yet, timeliness and completeness are full marks (nothing was due), with a note.
 *
 * Score = (w₁·timeliness + w₂·clue closure + w₃·completeness) ÷ (w₁ + w₂ + w₃) × 100, rounded to one
 * decimal: the weighted sum × 100 when the weights add up to 1, and still out of 100 when they do not.
 * Units are ranked by score, best first; equal scores share a rank and the next rank skips (1, 1, 3),
 * and units with equal scores keep the roster's order.
 */

import { deadlineOf, periodOf } from '../period.ts'
import {
  closedAsOf,
  closedWithinDue,
  indexSubmissions,
  inWindow,
  lookup,
  type MonthWindow,
  monthWindow,
  numericFields,
  numericValue,
  overdueAsOf,
  type SubmissionIndex,
  statusOf,
  unitRef,
} from './common.ts'
import type {
  Assessment,
  AssessmentInput,
  AssessmentRow,
  BulletinUnit,
  ClueClosureScore,
  ClueRow,
  CompletenessScore,
  TimelinessScore,
} from './types.ts'

export function assessYear(input: AssessmentInput): Assessment {
  const { year, asOf, weights } = input
  const weightSum = weights.timeliness + weights.clueClosure + weights.completeness
  if (
    [weights.timeliness, weights.clueClosure, weights.completeness].some((w) => !(w >= 0)) ||
    !(weightSum > 0)
  ) {
    throw new RangeError('考核权重应为非负数且不全为 0')
  }
  const periods = assessedPeriods(year, asOf, input.deadlineDay)
  const index = indexSubmissions(input.submissions, asOf)
  const closure = closureCounts(input.units, input.clues, monthWindow(year, 1, 12), asOf.getTime())

  const unranked = input.units.map((unit) => {
    const timeliness = timelinessOf(unit, index, periods)
    const completeness = completenessOf(unit, index, periods)
    const clueClosure = clueClosureOf(closure.get(unit.key) ?? emptyCounts())
    const notes: string[] = []
    if (periods.length === 0) notes.push('本年尚无到期的月报，报送及时率和填报完整率按满分计')
    if (clueClosure.assessed === 0) notes.push('本年无需考核的派发线索，线索按期销号率按满分计')
    if (!unit.hasLiaison) notes.push('未绑定专职联络员')
    const weighted =
      weights.timeliness * timeliness.share +
      weights.clueClosure * clueClosure.share +
      weights.completeness * completeness.share
    const score = Math.round((weighted / weightSum) * 1000) / 10
    return {
      unit: unitRef(unit),
      score,
      timeliness,
      clueClosure,
      completeness,
      noLiaison: !unit.hasLiaison,
      notes,
    }
  })

  const ordered = unranked
    .map((row, i) => ({ row, i }))
    .sort((a, b) => b.row.score - a.row.score || a.i - b.i)
  const rows: AssessmentRow[] = []
  ordered.forEach(({ row }, position) => {
    const previous = rows[position - 1]
    const rank = previous && previous.score === row.score ? previous.rank : position + 1
    rows.push({ rank, ...row })
  })
  return { year, asOf, periods, weights, rows }
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
    share: months === 0 ? 1 : (onTime + late / 2) / months,
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
  const fields = numericFields(unit)
  let complete = 0
  let incomplete = 0
  for (const period of periods) {
    const m = lookup(index, unit.key, period)
    if (!m) continue
    if (fields.every((f) => numericValue(m.latest.values[f]) !== null)) complete++
    else incomplete++
  }
  const months = periods.length
  return {
    share: months === 0 ? 1 : complete / months,
    months,
    complete,
    incomplete,
    missing: months - complete - incomplete,
    fields,
  }
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
    share: assessed === 0 ? 1 : c.closedWithinDue / assessed,
    routed: c.routed,
    pending: c.pending,
    assessed,
    closedWithinDue: c.closedWithinDue,
    closedLate: c.closedLate,
    openOverdue: c.openOverdue,
  }
}
