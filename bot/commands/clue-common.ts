// What the clue commands share: reading codes, who may act on a clue, the context for intake.
import { messages } from '../../prompts/messages.ts'
import { type ClueIds, readClueIds } from '../domain/clue-ids.ts'
import { toLocal } from '../domain/period.ts'
import { type ClueRecord, findClue } from '../store/clues.ts'
import { listPeople } from '../store/people.ts'
import type { CommandContext } from './types.ts'

/** The ids after the command word (short ids are this year's, Beijing time) and what follows them. */
export function idsAfter(ctx: Pick<CommandContext, 'text' | 'now'>, word: string): ClueIds {
  const text = ctx.text.startsWith(word) ? ctx.text.slice(word.length) : ctx.text
  return readClueIds(text.replace(/^[\s:]+/, ''), toLocal(ctx.now).year)
}

export type ClueLookup = { clue: ClueRecord } | { problem: string }

/** The clue, if the sender may act on it: the office always; a liaison only on their unit's. */
export async function clueForSender(ctx: CommandContext, code: string): Promise<ClueLookup> {
  const clue = await findClue(ctx.tx, code)
  if (!clue) return { problem: messages.clueProblem('not_found', { code }) }
  if (clue.status === 'withdrawn') return { problem: messages.clueProblem('withdrawn', { code: clue.code }) }
  if (ctx.sender.role === 'office') return { clue }
  if (ctx.sender.role !== 'liaison' || !ctx.sender.unit)
    return { problem: messages.clueProblem('not_liaison') }
  if (clue.unitId !== ctx.sender.unit.id) {
    return { problem: messages.clueProblem('not_yours', { code, unit: ctx.sender.unit.name }) }
  }
  return { clue }
}

export async function intakeContext(ctx: CommandContext) {
  return {
    now: ctx.now,
    actor: ctx.sender.name,
    roster: ctx.roster,
    units: ctx.units,
    people: await listPeople(ctx.tx),
    roomTopic: ctx.roomTopic,
    inboundId: ctx.inbound.id,
  }
}
