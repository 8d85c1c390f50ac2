// A CSV or XLSX file posted by the office: a column of clue values, optionally a remark column.
import { messages } from '../../prompts/messages.ts'
import { intakeClues } from '../services/clue-intake.ts'
import { readClueTable } from '../services/clue-table.ts'
import { intakeContext } from './clue-common.ts'
import { type Command, reply } from './types.ts'

const CLUE_FILE = /\.(csv|xlsx|txt)$/i

export const clueFileCommand: Command = {
  name: '线索文件',
  matches: (_text, inbound) => !!inbound.fileName && CLUE_FILE.test(inbound.fileName),
  async run(ctx) {
    // Files from anyone but the office are ordinary chat.
    if (ctx.sender.role !== 'office') return []
    const name = ctx.inbound.fileName ?? ''
    const row = await ctx.tx.inboundMessage.findUnique({
      where: { id: ctx.inbound.id },
      select: { fileData: true },
    })
    const table = await readClueTable(name, row?.fileData ?? new Uint8Array())
    if ('error' in table)
      return [reply(ctx, messages.clueProblem('file_unreadable', { name, reason: table.error }))]
    if (table.items.length === 0) return [reply(ctx, messages.clueProblem('no_values'))]
    // The file's rows are kept with the clue each became, to hand it back with results (反馈).
    const file = { fileName: name, source: ctx.inbound.chat, header: table.header, rows: table.rows }
    const result = await intakeClues(ctx.tx, table.items, { ...(await intakeContext(ctx)), file })
    return [reply(ctx, result.summary), ...result.notices]
  },
}
