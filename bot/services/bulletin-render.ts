// Rendering a compiled bulletin (通报): the group message, the Excel workbook with the full tables and
// the chart of target progress. The figures are computed elsewhere (domain/bulletin); this only
// presents them. The wording is in prompts/bulletin*.txt.
import { messages } from '../../prompts/messages.ts'
import type { Assessment, AssessmentRow, BulletinFigures, ReportingRow } from '../domain/bulletin/types.ts'
import { periodLabel, splitPeriod } from '../domain/period.ts'
import { renderTargetChart } from './bulletin-chart.ts'
import {
  deadlineDay,
  figure,
  hours,
  localDateTime,
  moneyLabelSet,
  num,
  percent,
  weightShares,
} from './bulletin-format.ts'
import { buildWorkbook } from './bulletin-workbook.ts'

export { cjkFontAvailable } from './bulletin-chart.ts'
export { moneyLabelsOf } from './bulletin-format.ts'

export interface RenderedBulletin {
  text: string
  workbook: Buffer
  chart: Buffer
}

export interface RenderOptions {
  /** The year's assessment, appended as a ranking (the 考核总结 phase). */
  assessment?: Assessment
  /** A re-issue whose figures changed: the title says 更正 (and the version, when given). */
  correction?: boolean
  version?: number
  /**
   * The money fields (amounts in 万元), e.g. moneyLabelsOf(input.units). Without it, labels that read
   * like an amount (金额, 资金, 经费, 损失) are taken as money.
   */
  moneyLabels?: readonly string[]
}

export async function renderBulletin(f: BulletinFigures, o: RenderOptions = {}): Promise<RenderedBulletin> {
  const isMoney = moneyLabelSet(o.moneyLabels)
  const [workbook, chart] = await Promise.all([
    buildWorkbook(f, { assessment: o.assessment, isMoney }),
    renderTargetChart(f, { isMoney }),
  ])
  return { text: bulletinText(f, { ...o, isMoney }), workbook, chart }
}

// --- text -------------------------------------------------------------------------------------

const line = messages.bulletinLine

interface TextOptions extends RenderOptions {
  isMoney: (label: string) => boolean
}

/** The bulletin as a group message. */
export function bulletinText(f: BulletinFigures, o: TextOptions): string {
  const correction = o.correction
    ? o.version !== undefined
      ? line('correction-version', { version: o.version })
      : line('correction')
    : ''
  const main = messages.bulletin({
    period: periodLabel(f.period),
    correction,
    phase: f.phase ?? line('phase-none'),
    asOf: localDateTime(f.asOf),
    reporting: reportingLines(f).join('\n'),
    targets: targetLines(f, o.isMoney).join('\n'),
    trend: trendLines(f, o.isMoney).join('\n'),
    clues: clueLines(f).join('\n'),
    units: unitLines(f, o.isMoney).join('\n'),
  })
  const parts = [main]
  if (o.assessment) parts.push(assessmentText(o.assessment))
  parts.push(line('footer'))
  return parts.join('\n\n')
}

const names = (rows: readonly ReportingRow[], flagNoLiaison: boolean) =>
  rows.map((r) => r.unit.name + (flagNoLiaison && r.noLiaison ? line('no-liaison-mark') : '')).join('、')

function reportingLines(f: BulletinFigures): string[] {
  const r = f.reporting
  const late = r.rows.filter((x) => x.status === 'late')
  const missing = r.rows.filter((x) => x.status === 'missing')
  const noLiaison = r.rows.filter((x) => x.noLiaison)
  const lines = [
    line('reporting-deadline', { deadline: deadlineDay(r.deadline), total: r.rows.length }),
    line('reporting-on-time', { count: r.onTime }),
  ]
  if (late.length) lines.push(line('reporting-late', { count: late.length, units: names(late, false) }))
  if (missing.length) {
    const kind = r.deadlinePassed ? 'reporting-missing' : 'reporting-pending'
    lines.push(line(kind, { count: missing.length, units: names(missing, true) }))
  } else lines.push(line('reporting-all'))
  if (noLiaison.length) lines.push(line('reporting-no-liaison', { units: names(noLiaison, false) }))
  return lines
}

function unitName(f: BulletinFigures, key: string): string {
  return f.reporting.rows.find((r) => r.unit.key === key)?.unit.name ?? key
}

function targetLines(f: BulletinFigures, isMoney: (label: string) => boolean): string[] {
  const { month } = splitPeriod(f.period)
  const share = f.targetProgress[0]?.share ?? month / 12
  const lines = [line('target-share', { share: percent(share), month })]
  for (const t of f.targetProgress) {
    const money = isMoney(t.name)
    if (t.ytd === null) {
      lines.push(line('target-none', { name: t.name, target: figure(t.target, money) }))
      continue
    }
    lines.push(
      line(t.kind === 'max' ? 'target-max' : 'target-min', {
        mark: line(t.onTrack ? 'on-track' : 'off-track'),
        name: t.name,
        ytd: figure(t.ytd, money),
        target: figure(t.target, money),
        expected: figure(t.expectedByNow, money),
      }),
    )
    const gaps = f.ytd[t.name]?.gaps ?? []
    if (gaps.length) lines.push(line('target-gaps', { name: t.name, gaps: gapText(f, gaps) }))
  }
  for (const r of f.ratios) {
    if (r.value === null) {
      lines.push(line('ratio-none', { name: r.name, min: num(r.min) }))
      continue
    }
    lines.push(
      line('ratio', {
        mark: line(r.onTrack ? 'on-track' : 'off-track'),
        name: r.name,
        value: num(Number(r.value.toFixed(1))),
        numerator: figure(r.numerator, false),
        denominator: figure(r.denominator, false),
        per: num(r.per),
        min: num(r.min),
      }),
    )
  }
  return lines
}

/** "县公安局3、5月" for the unit-months a year-to-date figure lacks. */
function gapText(f: BulletinFigures, gaps: readonly { unitKey: string; period: string }[]): string {
  const byUnit = new Map<string, number[]>()
  for (const g of gaps) {
    const months = byUnit.get(g.unitKey) ?? []
    months.push(splitPeriod(g.period).month)
    byUnit.set(g.unitKey, months)
  }
  return [...byUnit].map(([key, months]) => `${unitName(f, key)}${months.join('、')}月`).join('；')
}

function trendLines(f: BulletinFigures, isMoney: (label: string) => boolean): string[] {
  return f.trend.map((t) => {
    const money = isMoney(t.name)
    const direction = line(t.direction === 'down' ? 'trend-down' : 'trend-up')
    if (t.lastYear === null || t.change === null) {
      return line('trend-none', { name: t.name, direction, thisYear: figure(t.thisYear, money) })
    }
    const arrow = t.change > 0 ? '↑' : t.change < 0 ? '↓' : ''
    const pct = t.changePct === null ? '' : `（${Number(Math.abs(t.changePct).toFixed(1))}%）`
    const change = t.change === 0 ? line('trend-same') : `${arrow}${figure(Math.abs(t.change), money)}${pct}`
    return line('trend', {
      mark: line(t.good ? 'on-track' : 'off-track'),
      name: t.name,
      direction,
      thisYear: figure(t.thisYear, money),
      lastYear: figure(t.lastYear, money),
      change,
      source: t.lastYearSource === 'baseline' ? line('trend-baseline') : '',
    })
  })
}

function clueLines(f: BulletinFigures): string[] {
  const total = f.clueFigures.total
  const lines = [
    line('clue-total', { pushed: total.pushed, closed: total.closed, overdue: total.openOverdue }),
    line('clue-total-rate', { rate: percent(total.closureRate), median: hours(total.medianHoursToClose) }),
  ]
  if (f.clueFigures.unassignedOpen > 0)
    lines.push(line('clue-unassigned', { count: f.clueFigures.unassignedOpen }))
  const withClues = f.clueFigures.rows.filter((r) => r.pushed > 0 || r.closed > 0 || r.openOverdue > 0)
  if (withClues.length === 0) lines.push(line('clue-units-none'))
  for (const r of withClues) {
    lines.push(
      line('clue-unit', {
        unit: r.unit?.name ?? '',
        pushed: r.pushed,
        closed: r.closed,
        overdue: r.openOverdue,
        rate: percent(r.closureRate),
        median: hours(r.medianHoursToClose),
      }),
    )
  }
  return lines
}

function unitLines(f: BulletinFigures, isMoney: (label: string) => boolean): string[] {
  return f.unitFigures.map((u) => {
    if (u.revision === null) return line('unit-missing', { unit: u.unit.name })
    const entries = Object.entries(u.values)
    if (entries.length === 0) return line('unit-empty', { unit: u.unit.name })
    return line('unit', {
      unit: u.unit.name,
      revised: u.revision > 1 ? line('unit-revised') : '',
      values: entries.map(([label, value]) => `${label}=${figure(value, isMoney(label))}`).join('，'),
    })
  })
}

// --- assessment -------------------------------------------------------------------------------

function assessmentText(a: Assessment): string {
  const last = a.periods[a.periods.length - 1]
  const months = last
    ? line('assessment-months', { month: splitPeriod(last).month, count: a.periods.length })
    : line('assessment-months-none')
  return messages.bulletinAssessment({
    year: a.year,
    months,
    rows: a.rows.flatMap(assessmentLines).join('\n'),
    weights: line('assessment-weights', weightShares(a)),
  })
}

function assessmentLines(r: AssessmentRow): string[] {
  const c = r.clueClosure
  return [
    line('assessment-row', {
      rank: r.rank,
      unit: r.unit.name,
      liaison: r.noLiaison ? line('no-liaison-mark') : '',
      score: r.score.toFixed(1),
    }),
    line('assessment-detail', {
      timeliness: percent(r.timeliness.share),
      onTime: r.timeliness.onTime,
      late: r.timeliness.late,
      missing: r.timeliness.missing,
      clue: percent(c.share),
      clueCounts:
        c.assessed === 0
          ? line('assessment-clue-none')
          : line('assessment-clue-counts', { within: c.closedWithinDue, assessed: c.assessed }),
      completeness: percent(r.completeness.share),
      complete: r.completeness.complete,
      months: r.completeness.months,
    }),
  ]
}
