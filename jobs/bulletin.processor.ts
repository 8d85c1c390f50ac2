// The scheduled bulletin (26th, 09:00): the month whose deadline just passed, posted to the group
// once per period, whatever the slots and re-runs.
import { currentPeriod } from '../bot/domain/period.ts'
import { issueBulletin } from '../bot/services/bulletin.ts'
import { hasScheduledBulletin } from '../bot/store/bulletins.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'

export async function runBulletin(ctx: TriggerContext): Promise<TriggerResult> {
  const period = currentPeriod(ctx.trigger.slot)
  if (await hasScheduledBulletin(ctx.tx, period)) return { drafts: [], note: `${period} 已发布过定期通报` }
  const { drafts } = await issueBulletin(ctx.tx, {
    period,
    now: ctx.now,
    roster: ctx.roster,
    kind: 'scheduled',
    to: { chat: 'room', roomTopic: ctx.roomTopic },
  })
  return { drafts, note: `${period} 通报` }
}
