// Excel exports for the office (`cli export reports|clues`). Figures are number cells; times are
// Beijing time (Excel has no time zones). A clue export holds full values: the caller audits it.
import { PassThrough } from 'node:stream'
import type ExcelJS from 'exceljs'
import { messages } from '../../prompts/messages.ts'
import { fromLocal, splitPeriod } from '../domain/period.ts'
import { cluesWithHistory } from '../store/clues.ts'
import type { Db } from '../store/db.ts'
import { submissionsIn } from '../store/submissions.ts'
import { allUnitForms } from '../store/units.ts'
import { excelLocal } from './bulletin-format.ts'
import { addSheet, type Cell, dated, excel, newWorkbook, workbookBytes } from './workbook.ts'

export interface ExportFilter {
  /** "YYYY-MM" */
  period?: string
  year?: number
}

const DATE_TIME = 'yyyy-mm-dd hh:mm:ss'
const x = messages.exportText
const [UNASSIGNED, YES, NO] = [x('unassigned'), x('yes'), x('no')]

const HISTORY_LABELS: Record<string, string> = {
  created: x('history_created'),
  routed: x('history_routed'),
  notified: x('history_notified'),
  assigned: x('history_assigned'),
  reassigned: x('history_reassigned'),
  transferred: x('history_transferred'),
  closed: x('history_closed'),
  overdue: x('history_overdue'),
  withdrawn: x('history_withdrawn'),
}

const SUBMISSION_STATUS: Record<string, string> = { on_time: x('on_time'), late: x('late') }
const CLUE_STATUS: Record<string, string> = {
  open: x('open'),
  closed: x('closed'),
  withdrawn: x('withdrawn'),
}

const time = (at: Date | null): Date | null => (at ? excelLocal(at) : null)

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
    x('month'),
    x('unit'),
    x('status'),
    x('revision'),
    x('by'),
    x('at'),
    ...labels.map((label) => (money.has(label) ? x('money_column', { label }) : label)),
  ]
  const latest = parsed.filter((r) => lastRevision.get(`${r.unitId}/${r.period}`) === r.revision)
  const wb = newWorkbook(now)
  const columns = headers.map((header) => ({ header }))
  addSheet(wb, x('sheet_reports'), columns, latest.map(line), { dateFormat: DATE_TIME })
  addSheet(wb, x('sheet_revisions'), columns, parsed.map(line), { dateFormat: DATE_TIME })
  return { data: await workbookBytes(wb), latest: latest.length, revisions: parsed.length }
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
  x('code'),
  x('kind'),
  x('value'),
  x('masked'),
  x('remark'),
  x('responsible'),
  x('state'),
  x('result'),
  x('routed_at'),
  x('due_at'),
  x('closed_at'),
  x('overdue'),
  x('created_at'),
]
const HISTORY_HEADERS = [x('code'), x('time'), x('action'), x('actor'), x('detail')]
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
  const wb = dated(
    new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false }),
    now,
  )
  const codes: string[] = []
  const clueRow = streamedSheet(wb, x('sheet_clues'), CLUE_HEADERS, CLUE_WIDTHS)
  for await (const chunk of cluesWithHistory(db, where)) {
    for (const c of chunk) {
      codes.push(c.code)
      clueRow([
        c.code,
        messages.clueKind(c.kind),
        c.value,
        c.masked,
        c.remark,
        c.unit?.name ?? UNASSIGNED,
        CLUE_STATUS[c.status] ?? c.status,
        c.result,
        time(c.routedAt),
        time(c.dueAt),
        time(c.closedAt),
        overdue(c, now) ? YES : NO,
        time(c.createdAt),
      ])
    }
  }
  wb.getWorksheet(x('sheet_clues'))?.commit()
  let history = 0
  const historyRow = streamedSheet(wb, x('sheet_history'), HISTORY_HEADERS, HISTORY_WIDTHS)
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
