// Figures inside sentences: 冻结涉案账户15个，清理空壳公司3家 / 起诉案件2件，起诉5人 / 保障资金1.5万元.
// A field's label, a synonym, or either without its measure (数, 次数, 人数…) followed by a number
// and its unit. Pure: a normalized line and a form in, the figures found out.
import { type FieldDef, nameKey } from './roster.ts'

export interface ProseFigure {
  field: FieldDef
  /** The number as written, with its unit (15个, 1.5万元): read by the field's kind. */
  raw: string
  start: number
  end: number
}

export interface ProseReading {
  figures: ProseFigure[]
  /** Numeric fields named without a number anyone can read. */
  unread: FieldDef[]
}

// A label's measure: 起诉人数 counts 人, 起诉案件数 件. Without it the label is still the field's.
const MEASURE_ENDINGS = /(人次|次|人|件|个|户|家|条)数?$/
// Words people put between a label and its figure: 为, 达, 共计, 应为 …
const LINK = '(?:\\s|为|是|达到|达|共计|共|合计|累计|总计|计|约|有|了|应为|应是|改为|更正为)*'
const NUMBER = '(?:\\d+(?:,\\d{3})*(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千万亿]+)'
const MEASURES = '人次|户次|个|起|件|人|名|次|条|家|台|户|张|部|场|篇|期|所|项|批|处|套|份|例|笔|支|座'
const UNIT = `(?:\\s*(?:万元|亿元|千元|万|亿|元|块|w|${MEASURES})){0,2}余?`
// Sticky: read where a stem ends (lastIndex), in the line itself.
const FIGURE = new RegExp(`${LINK}(${NUMBER}${UNIT})`, 'iy')
const FIGURE_MEASURE = new RegExp(`(${MEASURES})余?$`)

interface Stem {
  field: FieldDef
  /** A whole label or synonym (not a shortened one): named without a number, it is reported. */
  whole: boolean
  /** The measure its label ended in (人 for 起诉人数), which tells two fields of one stem apart. */
  measure?: string
}

// A form's stems, built once per form (a long report reads every line with them).
const STEMS = new WeakMap<readonly FieldDef[], [string, Stem[]][]>()

/** Each way of naming a numeric field, longest first: 覆盖师生家长人数, 覆盖师生家长人, 覆盖师生家长 … */
function stemsOf(form: readonly FieldDef[]): [string, Stem[]][] {
  const cached = STEMS.get(form)
  if (cached) return cached
  const built = buildStems(form)
  STEMS.set(form, built)
  return built
}

function buildStems(form: readonly FieldDef[]): [string, Stem[]][] {
  const stems = new Map<string, Stem[]>()
  const add = (key: string, stem: Stem) => {
    if (key.length < 2) return
    const list = stems.get(key) ?? []
    if (!list.some((s) => s.field === stem.field)) list.push(stem)
    stems.set(key, list)
  }
  for (const field of form) {
    if (field.kind === 'text') continue
    for (const name of [field.label, ...field.synonyms]) {
      const key = nameKey(name)
      const measure = MEASURE_ENDINGS.exec(key)?.[1]
      add(key, { field, whole: true, measure })
      if (key.endsWith('数')) add(key.slice(0, -1), { field, whole: key.length > 4, measure })
      if (measure) {
        const short = key.slice(0, key.endsWith('数') ? -measure.length - 1 : -measure.length)
        add(short, { field, whole: short.length >= 4, measure })
      }
    }
  }
  return [...stems.entries()].sort((a, b) => b[0].length - a[0].length)
}

/** The figures a line of prose gives for the form's numeric fields. */
export function readProse(line: string, form: readonly FieldDef[]): ProseReading {
  const lower = line.toLowerCase()
  // Characters already read as part of a figure (a mask: a long line costs no more per figure).
  const taken = new Uint8Array(line.length)
  const overlaps = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (taken[i] === 1) return true
    return false
  }
  const figures: ProseFigure[] = []
  const named: Stem[] = []
  for (const [key, candidates] of stemsOf(form)) {
    for (let at = lower.indexOf(key); at >= 0; at = lower.indexOf(key, at + 1)) {
      const after = at + key.length
      if (overlaps(at, after)) continue
      FIGURE.lastIndex = after
      const m = FIGURE.exec(line)
      if (!m) {
        named.push(...candidates)
        continue
      }
      const raw = (m[1] as string).trim()
      // One stem for two fields (起诉 → 起诉案件数, 起诉人数): the figure's measure decides.
      const measure = FIGURE_MEASURE.exec(raw)?.[1]
      const stem =
        candidates.length === 1
          ? candidates[0]
          : candidates.find((c) => c.measure !== undefined && c.measure === measure)
      if (!stem) continue
      const end = after + m[0].length
      taken.fill(1, at, end)
      figures.push({ field: stem.field, raw, start: at, end })
    }
  }
  figures.sort((a, b) => a.start - b.start)
  const found = new Set(figures.map((f) => f.field.label))
  const unread: FieldDef[] = []
  for (const s of named) {
    if (s.whole && !found.has(s.field.label) && !unread.includes(s.field)) unread.push(s.field)
  }
  return { figures, unread }
}
