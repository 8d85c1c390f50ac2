// Reading a monthly report (月报) as liaisons really type it: a marker (#月报, 【月报】, 更正) or a
// heading naming the unit, the month and 月报/工作情况/报送 in any order; lines of 字段：数值 or
// prose; or, from a liaison, no marker at all but two or more of their form's figures.
// Pure: text in, values or problems out.
import { type NumberResult, parseCount, parseMoney } from './numbers.ts'
import { currentPeriod, type PeriodResult, parsePeriod } from './period.ts'
import { readProse } from './prose.ts'
import { type FieldDef, findUnit, formOf, nameKey, type UnitDef } from './roster.ts'
import { contentLines } from './text.ts'

export type ReportValue = number | string
export type ReportValues = Record<string, ReportValue>

export type ReportProblem =
  | { kind: 'missing'; label: string }
  | { kind: 'not_number'; label: string; raw: string }
  | { kind: 'not_integer'; label: string; raw: string }
  | { kind: 'negative'; label: string; raw: string }
  | { kind: 'ambiguous'; label: string; raw: string }
  | { kind: 'no_number'; label: string }
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
  /** Read without any marker or heading (a liaison's figures in a sentence). */
  unmarked: boolean
}

const DECORATED_MARKER =
  /^(?:#\s*(?:月报|更正)(?!\s*模板)|【\s*(?:月报|更正)\s*】|\[\s*(?:月报|更正)\s*\])[\s:]*(.*)$/
// Plain 月报 needs a separator before anything else on its line: "月报已交\n谢谢" is chatter.
const PLAIN_MARKER = /^(?:月报|更正|修正)(?:$|(?![\s:]*模板)[\s:]+(.*)$)/
// A heading names the report with one of these anywhere: 中国移动11月月报, 人民银行2026年11月工作完成情况：
const HEADING_WORD = /月度?报告?|(?:工作)?完成情况|工作情况|工作报送|报送/g
// What else a heading says, read and dropped: 本月, 现将…如下, 的, 请查收 …
const HEADING_FILLER =
  /关于|本单位|本月份?|当月|现将|如下|特此|汇报|报告|报表|统计|情况|工作|数据|的|请查收|请审阅|请审核|谢谢|各位领导|领导|你好|您好/g
// A line of courtesy around the figures: 请查收, 以上, 谢谢, 特此报告.
const COURTESY_LINE =
  /^(?:请查收|请审阅|请审核|请领导审阅|以上|以上情况|谢谢|特此报告|特此报送|现报送如下|如下|汇报如下|谢谢大家)[。.!！,，~]*$/
// A question is never a report without a marker: 冻结账户15个，清理空壳公司3家，这样填对吗？
const QUESTION = /[?？]|吗|怎么|如何|是否|能否|对不对|行不行|要不要|是不是|有没有|请问/

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
const HEADER_SEPARATORS = /[\s,，、/()（）[\]【】\-—–~:：。.!！]+/
/** A message longer than this is not read as a report without a marker (its cost stays bounded). */
const UNMARKED_MAX = 2000

interface Marked {
  header: string
  body: string[]
  /** A decorated marker (#月报, 【月报】): what the header holds besides a unit and a period is a problem. */
  strict: boolean
}

/** True when the message starts with a report marker or heading (#月报, 【月报】, 中国移动11月月报 …). */
export function isReport(text: string, senderUnit?: UnitDef, units: readonly UnitDef[] = []): boolean {
  const marked = splitOnce(text, units, senderUnit)
  if (marked !== undefined) return true
  return senderUnit !== undefined && readUnmarked(contentLines(text), senderUnit) !== undefined
}

/** The heading line without its marker words, periods, filler and (known) unit names: '' when nothing is left. */
function headingLeftover(header: string, units: readonly UnitDef[]): string {
  let rest = header.replace(HEADER_PERIOD, ' ').replace(HEADING_WORD, ' ').replace(HEADING_FILLER, ' ')
  for (const u of units)
    for (const n of [u.name, ...u.aliases].sort((a, b) => b.length - a.length)) {
      rest = rest.split(n).join(' ')
    }
  return rest.replace(new RegExp(HEADER_SEPARATORS.source, 'g'), '')
}

/** Under a heading, at least one line names a field of the unit's form (本月月报\n大家抓紧 is chatter). */
function givesFigures(
  heading: string,
  body: readonly string[],
  units: readonly UnitDef[],
  senderUnit?: UnitDef,
): boolean {
  const named = units.find((u) => [u.name, ...u.aliases].some((n) => heading.includes(n)))
  const unit = named ?? senderUnit
  // A heading naming no unit, from someone with none (the office, a member), is chatter: 本月月报\n大家抓紧.
  if (!unit) return false
  const read = readBody(body, formOf(unit), false)
  return Object.keys(read.values).length > 0 || read.problems.length > 0
}

function splitMarker(text: string, units: readonly UnitDef[], senderUnit?: UnitDef): Marked | undefined {
  const lines = contentLines(text)
  const first = lines[0]
  if (first === undefined) return undefined
  const decorated = DECORATED_MARKER.exec(first)
  if (decorated) return { header: (decorated[1] ?? '').trim(), body: lines.slice(1), strict: true }
  const plain = PLAIN_MARKER.exec(first)
  // A bare 月报 line counts only when a report follows it, so "月报什么时候交？" stays chatter.
  // One line with a figure on it is a report too: 更正：冻结涉案账户数应为16个.
  const rest = plain?.[1] ?? ''
  if (plain && (lines.length > 1 || rest === '' || (/[\d:]/.test(rest) && !QUESTION.test(rest)))) {
    return { header: rest.trim(), body: lines.slice(1), strict: true }
  }
  // A heading: 中国移动11月月报 / 人民银行2026年11月工作完成情况： / 本月月报 — the marker word anywhere
  // on a short first line that says nothing else, with the figures below it.
  if (
    lines.length > 1 &&
    first.length <= 40 &&
    !QUESTION.test(first) &&
    /月报|完成情况|工作情况|报送/.test(first)
  ) {
    if (headingLeftover(first, units) === '' && givesFigures(first, lines.slice(1), units, senderUnit)) {
      return { header: first, body: lines.slice(1), strict: false }
    }
  }
  return undefined
}
/** The last message split: the command lookup (isReport) and the report command read the same one. */
let lastSplit:
  | { text: string; units: readonly UnitDef[]; senderUnit?: UnitDef; marked: Marked | undefined }
  | undefined

/** splitMarker, once for the same message (its result is only read). */
function splitOnce(text: string, units: readonly UnitDef[], senderUnit?: UnitDef): Marked | undefined {
  const last = lastSplit
  if (last && last.text === text && last.units === units && last.senderUnit === senderUnit) return last.marked
  const marked = splitMarker(text, units, senderUnit)
  lastSplit = { text, units, senderUnit, marked }
  return marked
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
  for (const { keys } of namesOf(form)) {
    for (const full of keys) {
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
  const names = namesOf(form)
  for (const variant of variants) {
    const hit = names.find((n) => n.keys.includes(variant))
    if (hit) return hit.field
  }
  return undefined
}

// Each field's label and synonyms as nameKey, built once per form (every line of a report is
// compared with all of them).
const NAMES = new WeakMap<readonly FieldDef[], { field: FieldDef; keys: string[] }[]>()

function namesOf(form: readonly FieldDef[]): { field: FieldDef; keys: string[] }[] {
  let names = NAMES.get(form)
  if (!names) {
    names = form.map((field) => ({ field, keys: [field.label, ...field.synonyms].map(nameKey) }))
    NAMES.set(form, names)
  }
  return names
}

/** Reads a value typed for a field: text as it is, counts and amounts (万元) by number rules. */
export function readValue(
  field: FieldDef,
  raw: string,
  label: string = field.label,
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

/** A liaison's figures with no marker: two or more of their form's numeric fields, and no question. */
function readUnmarked(lines: string[], unit: UnitDef): BodyReading | undefined {
  const text = lines.join('\n')
  if (text.length > UNMARKED_MAX || QUESTION.test(text)) return undefined
  const body = readBody(lines, formOf(unit), false)
  const numeric = Object.entries(body.values).filter(([, v]) => typeof v === 'number')
  return numeric.length >= 2 ? body : undefined
}

interface BodyReading {
  values: ReportValues
  problems: ReportProblem[]
}

/**
 * Reads field lines: 字段：值, 字段12, or prose with figures. `strict` (under a marker): a line that
 * is no field is a problem; otherwise (no marker) it is passed over, and the echo shows what was read.
 */
function readBody(fieldLines: readonly string[], form: readonly FieldDef[], strict: boolean): BodyReading {
  const values: ReportValues = {}
  const problems: ReportProblem[] = []
  const seen = new Set<string>()
  let openText: FieldDef | undefined

  const take = (field: FieldDef, raw: string, label: string) => {
    if (seen.has(field.label)) {
      if (!problems.some((p) => p.kind === 'duplicate' && p.label === field.label))
        problems.push({ kind: 'duplicate', label: field.label })
      return
    }
    seen.add(field.label)
    if (raw === '') return
    const result = readValue(field, raw, label)
    if (result.ok) values[field.label] = result.value
    else problems.push({ kind: result.reason, label: field.label, raw })
  }

  for (const line of fieldLines) {
    const labelled = splitLabelled(line, form)
    const field = labelled ? findField(form, labelled.label) : undefined
    const prose = field?.kind === 'text' ? undefined : readProse(line, form)
    const proseFields = new Set(prose?.figures.map((f) => f.field.label))
    // A sentence that starts with a label (冻结涉案账户15个，清理空壳公司3家) reads as prose when the
    // prose reading gives more than the one value.
    const asProse =
      labelled && field && prose
        ? proseFields.size >= 2 ||
          (proseFields.size === 1 && !readValue(field, labelled.value, labelled.label).ok)
        : false
    if (labelled && field && !asProse) {
      openText = field.kind === 'text' ? field : undefined
      // 冻结涉案账户数：应为16个, 保障资金：共1.5万元
      take(field, labelled.value, labelled.label)
      continue
    }
    // Inside a text field, anything that is not a known field continues it.
    if (openText) {
      values[openText.label] = `${values[openText.label] ?? ''}\n${line}`.trim()
      continue
    }
    if (prose && (prose.figures.length > 0 || prose.unread.length > 0)) {
      openText = undefined
      for (const f of prose.figures) take(f.field, f.raw, f.field.label)
      for (const f of prose.unread) {
        if (!seen.has(f.label)) problems.push({ kind: 'no_number', label: f.label })
        seen.add(f.label)
      }
      continue
    }
    if (!strict || COURTESY_LINE.test(line)) continue
    problems.push(labelled ? { kind: 'unknown_field', label: labelled.label } : { kind: 'stray_line', line })
  }
  return { values, problems }
}

/** Parses a report message; undefined when the message is not a report at all. */
export function parseReport(text: string, ctx: ParseContext): ReportParse | undefined {
  const split = splitOnce(text, ctx.units, ctx.senderUnit)
  if (!split) {
    const unmarked = ctx.senderUnit ? readUnmarked(contentLines(text), ctx.senderUnit) : undefined
    if (!unmarked || !ctx.senderUnit) return undefined
    return {
      unit: ctx.senderUnit,
      period: currentPeriod(ctx.now),
      explicitPeriod: false,
      values: unmarked.values,
      problems: withMissing(unmarked, formOf(ctx.senderUnit)),
      unmarked: true,
    }
  }
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

  // The marker line may carry a unit, a period, or even the first field (a label：value, or prose).
  const header = split.header
  if (header) {
    const headerForm = formOf(ctx.senderUnit ?? { fields: [] })
    const labelled = /[:=]/.test(header) && !/^[^:=]*:\s*$/.test(header)
    if (labelled || readProse(header, headerForm).figures.length > 0) bodyLines.unshift(header)
    else readHeading(header.replace(/:\s*$/, ''))
  }

  const strict = split.strict
  function readHeading(h: string) {
    // Periods first, so "人民银行11月" and "2026年 11月" read as a unit and a period.
    let rest = h.replace(HEADER_PERIOD, (p) => {
      if (!readPeriod(p)) problems.push({ kind: 'period_invalid', text: p })
      return ' '
    })
    rest = rest.replace(HEADING_WORD, ' ').replace(HEADING_FILLER, ' ')
    for (const token of rest.split(HEADER_SEPARATORS).filter(Boolean)) {
      if (readUnit(token)) continue
      // A unit glued to other words: 中国移动报送 → the longest name it contains.
      const glued = ctx.units
        .flatMap((u) => [u.name, ...u.aliases].map((n) => ({ u, n })))
        .filter(({ n }) => token.includes(n))
        .sort((a, b) => b.n.length - a.n.length)[0]
      if (glued && glued.n.length === token.length) namedUnit = glued.u
      else if (glued && !strict) namedUnit = glued.u
      else problems.push({ kind: 'unknown_unit', text: token })
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
    return { period, explicitPeriod, values: {}, problems, unmarked: false }
  }

  const body = readBody(fieldLines, formOf(unit), true)
  problems.push(...body.problems)
  const values = body.values
  problems.push(...withMissing({ values, problems }, formOf(unit)).slice(problems.length))
  return { namedUnit, unit, period, explicitPeriod, values, problems, unmarked: false }
}

/** The reading's problems, then each required field it lacks; `empty` first when nothing was read. */
function withMissing(body: BodyReading, form: readonly FieldDef[]): ReportProblem[] {
  const problems = [...body.problems]
  for (const field of form) {
    const reported = problems.some((p) => 'label' in p && p.label === field.label)
    if (field.required && body.values[field.label] === undefined && !reported) {
      problems.push({ kind: 'missing', label: field.label })
    }
  }
  if (Object.keys(body.values).length === 0 && !problems.some((p) => p.kind !== 'missing')) {
    problems.unshift({ kind: 'empty' })
  }
  return problems
}
