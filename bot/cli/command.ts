// What every command-line command is made of: its definition, its usage errors, reading its
// arguments, and the actor its audit rows name.

import { userInfo } from 'node:os'
import { messages } from '../../prompts/messages.ts'
import type { Env } from '../config.ts'
import type { Roster } from '../domain/roster-types.ts'
import type { Db } from '../store/db.ts'

/** Wrong use of a command: its message, then the command's usage line (exit code 2). */
export class UsageError extends Error {}

export type Args = { positionals: string[]; values: Record<string, string | boolean | undefined> }
/** A command's output: text (exit 0), or text with its own exit code. */
export type Output = string | { code: number; out: string }

export interface CliCommand {
  usage: string
  summary: string
  /** More help, shown by `<command> --help`. */
  details?: string
  options?: Record<string, { type: 'string' | 'boolean' }>
  /** Runs with the database open (migrated, units seeded) and the office's roster read. */
  run?(db: Db, args: Args, config: Env, roster: Roster): Promise<Output>
  /** Instead of run: the command opens the database itself (restore replaces the file). */
  runWithoutDb?(args: Args, config: Env): Promise<Output>
}

export function need(values: Args['values'], name: string): string {
  const v = values[name]
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(messages.cli('missing_option', { name }))
  return v.trim()
}

/** A string option as given (trimmed), or undefined when it is absent. */
export function optional(values: Args['values'], name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v.trim() : undefined
}

/** "a,b、c" → [a, b, c]: a list option without blanks or repeats; "" gives []. */
export function listOf(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((s) => s.trim()))].filter(Boolean)
}

/** The list option, or undefined when it is absent. */
export function optionalList(values: Args['values'], name: string): string[] | undefined {
  const text = optional(values, name)
  return text === undefined ? undefined : listOf(text)
}

/** The entries that were given (an edit's options). */
export function given<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>
}

export function noMorePositionals(positionals: string[], allowed: number): void {
  if (positionals.length > allowed)
    throw new UsageError(messages.cli('extra_arguments', { extra: positionals.slice(allowed).join(' ') }))
}

/** The command's one positional (a unit, a file): `missing` when it is absent, an error for any more. */
export function onePositional(positionals: string[], missing: string): string {
  const [first] = positionals
  if (!first) throw new UsageError(missing)
  noMorePositionals(positionals, 1)
  return first
}

/** Who the audit log names for the command line: 命令行（login name）. */
export function cliActor(): string {
  let user = process.env.USER ?? ''
  try {
    user = userInfo().username || user
  } catch {
    // no passwd entry: keep $USER
  }
  return user ? messages.cli('actor', { user }) : messages.cli('actor_unknown')
}
