// 反馈: a pushed clue file (部推线索) handed back with results, row for row. The file's own columns
// come back as they were read, in their order, and five result columns are appended; rows not yet
// closed say 未销号 and a summary line counts them. The workbook holds full values: it goes to the
// office only, privately, and each export is audited.
import { messages } from '../../prompts/messages.ts'
import { type BatchRecord, type BatchRowResult, batchRows } from '../store/clue-batches.ts'
import type { Store } from '../store/db.ts'
import { localDateTime } from './bulletin-format.ts'
import { newWorkbook, workbookBytes } from './workbook.ts'

const doc = messages.documentLine
const FAKE_IDENTITY = '实名不实人'

export interface Feedback {
  name: string
  data: Buffer
  rows: number
  closed: number
  open: number
  /** Rows that held no clue value. */
  empty: number
  summary: string
}

/** 批次3「部推线索.xlsx」（11月18日 10:00导入，500行）: how a batch is named to the office. */
export const batchLabel = (b: BatchRecord) =>
  doc('feedback-batch', { id: b.id, name: b.fileName, at: localDateTime(b.createdAt), rows: b.rowCount })

/** 3, 批次3, 第3批 → batch 3; anything else names a file (with or without its extension). */
export function batchRef(arg: string): { id: number } | { fileName: string } {
  const m = /^(?:批次|第)?\s*(\d{1,9})\s*批?$/.exec(arg.trim())
  return m ? { id: Number(m[1]) } : { fileName: arg.trim() }
}

/** 部推线索.xlsx → 部推线索-反馈.xlsx (a CSV comes back as a workbook too). */
export const feedbackFileName = (fileName: string) =>
  messages.fileName('feedback', { name: fileName.replace(/\.(xlsx|csv|txt)$/i, '') })

const pad = (n: number) => String(n).padStart(2, '0')

/** "2026-11-20 10:05" in Beijing time. */
function stamp(at: Date): string {
  const l = new Date(at.getTime() + 8 * 3600_000)
  return `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())} ${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}`
}

/** The five result cells of a row: 核查单位, 核查结果, 销号时间, 是否实名不实人, 备注 (the clue's id). */
function resultCells(r: BatchRowResult): string[] {
  if (r.code === null) return ['', doc('feedback-no-value'), '', '', '']
  const unit = r.unit ?? doc('feedback-unassigned')
  if (r.status === 'withdrawn') return [unit, doc('feedback-withdrawn'), '', '', r.code]
  if (r.status !== 'closed') return [unit, doc('feedback-open'), '', '', r.code]
  const result = r.result ?? ''
  return [
    unit,
    result,
    r.closedAt ? stamp(r.closedAt) : '',
    doc(result.includes(FAKE_IDENTITY) ? 'feedback-yes' : 'feedback-no'),
    r.code,
  ]
}

export async function buildFeedback(tx: Store, batch: BatchRecord, asOf: Date): Promise<Feedback> {
  const rows = await batchRows(tx, batch.id)
  const width = Math.max(batch.header.length, ...rows.map((r) => r.cells.length))
  const wb = newWorkbook(asOf)
  const ws = wb.addWorksheet(messages.fileName('feedback_sheet'), { views: [{ state: 'frozen', ySplit: 1 }] })
  const header = Array.from({ length: width }, (_, i) => batch.header[i] ?? '')
  const headerRow = ws.addRow([...header, ...doc('feedback-columns').split('|')])
  for (let col = width + 1; col <= width + 5; col++) headerRow.getCell(col).font = { bold: true }
  let closed = 0
  let empty = 0
  for (const r of rows) {
    const cells = Array.from({ length: width }, (_, i) => r.cells[i] ?? '')
    // Every original cell goes back as the text it was read as (a long number stays exact).
    ws.addRow([...cells, ...resultCells(r)])
    if (r.code === null) empty++
    else if (r.status === 'closed') closed++
  }
  const open = rows.length - closed - empty
  const summary = doc('feedback-summary', {
    rows: rows.length,
    closed,
    open,
    empty: empty ? doc('feedback-summary-empty', { count: empty }) : '',
  })
  ws.addRow([])
  ws.addRow([summary])
  for (let col = 1; col <= width + 5; col++) ws.getColumn(col).width = col > width ? 16 : 20
  const data = await workbookBytes(wb)
  return { name: feedbackFileName(batch.fileName), data, rows: rows.length, closed, open, empty, summary }
}
