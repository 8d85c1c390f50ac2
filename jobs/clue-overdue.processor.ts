// The daily chase: each unit with open clues past their due time gets one group message
// mentioning its liaisons, with the count and the oldest ids (the rest by 我的线索). Once per unit
// per day (the slot key), and at most MAX_UNIT_MESSAGES units a day: the others share one line.

import { liaisonsOf, mentionOf } from '../bot/services/clue-notices.ts'
import { overdueOpenClues } from '../bot/store/clues.ts'
import type { OutboundDraft } from '../bot/store/outbound.ts'
import { listPeople } from '../bot/store/people.ts'
import { listUnits } from '../bot/store/units.ts'
import { messages } from '../prompts/messages.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'

/** Ids listed per unit: one short message, however many are overdue. */
export const OLDEST_SHOWN = 10
/** Unit messages a day in the group; units past this (fewest overdue) share one message. */
export const MAX_UNIT_MESSAGES = 5

export async function runClueOverdue(ctx: TriggerContext): Promise<TriggerResult> {
  const { tx, now } = ctx
  const overdue = await overdueOpenClues(tx, ctx.trigger.slot)
  if (overdue.length === 0) return { drafts: [], note: '无超期线索' }
  const people = await listPeople(tx)
  const drafts: OutboundDraft[] = []
  const byUnit = (await listUnits(tx))
    .map((unit) => ({ unit, mine: overdue.filter((c) => c.unitId === unit.id) }))
    .filter((u) => u.mine.length > 0)
  // The units with most overdue get their own message (roster order kept among them).
  const own = new Set(
    [...byUnit]
      .sort((a, b) => b.mine.length - a.mine.length)
      .slice(0, MAX_UNIT_MESSAGES)
      .map((u) => u.unit.id),
  )
  for (const { unit, mine } of byUnit.filter((u) => own.has(u.unit.id))) {
    const shown = mine.slice(0, OLDEST_SHOWN)
    const more = mine.length > shown.length
    drafts.push({
      to: { chat: 'room', roomTopic: ctx.roomTopic },
      text: messages.clueOverdue({
        unit: unit.name,
        count: mine.length,
        codes: shown.map((c) => c.code).join('、'),
        which: more ? messages.label('overdue_oldest', { shown: shown.length }) : '',
        rest: more ? messages.label('overdue_rest') : '',
      }),
      mentions: liaisonsOf(people, unit.id).map(mentionOf),
    })
  }
  const others = byUnit.filter((u) => !own.has(u.unit.id))
  if (others.length > 0) {
    drafts.push({
      to: { chat: 'room', roomTopic: ctx.roomTopic },
      text: messages.clueOverdueRest({
        units: others.map((u) => u.unit.name).join('、'),
        count: others.reduce((n, u) => n + u.mine.length, 0),
      }),
      mentions: others.flatMap((u) => liaisonsOf(people, u.unit.id).map(mentionOf)),
    })
  }
  await tx.clueHistory.createMany({
    data: overdue.map((c) => ({
      clueId: c.id,
      at: now,
      action: 'overdue',
      actor: '系统',
      detail: '超期催办',
    })),
  })
  return { drafts, note: `催办 ${drafts.length} 个单位 ${overdue.length} 条` }
}
