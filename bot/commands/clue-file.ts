// A file posted to the bot. The office's CSV or XLSX is a clue file (a column of clue values,
// optionally a remark column); a liaison's file is an answer to a collection (征集); anyone
// else's file is ordinary chat.
import { messages } from '../../prompts/messages.ts'
import { intakeClues } from '../services/clue-intake.ts'
import { readClueTable } from '../services/clue-table.ts'
import { intakeContext } from './clue-common.ts'
import { collectionFile } from './collection-file.ts'
import { type Command, reply } from './types.ts'

const CLUE_FILE = /\.(csv|xlsx|txt)$/i

export const clueFileCommand: Command = {
  name: '线索文件',
  matches: (_text, inbound) => !!inbound.fileName,
  async run(ctx) {
    const name = ctx.inbound.fileName ?? ''
    const isOffice = ctx.sender.role === 'office'
    if (!(isOffice && CLUE_FILE.test(name)) && ctx.sender.role !== 'liaison') return []
    const row = await ctx.tx.inboundMessage.findUnique({
      where: { id: ctx.inbound.id },
      select: { fileData: true },
    })
    const bytes = row?.fileData ?? new Uint8Array()
    if (!isOffice) return collectionFile(ctx, bytes)
    const table = await readClueTable(name, bytes)
    if ('error' in table)
      return [reply(ctx, messages.clueProblem('file_unreadable', { name, reason: table.error }))]
    if (table.items.length === 0) return [reply(ctx, messages.clueProblem('no_values'))]
    const result = await intakeClues(ctx.tx, table.items, await intakeContext(ctx))
    return [reply(ctx, result.summary), ...result.notices]
  },
}
