// The scheduled work, composed once for both kinds of process that run it: the bot (`npm start`,
// bot/app.ts) and the worker (`npm run worker`, bot/worker-app.ts). Any number of either may run
// against one database and Redis prefix: every slot is a unique row claimed in the transaction
// that writes its effect, so each fires once whichever process's worker takes its job.
import type { Env } from '../bot/config.ts'
import type { Clock } from '../bot/domain/clock.ts'
import type { Roster } from '../bot/domain/roster-types.ts'
import type { Logger } from '../bot/log.ts'
import { deliverHeldNotice } from '../bot/services/session.ts'
import type { Db } from '../bot/store/db.ts'
import { runBulletin } from './bulletin.processor.ts'
import { runClueOverdue } from './clue-overdue.processor.ts'
import { runCollectionReminder } from './collection-reminder.processor.ts'
import { runPhase } from './phase.processor.ts'
import { runReminder } from './reminder.processor.ts'
import { Scheduler, type TriggerHandler } from './scheduler.ts'
import type { ScheduleName } from './schedules.ts'

/** What each schedule does. */
export const SCHEDULE_HANDLERS: Record<ScheduleName, TriggerHandler> = {
  reminder: runReminder,
  bulletin: runBulletin,
  'clue-overdue': runClueOverdue,
  phase: runPhase,
  'collection-reminder': runCollectionReminder,
}

/** The scheduler of one database and Redis prefix, with every schedule's handler. */
export function createScheduledWork(o: {
  db: Db
  clock: Clock
  log: Logger
  roster: Roster
  env: Pick<Env, 'ROOM_TOPIC' | 'REDIS_URL' | 'REDIS_PREFIX'>
  onOutbound(ids: number[]): void
}): Scheduler {
  const { env, ...rest } = o
  return new Scheduler({
    ...rest,
    roomTopic: env.ROOM_TOPIC,
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    handlers: SCHEDULE_HANDLERS,
    // A notice held over the quiet hours (the welcome-back) goes out with the first minute after them.
    onTick: async (now) => o.onOutbound(await deliverHeldNotice(o.db, now)),
  })
}
