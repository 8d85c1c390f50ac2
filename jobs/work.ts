// The scheduled work, composed once for both kinds of process that run it: the bot (`npm start`,
// bot/app.ts) and the worker (`npm run worker`, bot/worker-app.ts). Any number of either may run
// against one database and Redis prefix: every slot is a unique row claimed in the transaction
// that writes its effect, so each fires once whichever process's worker takes its job.
import { deliverHeldNotice } from '../bot/services/session.ts'
import { runBulletin } from './bulletin.processor.ts'
import { runClueOverdue } from './clue-overdue.processor.ts'
import { runCollectionReminder } from './collection-reminder.processor.ts'
import { runPhase } from './phase.processor.ts'
import { runReminder } from './reminder.processor.ts'
import { Scheduler, type SchedulerOptions, type TriggerHandler } from './scheduler.ts'
import type { ScheduleName } from './schedules.ts'

/** What each schedule does. */
export const SCHEDULE_HANDLERS: Record<ScheduleName, TriggerHandler> = {
  reminder: runReminder,
  bulletin: runBulletin,
  'clue-overdue': runClueOverdue,
  phase: runPhase,
  'collection-reminder': runCollectionReminder,
}

export function createScheduledWork(o: Omit<SchedulerOptions, 'handlers' | 'onTick'>): Scheduler {
  return new Scheduler({
    ...o,
    handlers: SCHEDULE_HANDLERS,
    // A notice held over the quiet hours (the welcome-back) goes out with the first minute after them.
    onTick: async (now) => o.onOutbound(await deliverHeldNotice(o.db, now)),
  })
}
