// The scheduled bulletin (26th, 09:00): the month whose deadline just passed, issued to the group as
// 第1版 unless the period has been issued already (by an earlier run or the office's 发布通报). On a
// non-working day it goes out on the next working day, still for the month of its roster slot.
import { currentPeriod } from '../bot/domain/period.ts'
import { issueBulletin } from '../bot/services/bulletin.ts'
import { latestIssue } from '../bot/store/bulletins.ts'
import { messages } from '../prompts/messages.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'

export async function runBulletin(ctx: TriggerContext): Promise<TriggerResult> {
  const period = currentPeriod(ctx.trigger.covers[0] ?? ctx.trigger.slot)
  const issued = await latestIssue(ctx.tx, period)
  if (issued)
    return { drafts: [], note: messages.record('run_bulletin_issued', { period, version: issued.version }) }
  const result = await issueBulletin(ctx.tx, {
    period,
    now: ctx.now,
    roster: ctx.roster,
    kind: 'scheduled',
    to: { chat: 'room', roomTopic: ctx.roomTopic },
  })
  return { drafts: result.issued ? result.drafts : [], note: messages.record('run_bulletin', { period }) }
}
