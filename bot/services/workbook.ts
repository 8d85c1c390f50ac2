// The workbooks the bot writes (the bulletin's tables, the exports, the collections' index, the
// clue feedback, the report template): one way to start one, to lay out a table, to get its bytes.
import type ExcelJS from 'exceljs'
import { messages } from '../../prompts/messages.ts'
import { lazyRequire } from '../lazy-require.ts'

export const excel = lazyRequire<typeof ExcelJS>('exceljs')

export type Cell = string | number | Date | null

export interface Column {
  header: string
  /** Excel number format, e.g. '0.0%'. */
  format?: string
}

export const PERCENT = '0.0%'
/** Rows read to fit the column widths: enough for the look, bounded for a 100,000-row export. */
const ROWS_MEASURED = 500

/** Marks a workbook (built whole or streamed) as the office's, dated as of what it holds. */
export function dated<T extends { creator: string; created: Date; modified: Date }>(wb: T, asOf: Date): T {
  wb.creator = messages.workbook('creator')
  wb.created = asOf
  wb.modified = asOf
  return wb
}

export function newWorkbook(asOf: Date): ExcelJS.Workbook {
  return dated(new (excel().Workbook)(), asOf)
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer)
}

/**
 * Adds a table: a bold header row at the top, frozen, an autofilter over the table, and widths fitted to the
 * contents. A date cell takes its column's format, else `dateFormat`.
 */
export function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  rows: readonly Cell[][],
  o: { dateFormat?: string } = {},
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  appendTable(ws, columns, rows, o)
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } }
  return ws
}

/** A table below what the sheet holds: its header row, its rows, the columns widened to fit. */
export function appendTable(
  ws: ExcelJS.Worksheet,
  columns: readonly Column[],
  rows: readonly Cell[][],
  o: { dateFormat?: string } = {},
): void {
  const header = ws.addRow(columns.map((c) => c.header))
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } }
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  })
  const dateFormat = o.dateFormat ?? 'yyyy-mm-dd hh:mm'
  for (const values of rows) {
    const row = ws.addRow(values.map((v) => (v === null ? undefined : v)))
    columns.forEach((c, i) => {
      const v = values[i]
      if (c.format && typeof v !== 'string') row.getCell(i + 1).numFmt = c.format
      else if (v instanceof Date) row.getCell(i + 1).numFmt = dateFormat
    })
  }
  columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1)
    let width = Math.max(column.width ?? 8, textWidth(c.header) + 2)
    for (const r of rows.slice(0, ROWS_MEASURED)) width = Math.max(width, textWidth(r[i]) + 2)
    column.width = Math.min(width, 48)
  })
}

/** Display width: CJK characters count double. */
function textWidth(v: unknown): number {
  if (v === null || v === undefined) return 0
  const s =
    v instanceof Date
      ? '2026-11-26 09:00:00'
      : typeof v === 'number'
        ? String(Number(v.toFixed(4)))
        : String(v)
  let w = 0
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1
  return w
}
