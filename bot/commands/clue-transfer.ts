// 转办 XS-… 单位 原因: a clue that is not the unit's goes on to another, with the reason recorded;
// the new unit's notice says who handed it on and why. 转办 XS-… 联席办 原因 hands it back to the
// office, which is told privately and assigns it again (分派).
import { messages } from '../../prompts/messages.ts'
import { findUnit } from '../domain/roster.ts'
import { notifyRouted, privately, tellUnit } from '../services/clue-notices.ts'
import { addHistory, findClue, updateClue } from '../store/clues.ts'
import { listPeople } from '../store/people.ts'
import { clueForSender, idsAfter } from './clue-common.ts'
import { type Command, reply } from './types.ts'

const WORD = '转办'

export const clueTransferCommand: Command = {
  name: '转办',
  matches: (text) => text.startsWith(WORD),
  async run(ctx) {
    const { codes, rest } = idsAfter(ctx, WORD)
    // Each transfer has its own unit and reason: several ids are refused, not all but one dropped.
    if (codes.length > 1)
      return [
        reply(
          ctx,
          messages.clueProblem('transfer_one', { count: String(codes.length), codes: codes.join('、') }),
        ),
      ]
    const [code] = codes
    const [unitText = '', ...reasonWords] = rest.split(/\s+/)
    const reason = ctx.written(reasonWords.join(' ').trim())
    if (!code || !unitText || !reason) return [reply(ctx, messages.clueProblem('usage_transfer'))]
    const office = findUnit([ctx.roster.office], unitText)
    const target = office ? undefined : findUnit(ctx.units, unitText)
    if (!office && !target) return [reply(ctx, messages.clueProblem('unknown_unit', { text: unitText }))]
    const found = await clueForSender(ctx, code)
    if ('problem' in found) return [reply(ctx, found.problem)]
    const { clue } = found
    if (clue.status === 'closed')
      return [reply(ctx, messages.clueProblem('closed_already', { code, result: clue.result ?? '' }))]
    if (clue.unitId === null) return [reply(ctx, messages.clueProblem('unassigned', { code }))]
    if (clue.unitId === target?.id)
      return [reply(ctx, messages.clueProblem('same_unit', { code, unit: target.name }))]
    const from = ctx.units.find((u) => u.id === clue.unitId)?.name ?? ''
    const people = await listPeople(ctx.tx)
    // Handed on by the office: the unit it leaves is told it need not chase it any more.
    const away = (to: string) =>
      ctx.sender.role === 'office'
        ? tellUnit(
            people,
            clue.unitId,
            messages.clueMovedAway({ code, masked: clue.masked, by: ctx.sender.name, to, unit: from }),
          )
        : []
    if (!target) {
      const to = ctx.roster.office.name
      await updateClue(ctx.tx, clue.id, { unitId: null, dueAt: null })
      await addHistory(ctx.tx, clue.id, 'transferred', ctx.sender.name, ctx.now, `${from}→${to}：${reason}`)
      const returned = messages.clueReturned({ code, masked: clue.masked, from, by: ctx.sender.name, reason })
      const offices = people.filter(
        (p) => p.role === 'office' && p.contactId && p.contactId !== ctx.inbound.senderId,
      )
      return [
        reply(ctx, messages.clueTransferred({ code, from, to, reason })),
        ...away(to),
        ...offices.map((p) => privately(p, returned)),
      ]
    }
    const dueAt = new Date(ctx.now.getTime() + ctx.roster.schedule.clue_due_hours * 3600_000)
    await updateClue(ctx.tx, clue.id, { unitId: target.id, routedAt: ctx.now, dueAt })
    await addHistory(
      ctx.tx,
      clue.id,
      'transferred',
      ctx.sender.name,
      ctx.now,
      `${from}→${target.name}：${reason}`,
    )
    const moved = await findClue(ctx.tx, code)
    const notices = moved
      ? await notifyRouted(ctx.tx, [moved], {
          units: ctx.units,
          people,
          roomTopic: ctx.roomTopic,
          now: ctx.now,
          actor: ctx.sender.name,
          note: messages.clueHandedOn({ from, by: ctx.sender.name, reason }),
        })
      : []
    return [
      reply(ctx, messages.clueTransferred({ code, from, to: target.name, reason })),
      ...notices,
      ...away(target.name),
    ]
  },
}
