// What the task commands (督办) share: reading task codes and finding the task a message names.
import { messages } from '../../prompts/messages.ts'
import { findTask, TASK_CODE, type TaskRecord } from '../store/tasks.ts'
import type { CommandContext } from './types.ts'

/** Matches "word RW-…" at the start of a message: a task command, not chat that starts with the word. */
export function taskWordMatches(text: string, word: string): boolean {
  return text.startsWith(word) && new RegExp(TASK_CODE.source, 'i').test(text)
}

/** The first task code in the text and what follows it. */
export function codeAndRest(text: string, word: string): { code?: string; rest: string } {
  const body = text.slice(word.length)
  const m = new RegExp(TASK_CODE.source, 'i').exec(body)
  if (!m) return { rest: body.trim() }
  return { code: m[0].toUpperCase(), rest: body.slice(m.index + m[0].length).trim() }
}

export type TaskLookup = { task: TaskRecord } | { problem: string }

/** The task, not cancelled. */
export async function liveTask(ctx: CommandContext, code: string): Promise<TaskLookup> {
  const task = await findTask(ctx.tx, code)
  if (!task) return { problem: messages.taskProblem('not_found', { code }) }
  if (task.status === 'cancelled') return { problem: messages.taskProblem('cancelled', { code }) }
  return { task }
}
