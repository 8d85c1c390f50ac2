// The scheduled bulletin (26th, 09:00): the month whose deadline just passed, issued to the group as
// 第1版 unless the period has been issued already (by an earlier run or the office's 发布通报). On a
// non-working day it goes out on the next working day, still for the month of its roster slot.
import { currentPeriod } from '../bot/domain/period.ts'
import {
  type IssueOptions,
  issueBulletin,
  type PreparedIssue,
  prepareIssue,
} from '../bot/services/bulletin.ts'
import { latestIssue } from '../bot/store/bulletins.ts'
import { messages } from '../prompts/messages.ts'
import type { PrepareContext, TriggerContext, TriggerHandler, TriggerResult } from './scheduler.ts'

type Slot = Pick<PrepareContext, 'trigger' | 'now' | 'roster' | 'roomTopic'>

const periodOf = (ctx: Slot) => currentPeriod(ctx.trigger.covers[0] ?? ctx.trigger.slot)

const issueOptions = (ctx: Slot): IssueOptions => ({
  period: periodOf(ctx),
  now: ctx.now,
  roster: ctx.roster,
  kind: 'scheduled',
  to: { chat: 'room', roomTopic: ctx.roomTopic },
})

async function issueScheduled(ctx: TriggerContext): Promise<TriggerResult> {
  const period = periodOf(ctx)
  const issued = await latestIssue(ctx.tx, period)
  if (issued)
    return { drafts: [], note: messages.record('run_bulletin_issued', { period, version: issued.version }) }
  const result = await issueBulletin(ctx.tx, issueOptions(ctx), ctx.prepared as PreparedIssue | undefined)
  return { drafts: result.issued ? result.drafts : [], note: messages.record('run_bulletin', { period }) }
}

/** Rendered before the write lock: messages arriving meanwhile are not held up for seconds. */
export const runBulletin: TriggerHandler = Object.assign(issueScheduled, {
  prepare: async (ctx: PrepareContext) =>
    (await latestIssue(ctx.db, periodOf(ctx))) ? undefined : prepareIssue(ctx.db, issueOptions(ctx)),
})
