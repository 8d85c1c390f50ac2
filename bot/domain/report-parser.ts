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

const DECORATED_MARKER = /^(?:#\s*月报(?!\s*模板)|【\s*月报\s*】|\[\s*月报\s*\])[\s:]*(.*)$/
// Plain 月报 needs a separator before anything else on its line: "月报已交\n谢谢" is chatter.
const PLAIN_MARKER = /^月报(?:$|(?![\s:]*模板)[\s:]+(.*)$)/

const UNIT_LABELS = new Set(['单位', '报送单位', '填报单位', '成员单位'].map(nameKey))
const PERIOD_LABELS = new Set(
  ['月份', '报送月份', '所属月份', '统计月份', '期间', '报送期间', '统计期间'].map(nameKey),
)
// Admin lines people add out of habit; read and dropped, never stored.
const IGNORED_LABELS = new Set(['填报人', '联系人', '联系电话', '填报日期', '报送日期', '日期'].map(nameKey))

// 1. 1、 1) (1) 一、 (一) - • and ①, which NFKC has turned into a bare 1 before a label.
const LIST_BULLET =
  /^(?:\d{1,2}[.、)]|\(\s*[\d一二三四五六七八九十]{1,3}\s*\)|[一二三四五六七八九十]{1,3}[、.]|[①-⑳]|\d{1,2}(?=\s*[^\d\s.,:=])|[-•·*])\s*/
const NOTE_IN_BRACKETS = /[(（[【].*?[)）\]】]/g
// "label：value", where the label may carry a bracketed note with its own colon: 群众损失金额（单位：万元）：8.6
const LABELLED_LINE = /^((?:[^:=(（[【]|[(（[【][^)）\]】]*[)）\]】]){1,30}?)\s*[:=]\s*(.*)$/
// A label noting its amounts are in 元: 群众损失金额（元）
const YUAN_NOTE = /[(（[【]\s*(?:单位\s*[:：]?\s*)?元\s*[)）\]】]/
// A period written on the marker line: 2026年11月, 2026-11, 11月份, 十一月
const HEADER_PERIOD =
  /\d{4}\s*[年\-/.]\s*\d{1,2}(?:\s*月份?)?|\d{1,2}\s*月份?|[一二三四五六七八九十]{1,3}\s*月份?/g
// What separates the unit and the period on the marker line: 人民银行 11月, （人民银行）, -人民银行
const HEADER_SEPARATORS = /[\s,，、/()（）[\]【】\-—–~]+/

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
  const colon = LABELLED_LINE.exec(text)
  if (colon) return { label: (colon[1] as string).trim(), value: (colon[2] as string).trim() }
  // No separator: a known label (or it without its trailing 数) followed directly by a number.
  const compact = text.replace(/\s+/g, '')
  const lower = compact.toLowerCase()
  let best: LabelledLine | undefined
  for (const field of form) {
    for (const name of [field.label, ...field.synonyms]) {
      const full = nameKey(name)
      for (const key of full.endsWith('数') ? [full, full.slice(0, -1)] : [full]) {
        if (
          lower.startsWith(key) &&
          /^(?:[\d零〇一二两三四五六七八九十百千万-]|无|暂无|没有)/.test(compact.slice(key.length))
        ) {
          if (!best || key.length > best.label.length) {
            best = { label: compact.slice(0, key.length), value: compact.slice(key.length) }
          }
        }
      }
    }
  }
  return best
}

/** A typed label as compared with the form's names: without its bracketed note, width, case and spaces. */
export function labelKey(label: string): string {
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

/** Reads one value as the field's kind does (text as given); `label` is the label as typed, whose note may say 元. */
export function readValue(
  field: FieldDef,
  raw: string,
  label: string,
): NumberResult | { ok: true; value: string } {
  if (field.kind === 'text') return { ok: true, value: raw }
  let cleaned = raw.replace(NOTE_IN_BRACKETS, '').trim()
  if (field.kind === 'count') return parseCount(cleaned)
  // 群众损失金额（元）：5000 is 5000元, not 5000万元.
  if (YUAN_NOTE.test(label) && /[\d〇零一二两三四五六七八九十百]$/.test(cleaned)) cleaned += '元'
  return parseMoney(cleaned)
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
      // Periods first, so "人民银行11月" and "2026年 11月" read as a unit and a period.
      const rest = split.header.replace(HEADER_PERIOD, (p) => {
        if (!readPeriod(p)) problems.push({ kind: 'period_invalid', text: p })
        return ' '
      })
      for (const token of rest.split(HEADER_SEPARATORS).filter(Boolean)) {
        if (!readUnit(token)) problems.push({ kind: 'unknown_unit', text: token })
      }
    }
  }

  // First pass: 单位 and 月份 lines, so the right form is known before the fields are read.
  const fieldLines: string[] = []
  for (const line of bodyLines) {
    const lab = LABELLED_LINE.exec(line.replace(LIST_BULLET, ''))
    const key = lab ? labelKey(lab[1] as string) : ''
    const value = lab ? (lab[2] as string).trim() : ''
    // A blank 单位： or 月份： (a copied form) means the sender's unit and the current month.
    if (UNIT_LABELS.has(key)) {
      const name = value.replace(NOTE_IN_BRACKETS, '').trim()
      if (name && !readUnit(name)) problems.push({ kind: 'unknown_unit', text: value })
    } else if (PERIOD_LABELS.has(key)) {
      if (value && !readPeriod(value)) problems.push({ kind: 'period_invalid', text: value })
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
    const result = readValue(field, labelled.value, labelled.label)
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
