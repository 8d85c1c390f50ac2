// The chat commands, in the order they are tried.

import { bindCommand, unbindCommand } from './bind.ts'
import { assessmentCommand, bulletinCommand } from './bulletin.ts'
import { bulletinIssueCommand } from './bulletin-issue.ts'
import { cityBulletinCommand } from './city-bulletin.ts'
import { cityCluesCommand } from './city-clues.ts'
import { cityProgressCommand } from './city-progress.ts'
import { clueAssignCommand } from './clue-assign.ts'
import { clueCloseCommand } from './clue-close.ts'
import { clueFeedbackCommand } from './clue-feedback.ts'
import { clueFileCommand } from './clue-file.ts'
import { cluePendingCommand } from './clue-pending.ts'
import { cluePushCommand } from './clue-push.ts'
import { clueTransferCommand } from './clue-transfer.ts'
import { collectionOpenCommand } from './collection-open.ts'
import { collectionProgressCommand } from './collection-progress.ts'
import { collectionSubmitCommand } from './collection-submit.ts'
import { confirmRebindCommand } from './confirm-rebind.ts'
import { helpCommand } from './help.ts'
import { myCluesCommand } from './my-clues.ts'
import { phaseCommand } from './phase.ts'
import { progressCommand } from './progress.ts'
import { reportCommand } from './report.ts'
import { guidedReportCommand } from './report-guided.ts'
import { taskCancelCommand } from './task-cancel.ts'
import { taskCreateCommand } from './task-create.ts'
import { taskDoneCommand } from './task-done.ts'
import { taskExtendCommand } from './task-extend.ts'
import { taskListCommand } from './task-list.ts'
import { templateCommand } from './template.ts'
import type { Command, CommandInput } from './types.ts'

export const commands: readonly Command[] = [
  clueFileCommand,
  // 全市 forms first: `进度 全市` is not a collection's progress, `线索 全市` no clue to push.
  cityProgressCommand,
  cityCluesCommand,
  cityBulletinCommand,
  taskCreateCommand,
  taskDoneCommand,
  taskListCommand,
  taskExtendCommand,
  taskCancelCommand,
  collectionOpenCommand,
  collectionSubmitCommand,
  collectionProgressCommand,
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
