// 确认换号 名字 (office): a bound person's rights move to the new WeChat id the bot saw.
import { messages } from '../../prompts/messages.ts'
import { confirmNewId } from '../services/rebind.ts'
import { audit, personLabel } from '../store/audit.ts'
import { listPeople } from '../store/people.ts'
import { type Command, reply, startsWithWord } from './types.ts'

export const confirmRebindCommand: Command = {
  name: '确认换号',
  matches: (text) => startsWithWord(text, ['确认换号']) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '确认换号' }))]
    const name = (startsWithWord(ctx.text, ['确认换号']) ?? '').replace(/^@/, '').trim()
    const person = (await listPeople(ctx.tx)).find((p) => p.name === name)
    if (!person || !(await confirmNewId(ctx.tx, person))) return [reply(ctx, messages.rebindNone({ name }))]
    await audit(ctx.tx, {
      actor: personLabel(ctx.sender),
      action: 'bind',
      target: personLabel(person),
      detail: '确认换号：权限转到新的微信联系人ID',
      at: ctx.now,
    })
    return [reply(ctx, messages.rebindDone({ name }))]
  },
}
