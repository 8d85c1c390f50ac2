// 转办 XS-… 单位 原因: a clue that is not the unit's goes on to another, with the reason recorded.
import { messages } from '../../prompts/messages.ts'
import { findUnit } from '../domain/roster.ts'
import { notifyRouted } from '../services/clue-notices.ts'
import { addHistory, findClue, updateClue } from '../store/clues.ts'
import { listPeople } from '../store/people.ts'
import { clueForSender, codesIn, restAfterCodes } from './clue-common.ts'
import { type Command, reply } from './types.ts'

const WORD = '转办'

export const clueTransferCommand: Command = {
  name: '转办',
  matches: (text) => text.startsWith(WORD),
  async run(ctx) {
    const codes = codesIn(ctx.text)
    // Each transfer has its own unit and reason: several ids are refused, not all but one dropped.
    if (codes.length > 1)
      return [
        reply(
          ctx,
          messages.clueProblem('transfer_one', { count: String(codes.length), codes: codes.join('、') }),
        ),
      ]
    const [code] = codes
    const [unitText = '', ...reasonWords] = restAfterCodes(ctx.text, WORD).split(' ')
    const reason = reasonWords.join(' ').trim()
    if (!code || !unitText || !reason) return [reply(ctx, messages.clueProblem('usage_transfer'))]
    const target = findUnit(ctx.units, unitText)
    if (!target) return [reply(ctx, messages.clueProblem('unknown_unit', { text: unitText }))]
    const found = await clueForSender(ctx, code)
    if ('problem' in found) return [reply(ctx, found.problem)]
    const { clue } = found
    if (clue.status === 'closed')
      return [reply(ctx, messages.clueProblem('closed_already', { code, result: clue.result ?? '' }))]
    if (clue.unitId === null) return [reply(ctx, messages.clueProblem('unassigned', { code }))]
    if (clue.unitId === target.id)
      return [reply(ctx, messages.clueProblem('same_unit', { code, unit: target.name }))]
    const from = ctx.units.find((u) => u.id === clue.unitId)?.name ?? ''
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
          people: await listPeople(ctx.tx),
          roomTopic: ctx.roomTopic,
          now: ctx.now,
          actor: ctx.sender.name,
        })
      : []
    return [reply(ctx, messages.clueTransferred({ code, from, to: target.name, reason })), ...notices]
  },
}
