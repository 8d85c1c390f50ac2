/**
 * The monthly bulletin's figures (通报), compiled from stored rows. Pure: time comes in as `asOf`.
 *
 * Rules, in the order the bulletin shows them:
 * - Everything is "as of" `asOf`: report revisions and clue events dated after it are ignored, so a
 *   bulletin compiled again later for the same asOf gives the same figures.
 * - Months are calendar months in China Standard Time.
 * - Reporting: the latest revision of a unit's report gives its values; on time / late is judged on the
 *   first revision (a correction after the deadline does not make an on-time report late). A unit with
 *   no report is missing; whether the deadline has passed is given alongside.
 * - Clues (per unit, and a county total over every clue): pushed = routed in the month; closed =
 *   closed in the month; closure rate = of the clues pushed in the month, the share closed by asOf;
 *   open overdue = open as of asOf past the due time, whenever routed; median hours to close and
 *   closed within due are over the clues closed in the month.
 * - Year to date: for each label the targets name, the sum January..period over every unit whose form
 *   has that label (县公安局 for cases, losses, solved and arrests; 县检察院 for prosecutions), one
 *   latest revision per unit per month. A month a source unit did not report is listed as a gap.
 * - Targets: the elapsed share of the year is months January..period inclusive ÷ 12 (a month counts
 *   as elapsed once its bulletin is due, which is how the office reads a monthly bulletin). The
 *   pace by now, target × share, is rounded as people write it (a count to a whole number, 30.25 →
 *   30; an amount in 万元 to one decimal), and judged as shown: a max target is on track when
 *   ytd ≤ pace, a min target when ytd ≥ pace.
 * - Ratios: numerator ÷ denominator × per over year-to-date sums; no value when the denominator is 0.
 * - 两降三升: year to date against last year's January..same month. Last year's figure comes from last
 *   year's submissions when every source unit reported every one of those months, else from the
 *   configured baseline (`lastYear`), else there is none. Down is good when the figure fell, up when
 *   it rose; no change is not good.
 * - Phase: the first configured phase whose MM-DD range (inclusive) holds the reference day: the
 *   period's last day, or asOf when that comes first (an interim bulletin in the month itself).
 */

import { deadlineOf, periodOf, toLocal } from '../period.ts'
import { whoReported } from '../reporting.ts'
import {
  checkedPeriod,
  closedAsOf,
  closedWithinDue,
  indexSubmissions,
  inWindow,
  lookup,
  type MonthWindow,
  median,
  monthWindow,
  numericFields,
  numericValue,
  overdueAsOf,
  periodsThrough,
  type SubmissionIndex,
  tidy,
  unitRef,
} from './common.ts'
import type {
  BulletinFigures,
  BulletinInput,
  BulletinUnit,
  ClueFigures,
  ClueRow,
  ClueSummary,
  RatioProgress,
  ReportingSummary,
  TargetProgress,
  TrendRow,
  UnitFigures,
  UnitRef,
  YtdFigure,
} from './types.ts'
import { workOf } from './work.ts'

const HOUR_MS = 3600_000

export function compileBulletin(input: BulletinInput): BulletinFigures {
  const { period, asOf, units } = input
  const { year, month } = checkedPeriod(period)
  const index = indexSubmissions(input.submissions, asOf)
  const window = monthWindow(year, month)

  const ytd = yearToDate(targetLabels(input.targets), units, index, year, month)
  return {
    period,
    asOf,
    reporting: reportingOf(input),
    unitFigures: units.map((u) => unitFiguresOf(u, index, period)),
    clueFigures: clueSummary(units, input.clues, window, asOf.getTime()),
    ytd,
    targetProgress: targetProgressOf(input.targets, ytd, month, units),
    ratios: ratiosOf(input.targets, ytd),
    trend: trendOf(input, ytd, index, year, month),
    phase: phaseOf(input.phases, referenceDay(year, month, asOf)),
    work: workOf(input, year, month),
  }
}

// --- reporting and the month's figures --------------------------------------------------------

function reportingOf(input: BulletinInput): ReportingSummary {
  const deadline = deadlineOf(input.period, input.deadlineDay)
  const reporting = whoReported(input.units, input.submissions, {
    period: input.period,
    asOf: input.asOf,
    unitOf: (u) => u.key,
    revisionOf: (r) => r.unitKey,
  })
  const rows = reporting.map(({ unit, status, month: m }) => ({
    unit: unitRef(unit),
    status,
    revision: m ? m.latest.revision : null,
    submittedAt: m ? m.first.createdAt : null,
    lastRevisedAt: m ? m.latest.createdAt : null,
    noLiaison: !unit.hasLiaison,
  }))
  const count = (s: string) => rows.filter((r) => r.status === s).length
  return {
    deadline,
    deadlinePassed: input.asOf.getTime() >= deadline.getTime(),
    rows,
    onTime: count('on_time'),
    late: count('late'),
    missing: count('missing'),
  }
}

function unitFiguresOf(unit: BulletinUnit, index: SubmissionIndex, period: string): UnitFigures {
  const m = lookup(index, unit.key, period)
  const values: Record<string, number | null> = {}
  for (const label of numericFields(unit)) values[label] = m ? numericValue(m.latest.values[label]) : null
  const texts: UnitFigures['texts'] = []
  for (const field of unit.fields) {
    const written = m?.latest.values[field.label]
    if (field.kind === 'text' && typeof written === 'string' && written.trim() !== '')
      texts.push({ label: field.label, text: written })
  }
  return { unit: unitRef(unit), revision: m ? m.latest.revision : null, values, texts }
}

// --- clues ------------------------------------------------------------------------------------

/** The month's clue counts of a unit or of the county, gathered clue by clue. */
interface ClueTally {
  pushed: number
  pushedClosed: number
  closed: number
  closedWithinDue: number
  openOverdue: number
  /** Hours from routing to closing, of the clues closed in the month. */
  hours: number[]
}

const emptyTally = (): ClueTally => ({
  pushed: 0,
  pushedClosed: 0,
  closed: 0,
  closedWithinDue: 0,
  openOverdue: 0,
  hours: [],
})

/**
 * One pass over the clues in their order, each counted for its unit and for the county: a year
 * holds 100,000 clues or more, and a pass per unit (or over the clues grouped by unit, scattered
 * in memory) costs several times as much. `asOf` in epoch milliseconds, like the clues' times.
 */
function clueSummary(
  units: readonly BulletinUnit[],
  clues: readonly ClueRow[],
  window: MonthWindow,
  asOf: number,
): ClueSummary {
  const tallies = new Map(units.map((u) => [u.key, emptyTally()]))
  const total = emptyTally()
  let unassignedOpen = 0
  for (const clue of clues) {
    count(total, clue, window, asOf)
    if (clue.unitKey === null) {
      if (!closedAsOf(clue, asOf)) unassignedOpen++
      continue
    }
    const tally = tallies.get(clue.unitKey)
    if (tally) count(tally, clue, window, asOf)
  }
  return {
    rows: units.map((u) => clueFigures(unitRef(u), tallies.get(u.key) ?? emptyTally())),
    total: clueFigures(null, total),
    unassignedOpen,
  }
}

function count(tally: ClueTally, clue: ClueRow, window: MonthWindow, asOf: number): void {
  if (inWindow(clue.routedAt, window) && clue.routedAt <= asOf) {
    tally.pushed++
    if (closedAsOf(clue, asOf)) tally.pushedClosed++
  }
  if (clue.status === 'closed' && inWindow(clue.closedAt, window) && clue.closedAt <= asOf) {
    tally.closed++
    if (closedWithinDue(clue)) tally.closedWithinDue++
    if (clue.routedAt !== null) tally.hours.push((clue.closedAt - clue.routedAt) / HOUR_MS)
  }
  if (overdueAsOf(clue, asOf)) tally.openOverdue++
}

function clueFigures(unit: UnitRef | null, tally: ClueTally): ClueFigures {
  return {
    unit,
    pushed: tally.pushed,
    closed: tally.closed,
    pushedClosed: tally.pushedClosed,
    closureRate: tally.pushed === 0 ? null : tally.pushedClosed / tally.pushed,
    openOverdue: tally.openOverdue,
    medianHoursToClose: median(tally.hours),
    closedWithinDue: tally.closedWithinDue,
  }
}

// --- year to date -----------------------------------------------------------------------------

/** Every label the targets name, in the order first named: max, min, ratios, trend. */
export function targetLabels(targets: BulletinInput['targets']): string[] {
  const labels = [
    ...Object.keys(targets.max),
    ...Object.keys(targets.min),
    ...targets.ratios.flatMap((r) => [r.numerator, r.denominator]),
    ...targets.trend.down,
    ...targets.trend.up,
  ]
  return [...new Set(labels)]
}

function sourceUnits(units: readonly BulletinUnit[], label: string): BulletinUnit[] {
  return units.filter((u) => numericFields(u).includes(label))
}

/** Sums of the label over its source units and the periods; the unit-months with no report are gaps. */
function sumOver(
  label: string,
  sources: readonly BulletinUnit[],
  index: SubmissionIndex,
  periods: readonly string[],
): { value: number; gaps: YtdFigure['gaps'] } {
  let value = 0
  const gaps: YtdFigure['gaps'] = []
  for (const unit of sources) {
    for (const period of periods) {
      const m = lookup(index, unit.key, period)
      if (!m) gaps.push({ unitKey: unit.key, period })
      else value += numericValue(m.latest.values[label]) ?? 0
    }
  }
  return { value: tidy(value), gaps }
}

function yearToDate(
  labels: readonly string[],
  units: readonly BulletinUnit[],
  index: SubmissionIndex,
  year: number,
  month: number,
): Record<string, YtdFigure> {
  const periods = periodsThrough(year, month)
  const ytd: Record<string, YtdFigure> = {}
  for (const label of labels) {
    const sources = sourceUnits(units, label)
    const { value, gaps } = sumOver(label, sources, index, periods)
    ytd[label] = { label, value: sources.length === 0 ? null : value, units: sources.map((u) => u.key), gaps }
  }
  return ytd
}

/**
 * The year-to-date sums of `labels` (January..the input's period) over the input's units: what the
 * city's figures add up per county, for the city's own target labels.
 */
export function yearToDateOf(input: BulletinInput, labels: readonly string[]): Record<string, YtdFigure> {
  const { year, month } = checkedPeriod(input.period)
  return yearToDate(labels, input.units, indexSubmissions(input.submissions, input.asOf), year, month)
}

const ytdValue = (ytd: Record<string, YtdFigure>, label: string) => ytd[label]?.value ?? null

// --- targets, ratios, trend -------------------------------------------------------------------

/** Each max and min target against its year-to-date figure; `units` tell which labels are money. */
export function targetProgressOf(
  targets: BulletinInput['targets'],
  ytd: Record<string, YtdFigure>,
  month: number,
  units: readonly Pick<BulletinUnit, 'fields'>[],
): TargetProgress[] {
  const share = month / 12
  const row = (name: string, kind: 'max' | 'min', target: number): TargetProgress => {
    const value = ytdValue(ytd, name)
    const money = units.some((u) => u.fields.some((f) => f.label === name && f.kind === 'money'))
    const digits = money ? 1 : 0
    const expectedByNow = Math.round(tidy(target * share) * 10 ** digits) / 10 ** digits
    const onTrack = value === null ? null : kind === 'max' ? value <= expectedByNow : value >= expectedByNow
    return { name, kind, target, ytd: value, share, expectedByNow, onTrack }
  }
  return [
    ...Object.entries(targets.max).map(([name, target]) => row(name, 'max', target)),
    ...Object.entries(targets.min).map(([name, target]) => row(name, 'min', target)),
  ]
}

export function ratiosOf(targets: BulletinInput['targets'], ytd: Record<string, YtdFigure>): RatioProgress[] {
  return targets.ratios.map((r) => {
    const numerator = ytdValue(ytd, r.numerator)
    const denominator = ytdValue(ytd, r.denominator)
    const value =
      numerator === null || denominator === null || denominator === 0
        ? null
        : tidy((numerator / denominator) * r.per)
    return {
      name: r.name,
      numerator,
      denominator,
      per: r.per,
      value,
      min: r.min,
      onTrack: value === null ? null : value >= r.min,
    }
  })
}

function trendOf(
  input: BulletinInput,
  ytd: Record<string, YtdFigure>,
  index: SubmissionIndex,
  year: number,
  month: number,
): TrendRow[] {
  const lastPeriods = periodsThrough(year - 1, month)
  const row = (name: string, direction: 'down' | 'up'): TrendRow => {
    const thisYear = ytdValue(ytd, name)
    const sources = sourceUnits(input.units, name)
    let lastYear: number | null = null
    let lastYearSource: TrendRow['lastYearSource'] = null
    const fromSubmissions = sumOver(name, sources, index, lastPeriods)
    if (sources.length > 0 && fromSubmissions.gaps.length === 0) {
      lastYear = fromSubmissions.value
      lastYearSource = 'submissions'
    } else if (input.lastYear?.[name] !== undefined) {
      lastYear = input.lastYear[name]
      lastYearSource = 'baseline'
    }
    const change = thisYear === null || lastYear === null ? null : tidy(thisYear - lastYear)
    const changePct =
      change === null || lastYear === null || lastYear === 0 ? null : tidy((change / lastYear) * 100)
    const good = change === null ? null : direction === 'down' ? change < 0 : change > 0
    return { name, direction, thisYear, lastYear, lastYearSource, change, changePct, good }
  }
  return [
    ...input.targets.trend.down.map((name) => row(name, 'down')),
    ...input.targets.trend.up.map((name) => row(name, 'up')),
  ]
}

// --- phase ------------------------------------------------------------------------------------

/** 'MM-DD' of the period's last day, or of asOf when that comes earlier. */
function referenceDay(year: number, month: number, asOf: Date): string {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const local = toLocal(asOf)
  const asOfFirst = periodOf(local.year, local.month) === periodOf(year, month) && local.day < lastDay
  const day = asOfFirst ? local.day : lastDay
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The first phase whose inclusive MM-DD range holds the day; a range may wrap past the year's end. */
export function phaseOf(phases: BulletinInput['phases'], day: string): string | null {
  const holds = (p: { from: string; to: string }) =>
    p.from <= p.to ? p.from <= day && day <= p.to : day >= p.from || day <= p.to
  return phases.find(holds)?.name ?? null
}
