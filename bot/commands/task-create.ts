// 督办 单位… 任务内容 12月10日前: the office assigns a task to units (全体: every unit), numbered
// RW-YYYY-NNN; each unit gets one group notice mentioning its liaisons.
import { messages } from '../../prompts/messages.ts'
import { dueDayLabel, parseDueDate } from '../domain/due-date.ts'
import { toLocal } from '../domain/period.ts'
import { findUnit } from '../domain/roster.ts'
import { taskNotices } from '../services/tasks.ts'
import { audit, personLabel } from '../store/audit.ts'
import { listPeople } from '../store/people.ts'
import { addTaskHistory, createTask } from '../store/tasks.ts'
import type { UnitRecord } from '../store/units.ts'
import { type Command, type CommandContext, reply, startsWithWord } from './types.ts'

const WORDS = ['督办']
const ALL = ['全体', '全部', '各单位', '全体单位', '全体成员单位']
/** A task's title is a sentence or two, not a document. */
export const TITLE_MAX = 200

export const taskCreateCommand: Command = {
  name: '督办',
  matches: (text) => startsWithWord(text, WORDS) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '督办' }))]
    const args = startsWithWord(ctx.text, WORDS) ?? ''
    if (!args) return [reply(ctx, messages.taskProblem('usage_create'))]
    const read = readTask(args, ctx)
    if ('problem' in read) return [reply(ctx, `${read.problem}\n${messages.taskProblem('usage_create')}`)]
    const task = await createTask(ctx.tx, {
      year: toLocal(ctx.now).year,
      title: ctx.written(read.title),
      dueAt: read.due,
      createdBy: ctx.sender.name,
      now: ctx.now,
      unitIds: read.units.map((u) => u.id),
    })
    const people = await listPeople(ctx.tx)
    const { drafts, unreached } = taskNotices(task, { ...ctx, people })
    await addTaskHistory(
      ctx.tx,
      [
        {
          taskId: task.id,
          action: 'created',
          detail: messages.record('task_created', {
            units: read.units.map((u) => u.name).join('、'),
            due: dueDayLabel(read.due),
          }),
        },
        ...task.units.map((u) => ({
          taskId: task.id,
          unitId: u.unitId,
          action: 'notified',
          detail: messages.record('task_notified'),
        })),
      ],
      ctx.now,
      ctx.sender.name,
    )
    await audit(ctx.tx, {
      actor: personLabel(ctx.sender),
      action: 'task.create',
      target: task.code,
      detail: `${read.title}（${read.units.map((u) => u.name).join('、')}）`,
      at: ctx.now,
    })
    const created = messages.taskCreated({
      code: task.code,
      title: task.title,
      units: read.units.map((u) => u.name).join('、'),
      due: dueDayLabel(task.dueAt, ctx.now),
      extra: unreached.length
        ? `\n${messages.label('task_no_liaison', { units: unreached.join('、') })}`
        : '',
    })
    return [reply(ctx, created), ...drafts]
  },
}

type Read = { units: UnitRecord[]; title: string; due: Date } | { problem: string }

/** Units first (names, aliases or 全体), then the title; the deadline anywhere (the last date). */
function readTask(args: string, ctx: CommandContext): Read {
  const date = parseDueDate(args, ctx.now)
  if (!date) return { problem: messages.taskProblem('no_due') }
  if (!date.ok)
    return {
      problem: messages.taskProblem(date.reason === 'past' ? 'past_due' : 'bad_date', {
        text: date.matched.trim(),
      }),
    }
  const cut = args.lastIndexOf(date.matched)
  const withoutDate = `${args.slice(0, cut)} ${args.slice(cut + date.matched.length)}`.trim()
  const tokens = withoutDate.split(/[\s、，,；;]+/).filter(Boolean)
  const units: UnitRecord[] = []
  let i = 0
  for (; i < tokens.length; i++) {
    const token = tokens[i] as string
    if (ALL.includes(token)) {
      for (const u of ctx.units) if (!units.includes(u)) units.push(u)
      continue
    }
    const unit = findUnit(ctx.units, token)
    if (!unit) break
    if (!units.includes(unit)) units.push(unit)
  }
  if (units.length === 0) return { problem: messages.taskProblem('no_units') }
  // The title as written after the units (separators inside it kept).
  const title = titleAfter(withoutDate, tokens.slice(0, i))
  if (!title) return { problem: messages.taskProblem('no_title') }
  if (title.length > TITLE_MAX)
    return { problem: messages.taskProblem('too_long', { length: title.length, max: TITLE_MAX }) }
  return { units: ctx.units.filter((u) => units.includes(u)), title, due: date.due }
}

function titleAfter(text: string, unitTokens: string[]): string {
  let rest = text
  for (const token of unitTokens) {
    const at = rest.indexOf(token)
    rest = rest.slice(at + token.length).replace(/^[\s、，,；;]+/, '')
  }
  return rest.replace(/[\s，,；;]+$/, '').trim()
}
