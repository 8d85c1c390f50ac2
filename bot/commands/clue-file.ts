// A CSV or XLSX file: who sent it and what it holds decide what it is. The office's is a clue list
// (a column of clue values, optionally a remark column) unless it is a report sheet naming its
// unit; a liaison's is the unit's report sheet; anyone else's is ordinary chat.
import { messages } from '../../prompts/messages.ts'
import { intakeClues } from '../services/clue-intake.ts'
import { tableFromRows } from '../services/clue-table.ts'
import { GROUP_TABLE_LIMITS, readTableFile } from '../services/table-file.ts'
import { intakeContext } from './clue-common.ts'
import { answerReportSheet, notAReportSheet, reportInSheet } from './report-sheet.ts'
import { type Command, type CommandContext, reply } from './types.ts'

const CLUE_FILE = /\.(csv|xlsx|txt)$/i

/** The file's rows: the one place a posted file is read. */
async function fileRows(ctx: CommandContext, name: string) {
  const row = await ctx.tx.inboundMessage.findUnique({
    where: { id: ctx.inbound.id },
    select: { fileData: true },
  })
  return readTableFile(name, row?.fileData ?? new Uint8Array(), GROUP_TABLE_LIMITS, ctx.log)
}

export const clueFileCommand: Command = {
  name: '线索文件',
  matches: (_text, inbound) => !!inbound.fileName && CLUE_FILE.test(inbound.fileName),
  async run(ctx) {
    const { sender } = ctx
    if (sender.role === 'member') return []
    const name = ctx.inbound.fileName ?? ''
    const table = await fileRows(ctx, name)
    if ('error' in table) {
      if (sender.role === 'liaison' && ctx.inbound.chat !== 'dm') return []
      return [reply(ctx, messages.clueProblem('file_unreadable', { name, reason: table.error }))]
    }
    const sheet = reportInSheet(ctx, name, table.rows)
    if (sheet) return answerReportSheet(ctx, sheet)
    if (sender.role === 'liaison') return notAReportSheet(ctx, name)
    const clues = tableFromRows(table.rows)
    if (clues.items.length === 0) return [reply(ctx, messages.clueProblem('no_values'))]
    // The file's rows are kept with the clue each became, to hand it back with results (反馈).
    const file = { fileName: name, source: ctx.inbound.chat, header: clues.header, rows: clues.rows }
    const result = await intakeClues(ctx.tx, clues.items, { ...(await intakeContext(ctx)), file })
    return [reply(ctx, result.summary), ...result.notices]
  },
}
