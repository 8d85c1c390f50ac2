// 完成 RW-2026-001 完成情况: a unit on the task reports it done (the office may report for a unit:
// 完成 RW-2026-001 中国移动 完成情况). After the deadline it is recorded as done late.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import { findUnit } from '../domain/roster.ts'
import { taskState, unitName } from '../services/tasks.ts'
import { audit, personLabel } from '../store/audit.ts'
import { addTaskHistory, markUnitDone } from '../store/tasks.ts'
import { codeAndRest, liveTask, taskWordMatches } from './task-common.ts'
import { type Command, reply } from './types.ts'

const WORD = '完成'
export const RESULT_MAX = 500

export const taskDoneCommand: Command = {
  name: '完成',
  matches: (text) => taskWordMatches(text, WORD),
  async run(ctx) {
    const { code, rest } = codeAndRest(ctx.text, WORD)
    if (!code) return [reply(ctx, messages.taskProblem('usage_done'))]
    const found = await liveTask(ctx, code)
    if ('problem' in found) return [reply(ctx, found.problem)]
    const { task } = found
    let unitId: number | undefined
    let result = rest
    if (ctx.sender.role === 'office') {
      const [first = '', ...others] = rest.split(/\s+/)
      const named = findUnit(ctx.units, first)
      if (named && task.units.some((u) => u.unitId === named.id)) {
        unitId = named.id
        result = others.join(' ')
      } else if (task.units.length === 1) unitId = task.units[0]?.unitId
      else return [reply(ctx, messages.taskProblem('which_unit', { code }))]
    } else if (ctx.sender.role === 'liaison' && ctx.sender.unit) {
      unitId = ctx.sender.unit.id
      if (!task.units.some((u) => u.unitId === unitId))
        return [reply(ctx, messages.taskProblem('not_yours', { code, unit: ctx.sender.unit.name }))]
    } else return [reply(ctx, messages.taskProblem('not_liaison'))]
    if (!result) return [reply(ctx, messages.taskProblem('usage_done'))]
    result = ctx.written(result)
    if (result.length > RESULT_MAX)
      return [reply(ctx, messages.taskProblem('too_long', { length: result.length, max: RESULT_MAX }))]
    const row = task.units.find((u) => u.unitId === unitId)
    const unit = unitName(ctx.units, unitId as number)
    if (!row) return [reply(ctx, messages.taskProblem('usage_done'))]
    if (row.status === 'done') {
      const at = row.doneAt ? dayLabel(row.doneAt) : ''
      return [reply(ctx, messages.taskProblem('done_already', { unit, code, at }))]
    }
    const late = task.dueAt.getTime() <= ctx.now.getTime()
    await markUnitDone(ctx.tx, row.id, { result, at: ctx.now, by: ctx.sender.name })
    await addTaskHistory(
      ctx.tx,
      [
        {
          taskId: task.id,
          unitId: row.unitId,
          action: 'done',
          detail: late ? messages.record('task_done_late', { result }) : result,
        },
      ],
      ctx.now,
      ctx.sender.name,
    )
    await audit(ctx.tx, {
      actor: personLabel(ctx.sender),
      action: 'task.done',
      target: task.code,
      detail: `${unit}：${result}`,
      at: ctx.now,
    })
    const after = {
      ...task,
      units: task.units.map((u) => (u.id === row.id ? { ...u, status: 'done' as const } : u)),
    }
    const open = after.units.filter((u) => u.status === 'open').map((u) => unitName(ctx.units, u.unitId))
    const rest2 =
      taskState(after) === 'done'
        ? `\n${messages.label('task_all_done_line', { code })}`
        : `\n${messages.label('task_rest', { units: open.join('、') })}`
    return [
      reply(
        ctx,
        messages.taskDone({ unit, code, late: late ? messages.label('task_late') : '', result, rest: rest2 }),
      ),
    ]
  },
}

function dayLabel(at: Date): string {
  const l = toLocal(at)
  return dateLabel(l)
}
