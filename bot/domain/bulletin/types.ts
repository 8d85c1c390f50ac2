// Types of the monthly bulletin (通报) and the year's assessment (考核): what goes in (rows read from
// the store and the roster) and what comes out (figures ready to be rendered as text, Excel or a chart).
// Everything here is plain data; the computations live in figures.ts and assessment.ts.

import type { ReportStatus } from '../reporting.ts'
import type { FieldDef } from '../roster.ts'
import type { Phase, Targets } from '../roster-types.ts'

// ---------------------------------------------------------------------------------------------
// Input

export interface BulletinUnit {
  key: string
  name: string
  /** The unit's form (its own fields; text fields are ignored by the figures). */
  fields: readonly FieldDef[]
  /** Whether a liaison is bound to the unit. A unit without one is still listed and counted. */
  hasLiaison: boolean
}

/** One revision of a unit's monthly report. A correction is a later revision of the same unit+period. */
export interface SubmissionRow {
  unitKey: string
  period: string
  revision: number
  status: 'on_time' | 'late'
  values: Record<string, number | string>
  createdAt: Date
}

/**
 * A clue as the figures see it: the unit now responsible and its times as epoch milliseconds. A
 * year holds 100,000 clues or more, all read for every bulletin: plain numbers keep that cheap.
 */
export interface ClueRow {
  unitKey: string | null
  routedAt: number | null
  dueAt: number | null
  closedAt: number | null
  status: 'open' | 'closed'
}

export interface BulletinInput {
  /** The month the bulletin is for ('YYYY-MM'). */
  period: string
  /** When it is compiled. Rows dated after this instant are treated as not having happened yet. */
  asOf: Date
  units: BulletinUnit[]
  /** All revisions of any period (this year and last year); the latest revision per unit+period counts. */
  submissions: SubmissionRow[]
  clues: ClueRow[]
  targets: Targets
  phases: Pick<Phase, 'name' | 'from' | 'to'>[]
  deadlineDay: number
  /**
   * Optional configured baseline: last year's same-period year-to-date figures by field label, used
   * for 两降三升 when last year's submissions do not cover the same period.
   */
  lastYear?: Record<string, number>
  /** The year's tasks (督办), one row per unit on each. */
  tasks?: TaskRow[]
  /** The year's documents owed (征集), one row per unit and collection. */
  documents?: DocumentRow[]
}

// ---------------------------------------------------------------------------------------------
// Bulletin output

export interface UnitRef {
  key: string
  name: string
}

export type { ReportStatus }

export interface ReportingRow {
  unit: UnitRef
  /** Whether the unit reported the period, and whether its first report came before the deadline. */
  status: ReportStatus
  /** The latest revision (1 = never corrected), null when missing. */
  revision: number | null
  /** When the first revision came in (what on time / late is judged on), null when missing. */
  submittedAt: Date | null
  /** When the latest revision came in, null when missing. */
  lastRevisedAt: Date | null
  /** No liaison is bound to the unit. */
  noLiaison: boolean
}

export interface ReportingSummary {
  /** The period's deadline (the instant after which a report is late). */
  deadline: Date
  /** Whether asOf is past the deadline; before it a missing unit is merely "not yet reported". */
  deadlinePassed: boolean
  rows: ReportingRow[]
  onTime: number
  late: number
  missing: number
}

export interface UnitFigures {
  unit: UnitRef
  /** The revision the values come from, null when the unit did not report. */
  revision: number | null
  /** The month's value of every numeric field of the form, in form order; null when not reported/blank. */
  values: Record<string, number | null>
  /** What the unit wrote in the form's text fields (存在问题, 其他工作…), as written; blank ones left out. */
  texts: { label: string; text: string }[]
}

export interface ClueFigures {
  /** The unit, or null for the county total row. */
  unit: UnitRef | null
  /** Clues routed to the unit in the month. */
  pushed: number
  /** Clues closed (销号) in the month, whenever they were routed. */
  closed: number
  /** Of the clues pushed in the month, how many are closed as of asOf. */
  pushedClosed: number
  /** pushedClosed ÷ pushed as a fraction 0..1; null when none were pushed. */
  closureRate: number | null
  /** Clues open as of asOf whose due time has passed, whenever they were routed. */
  openOverdue: number
  /** Median hours from routing to closing, over the clues closed in the month; null when none. */
  medianHoursToClose: number | null
  /** Of the clues closed in the month, how many were closed by their due time. */
  closedWithinDue: number
}

export interface ClueSummary {
  rows: ClueFigures[]
  /** Every clue, including those routed to units not listed and those never routed. */
  total: ClueFigures
  /** Clues open as of asOf that no unit is responsible for yet (awaiting the office). */
  unassignedOpen: number
}

export interface YtdFigure {
  label: string
  /** County sum Jan..period; null when no unit's form has the label. */
  value: number | null
  /** Keys of the units whose form has the label (the figure's sources). */
  units: string[]
  /** Source unit-months with no report: the figure may be understated. */
  gaps: { unitKey: string; period: string }[]
}

export interface TargetProgress {
  name: string
  kind: 'max' | 'min'
  /** The annual target. */
  target: number
  /** Year-to-date figure; null when no unit's form has the label. */
  ytd: number | null
  /** Elapsed share of the year: months Jan..period (inclusive) ÷ 12. */
  share: number
  /** target × share, rounded as people write it (counts whole, 万元 to one decimal): the pace by now. */
  expectedByNow: number
  /** max: ytd ≤ expectedByNow; min: ytd ≥ expectedByNow; null when ytd is null. */
  onTrack: boolean | null
}

export interface RatioProgress {
  name: string
  numerator: number | null
  denominator: number | null
  per: number
  /** numerator ÷ denominator × per, year to date; null when the denominator is 0 (or unknown). */
  value: number | null
  min: number
  /** value ≥ min; null when value is null. */
  onTrack: boolean | null
}

export interface TrendRow {
  name: string
  direction: 'down' | 'up'
  /** Year to date; null when no unit's form has the label. */
  thisYear: number | null
  /** Last year's figure for the same months; null when there is no data. */
  lastYear: number | null
  /** Where lastYear comes from: last year's submissions (complete), the configured baseline, or none. */
  lastYearSource: 'submissions' | 'baseline' | null
  /** thisYear − lastYear; null when either is null. */
  change: number | null
  /** change ÷ lastYear × 100; null when change is null or lastYear is 0. */
  changePct: number | null
  /** down: change < 0; up: change > 0 (no change is not good); null when change is null. */
  good: boolean | null
}

export interface BulletinFigures {
  period: string
  asOf: Date
  reporting: ReportingSummary
  unitFigures: UnitFigures[]
  clueFigures: ClueSummary
  ytd: Record<string, YtdFigure>
  targetProgress: TargetProgress[]
  ratios: RatioProgress[]
  trend: TrendRow[]
  /** The campaign phase the bulletin's reference day falls in, null when none. */
  phase: string | null
  work: WorkFigures
}

/** Tasks per unit in the month and the collections still open in it (督办与征集). */
export interface WorkFigures {
  /** Units with a task assigned or completed in the month, or overdue as of asOf. */
  tasks: { unit: UnitRef; assigned: number; completed: number; overdue: number }[]
  /** Collections whose deadline falls in the month or later, with the units' status as of asOf. */
  collections: { name: string; dueAt: Date; owed: number; onTime: number; late: number; missing: number }[]
}

// ---------------------------------------------------------------------------------------------
// Assessment

export interface AssessmentWeights {
  timeliness: number
  clueClosure: number
  completeness: number
  /** Tasks done by their deadline (督办); 0 or absent: not part of the score. */
  taskCompletion?: number
  /** Documents owed (征集) answered on time; 0 or absent: not part of the score. */
  documents?: number
}

/** One unit's part of a task the office assigned (times as epoch milliseconds). */
export interface TaskRow {
  unitKey: string
  assignedAt: number
  dueAt: number
  doneAt: number | null
  cancelled: boolean
}

/** A document a unit owes (a collection), and when its first answer came. */
export interface DocumentRow {
  unitKey: string
  name: string
  dueAt: number
  firstAnswerAt: number | null
}

export interface AssessmentInput {
  year: number
  asOf: Date
  units: BulletinUnit[]
  submissions: SubmissionRow[]
  clues: ClueRow[]
  tasks?: TaskRow[]
  documents?: DocumentRow[]
  deadlineDay: number
  weights: AssessmentWeights
}

export interface TaskCompletionScore {
  /** 0..1; null when no task is assessed (not applicable). */
  share: number | null
  /** Task parts assigned to the unit this year (by asOf), cancelled ones left out. */
  assigned: number
  /** Not done and not yet due: not assessed. */
  pending: number
  assessed: number
  onTime: number
  late: number
  /** Not done, past the deadline. */
  overdue: number
}

export interface DocumentsScore {
  /** 0..1; null when no document is due yet and none was answered (not applicable). */
  share: number | null
  /** Documents assessed: due by asOf, or answered. */
  owed: number
  onTime: number
  late: number
  missing: number
}

export interface TimelinessScore {
  /** 0..1; null before any month is due (not applicable). */
  share: number | null
  /** Months assessed (those whose deadline has passed by asOf). */
  months: number
  onTime: number
  late: number
  missing: number
}

export interface ClueClosureScore {
  /** 0..1; null when no clue is assessed (not applicable). */
  share: number | null
  /** Clues routed to the unit this year (by asOf). */
  routed: number
  /** Still open and not yet due: not assessed. */
  pending: number
  /** routed − pending: the clues the share is taken over. */
  assessed: number
  closedWithinDue: number
  closedLate: number
  /** Open past their due time as of asOf. */
  openOverdue: number
}

export interface CompletenessScore {
  /** 0..1; null when the form has no required field or no month is due (not applicable). */
  share: number | null
  months: number
  /** Months whose latest revision filled every required field of the form. */
  complete: number
  /** Months reported with at least one required field left blank. */
  incomplete: number
  missing: number
  /** The required fields of the form (the template's * fields). */
  fields: string[]
}

export interface AssessmentRow {
  /** 1 = best; units with equal scores share a rank (1, 1, 3…); null for a unit without a score. */
  rank: number | null
  unit: UnitRef
  /** 0..100, one decimal, over the applicable components; null when none applies. */
  score: number | null
  timeliness: TimelinessScore
  clueClosure: ClueClosureScore
  completeness: CompletenessScore
  taskCompletion: TaskCompletionScore
  documents: DocumentsScore
  noLiaison: boolean
  /** Remarks a reader needs to read the numbers right (Chinese, ready to show). */
  notes: string[]
}

export interface Assessment {
  year: number
  asOf: Date
  /** The periods assessed: the year's months whose deadline has passed by asOf. */
  periods: string[]
  weights: AssessmentWeights
  rows: AssessmentRow[]
}
