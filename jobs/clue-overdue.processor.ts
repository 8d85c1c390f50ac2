// The daily chase: each unit with open clues past their due time, or tasks (督办) past their
// deadline, gets one group message mentioning its liaisons, with the counts and the ids. Once per
// unit per day (the slot key): clues and tasks share the unit's one message. The same daily run
// reminds the units still missing a collection (征集) as its deadline nears.

import { liaisonsOf, mentionOf } from '../bot/services/clue-notices.ts'
import { collectionReminders, yearCollections } from '../bot/services/collections.ts'
import { overdueByUnit, taskLine } from '../bot/services/tasks.ts'
import { overdueOpenClues } from '../bot/store/clues.ts'
import type { OutboundDraft } from '../bot/store/outbound.ts'
import { listPeople } from '../bot/store/people.ts'
import { addTaskHistory, overdueTasks } from '../bot/store/tasks.ts'
import { listUnits } from '../bot/store/units.ts'
import { messages } from '../prompts/messages.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'

export async function runClueOverdue(ctx: TriggerContext): Promise<TriggerResult> {
  const { tx, now } = ctx
  const overdue = await overdueOpenClues(tx, ctx.trigger.slot)
  const tasks = await overdueTasks(tx, ctx.trigger.slot)
  const units = await listUnits(tx)
  const people = await listPeople(tx)
  const slot = { units, people, roomTopic: ctx.roomTopic, now: ctx.trigger.slot }
  const reminders = collectionReminders(await yearCollections(tx, { ...slot, roster: ctx.roster }), slot)
  if (overdue.length === 0 && tasks.length === 0)
    return { drafts: reminders, note: `无超期线索，征集提醒 ${reminders.length} 条` }
  const tasksByUnit = overdueByUnit(tasks)
  const drafts: OutboundDraft[] = []
  for (const unit of units) {
    const mine = overdue.filter((c) => c.unitId === unit.id)
    const myTasks = tasksByUnit.get(unit.id) ?? []
    if (mine.length === 0 && myTasks.length === 0) continue
    const parts: string[] = []
    if (mine.length > 0)
      parts.push(
        messages.clueOverdue({
          unit: unit.name,
          count: mine.length,
          codes: mine.map((c) => c.code).join('、'),
        }),
      )
    if (myTasks.length > 0)
      parts.push(
        messages.taskOverdue({
          unit: unit.name,
          count: myTasks.length,
          lines: myTasks.map((t) => taskLine(t, now)).join('\n'),
        }),
      )
    drafts.push({
      to: { chat: 'room', roomTopic: ctx.roomTopic },
      text: parts.join('\n\n'),
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
  await addTaskHistory(
    tx,
    tasks.flatMap((t) =>
      t.units
        .filter((u) => u.status === 'open')
        .map((u) => ({ taskId: t.id, unitId: u.unitId, action: 'overdue', detail: '超期催办' })),
    ),
    now,
    '系统',
  )
  const taskRows = [...tasksByUnit.values()].reduce((n, t) => n + t.length, 0)
  drafts.push(...reminders)
  return {
    drafts,
    note: `征集提醒 ${reminders.length} 条，催办 ${drafts.length} 个单位 ${overdue.length} 条线索 ${taskRows} 项督办`,
  }
}
