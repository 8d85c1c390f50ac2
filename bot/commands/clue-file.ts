// A file posted to the bot: who sent it and what it holds decide what it is. The office's CSV or
// XLSX is a clue list (a column of clue values, optionally a remark column) unless it is a report
// sheet naming its unit; a liaison's CSV or XLSX that is a report sheet is the unit's report; any
// other file of a liaison's is a document for a collection (征集) — or, right after the unit's
// 完成 of a task and not named for a collection, that task's attachment; anyone else's is chat.
import { messages } from '../../prompts/messages.ts'
import { fileTypeOf } from '../domain/file-type.ts'
import type { Roster } from '../domain/roster-types.ts'
import { routeToCounties } from '../services/city-clue-routing.ts'
import { intakeClues } from '../services/clue-intake.ts'
import { tableFromRows } from '../services/clue-table.ts'
import { overLimit, tooBig } from '../services/collections.ts'
import { GROUP_TABLE_LIMITS, readTableFile } from '../services/table-file.ts'
import { dropInboundFile } from '../store/inbound.ts'
import { intakeContext } from './clue-common.ts'
import { collectionFile, namedCollectionFile } from './collection-file.ts'
import { isPicture, pictureFile } from './picture.ts'
import { answerReportSheet, notAReportSheet, reportInSheet } from './report-sheet.ts'
import { taskFile } from './task-file.ts'
import { type Command, type CommandContext, reply } from './types.ts'

const CLUE_FILE = /\.(csv|xlsx|txt)$/i

/**
 * The largest file the receiver loads: a table within the group's limits, or a collection's
 * document. A bigger one is stored by its size alone, and refused by it.
 */
export const maxFileBytes = (roster: Roster) =>
  Math.max(GROUP_TABLE_LIMITS.maxFileBytes, roster.collection_file_max_mb * 1024 * 1024)

/**
 * A liaison's file over the document limit, refused by its size: bytes the receiver took (a file
 * within its cap, which may be above this roster's limit) are dropped, nothing is kept.
 */
async function refuseOversized(ctx: CommandContext, name: string) {
  const max = ctx.roster.collection_file_max_mb
  const size = ctx.inbound.fileSize ?? ctx.inbound.fileData?.byteLength ?? 0
  if (!overLimit(size, max)) return undefined
  if (ctx.inbound.fileData) await dropInboundFile(ctx.tx, ctx.inbound.id)
  return [reply(ctx, tooBig(name, size, max))]
}

/** The file's rows, read within the group's limits: the one place a posted table is read. */
const fileRows = (ctx: CommandContext, name: string, bytes: Uint8Array) =>
  readTableFile(name, bytes, GROUP_TABLE_LIMITS, ctx.log, ctx.inbound.fileSize ?? bytes.byteLength)

export const clueFileCommand: Command = {
  name: '线索文件',
  matches: (_text, inbound) => !!inbound.fileName,
  async run(ctx) {
    const { sender } = ctx
    if (sender.role === 'member') return []
    const name = ctx.inbound.fileName ?? ''
    const bytes = ctx.inbound.fileData ?? new Uint8Array()
    const isTable = CLUE_FILE.test(name)
    // A liaison's file over the document limit is refused before its bytes are read (no table
    // a liaison sends is larger: the group's table limit is lower).
    if (sender.role === 'liaison') {
      const refused = await refuseOversized(ctx, name)
      if (refused) return refused
    }
    if (sender.role === 'liaison') {
      const table = isTable ? await fileRows(ctx, name, bytes) : undefined
      const sheet = table && !('error' in table) ? reportInSheet(ctx, name, table.rows) : undefined
      if (sheet) return answerReportSheet(ctx, sheet)
      // A text table (CSV) that is no report is not a document either.
      if (isTable && ctx.inbound.fileData && !fileTypeOf(bytes)) return notAReportSheet(ctx, name)
      const taken = (await namedCollectionFile(ctx, bytes)) ?? (await taskFile(ctx, bytes))
      if (taken) return taken
      if (isPicture(name, bytes)) return pictureFile(ctx, bytes)
      return (await collectionFile(ctx, bytes)) ?? notAReportSheet(ctx, name)
    }
    if (!isTable) return isPicture(name, bytes) ? pictureFile(ctx, bytes) : []
    const table = await fileRows(ctx, name, bytes)
    if ('error' in table)
      return [reply(ctx, messages.clueProblem('file_unreadable', { name, reason: table.error }))]
    const sheet = reportInSheet(ctx, name, table.rows)
    if (sheet) return answerReportSheet(ctx, sheet)
    // The city office's file naming a county per row goes to those counties' own stores.
    if (ctx.subOffices.length > 0) {
      const actor = messages.city('push_actor', { name: sender.name, office: ctx.office.name })
      const file = { fileName: name, source: ctx.inbound.chat, rows: table.rows }
      const routed = await routeToCounties(file, { counties: ctx.subOffices, now: ctx.now, actor })
      if (routed) return [reply(ctx, routed.summary)]
    }
    const clues = tableFromRows(table.rows)
    if (clues.items.length === 0) return [reply(ctx, messages.clueProblem('no_values'))]
    // The file's rows are kept with the clue each became, to hand it back with results (反馈).
    const file = { fileName: name, source: ctx.inbound.chat, header: clues.header, rows: clues.rows }
    const result = await intakeClues(ctx.tx, clues.items, { ...(await intakeContext(ctx)), file })
    return [reply(ctx, result.summary), ...result.notices]
  },
}
