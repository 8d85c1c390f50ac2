// A file posted to the bot: who sent it and what it holds decide what it is. The office's CSV or
// XLSX is a clue list (a column of clue values, optionally a remark column) unless it is a report
// sheet naming its unit; a liaison's CSV or XLSX that is a report sheet is the unit's report; any
// other file of a liaison's is a document for a collection (征集); anyone else's is ordinary chat.
import { messages } from '../../prompts/messages.ts'
import { fileTypeOf } from '../domain/file-type.ts'
import { intakeClues } from '../services/clue-intake.ts'
import { tableFromRows } from '../services/clue-table.ts'
import { GROUP_TABLE_LIMITS, readTableFile } from '../services/table-file.ts'
import { inboundFileData } from '../store/inbound.ts'
import { intakeContext } from './clue-common.ts'
import { collectionFile } from './collection-file.ts'
import { answerReportSheet, notAReportSheet, reportInSheet } from './report-sheet.ts'
import { type Command, type CommandContext, reply } from './types.ts'

const CLUE_FILE = /\.(csv|xlsx|txt)$/i

/** The file's bytes as stored with the message. */
async function fileBytes(ctx: CommandContext): Promise<Uint8Array> {
  return inboundFileData(ctx.tx, ctx.inbound.id)
}

/** The file's rows, read within the group's limits: the one place a posted table is read. */
const fileRows = (ctx: CommandContext, name: string, bytes: Uint8Array) =>
  readTableFile(name, bytes, GROUP_TABLE_LIMITS, ctx.log)

export const clueFileCommand: Command = {
  name: '线索文件',
  matches: (_text, inbound) => !!inbound.fileName,
  async run(ctx) {
    const { sender } = ctx
    if (sender.role === 'member') return []
    const name = ctx.inbound.fileName ?? ''
    const bytes = await fileBytes(ctx)
    const isTable = CLUE_FILE.test(name)
    if (sender.role === 'liaison') {
      const table = isTable ? await fileRows(ctx, name, bytes) : undefined
      const sheet = table && !('error' in table) ? reportInSheet(ctx, name, table.rows) : undefined
      if (sheet) return answerReportSheet(ctx, sheet)
      // A text table (CSV) that is no report is not a document either.
      if (isTable && !fileTypeOf(bytes)) return notAReportSheet(ctx, name)
      return (await collectionFile(ctx, bytes)) ?? notAReportSheet(ctx, name)
    }
    if (!isTable) return []
    const table = await fileRows(ctx, name, bytes)
    if ('error' in table)
      return [reply(ctx, messages.clueProblem('file_unreadable', { name, reason: table.error }))]
    const sheet = reportInSheet(ctx, name, table.rows)
    if (sheet) return answerReportSheet(ctx, sheet)
    const clues = tableFromRows(table.rows)
    if (clues.items.length === 0) return [reply(ctx, messages.clueProblem('no_values'))]
    // The file's rows are kept with the clue each became, to hand it back with results (反馈).
    const file = { fileName: name, source: ctx.inbound.chat, header: clues.header, rows: clues.rows }
    const result = await intakeClues(ctx.tx, clues.items, { ...(await intakeContext(ctx)), file })
    return [reply(ctx, result.summary), ...result.notices]
  },
}
