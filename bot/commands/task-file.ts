// A file a liaison posts within 30 minutes of its unit's 完成 of a task: the task's attachment,
// stored like a collection's files (data/files/, by sha256) and listed on the task. Undefined when
// the unit completed no task lately (the file is something else: a collection's document…).
import { messages } from '../../prompts/messages.ts'
import { ANSWER_KINDS } from '../domain/roster-types.ts'
import { checkDocument, sizeLabel } from '../services/collections.ts'
import { filesDirOf, storeFile } from '../services/file-store.ts'
import { audit, personLabel } from '../store/audit.ts'
import { databaseFile } from '../store/db.ts'
import { dropInboundFile } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { addTaskFile, recentlyDone } from '../store/tasks.ts'
import { type CommandContext, reply } from './types.ts'

/** How long after 完成 a file is taken as the task's. */
export const TASK_FILE_MS = 30 * 60_000

export async function taskFile(ctx: CommandContext, bytes: Uint8Array): Promise<OutboundDraft[] | undefined> {
  const { sender } = ctx
  if (sender.role !== 'liaison' || !sender.unit) return undefined
  const done = await recentlyDone(ctx.tx, sender.unit.id, new Date(ctx.now.getTime() - TASK_FILE_MS))
  if (!done) return undefined
  const name = ctx.inbound.fileName ?? ''
  const checked = checkDocument(name, bytes, ctx.roster.collection_file_max_mb, ANSWER_KINDS)
  if (typeof checked === 'object') {
    await dropInboundFile(ctx.tx, ctx.inbound.id)
    const problem =
      checked.problem === 'bad_type'
        ? messages.taskFileBadType({ file: name, code: done.code })
        : checked.problem
    return [reply(ctx, problem)]
  }
  const sha256 = storeFile(filesDirOf(databaseFile(ctx.tx)), bytes)
  const count = await addTaskFile(ctx.tx, done.taskUnitId, {
    name,
    size: bytes.length,
    type: checked,
    sha256,
    byName: sender.name,
    inboundId: ctx.inbound.id,
    at: ctx.now,
  })
  await audit(ctx.tx, {
    actor: personLabel(sender),
    action: 'task.file',
    target: done.code,
    detail: `${sender.unit.name}：${name}`,
    at: ctx.now,
  })
  return [
    reply(
      ctx,
      messages.taskFileReceived({
        unit: sender.unit.name,
        code: done.code,
        file: name,
        size: sizeLabel(bytes.length),
        count,
      }),
    ),
  ]
}
