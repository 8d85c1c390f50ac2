// The chat commands, in the order they are tried.
import { bindCommand, unbindCommand } from './bind.ts'
import { helpCommand } from './help.ts'
import { progressCommand } from './progress.ts'
import { reportCommand } from './report.ts'
import { templateCommand } from './template.ts'
import type { Command } from './types.ts'

export const commands: readonly Command[] = [
  reportCommand,
  templateCommand,
  progressCommand,
  helpCommand,
  bindCommand,
  unbindCommand,
]

export function findCommand(text: string): Command | undefined {
  return commands.find((c) => c.matches(text))
}
