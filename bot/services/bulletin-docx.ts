// The monthly bulletin as the office's official 通报 (.docx): banner, 期号, title, 主送 and the six
// numbered sections, with the per-unit figures in tables. The figures are the ones the group
// message and the workbook show (domain/bulletin); the layout is official-docx.ts.
import { messages } from '../../prompts/messages.ts'
import type { BulletinFigures, ReportStatus } from '../domain/bulletin/types.ts'
import { splitPeriod } from '../domain/period.ts'
import { figure, hours, localDateTime, percent } from './bulletin-format.ts'
import { changesText, type Edition, gapText, trendLines } from './bulletin-render.ts'
import { type Block, buildOfficialDocx, doc, heading1, heading2, para, table } from './official-docx.ts'

export interface BulletinDocxOptions {
  edition: Edition
  /** 期号: the number in its year (null for a preview). */
  number: number | null
  /** The office's full name (发文机关标志, 落款). */
  issuer: string
  /** 六、下步要求, from the roster. */
  nextSteps: readonly string[]
  isMoney: (label: string) => boolean
  /** 成文日期. */
  date: Date
}

const header = (key: string) => doc(key).split('|')

const STATUS: Record<ReportStatus, string> = {
  on_time: 'status-on-time',
  late: 'status-late',
  missing: 'status-missing',
}

/** The 期号 line: 2026年第11期, 2026年第11期（更正·第2版）, or the preview's mark. */
export function numberLine(f: BulletinFigures, o: Pick<BulletinDocxOptions, 'edition' | 'number'>): string {
  const { year } = splitPeriod(f.period)
  if (o.edition.kind === 'preview' || o.number === null)
    return doc('number-preview', { asOf: localDateTime(f.asOf) })
  if (o.edition.kind === 'correction')
    return doc('number-correction', { year, number: o.number, version: o.edition.version })
  return doc('number-issue', { year, number: o.number })
}

export function bulletinDocx(f: BulletinFigures, o: BulletinDocxOptions): Promise<Buffer> {
  const { year, month } = splitPeriod(f.period)
  const body: Block[] = [para(doc('intro', { year, month }))]
  if (o.edition.kind === 'correction')
    for (const line of changesText(o.edition, o.isMoney).split('\n')) body.push(para(line))
  body.push(...overview(f), ...reporting(f, o.isMoney), ...clues(f), ...targets(f, o.isMoney))
  body.push(...problems(f), ...nextSteps(o.nextSteps))
  return buildOfficialDocx({
    issuer: o.issuer,
    number: numberLine(f, o),
    title: doc('bulletin-title', { year, month }),
    body,
    date: o.date,
  })
}

function overview(f: BulletinFigures): Block[] {
  const r = f.reporting
  const t = f.clueFigures.total
  const text =
    doc('overview', {
      asOf: localDateTime(f.asOf),
      units: r.rows.length,
      onTime: r.onTime,
      late: r.late,
      missing: r.missing,
      pushed: t.pushed,
      closed: t.closed,
      overdue: t.openOverdue,
      rate: percent(t.closureRate),
    }) + (f.phase ? doc('overview-phase', { phase: f.phase }) : '')
  return [heading1(doc('h-overview')), para(text)]
}

function reporting(f: BulletinFigures, isMoney: (label: string) => boolean): Block[] {
  const statusRows = f.reporting.rows.map((r, i) => [
    i + 1,
    r.unit.name,
    doc(STATUS[r.status]),
    r.submittedAt ? localDateTime(r.submittedAt) : '—',
    r.revision ?? '—',
  ])
  const figureRows = f.unitFigures.map((u, i) => {
    const values = Object.entries(u.values)
      .map(([label, value]) => `${label} ${figure(value, isMoney(label))}`)
      .join('；')
    return [i + 1, u.unit.name, u.revision === null ? doc('not-reported') : values || doc('no-figures')]
  })
  return [
    heading1(doc('h-reporting')),
    heading2(doc('h-reporting-table')),
    table(header('t-reporting'), statusRows),
    heading2(doc('h-unit-figures')),
    table(header('t-unit-figures'), figureRows),
  ]
}

function clues(f: BulletinFigures): Block[] {
  const rows = [...f.clueFigures.rows, f.clueFigures.total].map((r) => [
    r.unit?.name ?? doc('clue-total'),
    r.pushed,
    r.closed,
    r.openOverdue,
    percent(r.closureRate),
    hours(r.medianHoursToClose),
  ])
  return [heading1(doc('h-clues')), table(header('t-clues'), rows)]
}

function targets(f: BulletinFigures, isMoney: (label: string) => boolean): Block[] {
  const mark = (onTrack: boolean | null) =>
    doc(onTrack === null ? 'no-data' : onTrack ? 'on-track' : 'off-track')
  const rows = f.targetProgress.map((t) => {
    const money = isMoney(t.name)
    const bound = t.kind === 'max' ? 'target-max' : 'target-min'
    return [
      t.name,
      doc(bound, { value: figure(t.target, money) }),
      figure(t.ytd, money),
      doc(bound, { value: figure(t.expectedByNow, money) }),
      mark(t.onTrack),
    ]
  })
  for (const r of f.ratios) {
    const value = r.value === null ? null : Number(r.value.toFixed(1))
    rows.push([r.name, doc('target-min', { value: r.min }), figure(value, false), '—', mark(r.onTrack)])
  }
  const blocks: Block[] = [heading1(doc('h-targets')), table(header('t-targets'), rows)]
  const gaps = gapText(f)
  if (gaps) blocks.push(para(`${messages.bulletinLine('target-gaps', { gaps })}。`))
  const trend = trendLines(f, isMoney)
  if (trend.length) blocks.push(heading2(doc('h-trend')), ...trend.map((line) => para(line)))
  return blocks
}

function problems(f: BulletinFigures): Block[] {
  const r = f.reporting
  const names = (status: ReportStatus) =>
    r.rows
      .filter((x) => x.status === status)
      .map((x) => x.unit.name)
      .join('、')
  const lines: string[] = []
  const missing = names('missing')
  if (missing && r.deadlinePassed) lines.push(doc('problems-missing', { units: missing }))
  const late = names('late')
  if (late) lines.push(doc('problems-late', { units: late }))
  for (const c of f.clueFigures.rows)
    if (c.unit && c.openOverdue > 0)
      lines.push(doc('problems-overdue', { unit: c.unit.name, count: c.openOverdue }))
  for (const u of f.unitFigures)
    for (const t of u.texts)
      if (t.label === '存在问题' && !/^(无|暂无)[。.]?$/.test(t.text.trim()))
        lines.push(doc('problems-unit', { unit: u.unit.name, text: t.text.trim() }))
  if (lines.length === 0) lines.push(doc('problems-none'))
  return [heading1(doc('h-problems')), ...lines.map((line) => para(line))]
}

function nextSteps(steps: readonly string[]): Block[] {
  const items = steps.length
    ? steps.map((s, i) => heading2(doc('next-item', { n: chineseNumber(i + 1) }), s))
    : [para(doc('next-none'))]
  return [heading1(doc('h-next')), ...items]
}

const DIGITS = doc('numeral-digits')
const TEN = doc('numeral-ten')

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99): the （一） of level-2 headings. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] as string
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens > 1 ? DIGITS[tens] : ''}${TEN}${ones ? DIGITS[ones] : ''}`
}
