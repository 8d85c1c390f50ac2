// The bulletin's full tables as an Excel workbook, one sheet per table. Figures are number cells
// (money in 万元, rates as fractions formatted as percentages); times show Beijing time.

import type ExcelJS from 'exceljs'
import { messages } from '../../prompts/messages.ts'
import { type CommendRule, commendedUnits } from '../domain/bulletin/commend.ts'
import type { Assessment, BulletinFigures, ReportStatus } from '../domain/bulletin/types.ts'
import { periodLabel } from '../domain/period.ts'
import { assessmentRule, commendText, excelLocal } from './bulletin-format.ts'
import { addSheet, appendTable, type Cell, newWorkbook, PERCENT, workbookBytes } from './workbook.ts'

const w = messages.workbook

const STATUS: Record<ReportStatus, string> = { on_time: w('on_time'), late: w('late'), missing: w('missing') }
const MARK = (onTrack: boolean | null, yes = w('on_track'), no = w('behind')) =>
  onTrack === null ? w('no_data') : onTrack ? yes : no

export async function buildWorkbook(
  f: BulletinFigures,
  o: {
    assessment?: Assessment | undefined
    isMoney: (label: string) => boolean
    /** Who is proposed for 表彰 (the roster's assessment.commend); without it, no such column. */
    commend?: CommendRule | undefined
  },
): Promise<Buffer> {
  const wb = newWorkbook(f.asOf)
  reportingSheet(wb, f)
  unitSheet(wb, f, o.isMoney)
  clueSheet(wb, f)
  targetSheet(wb, f, o.isMoney)
  trendSheet(wb, f, o.isMoney)
  textSheet(wb, f)
  if (o.assessment) assessmentSheet(wb, o.assessment, o.commend)
  return workbookBytes(wb)
}

/** The year's assessment alone (考核): its sheet, as in the bulletin's workbook. */
export async function buildAssessmentWorkbook(a: Assessment, commend: CommendRule): Promise<Buffer> {
  const wb = newWorkbook(a.asOf)
  assessmentSheet(wb, a, commend)
  return workbookBytes(wb)
}

function reportingSheet(wb: ExcelJS.Workbook, f: BulletinFigures): void {
  const status = (s: ReportStatus) =>
    s === 'missing' && !f.reporting.deadlinePassed ? w('not_yet') : STATUS[s]
  addSheet(
    wb,
    w('sheet_reporting'),
    [
      { header: w('unit') },
      { header: w('status') },
      { header: w('first_at') },
      { header: w('revised_at') },
      { header: w('revision') },
      { header: w('liaison') },
    ],
    f.reporting.rows.map((r) => [
      r.unit.name,
      status(r.status),
      r.submittedAt && excelLocal(r.submittedAt),
      r.lastRevisedAt && excelLocal(r.lastRevisedAt),
      r.revision,
      r.noLiaison ? w('unbound') : w('bound'),
    ]),
  )
}

function unitSheet(wb: ExcelJS.Workbook, f: BulletinFigures, isMoney: (label: string) => boolean): void {
  const labels = [...new Set(f.unitFigures.flatMap((u) => Object.keys(u.values)))]
  const status = new Map(f.reporting.rows.map((r) => [r.unit.key, r.status]))
  addSheet(
    wb,
    w('sheet_units'),
    [
      { header: w('unit') },
      { header: w('status') },
      { header: w('revision') },
      ...labels.map((l) => ({ header: isMoney(l) ? w('money_column', { label: l }) : l })),
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
    w('sheet_texts'),
    [{ header: w('unit') }, { header: w('item') }, { header: w('content') }],
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
    w('sheet_clues'),
    [
      { header: w('unit') },
      { header: w('pushed') },
      { header: w('closed') },
      { header: w('pushed_closed') },
      { header: w('closure_rate'), format: PERCENT },
      { header: w('closed_in_time') },
      { header: w('open_overdue') },
      { header: w('median_hours') },
    ],
    [...c.rows.map((r) => row(r.unit?.name ?? '', r)), row(w('county_total'), c.total)],
  )
  const totalRow = ws.lastRow
  if (totalRow) totalRow.font = { bold: true }
  ws.addRow([])
  ws.addRow([w('unassigned'), c.unassignedOpen])
  ws.addRow([w('county_note')])
}

function targetSheet(wb: ExcelJS.Workbook, f: BulletinFigures, isMoney: (label: string) => boolean): void {
  const unitName = new Map(f.reporting.rows.map((r) => [r.unit.key, r.unit.name]))
  const ws = addSheet(
    wb,
    w('sheet_targets'),
    [
      { header: w('indicator') },
      { header: w('requirement') },
      { header: w('target') },
      { header: w('ytd') },
      { header: w('share'), format: PERCENT },
      { header: w('expected') },
      { header: w('target_done'), format: PERCENT },
      { header: w('state') },
      { header: w('gaps') },
    ],
    f.targetProgress.map((t) => {
      const gaps = f.ytd[t.name]?.gaps ?? []
      return [
        isMoney(t.name) ? w('money_column', { label: t.name }) : t.name,
        t.kind === 'max' ? w('at_most') : w('at_least'),
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
      { header: w('ratio') },
      { header: w('numerator') },
      { header: w('denominator') },
      { header: w('per') },
      { header: w('ratio_value') },
      { header: w('ratio_min') },
      { header: w('state') },
    ],
    f.ratios.map((r) => [
      r.name,
      r.numerator,
      r.denominator,
      r.per,
      r.value === null ? '—' : Number(r.value.toFixed(2)),
      r.min,
      r.value === null ? w('zero_denominator') : MARK(r.onTrack, w('met'), w('not_met')),
    ]),
  )
}

function trendSheet(wb: ExcelJS.Workbook, f: BulletinFigures, isMoney: (label: string) => boolean): void {
  addSheet(
    wb,
    w('sheet_trend'),
    [
      { header: w('indicator') },
      { header: w('requirement') },
      { header: w('year_total', { year: periodLabel(f.period).slice(0, 4) }) },
      { header: w('last_year') },
      { header: w('change') },
      { header: w('change_pct'), format: PERCENT },
      { header: w('last_year_source') },
      { header: w('judgement') },
    ],
    f.trend.map((t) => [
      isMoney(t.name) ? w('money_column', { label: t.name }) : t.name,
      t.direction === 'down' ? w('should_fall') : w('should_rise'),
      t.thisYear,
      t.lastYear,
      t.change,
      t.changePct === null ? null : t.changePct / 100,
      t.lastYearSource === 'submissions'
        ? w('source_reports')
        : t.lastYearSource === 'baseline'
          ? w('source_baseline')
          : w('none'),
      t.good === null ? w('no_last_year') : t.good ? w('achieved') : w('not_achieved'),
    ]),
  )
}

function assessmentSheet(wb: ExcelJS.Workbook, a: Assessment, commend?: CommendRule): void {
  const commended = new Set(commend ? commendedUnits(a, commend).map((r) => r.unit.key) : [])
  const ws = addSheet(
    wb,
    w('sheet_assessment'),
    [
      { header: w('rank') },
      { header: w('unit') },
      { header: w('score') },
      { header: w('timeliness'), format: PERCENT },
      { header: w('months') },
      { header: w('on_time') },
      { header: w('late') },
      { header: w('not_reported') },
      { header: w('clue_closure'), format: PERCENT },
      { header: w('clues_routed') },
      { header: w('clues_pending') },
      { header: w('clues_assessed') },
      { header: w('clues_in_time') },
      { header: w('clues_late') },
      { header: w('open_overdue') },
      { header: w('completeness'), format: PERCENT },
      { header: w('complete') },
      { header: w('incomplete') },
      { header: w('months_missing') },
      { header: w('notes') },
      ...(commend ? [{ header: w('commend') }] : []),
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
      ...(commend ? [commended.has(r.unit.key) ? w('yes') : null] : []),
    ]),
  )
  ws.addRow([])
  for (const rule of assessmentRule(a)) ws.addRow([rule])
  if (commend) for (const line of commendText(a, commend)) ws.addRow([line])
}
