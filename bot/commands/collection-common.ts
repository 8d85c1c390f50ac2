// What the collection commands share: this year's collections, who is answering, and taking a file.
import { messages } from '../../prompts/messages.ts'
import {
  type Answerer,
  answerable,
  answerWithFile,
  checkFile,
  yearCollections,
} from '../services/collections.ts'
import type { CollectionRecord } from '../store/collections.ts'
import { dropInboundFile } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { type CommandContext, reply } from './types.ts'

export const collectionsNow = (ctx: CommandContext) => yearCollections(ctx.tx, ctx)

export const namesOf = (all: readonly CollectionRecord[]) =>
  all.map((c) => `「${c.name}」`).join('、') || messages.label('collection_none')

export function answererOf(ctx: CommandContext, inboundId: number): Answerer | undefined {
  const { sender } = ctx
  if (sender.role !== 'liaison' || !sender.unit) return undefined
  return {
    unit: sender.unit,
    byName: sender.name,
    byPersonId: sender.person?.id ?? null,
    inboundId,
    now: ctx.now,
  }
}

/**
 * A file for a collection: refused (and its bytes dropped from the stored message) when too big or
 * not of an accepted type; otherwise stored and recorded as the unit's next version.
 */
export async function takeFile(
  ctx: CommandContext,
  c: CollectionRecord,
  file: { inboundId: number; name: string; bytes: Uint8Array },
  who: Answerer,
): Promise<OutboundDraft[]> {
  const check = checkFile(c, file.name, file.bytes, ctx.roster.collection_file_max_mb)
  if (!check.ok) {
    await dropInboundFile(ctx.tx, file.inboundId)
    return [reply(ctx, check.problem)]
  }
  return [reply(ctx, await answerWithFile(ctx.tx, c, { ...file, type: check.type }, who))]
}

/** The collections this liaison's unit may answer now. */
export async function openForSender(ctx: CommandContext, who: Answerer) {
  return answerable(await collectionsNow(ctx), who.unit.id, ctx.now)
}
