// 延期 RW-2026-001 12月20日: the office moves a task's deadline; the units still on it are told privately.
import { messages } from '../../prompts/messages.ts'
import { dueDayLabel, parseDueDate } from '../domain/due-date.ts'
import { taskState, tellOpenUnits } from '../services/tasks.ts'
import { audit, personLabel } from '../store/audit.ts'
import { listPeople } from '../store/people.ts'
import { addTaskHistory, updateTask } from '../store/tasks.ts'
import { codeAndRest, liveTask, taskWordMatches } from './task-common.ts'
import { type Command, reply } from './types.ts'

const WORD = '延期'

export const taskExtendCommand: Command = {
  name: '延期',
  matches: (text) => taskWordMatches(text, WORD),
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '延期' }))]
    const { code, rest } = codeAndRest(ctx.text, WORD)
    const date = parseDueDate(rest, ctx.now)
    if (!code || !date) return [reply(ctx, messages.taskProblem('usage_extend'))]
    if (!date.ok)
      return [
        reply(
          ctx,
          messages.taskProblem(date.reason === 'past' ? 'past_due' : 'bad_date', {
            text: date.matched.trim(),
          }),
        ),
      ]
    const found = await liveTask(ctx, code)
    if ('problem' in found) return [reply(ctx, found.problem)]
    const { task } = found
    if (taskState(task) === 'done') return [reply(ctx, messages.taskProblem('all_done', { code }))]
    const from = dueDayLabel(task.dueAt, ctx.now)
    const to = dueDayLabel(date.due, ctx.now)
    if (task.dueAt.getTime() === date.due.getTime())
      return [reply(ctx, messages.taskProblem('same_due', { code, due: to }))]
    await updateTask(ctx.tx, task.id, { dueAt: date.due })
    await addTaskHistory(
      ctx.tx,
      [{ taskId: task.id, action: 'extended', detail: `${from}→${to}` }],
      ctx.now,
      ctx.sender.name,
    )
    await audit(ctx.tx, {
      actor: personLabel(ctx.sender),
      action: 'task.extend',
      target: code,
      detail: `${from}→${to}`,
      at: ctx.now,
    })
    const text = messages.taskExtended({ code, from, to })
    return [
      reply(ctx, text),
      ...tellOpenUnits(task, text, { units: ctx.units, people: await listPeople(ctx.tx) }),
    ]
  },
}
