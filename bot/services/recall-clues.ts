// A recalled clue push (撤回 of a typed push or a clue file): the clues it created that nobody has
// acted on yet — their history only creation/routing and notification — are withdrawn (status and
// a history row; nothing is deleted), so they no longer count as open anywhere. Clues already acted
// on stay. Texts name ids only.
import { messages } from '../../prompts/messages.ts'
import { cluesOfInbound, withdrawClues } from '../store/clues.ts'
import type { Tx } from '../store/db.ts'
import { listPeople } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { tellUnit } from './clue-notices.ts'

/** History that does not make a clue acted on: the bot's own rows at its creation. */
const UNTOUCHED = new Set(['routed', 'created', 'notified'])

export interface ClueRecall {
  /** The line for whoever recalled the push. */
  text: string
  /** Private notices to the liaisons who had been told of a withdrawn clue. */
  unitNotices: ReturnType<typeof tellUnit>
}

/** Undefined when the message pushed no clue still open or withdrawable (nothing to say). */
export async function recallClues(
  tx: Tx,
  inboundId: number,
  o: { now: Date; name: string },
): Promise<ClueRecall | undefined> {
  const clues = (await cluesOfInbound(tx, inboundId)).filter((c) => c.status !== 'withdrawn')
  if (clues.length === 0) return undefined
  const untouched = (c: (typeof clues)[number]) =>
    c.status === 'open' && c.actions.every((a) => UNTOUCHED.has(a))
  const withdrawn = clues.filter(untouched)
  const kept = clues.filter((c) => !untouched(c))
  await withdrawClues(
    tx,
    withdrawn.map((c) => c.id),
    o.now,
    o.name,
    messages.record('clue_withdrawn', { name: o.name }),
  )
  const codes = (list: typeof clues) => list.map((c) => c.code).join('、')
  const text = withdrawn.length
    ? [
        messages.recallLine('clues_withdrawn', { name: o.name, codes: codes(withdrawn) }),
        ...(kept.length ? [messages.recallLine('clues_kept', { codes: codes(kept) })] : []),
      ].join('\n')
    : messages.recallLine('clues_all_kept', { name: o.name, codes: codes(kept) })
  const people = await listPeople(tx)
  const units = await listUnits(tx)
  const unitNotices = units.flatMap((u) => {
    const told = withdrawn.filter((c) => c.unitId === u.id && c.actions.includes('notified'))
    if (told.length === 0) return []
    return tellUnit(
      people,
      u.id,
      messages.recallLine('clue_withdrawn_unit', { unit: u.name, codes: codes(told) }),
    )
  })
  return { text, unitNotices }
}
