// The daily chase: each unit with open clues past their due time gets one group message
// mentioning its liaisons, with the count and the clue ids. Once per unit per day (the slot key).

import { liaisonsOf, mentionOf } from '../bot/services/clue-notices.ts'
import { overdueOpenClues } from '../bot/store/clues.ts'
import type { OutboundDraft } from '../bot/store/outbound.ts'
import { listPeople } from '../bot/store/people.ts'
import { listUnits } from '../bot/store/units.ts'
import { messages } from '../prompts/messages.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'

export async function runClueOverdue(ctx: TriggerContext): Promise<TriggerResult> {
  const { tx, now } = ctx
  const overdue = await overdueOpenClues(tx, ctx.trigger.slot)
  if (overdue.length === 0) return { drafts: [], note: '无超期线索' }
  const people = await listPeople(tx)
  const drafts: OutboundDraft[] = []
  for (const unit of await listUnits(tx)) {
    const mine = overdue.filter((c) => c.unitId === unit.id)
    if (mine.length === 0) continue
    drafts.push({
      to: { chat: 'room', roomTopic: ctx.roomTopic },
      text: messages.clueOverdue({
        unit: unit.name,
        count: mine.length,
        codes: mine.map((c) => c.code).join('、'),
      }),
      mentions: liaisonsOf(people, unit.id).map(mentionOf),
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
