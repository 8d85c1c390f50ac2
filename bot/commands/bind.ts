// 绑定 @某人 单位 / 解绑 @某人: the office gives or takes a contact's rights, in chat.
import { messages } from '../../prompts/messages.ts'
import { findUnit, nameKey } from '../domain/roster.ts'
import { audit, personLabel } from '../store/audit.ts'
import { bindPerson, unbindPerson } from '../store/people.ts'
import { type Command, type CommandContext, reply, startsWithWord } from './types.ts'

function argsWithoutMentions(ctx: CommandContext, rest: string): string {
  let text = rest
  for (const m of ctx.inbound.mentions) text = text.replace(`@${m.name}`, ' ')
  return text.trim()
}

export const bindCommand: Command = {
  name: '绑定',
  matches: (text) => startsWithWord(text, ['绑定']) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '绑定' }))]
    const target = ctx.inbound.mentions[0]
    const unitText = argsWithoutMentions(ctx, startsWithWord(ctx.text, ['绑定']) ?? '')
    const office = ctx.roster.office
    const isOffice = [office.name, ...office.aliases].some((n) => nameKey(n) === nameKey(unitText))
    const unit = isOffice ? undefined : findUnit(ctx.units, unitText)
    if (!target || (!isOffice && !unit)) return [reply(ctx, messages.bindUsage())]
    await bindPerson(
      ctx.tx,
      {
        contactId: target.id,
        name: target.name,
        role: isOffice ? 'office' : 'liaison',
        unitId: unit?.id ?? null,
      },
      ctx.now,
    )
    const what = messages.role(isOffice ? 'office' : 'liaison', {
      office: office.name,
      unit: unit?.name ?? '',
    })
    await auditBinding(ctx, 'bind', target, what)
    return [reply(ctx, messages.bindDone({ name: target.name, what }))]
  },
}

export const unbindCommand: Command = {
  name: '解绑',
  matches: (text) => startsWithWord(text, ['解绑']) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '解绑' }))]
    const target = ctx.inbound.mentions[0]
    if (!target) return [reply(ctx, messages.bindUsage())]
    const removed = await unbindPerson(ctx.tx, target.id)
    if (!removed) return [reply(ctx, messages.bindNotFound({ name: target.name }))]
    const unit = ctx.units.find((u) => u.id === removed.unitId)
    const what = messages.role(removed.role, {
      office: ctx.roster.office.name,
      unit: unit?.name ?? '',
    })
    await auditBinding(ctx, 'unbind', target, what)
    return [reply(ctx, messages.unbindDone({ name: target.name, what }))]
  },
}

/** The audit row of a binding made or removed in the chat: who, whom, as what. */
function auditBinding(
  ctx: CommandContext,
  action: 'bind' | 'unbind',
  target: { id: string; name: string },
  what: string,
): Promise<void> {
  return audit(ctx.tx, {
    actor: personLabel(ctx.sender),
    action,
    target: personLabel({ name: target.name, contactId: target.id }),
    detail: messages.record(`${action}_chat`, { what }),
    at: ctx.now,
  })
}
