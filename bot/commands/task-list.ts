// 任务 / 督办任务: the open tasks; the office sees all (with the units not done), a liaison their unit's.
import { messages } from '../../prompts/messages.ts'
import { taskLine } from '../services/tasks.ts'
import { openTasks } from '../store/tasks.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['任务', '督办任务', '我的任务', '在办任务']
/** Lines listed; the rest are counted. */
const LIST_MAX = 50

export const taskListCommand: Command = {
  name: '任务',
  matches: (text) => startsWithWord(text, WORDS) === '',
  async run(ctx) {
    const { sender } = ctx
    if (sender.role !== 'office' && !(sender.role === 'liaison' && sender.unit))
      return [reply(ctx, messages.taskProblem('list_not_liaison'))]
    const unit = sender.role === 'office' ? undefined : sender.unit
    const tasks = (await openTasks(ctx.tx)).filter(
      (t) => !unit || t.units.some((u) => u.unitId === unit.id && u.status === 'open'),
    )
    if (tasks.length === 0) return [reply(ctx, messages.taskListNone({ who: unit?.name ?? '' }))]
    const lines = tasks.slice(0, LIST_MAX).map((t) => taskLine(t, ctx.now, unit ? undefined : ctx.units))
    if (tasks.length > LIST_MAX) lines.push(messages.label('task_more', { count: tasks.length - LIST_MAX }))
    return [reply(ctx, messages.taskList({ count: tasks.length, lines: lines.join('\n') }))]
  },
}
