// The bulletin's full tables as an Excel workbook, one sheet per table. Figures are number cells
// (money in 万元, rates as fractions formatted as percentages); times show Beijing time.
import type ExcelJS from 'exceljs'
import { type CommendRule, commendedUnits } from '../domain/bulletin/commend.ts'
import type { Assessment, BulletinFigures, ReportStatus } from '../domain/bulletin/types.ts'
import { periodLabel } from '../domain/period.ts'
import { lazyRequire } from '../lazy-require.ts'
import { assessmentRule, commendText, excelLocal } from './bulletin-format.ts'

const excel = lazyRequire<typeof ExcelJS>('exceljs')

type Cell = string | number | Date | null

interface Column {
  header: string
  /** Excel number format, e.g. '0.0%'. */
  format?: string
}

const PERCENT = '0.0%'
const DATE_TIME = 'yyyy-mm-dd hh:mm'
const STATUS: Record<ReportStatus, string> = { on_time: '按时', late: '迟报', missing: '未报送' }
const MARK = (onTrack: boolean | null, yes = '进度正常', no = '滞后') =>
  onTrack === null ? '无数据' : onTrack ? yes : no

export async function buildWorkbook(
  f: BulletinFigures,
  o: {
    assessment?: Assessment | undefined
    isMoney: (label: string) => boolean
    /** Who is proposed for 表彰 (the roster's assessment.commend); without it, no such column. */
    commend?: CommendRule | undefined
  },
): Promise<Buffer> {
  const wb = new (excel().Workbook)()
  wb.creator = '县反诈联席办'
  wb.created = f.asOf
  wb.modified = f.asOf
  reportingSheet(wb, f)
  unitSheet(wb, f, o.isMoney)
  clueSheet(wb, f)
  targetSheet(wb, f, o.isMoney)
  trendSheet(wb, f, o.isMoney)
  textSheet(wb, f)
  if (o.assessment) assessmentSheet(wb, o.assessment, o.commend)
  return write(wb)
}

/** The year's assessment alone (考核): its sheet, as in the bulletin's workbook. */
export async function buildAssessmentWorkbook(a: Assessment, commend: CommendRule): Promise<Buffer> {
  const wb = new (excel().Workbook)()
  wb.creator = '县反诈联席办'
  wb.created = a.asOf
  wb.modified = a.asOf
  assessmentSheet(wb, a, commend)
  return write(wb)
}

async function write(wb: ExcelJS.Workbook): Promise<Buffer> {
  const data = await wb.xlsx.writeBuffer()
  return Buffer.from(data as unknown as ArrayBuffer)
}

/**
 * Adds a table: a bold header row at the top, frozen, with an autofilter over the table, and
 * widths fitted to the contents.
 */
function addSheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Cell[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  appendTable(ws, columns, rows)
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } }
  return ws
}

function appendTable(ws: ExcelJS.Worksheet, columns: Column[], rows: Cell[][]): void {
  const header = ws.addRow(columns.map((c) => c.header))
  header.font = { bold: true }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE9ECEF' } }
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
  })
  for (const values of rows) {
    const row = ws.addRow(values.map((v) => (v === null ? undefined : v)))
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      if (c.format && typeof values[i] !== 'string') cell.numFmt = c.format
      else if (values[i] instanceof Date) cell.numFmt = DATE_TIME
    })
  }
  fitWidths(ws)
}

/** Display width: CJK characters count double. */
function textWidth(v: unknown): number {
  if (v === null || v === undefined) return 0
  const s =
    v instanceof Date ? '2026-11-26 09:00' : typeof v === 'number' ? String(Number(v.toFixed(4))) : String(v)
  let w = 0
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1
  return w
}

function fitWidths(ws: ExcelJS.Worksheet): void {
  ws.columns.forEach((col) => {
    let width = 8
    col.eachCell?.({ includeEmpty: false }, (cell) => {
      width = Math.max(width, textWidth(cell.value) + 2)
    })
    col.width = Math.min(width, 48)
  })
}

function reportingSheet(wb: ExcelJS.Workbook, f: BulletinFigures): void {
  const status = (s: ReportStatus) =>
    s === 'missing' && !f.reporting.deadlinePassed ? '尚未报送' : STATUS[s]
  addSheet(
    wb,
    '报送情况',
    [
      { header: '单位' },
      { header: '报送状态' },
      { header: '首次报送时间' },
      { header: '最近修订时间' },
      { header: '修订版本' },
      { header: '联络员' },
    ],
    f.reporting.rows.map((r) => [
      r.unit.name,
      status(r.status),
      r.submittedAt && excelLocal(r.submittedAt),
      r.lastRevisedAt && excelLocal(r.lastRevisedAt),
      r.revision,
      r.noLiaison ? '未绑定' : '已绑定',
    ]),
  )
}

function unitSheet(wb: ExcelJS.Workbook, f: BulletinFigures, isMoney: (label: string) => boolean): void {
  const labels = [...new Set(f.unitFigures.flatMap((u) => Object.keys(u.values)))]
  const status = new Map(f.reporting.rows.map((r) => [r.unit.key, r.status]))
  addSheet(
    wb,
    '单位数据',
    [
      { header: '单位' },
      { header: '报送状态' },
      { header: '修订版本' },
      ...labels.map((l) => ({ header: isMoney(l) ? `${l}（万元）` : l })),
    ],
    f.unitFigures.map((u) => [
      u.unit.name,
      STATUS[status.get(u.unit.key) ?? 'missing'],
      u.revision,
      ...labels.map((l) => u.values[l] ?? null),
    ]),
  )
}

/** What each unit wrote in its text fields (存在问题, 其他工作…), in full and as written. */
function textSheet(wb: ExcelJS.Workbook, f: BulletinFigures): void {
  const ws = addSheet(
    wb,
    '存在问题与其他工作',
    [{ header: '单位' }, { header: '项目' }, { header: '内容' }],
    f.unitFigures.flatMap((u) => u.texts.map((t) => [u.unit.name, t.label, t.text])),
  )
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' }
}

function clueSheet(wb: ExcelJS.Workbook, f: BulletinFigures): void {
  const c = f.clueFigures
  const row = (name: string, r: (typeof c.rows)[number]): Cell[] => [
    name,
    r.pushed,
    r.closed,
    r.pushedClosed,
    r.closureRate,
    r.closedWithinDue,
    r.openOverdue,
    r.medianHoursToClose === null ? null : Number(r.medianHoursToClose.toFixed(1)),
  ]
  const ws = addSheet(
    wb,
    '线索情况',
    [
      { header: '单位' },
      { header: '本月推送' },
      { header: '本月销号' },
      { header: '本月推送中已销号' },
      { header: '销号率', format: PERCENT },
      { header: '本月按期销号' },
      { header: '超期未销号' },
      { header: '销号中位用时（小时）' },
    ],
    [...c.rows.map((r) => row(r.unit?.name ?? '', r)), row('全县合计', c.total)],
  )
  const totalRow = ws.lastRow
  if (totalRow) totalRow.font = { bold: true }
  ws.addRow([])
  ws.addRow(['待分派线索（未销号）', c.unassignedOpen])
  ws.addRow(['注：全县合计含未列入名册单位和未分派的线索。'])
}

function targetSheet(wb: ExcelJS.Workbook, f: BulletinFigures, isMoney: (label: string) => boolean): void {
  const unitName = new Map(f.reporting.rows.map((r) => [r.unit.key, r.unit.name]))
  const ws = addSheet(
    wb,
    '目标进度',
    [
      { header: '指标' },
      { header: '要求' },
      { header: '全年目标' },
      { header: '累计完成' },
      { header: '时间进度', format: PERCENT },
      { header: '按进度应达' },
      { header: '完成全年目标', format: PERCENT },
      { header: '状态' },
      { header: '缺报（单位 月份）' },
    ],
    f.targetProgress.map((t) => {
      const gaps = f.ytd[t.name]?.gaps ?? []
      return [
        isMoney(t.name) ? `${t.name}（万元）` : t.name,
        t.kind === 'max' ? '不超过' : '不少于',
        t.target,
        t.ytd,
        t.share,
        t.expectedByNow,
        t.ytd === null || t.target === 0 ? null : t.ytd / t.target,
        MARK(t.onTrack),
        gaps.map((g) => `${unitName.get(g.unitKey) ?? g.unitKey} ${g.period}`).join('；') || null,
      ]
    }),
  )
  ws.addRow([])
  appendTable(
    ws,
    [
      { header: '比率指标' },
      { header: '分子' },
      { header: '分母' },
      { header: '每' },
      { header: '累计比率' },
      { header: '目标下限' },
      { header: '状态' },
    ],
    f.ratios.map((r) => [
      r.name,
      r.numerator,
      r.denominator,
      r.per,
      r.value === null ? '—' : Number(r.value.toFixed(2)),
      r.min,
      r.value === null ? '分母为0' : MARK(r.onTrack, '达标', '未达标'),
    ]),
  )
}

function trendSheet(wb: ExcelJS.Workbook, f: BulletinFigures, isMoney: (label: string) => boolean): void {
  addSheet(
    wb,
    '两降三升',
    [
      { header: '指标' },
      { header: '要求' },
      { header: `${periodLabel(f.period).slice(0, 4)}年累计` },
      { header: '去年同期' },
      { header: '增减' },
      { header: '增减幅度', format: PERCENT },
      { header: '去年数据来源' },
      { header: '评价' },
    ],
    f.trend.map((t) => [
      isMoney(t.name) ? `${t.name}（万元）` : t.name,
      t.direction === 'down' ? '应下降' : '应上升',
      t.thisYear,
      t.lastYear,
      t.change,
      t.changePct === null ? null : t.changePct / 100,
      t.lastYearSource === 'submissions' ? '去年月报' : t.lastYearSource === 'baseline' ? '配置基数' : '无',
      t.good === null ? '无去年同期数据' : t.good ? '达成' : '未达成',
    ]),
  )
}

function assessmentSheet(wb: ExcelJS.Workbook, a: Assessment, commend?: CommendRule): void {
  const commended = new Set(commend ? commendedUnits(a, commend).map((r) => r.unit.key) : [])
  const ws = addSheet(
    wb,
    '年度考核',
    [
      { header: '排名' },
      { header: '单位' },
      { header: '得分' },
      { header: '报送及时率', format: PERCENT },
      { header: '考核月数' },
      { header: '按时' },
      { header: '迟报' },
      { header: '未报' },
      { header: '线索按期销号率', format: PERCENT },
      { header: '派发线索' },
      { header: '未到期（不考核）' },
      { header: '考核线索' },
      { header: '按期销号' },
      { header: '逾期销号' },
      { header: '超期未销号' },
      { header: '填报完整率', format: PERCENT },
      { header: '完整月数' },
      { header: '不完整月数' },
      { header: '未报月数' },
      { header: '备注' },
      ...(commend ? [{ header: '拟表彰' }] : []),
    ],
    a.rows.map((r) => [
      r.rank,
      r.unit.name,
      r.score,
      r.timeliness.share,
      r.timeliness.months,
      r.timeliness.onTime,
      r.timeliness.late,
      r.timeliness.missing,
      r.clueClosure.share,
      r.clueClosure.routed,
      r.clueClosure.pending,
      r.clueClosure.assessed,
      r.clueClosure.closedWithinDue,
      r.clueClosure.closedLate,
      r.clueClosure.openOverdue,
      r.completeness.share,
      r.completeness.complete,
      r.completeness.incomplete,
      r.completeness.missing,
      r.notes.join('；') || null,
      ...(commend ? [commended.has(r.unit.key) ? '是' : null] : []),
    ]),
  )
  ws.addRow([])
  for (const rule of assessmentRule(a)) ws.addRow([rule])
  if (commend) for (const line of commendText(a, commend)) ws.addRow([line])
}
