// A picture (a screenshot of a report, a photo). It answers a collection (征集) when its name names
// an open one, or when only one is open to the unit; otherwise the bot cannot read it, and says so
// once to whoever addressed the bot with it (a private chat) and, in the group, to a liaison posting
// it while reports are due (the 1st to the deadline day: most likely a report). With several
// collections open, the answer says how to hand the picture in (报送 名称 takes it). Any other
// picture in the group is chatter.
import { messages } from '../../prompts/messages.ts'
import { fileTypeOf } from '../domain/file-type.ts'
import { toLocal } from '../domain/period.ts'
import { named } from '../services/collections.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { answererOf, namesOf, openForSender, takeFile } from './collection-common.ts'
import { type CommandContext, reply } from './types.ts'

const PICTURE_NAME = /\.(jpe?g|png|gif|bmp|webp|heic)$/i

export function isPicture(name: string, bytes: Uint8Array): boolean {
  const type = fileTypeOf(bytes)
  return type === 'png' || type === 'jpg' || (type === undefined && PICTURE_NAME.test(name))
}

export async function pictureFile(ctx: CommandContext, bytes: Uint8Array): Promise<OutboundDraft[]> {
  const who = answererOf(ctx, ctx.inbound.id)
  const open = who ? await openForSender(ctx, who) : []
  const name = ctx.inbound.fileName ?? ''
  const target = named(open, name.replace(/\.[^.]*$/, '')) ?? (open.length === 1 ? open[0] : undefined)
  if (who && target) return takeFile(ctx, target, { inboundId: ctx.inbound.id, name, bytes }, who)
  const reporting = toLocal(ctx.now).day <= ctx.roster.schedule.deadline_day
  const addressed = ctx.inbound.chat === 'dm' || (ctx.sender.role === 'liaison' && reporting)
  if (!addressed) return []
  const hint = open.length > 1 ? `\n${messages.pictureForCollection({ names: namesOf(open) })}` : ''
  return [reply(ctx, `${messages.pictureUnreadable()}${hint}`)]
}
