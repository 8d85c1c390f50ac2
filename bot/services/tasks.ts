// Who hears about tasks (督办) and how they read: one group notice per unit mentioning its
// liaisons; changes told privately to the liaisons of the units still on it; the daily chase lines.
import { messages } from '../../prompts/messages.ts'
import type { TaskRow } from '../domain/bulletin/types.ts'
import { dueDayLabel } from '../domain/due-date.ts'
import { fromLocal } from '../domain/period.ts'
import type { Store } from '../store/db.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'
import { type TaskRecord, tasksCreated } from '../store/tasks.ts'
import type { UnitRecord } from '../store/units.ts'
import { liaisonsOf, mentionOf, privately } from './clue-notices.ts'

export type TaskState = 'open' | 'done' | 'cancelled'

export function taskState(task: TaskRecord): TaskState {
  if (task.status === 'cancelled') return 'cancelled'
  return task.units.every((u) => u.status === 'done') ? 'done' : 'open'
}

export const isOverdue = (task: TaskRecord, now: Date) =>
  task.status === 'open' && task.dueAt.getTime() <= now.getTime()

export const unitName = (units: readonly UnitRecord[], id: number) =>
  units.find((u) => u.id === id)?.name ?? String(id)

/** The group notice of a new task, one per unit, mentioning its liaisons. */
export function taskNotices(
  task: TaskRecord,
  o: { units: readonly UnitRecord[]; people: readonly PersonRecord[]; roomTopic: string; now: Date },
): { drafts: OutboundDraft[]; unreached: string[] } {
  const drafts: OutboundDraft[] = []
  const unreached: string[] = []
  for (const row of task.units) {
    const unit = unitName(o.units, row.unitId)
    const liaisons = liaisonsOf(o.people, row.unitId)
    if (liaisons.length === 0) unreached.push(unit)
    drafts.push({
      to: { chat: 'room', roomTopic: o.roomTopic },
      text: messages.taskNotice({
        code: task.code,
        title: task.title,
        unit,
        due: dueDayLabel(task.dueAt, o.now),
      }),
      mentions: liaisons.map(mentionOf),
    })
  }
  return { drafts, unreached }
}

/** A change told privately to the liaisons of each unit still open on the task. */
export function tellOpenUnits(
  task: TaskRecord,
  text: string,
  o: { units: readonly UnitRecord[]; people: readonly PersonRecord[] },
): OutboundDraft[] {
  return task.units
    .filter((u) => u.status === 'open')
    .flatMap((row) =>
      liaisonsOf(o.people, row.unitId).map((p) =>
        privately(p, messages.taskUnitTold({ unit: unitName(o.units, row.unitId), text })),
      ),
    )
}

/** One line per task, for 任务 and the chase: the units still open when `openUnits` is given. */
export function taskLine(task: TaskRecord, now: Date, units?: readonly UnitRecord[]): string {
  const v = {
    code: task.code,
    title: task.title,
    due: dueDayLabel(task.dueAt, now),
    overdue: isOverdue(task, now) ? messages.label('task_overdue_mark') : '',
  }
  if (!units) return messages.label('task_line_unit', v)
  const open = task.units.filter((u) => u.status === 'open').map((u) => unitName(units, u.unitId))
  return messages.label('task_line', { ...v, units: open.join('、') })
}

/** For each unit, its overdue tasks (those it has not done), in task order. */
export function overdueByUnit(tasks: readonly TaskRecord[]): Map<number, TaskRecord[]> {
  const byUnit = new Map<number, TaskRecord[]>()
  for (const task of tasks) {
    for (const row of task.units) {
      if (row.status !== 'open') continue
      byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), task])
    }
  }
  return byUnit
}

/** Every unit's part of the year's tasks, as the assessment reads them. */
export async function taskRowsOf(tx: Store, year: number, units: readonly UnitRecord[]): Promise<TaskRow[]> {
  const keys = new Map(units.map((u) => [u.id, u.key]))
  const tasks = await tasksCreated(tx, { from: fromLocal(year, 1, 1), to: fromLocal(year + 1, 1, 1) })
  return tasks.flatMap((t) =>
    t.units.flatMap((u) => {
      const unitKey = keys.get(u.unitId)
      if (!unitKey) return []
      return [
        {
          unitKey,
          assignedAt: t.createdAt.getTime(),
          dueAt: t.dueAt.getTime(),
          doneAt: u.doneAt?.getTime() ?? null,
          cancelled: t.status === 'cancelled',
        },
      ]
    }),
  )
}
