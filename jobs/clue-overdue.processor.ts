// The daily chase: each unit with open clues past their due time, or tasks (督办) past their
// deadline, gets one group message mentioning its liaisons, with the counts and the oldest ids (the
// rest by 我的线索 / 任务). Once per unit per day (the slot key): clues and tasks share the unit's
// one message; at most MAX_UNIT_MESSAGES units a day, the others share one more message. (Collections
// are reminded in slots of their own: collection-reminder.processor.ts.)

import { liaisonsOf, mentionOf } from '../bot/services/clue-notices.ts'
import { overdueByUnit, taskLine } from '../bot/services/tasks.ts'
import { insertHistory, overdueOpenClues } from '../bot/store/clues.ts'
import type { OutboundDraft } from '../bot/store/outbound.ts'
import { listPeople } from '../bot/store/people.ts'
import { addTaskHistory, overdueTasks } from '../bot/store/tasks.ts'
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
  const tasks = await overdueTasks(tx, ctx.trigger.slot)
  const units = await listUnits(tx)
  const people = await listPeople(tx)
  if (overdue.length === 0 && tasks.length === 0)
    return { drafts: [], note: messages.record('run_chase_none') }
  const tasksByUnit = overdueByUnit(tasks)
  const byUnit = units
    .map((unit) => ({
      unit,
      mine: overdue.filter((c) => c.unitId === unit.id),
      myTasks: tasksByUnit.get(unit.id) ?? [],
    }))
    .filter((u) => u.mine.length + u.myTasks.length > 0)
  // The units with most overdue get their own message (roster order kept among them).
  const own = new Set(
    [...byUnit]
      .sort((a, b) => b.mine.length + b.myTasks.length - (a.mine.length + a.myTasks.length))
      .slice(0, MAX_UNIT_MESSAGES)
      .map((u) => u.unit.id),
  )
  const drafts: OutboundDraft[] = []
  for (const { unit, mine, myTasks } of byUnit.filter((u) => own.has(u.unit.id))) {
    const parts: string[] = []
    if (mine.length > 0) {
      const shown = mine.slice(0, OLDEST_SHOWN)
      const more = mine.length > shown.length
      parts.push(
        messages.clueOverdue({
          unit: unit.name,
          count: mine.length,
          codes: shown.map((c) => c.code).join('、'),
          which: more ? messages.label('overdue_oldest', { shown: shown.length }) : '',
          rest: more ? messages.label('overdue_rest') : '',
        }),
      )
    }
    if (myTasks.length > 0) {
      const lines = myTasks.slice(0, OLDEST_SHOWN).map((t) => taskLine(t, now))
      if (myTasks.length > OLDEST_SHOWN)
        lines.push(messages.label('task_more', { count: myTasks.length - OLDEST_SHOWN }))
      parts.push(messages.taskOverdue({ unit: unit.name, count: myTasks.length, lines: lines.join('\n') }))
    }
    drafts.push({
      to: { chat: 'room', roomTopic: ctx.roomTopic },
      text: parts.join('\n\n'),
      mentions: liaisonsOf(people, unit.id).map(mentionOf),
    })
  }
  const others = byUnit.filter((u) => !own.has(u.unit.id))
  if (others.length > 0) {
    const withClues = others.filter((u) => u.mine.length > 0)
    const withTasks = others.filter((u) => u.myTasks.length > 0)
    const parts = [
      ...(withClues.length
        ? [
            messages.clueOverdueRest({
              units: withClues.map((u) => u.unit.name).join('、'),
              count: withClues.reduce((n, u) => n + u.mine.length, 0),
            }),
          ]
        : []),
      ...(withTasks.length
        ? [
            messages.taskOverdueRest({
              units: withTasks.map((u) => u.unit.name).join('、'),
              count: withTasks.reduce((n, u) => n + u.myTasks.length, 0),
            }),
          ]
        : []),
    ]
    drafts.push({
      to: { chat: 'room', roomTopic: ctx.roomTopic },
      text: parts.join('\n'),
      mentions: others.flatMap((u) => liaisonsOf(people, u.unit.id).map(mentionOf)),
    })
  }
  await insertHistory(
    tx,
    overdue.map((c) => ({ clueId: c.id, action: 'overdue', detail: messages.record('clue_overdue') })),
    now,
    messages.record('system'),
  )
  await addTaskHistory(
    tx,
    tasks.flatMap((t) =>
      t.units
        .filter((u) => u.status === 'open')
        .map((u) => ({
          taskId: t.id,
          unitId: u.unitId,
          action: 'overdue',
          detail: messages.record('clue_overdue'),
        })),
    ),
    now,
    messages.record('system'),
  )
  const taskRows = [...tasksByUnit.values()].reduce((n, t) => n + t.length, 0)
  return {
    drafts,
    note: messages.record('run_chase', { units: byUnit.length, clues: overdue.length, tasks: taskRows }),
  }
}
