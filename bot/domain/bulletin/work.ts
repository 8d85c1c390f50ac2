// The bulletin's tasks and collections (督办与征集): per unit, the task parts assigned in the month,
// completed in it and overdue as of asOf (cancelled ones left out); and each collection due in the
// month or later, with how many units answered on time, late or not yet.
import { inWindow, monthWindow, unitRef } from './common.ts'
import type { BulletinInput, WorkFigures } from './types.ts'

export function workOf(input: BulletinInput, year: number, month: number): WorkFigures {
  const window = monthWindow(year, month)
  const asOf = input.asOf.getTime()
  const tasks = input.units.flatMap((unit) => {
    const mine = (input.tasks ?? []).filter(
      (t) => t.unitKey === unit.key && !t.cancelled && t.assignedAt <= asOf,
    )
    const done = (t: (typeof mine)[number]) => t.doneAt !== null && t.doneAt <= asOf
    const assigned = mine.filter((t) => inWindow(t.assignedAt, window)).length
    const completed = mine.filter((t) => done(t) && inWindow(t.doneAt as number, window)).length
    const overdue = mine.filter((t) => !done(t) && t.dueAt <= asOf).length
    return assigned + completed + overdue > 0 ? [{ unit: unitRef(unit), assigned, completed, overdue }] : []
  })
  const byName = new Map<string, WorkFigures['collections'][number]>()
  for (const d of input.documents ?? []) {
    if (d.dueAt < window.start) continue
    const c = byName.get(d.name) ?? {
      name: d.name,
      dueAt: new Date(d.dueAt),
      owed: 0,
      onTime: 0,
      late: 0,
      missing: 0,
    }
    byName.set(d.name, c)
    c.owed++
    const answered = d.firstAnswerAt !== null && d.firstAnswerAt <= asOf
    if (!answered) c.missing++
    else if ((d.firstAnswerAt as number) < d.dueAt) c.onTime++
    else c.late++
  }
  return { tasks, collections: [...byName.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()) }
}
