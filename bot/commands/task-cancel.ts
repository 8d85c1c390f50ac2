// 取消 RW-2026-001 原因: the office cancels a task; the units still on it are told privately.
// History is kept: a cancelled task is listed no more, chased no more, counted as cancelled.
import { messages } from '../../prompts/messages.ts'
import { taskState, tellOpenUnits } from '../services/tasks.ts'
import { audit, personLabel } from '../store/audit.ts'
import { listPeople } from '../store/people.ts'
import { addTaskHistory, updateTask } from '../store/tasks.ts'
import { codeAndRest, liveTask, taskWordMatches } from './task-common.ts'
import { type Command, reply } from './types.ts'

const WORD = '取消'

export const taskCancelCommand: Command = {
  name: '取消',
  matches: (text) => taskWordMatches(text, WORD),
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '取消督办' }))]
    const { code, rest: typed } = codeAndRest(ctx.text, WORD)
    const rest = typed ? ctx.written(typed) : ''
    if (!code) return [reply(ctx, messages.taskProblem('usage_cancel'))]
    const found = await liveTask(ctx, code)
    if ('problem' in found) return [reply(ctx, found.problem)]
    const { task } = found
    if (taskState(task) === 'done') return [reply(ctx, messages.taskProblem('all_done', { code }))]
    await updateTask(ctx.tx, task.id, { status: 'cancelled', cancelledAt: ctx.now })
    await addTaskHistory(
      ctx.tx,
      [{ taskId: task.id, action: 'cancelled', detail: rest || null }],
      ctx.now,
      ctx.sender.name,
    )
    await audit(ctx.tx, {
      actor: personLabel(ctx.sender),
      action: 'task.cancel',
      target: code,
      detail: rest || null,
      at: ctx.now,
    })
    const text = messages.taskCancelled({
      code,
      title: task.title,
      by: ctx.sender.name,
      reason: rest ? messages.label('task_reason', { reason: rest }) : '',
    })
    return [
      reply(ctx, text),
      ...tellOpenUnits(task, text, { units: ctx.units, people: await listPeople(ctx.tx) }),
    ]
  },
}
