// A report sent as a sheet (the template workbook, or any sheet with a label column and a value
// column): rows of cell texts → the report, read by the typed report's own parser so that labels,
// synonyms, 单位 / 月份 rows, values and every problem are read in one place. Pure.
import { labelKey, parseReport, type ReportParse } from './report-parser.ts'
import { formOf, nameKey, type UnitDef } from './roster.ts'

/** A sheet with more rows than this is not a monthly report (a form has a dozen fields). */
export const REPORT_SHEET_MAX_ROWS = 200
/** Only this many columns from the left are looked at for the labels and the values. */
const MAX_COLUMNS = 30

// Header cells naming the label and the value column: 字段 | 数值 | 说明 (the template), 项目 | 本月…
const LABEL_HEADER = /^(?:字段|项目|指标|名称|统计项目|填报项目|项目名称|指标名称|字段名称|内容)$/
const VALUE_HEADER =
  /^(?:数值|数量|数据|数目|本月|本月数|本月数值|本月完成|完成数|完成情况|填报|填报数|填报值|值|值\(万元\))$/

interface SheetContext {
  units: readonly UnitDef[]
  now: Date
  /** The sender's own unit, used when the sheet names none. */
  senderUnit?: UnitDef
}

export interface ReportSheet {
  parse: ReportParse
  /** How many rows carried a field of a form. */
  fieldRows: number
}

const cellsOf = (row: readonly (string | undefined)[]) =>
  Array.from(row.slice(0, MAX_COLUMNS), (c) => (c ?? '').trim())

/**
 * The report a sheet holds, or undefined when it does not look like one: no column holding a label
 * of the forms (the sender's, or any unit's when the sheet names its unit), or too many rows.
 * Rows before the header (字段 | 数值) or, without one, before the first row of two cells are titles.
 */
export function sheetReport(
  rawRows: readonly (readonly (string | undefined)[])[],
  ctx: SheetContext,
): ReportSheet | undefined {
  // Blank rows do not count against the limit, within reason.
  if (rawRows.length > 2 * REPORT_SHEET_MAX_ROWS) return undefined
  const rows = rawRows.map(cellsOf).filter((r) => r.some((c) => c !== ''))
  if (rows.length === 0 || rows.length > REPORT_SHEET_MAX_ROWS) return undefined
  // Every name of every form field (the sender's form is among them), as findField compares them.
  const names = new Set<string>()
  for (const u of ctx.units) {
    for (const f of formOf(u)) for (const n of [f.label, ...f.synonyms]) names.add(nameKey(n))
  }
  // A leading * marks a required field in the typed template; people copy it.
  const isField = (cell: string) => {
    const key = labelKey(cell.replace(/^\*\s*/, ''))
    return key !== '' && (names.has(key) || names.has(key.endsWith('数') ? key.slice(0, -1) : `${key}数`))
  }

  const width = Math.max(...rows.map((r) => r.length))
  let labelCol = -1
  let best = 0
  for (let col = 0; col < width; col++) {
    const hits = rows.filter((r) => isField(r[col] ?? '')).length
    if (hits > best) [best, labelCol] = [hits, col]
  }
  if (labelCol < 0) return undefined

  const headerAt = rows.findIndex((r) => LABEL_HEADER.test(nameKey(r[labelCol] ?? '')))
  let valueCol =
    headerAt >= 0 ? (rows[headerAt] as string[]).findIndex((c) => VALUE_HEADER.test(nameKey(c))) : -1
  if (valueCol < 0 || valueCol === labelCol) {
    // The first column right of the labels that holds something on a field's row.
    const fieldRows = rows.filter((r) => isField(r[labelCol] ?? ''))
    valueCol = labelCol + 1
    for (let col = labelCol + 1; col < width; col++) {
      if (fieldRows.some((r) => (r[col] ?? '') !== '')) {
        valueCol = col
        break
      }
    }
  }
  const start =
    headerAt >= 0
      ? headerAt + 1
      : Math.max(
          0,
          rows.findIndex((r) => r.filter((c) => c !== '').length >= 2),
        )

  const lines = rows.slice(start).map((r) => {
    const label = (r[labelCol] ?? '').replace(/\s*\n\s*/g, ' ')
    const value = r[valueCol] ?? ''
    // A row without a label is named as a line the parser cannot read.
    return label === '' ? r.filter((c) => c !== '').join(' ') : `${label}：${value}`
  })
  const parse = parseReport(['#月报', ...lines].join('\n'), ctx) as ReportParse
  return { parse, fieldRows: best }
}
