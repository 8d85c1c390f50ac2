// Reading a clue list from a CSV or XLSX file: the value column is found by its header or, failing
// that, by which column's cells read as clues; a remark column is optional.
import { parse as parseCsv } from 'csv-parse/sync'
import type ExcelJS from 'exceljs'
import { classifyClue } from '../domain/clues/classify.ts'
import { lazyRequire } from '../lazy-require.ts'
import type { ClueItem } from './clue-intake.ts'

const excel = lazyRequire<typeof ExcelJS>('exceljs')

const VALUE_HEADER = /线索|号码|账号|账户|卡号|网址|域名|链接|值|内容|对象|value|clue/i
const REMARK_HEADER = /备注|说明|情况|描述|remark|note/i

export type ClueTable = { items: ClueItem[] } | { error: string }

function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string }
    if (o.richText) return o.richText.map((r) => r.text).join('')
    if (o.text !== undefined) return String(o.text)
    if (o.result !== undefined) return String(o.result)
    if (o.hyperlink) return o.hyperlink
  }
  return String(v).trim()
}

/** Picks the columns from rows of cells. */
export function itemsFromRows(rows: string[][]): ClueItem[] {
  const nonEmpty = rows.filter((r) => r.some((c) => c.trim() !== ''))
  const header = nonEmpty[0] ?? []
  let valueCol = header.findIndex((h) => VALUE_HEADER.test(h) && !REMARK_HEADER.test(h))
  const remarkCol = header.findIndex((h) => REMARK_HEADER.test(h))
  let body = nonEmpty
  if (valueCol >= 0) body = nonEmpty.slice(1)
  else {
    // No recognizable header: the column whose cells most often read as clues (sampled).
    const sample = nonEmpty.slice(0, 200)
    const width = Math.max(0, ...sample.map((r) => r.length))
    let best = -1
    for (let col = 0; col < width; col++) {
      const score = sample.filter((r) => r[col] && classifyClue(r[col] as string).kind !== 'unclear').length
      if (score > best) [best, valueCol] = [score, col]
    }
    if (header.every((h) => classifyClue(h).kind === 'unclear') && nonEmpty.length > 1)
      body = nonEmpty.slice(1)
  }
  return body
    .map((r) => ({
      raw: (r[valueCol] ?? '').trim(),
      remark: remarkCol >= 0 ? (r[remarkCol] ?? '').trim() || null : null,
    }))
    .filter((i) => i.raw !== '')
}

export type TableRows = { rows: string[][] } | { error: string }

/** The first sheet of an XLSX file, or a CSV file, as rows of cell texts. */
export async function readRows(name: string, data: Uint8Array): Promise<TableRows> {
  try {
    if (/\.xlsx$/i.test(name)) {
      const book = new (excel().Workbook)()
      await book.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer)
      const sheet = book.worksheets[0]
      if (!sheet) return { error: '没有工作表' }
      const rows: string[][] = []
      sheet.eachRow({ includeEmpty: false }, (row) => {
        const values = row.values as unknown[]
        rows.push(values.slice(1).map(cellText))
      })
      return { rows }
    }
    const text = Buffer.from(data)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
    const rows = parseCsv(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][]
    return { rows }
  } catch (err) {
    return { error: (err as Error).message.slice(0, 80) }
  }
}

export async function readClueTable(name: string, data: Uint8Array): Promise<ClueTable> {
  const table = await readRows(name, data)
  return 'error' in table ? table : { items: itemsFromRows(table.rows) }
}
