// The chat commands, in the order they are tried.

import { bindCommand, unbindCommand } from './bind.ts'
import { assessmentCommand, bulletinCommand } from './bulletin.ts'
import { bulletinIssueCommand } from './bulletin-issue.ts'
import { clueAssignCommand } from './clue-assign.ts'
import { clueCloseCommand } from './clue-close.ts'
import { clueFeedbackCommand } from './clue-feedback.ts'
import { clueFileCommand } from './clue-file.ts'
import { cluePendingCommand } from './clue-pending.ts'
import { cluePushCommand } from './clue-push.ts'
import { clueTransferCommand } from './clue-transfer.ts'
import { confirmRebindCommand } from './confirm-rebind.ts'
import { helpCommand } from './help.ts'
import { myCluesCommand } from './my-clues.ts'
import { phaseCommand } from './phase.ts'
import { progressCommand } from './progress.ts'
import { reportCommand } from './report.ts'
import { guidedReportCommand } from './report-guided.ts'
import { templateCommand } from './template.ts'
import type { Command, CommandInput } from './types.ts'

export const commands: readonly Command[] = [
  clueFileCommand,
  guidedReportCommand,
  reportCommand,
  cluePushCommand,
  clueCloseCommand,
  clueTransferCommand,
  clueAssignCommand,
  cluePendingCommand,
  myCluesCommand,
  clueFeedbackCommand,
  templateCommand,
  progressCommand,
  phaseCommand,
  bulletinCommand,
  bulletinIssueCommand,
  assessmentCommand,
  helpCommand,
  bindCommand,
  unbindCommand,
  confirmRebindCommand,
]

export function findCommand(text: string, inbound: CommandInput): Command | undefined {
  return commands.find((c) => c.matches(text, inbound))
}
