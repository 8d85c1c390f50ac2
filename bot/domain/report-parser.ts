// Reading a monthly report (月报) as liaisons really type it. Pure: text in, values or problems out.
import { type NumberResult, parseCount, parseMoney } from './numbers.ts'
import { currentPeriod, type PeriodResult, parsePeriod } from './period.ts'
import { type FieldDef, findUnit, formOf, nameKey, type UnitDef } from './roster.ts'
import { contentLines } from './text.ts'

export type ReportValue = number | string
export type ReportValues = Record<string, ReportValue>

export type ReportProblem =
  | { kind: 'missing'; label: string }
  | { kind: 'not_number'; label: string; raw: string }
  | { kind: 'not_integer'; label: string; raw: string }
  | { kind: 'negative'; label: string; raw: string }
  | { kind: 'duplicate'; label: string }
  | { kind: 'unknown_field'; label: string }
  | { kind: 'stray_line'; line: string }
  | { kind: 'unknown_unit'; text: string }
  | { kind: 'no_unit' }
  | { kind: 'period_future'; text: string }
  | { kind: 'period_invalid'; text: string }
  | { kind: 'empty' }

export interface ReportParse {
  /** The unit the message names (header or 单位 line), if any. */
  namedUnit?: UnitDef
  /** The unit whose form was used: the named one, else the sender's own. */
  unit?: UnitDef
  period: string
  /** Whether the period was written in the message. */
  explicitPeriod: boolean
  values: ReportValues
  problems: ReportProblem[]
}

const DECORATED_MARKER = /^(?:#\s*月报|【\s*月报\s*】|\[\s*月报\s*\])[\s:]*(.*)$/
const PLAIN_MARKER = /^月报(?!模板)[\s:]*(.*)$/

const UNIT_LABELS = new Set(['单位', '报送单位', '填报单位', '成员单位'].map(nameKey))
const PERIOD_LABELS = new Set(
  ['月份', '报送月份', '所属月份', '统计月份', '期间', '报送期间', '统计期间'].map(nameKey),
)
// Admin lines people add out of habit; read and dropped, never stored.
const IGNORED_LABELS = new Set(['填报人', '联系人', '联系电话', '填报日期', '报送日期', '日期'].map(nameKey))

const LIST_BULLET = /^(?:\d{1,2}[.、)]|[①-⑳]|[-•·*])\s*/
const NOTE_IN_BRACKETS = /[(（[【].*?[)）\]】]/g

/** True when the message starts with a report marker (#月报, 【月报】, or 月报 followed by content). */
export function isReport(text: string): boolean {
  return splitMarker(text) !== undefined
}

function splitMarker(text: string): { header: string; body: string[] } | undefined {
  const lines = contentLines(text)
  const first = lines[0]
  if (first === undefined) return undefined
  const decorated = DECORATED_MARKER.exec(first)
  if (decorated) return { header: (decorated[1] ?? '').trim(), body: lines.slice(1) }
  const plain = PLAIN_MARKER.exec(first)
  // A bare 月报 line counts only when a report follows it, so "月报什么时候交？" stays chatter.
  if (plain && (lines.length > 1 || (plain[1] ?? '') === '')) {
    return { header: (plain[1] ?? '').trim(), body: lines.slice(1) }
  }
  return undefined
}

interface LabelledLine {
  label: string
  value: string
}

/** "字段：值", "1. 字段：值", "字段（万元）：值", "字段 12个", "字段12". */
function splitLabelled(line: string, form: readonly FieldDef[]): LabelledLine | undefined {
  const text = line.replace(LIST_BULLET, '')
  const colon = /^([^:=]{1,30}?)\s*[:=]\s*(.*)$/.exec(text)
  if (colon) return { label: (colon[1] as string).trim(), value: (colon[2] as string).trim() }
  // No separator: a known label followed directly by a number.
  const compact = text.replace(/\s+/g, '')
  let best: LabelledLine | undefined
  for (const field of form) {
    for (const name of [field.label, ...field.synonyms]) {
      const key = name.replace(/\s+/g, '')
      if (
        compact.startsWith(key) &&
        /^[\d零〇一二两三四五六七八九十百千万]/.test(compact.slice(key.length))
      ) {
        if (!best || key.length > best.label.length) best = { label: key, value: compact.slice(key.length) }
      }
    }
  }
  return best
}

function labelKey(label: string): string {
  return nameKey(label.replace(NOTE_IN_BRACKETS, ''))
}

/** Finds the form field a typed label means: the label, a synonym, or either without a trailing 数. */
export function findField(form: readonly FieldDef[], label: string): FieldDef | undefined {
  const key = labelKey(label)
  if (!key) return undefined
  const variants = [key, key.endsWith('数') ? key.slice(0, -1) : `${key}数`]
  for (const variant of variants) {
    const hit = form.find((f) => [f.label, ...f.synonyms].some((n) => nameKey(n) === variant))
    if (hit) return hit
  }
  return undefined
}

function readValue(field: FieldDef, raw: string): NumberResult | { ok: true; value: string } {
  if (field.kind === 'text') return { ok: true, value: raw }
  const cleaned = raw.replace(NOTE_IN_BRACKETS, '').trim()
  return field.kind === 'money' ? parseMoney(cleaned) : parseCount(cleaned)
}

interface ParseContext {
  units: readonly UnitDef[]
  now: Date
  /** The sender's own unit, used when the message names none. */
  senderUnit?: UnitDef
}

/** Parses a report message; undefined when the message is not a report at all. */
export function parseReport(text: string, ctx: ParseContext): ReportParse | undefined {
  const split = splitMarker(text)
  if (!split) return undefined
  const problems: ReportProblem[] = []
  let namedUnit: UnitDef | undefined
  let periodResult: PeriodResult | undefined
  let periodText = ''
  const bodyLines = [...split.body]

  const readPeriod = (t: string): boolean => {
    const p = parsePeriod(t, ctx.now)
    if (p === undefined) return false
    periodResult = p
    periodText = t
    return true
  }
  const readUnit = (t: string): boolean => {
    const u = findUnit(ctx.units, t)
    if (u) namedUnit = u
    return u !== undefined
  }

  // The marker line may carry a unit, a period, or even the first field.
  if (split.header) {
    if (/[:=]/.test(split.header)) {
      bodyLines.unshift(split.header)
    } else {
      for (const token of split.header.split(/[\s,，、/]+/).filter(Boolean)) {
        if (!readUnit(token) && !readPeriod(token)) problems.push({ kind: 'unknown_unit', text: token })
      }
    }
  }

  // First pass: 单位 and 月份 lines, so the right form is known before the fields are read.
  const fieldLines: string[] = []
  for (const line of bodyLines) {
    const lab = /^([^:=]{1,10}?)\s*[:=]\s*(.*)$/.exec(line.replace(LIST_BULLET, ''))
    const key = lab ? labelKey(lab[1] as string) : ''
    const value = lab ? (lab[2] as string).trim() : ''
    if (UNIT_LABELS.has(key)) {
      if (!readUnit(value)) problems.push({ kind: 'unknown_unit', text: value })
    } else if (PERIOD_LABELS.has(key)) {
      if (!readPeriod(value)) problems.push({ kind: 'period_invalid', text: value })
    } else if (!IGNORED_LABELS.has(key)) {
      fieldLines.push(line)
    }
  }

  const unit = namedUnit ?? ctx.senderUnit
  let period = currentPeriod(ctx.now)
  const explicitPeriod = periodResult !== undefined
  if (periodResult?.ok) period = periodResult.period
  else if (periodResult?.reason === 'future') problems.push({ kind: 'period_future', text: periodText })
  else if (periodResult?.reason === 'invalid') problems.push({ kind: 'period_invalid', text: periodText })

  if (!unit) {
    if (!problems.some((p) => p.kind === 'unknown_unit')) problems.push({ kind: 'no_unit' })
    return { period, explicitPeriod, values: {}, problems }
  }

  const form = formOf(unit)
  const values: ReportValues = {}
  const seen = new Set<string>()
  let openText: FieldDef | undefined

  for (const line of fieldLines) {
    const labelled = splitLabelled(line, form)
    const field = labelled ? findField(form, labelled.label) : undefined
    if (!labelled || !field) {
      // Inside a text field, anything that is not a known field continues it.
      if (openText) {
        values[openText.label] = `${values[openText.label] ?? ''}\n${line}`.trim()
        continue
      }
      problems.push(
        labelled ? { kind: 'unknown_field', label: labelled.label } : { kind: 'stray_line', line },
      )
      continue
    }
    openText = field.kind === 'text' ? field : undefined
    if (seen.has(field.label)) {
      problems.push({ kind: 'duplicate', label: field.label })
      continue
    }
    seen.add(field.label)
    if (labelled.value === '') continue
    const result = readValue(field, labelled.value)
    if (result.ok) values[field.label] = result.value
    else problems.push({ kind: result.reason, label: field.label, raw: labelled.value })
  }

  for (const field of form) {
    const reported = problems.some((p) => 'label' in p && p.label === field.label)
    if (field.required && values[field.label] === undefined && !reported) {
      problems.push({ kind: 'missing', label: field.label })
    }
  }
  if (Object.keys(values).length === 0 && !problems.some((p) => p.kind !== 'missing')) {
    problems.unshift({ kind: 'empty' })
  }
  return { namedUnit, unit, period, explicitPeriod, values, problems }
}
