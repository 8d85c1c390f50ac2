// Excel exports for the office (`cli export reports|clues`). Figures are number cells; times are
// Beijing time (Excel has no time zones). A clue export holds full values: the caller audits it.
import { PassThrough } from 'node:stream'
import type ExcelJS from 'exceljs'
import { messages } from '../../prompts/messages.ts'
import { fromLocal, splitPeriod } from '../domain/period.ts'
import { lazyRequire } from '../lazy-require.ts'
import { cluesWithHistory } from '../store/clues.ts'
import type { Db } from '../store/db.ts'
import { submissionsIn } from '../store/submissions.ts'
import { allUnitForms } from '../store/units.ts'
import { excelLocal } from './bulletin-format.ts'

const excel = lazyRequire<typeof ExcelJS>('exceljs')

export interface ExportFilter {
  /** "YYYY-MM" */
  period?: string
  year?: number
}

export type Cell = string | number | Date | null

const DATE_TIME = 'yyyy-mm-dd hh:mm:ss'

const HISTORY_LABELS: Record<string, string> = {
  created: '登记',
  routed: '分派',
  notified: '通知',
  assigned: '指派',
  reassigned: '改派',
  transferred: '转办',
  closed: '销号',
  overdue: '超期催办',
}

const SUBMISSION_STATUS: Record<string, string> = { on_time: '按时', late: '迟报' }
const CLUE_STATUS: Record<string, string> = { open: '在办', closed: '已销号' }

const time = (at: Date | null): Date | null => (at ? excelLocal(at) : null)

export function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: string[],
  rows: Cell[][],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  const header = ws.addRow(headers)
  header.font = { bold: true }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } }
  for (const values of rows) {
    const row = ws.addRow(values.map((v) => (v === null ? undefined : v)))
    values.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = DATE_TIME
    })
  }
  headers.forEach((h, i) => {
    const widest = Math.max(
      h.length * 2,
      ...rows.slice(0, 500).map((r) => {
        const v = r[i]
        return v instanceof Date ? 19 : v === null || v === undefined ? 0 : String(v).length * 1.3
      }),
    )
    ws.getColumn(i + 1).width = Math.min(Math.max(8, Math.ceil(widest) + 2), 60)
  })
  return ws
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as unknown as ArrayBuffer)
}

export function newWorkbook(now: Date): ExcelJS.Workbook {
  const wb = new (excel().Workbook)()
  wb.creator = '县反诈联席办'
  wb.created = now
  wb.modified = now
  return wb
}

/** The report periods to take: one month, one year, or all. */
/** Instants [from, to) of the filter in China Standard Time, for clues (by when they came in). */
function createdWhere(f: ExportFilter) {
  if (f.period) {
    const { year, month } = splitPeriod(f.period)
    return { createdAt: { gte: fromLocal(year, month, 1), lt: fromLocal(year, month + 1, 1) } }
  }
  if (f.year) return { createdAt: { gte: fromLocal(f.year, 1, 1), lt: fromLocal(f.year + 1, 1, 1) } }
  return {}
}

export interface ReportsExport {
  data: Buffer
  latest: number
  revisions: number
}

/**
 * Monthly reports: the latest revision per unit per period (one column per form field, in the
 * units' order), and a sheet with every revision.
 */
export async function exportReports(db: Db, f: ExportFilter, now: Date): Promise<ReportsExport> {
  const units = await allUnitForms(db)
  const unitOrder = new Map(units.map((u, i) => [u.id, i]))
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const rows = await submissionsIn(db, f)
  rows.sort(
    (a, b) =>
      a.period.localeCompare(b.period) ||
      (unitOrder.get(a.unitId) ?? 0) - (unitOrder.get(b.unitId) ?? 0) ||
      a.revision - b.revision,
  )
  const parsed = rows.map((r) => ({ ...r, values: JSON.parse(r.values) as Record<string, number | string> }))
  // Every field of every form, in the units' order, then any label only found in stored reports.
  const labels: string[] = []
  const add = (label: string) => {
    if (!labels.includes(label)) labels.push(label)
  }
  const money = new Set<string>()
  for (const u of units)
    for (const field of u.fields) {
      add(field.label)
      if (field.kind === 'money') money.add(field.label)
    }
  for (const r of parsed) for (const label of Object.keys(r.values)) add(label)

  const lastRevision = new Map<string, number>()
  for (const r of parsed) {
    const key = `${r.unitId}/${r.period}`
    lastRevision.set(key, Math.max(lastRevision.get(key) ?? 0, r.revision))
  }
  const line = (r: (typeof parsed)[number]): Cell[] => [
    r.period,
    unitName.get(r.unitId) ?? String(r.unitId),
    SUBMISSION_STATUS[r.status] ?? r.status,
    r.revision,
    r.byName,
    time(r.createdAt),
    ...labels.map((label) => r.values[label] ?? null),
  ]
  const headers = [
    '月份',
    '单位',
    '报送情况',
    '版本',
    '报送人',
    '报送时间',
    ...labels.map((label) => (money.has(label) ? `${label}（万元）` : label)),
  ]
  const latest = parsed.filter((r) => lastRevision.get(`${r.unitId}/${r.period}`) === r.revision)
  const wb = newWorkbook(now)
  addSheet(wb, '月报', headers, latest.map(line))
  addSheet(wb, '全部版本', headers, parsed.map(line))
  return { data: await toBuffer(wb), latest: latest.length, revisions: parsed.length }
}

export interface CluesExport {
  data: Buffer
  codes: string[]
  history: number
}

/** Whether a clue was or is overdue: open past its due time, or closed after it. */
function overdue(c: { status: string; dueAt: Date | null; closedAt: Date | null }, now: Date): boolean {
  if (!c.dueAt) return false
  const end = c.status === 'closed' ? c.closedAt : now
  return end !== null && end.getTime() > c.dueAt.getTime()
}

const CLUE_HEADERS = [
  '编号',
  '类别',
  '完整值',
  '脱敏值',
  '备注',
  '责任单位',
  '状态',
  '核查结果',
  '分派时间',
  '截止时间',
  '销号时间',
  '是否超期',
  '登记时间',
]
const HISTORY_HEADERS = ['编号', '时间', '动作', '操作人', '说明']
/** Column widths of the streamed sheets (no sampling: rows are written as they are read). */
const CLUE_WIDTHS = [14, 10, 24, 24, 30, 16, 8, 20, 20, 20, 20, 8, 20]
const HISTORY_WIDTHS = [14, 20, 10, 16, 40]

/** A streamed sheet: frozen, filterable bold header, then rows committed as they come. */
function streamedSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  headers: string[],
  widths: number[],
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 12 }))
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } }
  ws.getRow(1).font = { bold: true }
  ws.getRow(1).commit()
  return (values: Cell[]) => {
    const row = ws.addRow(values.map((v) => (v === null ? undefined : v)))
    values.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = DATE_TIME
    })
    row.commit()
  }
}

/**
 * Clues with their full values (one row each) and their history. Read a chunk at a time and
 * streamed into the workbook (200,000 clues take tens of MB, not the heap).
 */
export async function exportClues(
  db: Db,
  f: ExportFilter & { status?: 'open' | 'closed' },
  now: Date,
): Promise<CluesExport> {
  const where = { ...createdWhere(f), ...(f.status ? { status: f.status } : {}) }
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const wb = new (excel().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  })
  wb.creator = '县反诈联席办'
  wb.created = now
  wb.modified = now
  const codes: string[] = []
  const clueRow = streamedSheet(wb, '线索', CLUE_HEADERS, CLUE_WIDTHS)
  for await (const chunk of cluesWithHistory(db, where)) {
    for (const c of chunk) {
      codes.push(c.code)
      clueRow([
        c.code,
        messages.clueKind(c.kind),
        c.value,
        c.masked,
        c.remark,
        c.unit?.name ?? '待分派',
        CLUE_STATUS[c.status] ?? c.status,
        c.result,
        time(c.routedAt),
        time(c.dueAt),
        time(c.closedAt),
        overdue(c, now) ? '是' : '否',
        time(c.createdAt),
      ])
    }
  }
  wb.getWorksheet('线索')?.commit()
  let history = 0
  const historyRow = streamedSheet(wb, '处理记录', HISTORY_HEADERS, HISTORY_WIDTHS)
  for await (const chunk of cluesWithHistory(db, where)) {
    for (const c of chunk) {
      for (const h of c.history) {
        history++
        historyRow([c.code, time(h.at), HISTORY_LABELS[h.action] ?? h.action, h.actor, h.detail])
      }
    }
  }
  await wb.commit()
  return { data: Buffer.concat(chunks), codes, history }
}
