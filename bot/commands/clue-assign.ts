// 分派 XS-… 单位: the office assigns clues that could not be routed, or reassigns any open clue; the
// unit a clue leaves is told privately.
import { messages } from '../../prompts/messages.ts'
import { findUnit } from '../domain/roster.ts'
import { notifyRouted, tellUnit } from '../services/clue-notices.ts'
import { addHistory, type ClueRecord, findClue, updateClue } from '../store/clues.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { listPeople } from '../store/people.ts'
import { idsAfter } from './clue-common.ts'
import { type Command, reply } from './types.ts'

const WORD = '分派'

export const clueAssignCommand: Command = {
  name: '分派',
  matches: (text) => text.startsWith(WORD),
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: WORD }))]
    const { codes, rest: unitText } = idsAfter(ctx, WORD)
    if (codes.length === 0 || !unitText) return [reply(ctx, messages.clueProblem('usage_assign'))]
    const unit = findUnit(ctx.units, unitText)
    if (!unit) return [reply(ctx, messages.clueProblem('unknown_unit', { text: unitText }))]
    const dueAt = new Date(ctx.now.getTime() + ctx.roster.schedule.clue_due_hours * 3600_000)
    const assigned: ClueRecord[] = []
    const problems: string[] = []
    for (const code of codes) {
      const clue = await findClue(ctx.tx, code)
      if (!clue) problems.push(messages.clueProblem('not_found', { code }))
      else if (clue.status === 'withdrawn')
        problems.push(messages.clueProblem('withdrawn', { code: clue.code }))
      else if (clue.status === 'closed')
        problems.push(messages.clueProblem('closed_already', { code, result: clue.result ?? '' }))
      else if (clue.unitId === unit.id)
        problems.push(messages.clueProblem('same_unit', { code, unit: unit.name }))
      else assigned.push(clue)
    }
    // What can be assigned is; each id refused is named in the same reply.
    if (assigned.length === 0) return [reply(ctx, problems.join('\n'))]
    const updated: ClueRecord[] = []
    const people = await listPeople(ctx.tx)
    const away: OutboundDraft[] = []
    for (const clue of assigned) {
      const from = ctx.units.find((u) => u.id === clue.unitId)?.name
      await updateClue(ctx.tx, clue.id, { unitId: unit.id, routedAt: ctx.now, dueAt })
      await addHistory(
        ctx.tx,
        clue.id,
        from ? 'reassigned' : 'assigned',
        ctx.sender.name,
        ctx.now,
        from ? `${from}→${unit.name}` : messages.record('clue_assigned', { unit: unit.name }),
      )
      updated.push({ ...clue, unitId: unit.id, routedAt: ctx.now, dueAt })
      if (from) {
        const text = messages.clueMovedAway({
          code: clue.code,
          masked: clue.masked,
          by: ctx.sender.name,
          to: unit.name,
          unit: from,
        })
        away.push(...tellUnit(people, clue.unitId, text))
      }
    }
    const notices = await notifyRouted(ctx.tx, updated, {
      units: ctx.units,
      people,
      roomTopic: ctx.roomTopic,
      now: ctx.now,
      actor: ctx.sender.name,
    })
    const done = messages.clueAssigned({ codes: assigned.map((c) => c.code).join('、'), unit: unit.name })
    const refused = problems.length
      ? `\n${messages.clueNotDone({ lines: problems.map((p) => `· ${p}`).join('\n') })}`
      : ''
    return [reply(ctx, done + refused), ...notices, ...away]
  },
}
