// A file a liaison posts (any type): an answer to a collection. The one the file's name names, or
// the only one the unit may answer now; with several, the bot asks which (报送 名称 then takes it).
// Undefined when no collection is open to the unit (the caller says what the file is not).
import { messages } from '../../prompts/messages.ts'
import { named } from '../services/collections.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { answererOf, namesOf, openForSender, takeFile } from './collection-common.ts'
import { type CommandContext, reply } from './types.ts'

/** The collection a file's name names, less its extension. */
const byName = (open: Parameters<typeof named>[0], file: string) => named(open, file.replace(/\.[^.]*$/, ''))

export async function collectionFile(
  ctx: CommandContext,
  bytes: Uint8Array,
  o: { namedOnly?: boolean } = {},
): Promise<OutboundDraft[] | undefined> {
  const who = answererOf(ctx, ctx.inbound.id)
  if (!who) return undefined
  const name = ctx.inbound.fileName ?? ''
  const open = await openForSender(ctx, who)
  const mentioned = byName(open, name)
  if (open.length === 0 || (o.namedOnly && !mentioned)) return undefined
  // A file too big to load is refused by its size, whichever collection it was for.
  const tooBig = ctx.inbound.fileData === null
  const target = mentioned ?? (open.length === 1 || tooBig ? open[0] : undefined)
  if (!target) return [reply(ctx, messages.collectionWhich({ file: name, names: namesOf(open) }))]
  const size = ctx.inbound.fileSize ?? bytes.byteLength
  return takeFile(ctx, target, { inboundId: ctx.inbound.id, name, bytes, size }, who)
}

/** The file when its name names a collection open to the unit (it goes there before a task takes it). */
export const namedCollectionFile = (ctx: CommandContext, bytes: Uint8Array) =>
  collectionFile(ctx, bytes, { namedOnly: true })
