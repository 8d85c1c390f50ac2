// Rendering a compiled bulletin (通报): the group message, the Excel workbook with the full tables and
// the chart of target progress. The figures are computed elsewhere (domain/bulletin); this only
// presents them. The wording is in prompts/bulletin*.txt.

import { messages } from '../../prompts/messages.ts'
import type { BulletinChange } from '../domain/bulletin/changes.ts'
import type { CommendRule } from '../domain/bulletin/commend.ts'
import { excerpt } from '../domain/bulletin/excerpt.ts'
import type {
  Assessment,
  AssessmentRow,
  BulletinFigures,
  ReportingRow,
  ReportStatus,
} from '../domain/bulletin/types.ts'
import { dueDayLabel } from '../domain/due-date.ts'
import { periodLabel, splitPeriod } from '../domain/period.ts'
import { renderTargetChart } from './bulletin-chart.ts'
import {
  assessmentRule,
  deadlineDay,
  figure,
  hours,
  localDateTime,
  moneyLabelSet,
  num,
  percent,
} from './bulletin-format.ts'
import { buildWorkbook } from './bulletin-workbook.ts'

export { cjkFontAvailable } from './bulletin-chart.ts'
export { moneyLabelsOf } from './bulletin-format.ts'

export interface RenderedBulletin {
  text: string
  workbook: Buffer
  chart: Buffer
}

/**
 * Which bulletin this is: a preview (never numbered), the issue (第1版), or a correction of an
 * issue (更正·第N版) with what changed since the last issue (null when that issue predates snapshots).
 */
export type Edition =
  | { kind: 'preview' }
  | { kind: 'issue'; version: number; number?: number }
  | {
      kind: 'correction'
      version: number
      previousVersion: number
      changes: BulletinChange[] | null
      /** 期号: the number in its year. */
      number?: number
    }

export interface RenderOptions {
  /** The year's assessment, appended as a ranking (the 考核总结 phase). */
  assessment?: Assessment | undefined
  /** Who is proposed for 表彰 after the assessment (the roster's assessment.commend). */
  commend?: CommendRule | undefined
  /** Without it, a preview. */
  edition?: Edition
  /**
   * The money fields (amounts in 万元), e.g. moneyLabelsOf(input.units). Without it, labels that read
   * like an amount (金额, 资金, 经费, 损失) are taken as money.
   */
  moneyLabels?: readonly string[]
}

export async function renderBulletin(f: BulletinFigures, o: RenderOptions = {}): Promise<RenderedBulletin> {
  const isMoney = moneyLabelSet(o.moneyLabels)
  const [workbook, chart] = await Promise.all([
    buildWorkbook(f, { assessment: o.assessment, isMoney, commend: o.commend }),
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
  const edition = o.edition ?? { kind: 'preview' }
  const main = messages.bulletin({
    period: periodLabel(f.period),
    edition:
      edition.kind === 'preview'
        ? line('edition-preview', { asOf: localDateTime(f.asOf) })
        : line(edition.kind === 'issue' ? 'edition-issue' : 'edition-correction', {
            version: edition.version,
          }),
    number:
      edition.kind !== 'preview' && edition.number !== undefined
        ? `\n${line('edition-number', { year: splitPeriod(f.period).year, number: edition.number })}`
        : '',
    changes: edition.kind === 'correction' ? `\n\n${changesText(edition, o.isMoney)}` : '',
    phase: f.phase ?? line('phase-none'),
    asOf: localDateTime(f.asOf),
    reporting: reportingLines(f).join('\n'),
    targets: targetLines(f, o.isMoney, gapText(f)).join('\n'),
    trend: trendLines(f, o.isMoney).join('\n'),
    clues: clueLines(f).join('\n'),
    units: unitLines(f, o.isMoney).join('\n'),
    texts: textLines(f).join('\n'),
    work: workSection(f),
  })
  const parts = [main]
  if (o.assessment) parts.push(renderAssessment(o.assessment))
  parts.push(line('footer'))
  return parts.join('\n\n')
}

/** At most this many changes are listed; the rest are counted. */
const CHANGES_SHOWN = 30

const STATUS_WORD: Record<ReportStatus, string> = {
  on_time: line('status-on-time'),
  late: line('status-late'),
  missing: line('status-missing'),
}

export function changesText(
  e: Extract<Edition, { kind: 'correction' }>,
  isMoney: (label: string) => boolean,
): string {
  const title = line('changes-title', { version: e.previousVersion })
  if (e.changes === null) return `${title}\n${line('changes-unknown', { version: e.previousVersion })}`
  const shown = e.changes.slice(0, CHANGES_SHOWN).map((c) => changeLine(c, isMoney))
  const more = e.changes.length - shown.length
  if (more > 0) shown.push(line('changes-more', { count: more }))
  return [title, ...shown].join('\n')
}

function changeLine(c: BulletinChange, isMoney: (label: string) => boolean): string {
  switch (c.kind) {
    case 'status':
      return line('change-status', { unit: c.unit, from: STATUS_WORD[c.from], to: STATUS_WORD[c.to] })
    case 'value':
      return line('change-value', {
        unit: c.unit,
        label: c.label,
        from: figure(c.from, isMoney(c.label)),
        to: figure(c.to, isMoney(c.label)),
      })
    case 'clues':
      return line('change-clues', {
        unit: c.unit,
        from: line('change-clue-counts', { ...c.from }),
        to: line('change-clue-counts', { ...c.to }),
      })
    case 'target':
      return line('change-target', {
        name: c.name,
        from: figure(oneDecimal(c.from), isMoney(c.name)),
        to: figure(oneDecimal(c.to), isMoney(c.name)),
      })
    case 'tasks':
      return line('change-tasks', {
        unit: c.unit,
        from: line('change-task-counts', { ...c.from }),
        to: line('change-task-counts', { ...c.to }),
      })
    case 'collection':
      return line('change-collection', {
        name: c.name,
        from: line('change-collection-counts', { ...c.from }),
        to: line('change-collection-counts', { ...c.to }),
      })
  }
}

const oneDecimal = (value: number | null) => (value === null ? null : Number(value.toFixed(1)))

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

function unitName(f: Pick<BulletinFigures, 'reporting'>, key: string): string {
  return f.reporting.rows.find((r) => r.unit.key === key)?.unit.name ?? key
}

/** The targets and ratios against the year to date, then the note on what the figures lack (`gaps`). */
export function targetLines(
  f: Pick<BulletinFigures, 'period' | 'targetProgress' | 'ratios'>,
  isMoney: (label: string) => boolean,
  gaps: string,
): string[] {
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
  if (gaps) lines.push(line('target-gaps', { gaps }))
  return lines
}

/**
 * "县公安局1—3、5月；县检察院2月": the unit-months the year-to-date figures lack, over every figure,
 * each once; empty when there are none.
 */
export function gapText(f: Pick<BulletinFigures, 'ytd' | 'reporting'>): string {
  const byUnit = new Map<string, Set<number>>()
  for (const figure of Object.values(f.ytd)) {
    for (const g of figure.gaps) {
      const months = byUnit.get(g.unitKey) ?? new Set<number>()
      months.add(splitPeriod(g.period).month)
      byUnit.set(g.unitKey, months)
    }
  }
  return [...byUnit]
    .map(([key, months]) =>
      messages.word('unit_months', {
        unit: unitName(f, key),
        months: monthRanges([...months].sort((a, b) => a - b)),
      }),
    )
    .join('；')
}

/** [1, 2, 3, 5] → "1—3、5". */
function monthRanges(months: readonly number[]): string {
  const ranges: string[] = []
  for (let i = 0; i < months.length; i++) {
    const from = months[i] as number
    let to = from
    while (months[i + 1] === to + 1) to = months[++i] as number
    ranges.push(to > from ? `${from}—${to}` : String(from))
  }
  return ranges.join('、')
}

export function trendLines(f: BulletinFigures, isMoney: (label: string) => boolean): string[] {
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
      values: entries
        .map(([label, value]) => line('unit-value', { label, value: figure(value, isMoney(label)) }))
        .join('，'),
    })
  })
}

/** A unit's free text is quoted to this many characters; the workbook has it in full. */
const EXCERPT_CHARS = 40

/** The line that matters of each unit's 存在问题 and 其他工作 (and any other text field). */
function textLines(f: BulletinFigures): string[] {
  const lines: string[] = []
  for (const u of f.unitFigures) {
    for (const t of u.texts) {
      const quoted = excerpt(t.text, EXCERPT_CHARS)
      if (quoted) lines.push(line('unit-text', { unit: u.unit.name, label: t.label, text: quoted }))
    }
  }
  return lines.length ? lines : [line('unit-texts-none')]
}

// --- tasks and collections -------------------------------------------------------------------

/** 【七、督办与征集】, only when the month had tasks or a collection is open. */
function workSection(f: BulletinFigures): string {
  const { tasks, collections } = f.work
  if (tasks.length === 0 && collections.length === 0) return ''
  const lines = [
    ...tasks.map((t) =>
      line('work-task', {
        unit: t.unit.name,
        assigned: t.assigned,
        completed: t.completed,
        overdue: t.overdue,
      }),
    ),
    ...collections.map((c) =>
      line('work-collection', {
        name: c.name,
        due: dueDayLabel(c.dueAt, f.asOf),
        done: c.onTime + c.late,
        owed: c.owed,
        late: c.late,
        missing: c.missing,
      }),
    ),
  ]
  return `\n\n${line('work-title')}\n${lines.join('\n')}`
}

// --- assessment -------------------------------------------------------------------------------

/** The year's assessment: the ranking and, under it, the rule it was scored by. */
export function renderAssessment(a: Assessment): string {
  const last = a.periods[a.periods.length - 1]
  const months = last
    ? line('assessment-months', { month: splitPeriod(last).month, count: a.periods.length })
    : line('assessment-months-none')
  return messages.bulletinAssessment({
    year: a.year,
    months,
    rows: a.rows.flatMap((r) => assessmentLines(r, a)).join('\n'),
    rule: assessmentRule(a).join('\n'),
  })
}

function assessmentLines(r: AssessmentRow, a: Assessment): string[] {
  const c = r.clueClosure
  const t = r.taskCompletion
  const d = r.documents
  const more = [
    ...((a.weights.taskCompletion ?? 0) > 0
      ? [
          t.assessed === 0
            ? line('assessment-tasks-none')
            : line('assessment-tasks', { share: percent(t.share), onTime: t.onTime, assessed: t.assessed }),
        ]
      : []),
    ...((a.weights.documents ?? 0) > 0
      ? [
          d.owed === 0
            ? line('assessment-documents-none')
            : line('assessment-documents', {
                share: percent(d.share),
                onTime: d.onTime,
                late: d.late,
                missing: d.missing,
              }),
        ]
      : []),
  ]
  return [
    line('assessment-row', {
      rank: r.rank ?? line('assessment-unranked'),
      unit: r.unit.name,
      liaison: r.noLiaison ? line('no-liaison-mark') : '',
      score: r.score === null ? line('assessment-unranked') : r.score.toFixed(1),
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
      completeCounts:
        r.completeness.fields.length === 0
          ? line('assessment-complete-none')
          : line('assessment-complete-counts', {
              complete: r.completeness.complete,
              months: r.completeness.months,
            }),
    }) + more.join(''),
  ]
}
