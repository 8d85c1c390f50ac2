// 确认换号 名字 [序号] (office): a bound person's rights move to the new WeChat id the office picked.
import { messages } from '../../prompts/messages.ts'
import { candidateLines, confirmNewId } from '../services/rebind.ts'
import { audit, personLabel } from '../store/audit.ts'
import { listPeople } from '../store/people.ts'
import { type Command, reply, startsWithWord } from './types.ts'

export const confirmRebindCommand: Command = {
  name: '确认换号',
  matches: (text) => startsWithWord(text, ['确认换号']) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '确认换号' }))]
    const args = (startsWithWord(ctx.text, ['确认换号']) ?? '').replace(/^@/, '').trim()
    const m = /^(.*?)\s+(\d{1,3})$/.exec(args)
    const name = (m ? (m[1] as string) : args).trim()
    const person = (await listPeople(ctx.tx)).find((p) => p.name === name)
    const r = person ? await confirmNewId(ctx.tx, person, m ? Number(m[2]) : undefined) : undefined
    if (!person || !r || (!r.ok && r.reason === 'none')) return [reply(ctx, messages.rebindNone({ name }))]
    if (!r.ok)
      return [
        reply(
          ctx,
          messages.rebindPick({ name, count: r.candidates.length, candidates: candidateLines(r.candidates) }),
        ),
      ]
    await audit(ctx.tx, {
      actor: personLabel(ctx.sender),
      action: 'bind',
      target: personLabel(person),
      detail: messages.record('rebind', {
        from: person.contactId ?? '—',
        to: r.contactId,
        others: r.others > 0 ? messages.record('rebind_others', { count: r.others }) : '',
      }),
      at: ctx.now,
    })
    return [reply(ctx, messages.rebindDone({ name }))]
  },
}
