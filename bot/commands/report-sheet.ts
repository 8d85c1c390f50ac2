// A report sent as a .xlsx / .csv file (the template workbook filled in, or any sheet with a label
// and a value column): filed like a typed report (bot/commands/report.ts's answerReport).
import { messages } from '../../prompts/messages.ts'
import { type ReportSheet, sheetReport } from '../domain/report-sheet.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { answerReport } from './report.ts'
import { type CommandContext, reply } from './types.ts'

export const REPORT_SHEET_FILE = /\.(csv|xlsx)$/i

/** The sheet's report as the sender may file it: a liaison's own unit, any unit the office's names. */
export function reportInSheet(ctx: CommandContext, name: string, rows: string[][]): ReportSheet | undefined {
  if (!REPORT_SHEET_FILE.test(name)) return undefined
  const { sender, units, now } = ctx
  const sheet = sheetReport(rows, { units, now, senderUnit: sender.unit })
  // The office's sheet is a report only when it names its unit (else it is a clue list).
  if (sender.role === 'office' && !sheet?.parse.namedUnit) return undefined
  return sheet
}

export async function answerReportSheet(ctx: CommandContext, sheet: ReportSheet): Promise<OutboundDraft[]> {
  return [reply(ctx, await answerReport(ctx, sheet.parse))]
}

/** A liaison's file that holds no report: said so in a private chat; in the group it is a document. */
export function notAReportSheet(ctx: CommandContext, name: string): OutboundDraft[] {
  if (ctx.inbound.chat !== 'dm') return []
  return [reply(ctx, messages.reportSheetLine('not_report', { name }))]
}
