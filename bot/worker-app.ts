// Wiring of `npm run worker` (bot/worker.ts), also what the tests' worker processes run: per office
// of the deployment (ROSTER_FILE, as `npm start` reads it), its database, its scheduled work
// (jobs/work.ts) and the hand-off of the messages it writes to its bot's sender queue, under the
// office's own Redis prefix (bot/offices.ts). No Wechaty: the bot process holds the session and sends.
import { JobQueue } from '../jobs/job-queue.ts'
import { queueOutbound } from '../jobs/outbound-queue.ts'
import { QUEUES } from '../jobs/queues.ts'
import type { Scheduler } from '../jobs/scheduler.ts'
import { createScheduledWork } from '../jobs/work.ts'
import type { Env, OfficeConfig } from './config.ts'
import type { Clock } from './domain/clock.ts'
import type { Roster } from './domain/roster-types.ts'
import type { Logger } from './log.ts'
import { officeSetups } from './offices.ts'
import { withinDeadline } from './shutdown-deadline.ts'
import { closeDatabase, type Db, databasePath, openDatabase } from './store/db.ts'
import { holdRunLock } from './store/run-lock.ts'
import { seedUnitsIfEmpty } from './store/units.ts'

export interface WorkerApp {
  db: Db
  scheduler: Scheduler
  /** `live`: node-cron drives the schedules and missed slots are caught up, as in the bot. */
  start(o?: { live?: boolean }): Promise<void>
  stop(deadlineMs?: number): Promise<void>
}

export async function createWorkerApp(o: {
  env: Env
  roster: Roster
  clock: Clock
  log: Logger
}): Promise<WorkerApp> {
  const { env, roster, clock, log } = o
  const db = await openDatabase(env.DATABASE_URL)
  // A worker may be the first process on a new database: its slots need the roster's units.
  if (await seedUnitsIfEmpty(db, roster.units))
    log.info({ units: roster.units.length }, 'seeded units from roster')
  const redis = { redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX }
  const outbound = new JobQueue({ name: QUEUES.outbound, ...redis, log })
  const scheduler = createScheduledWork({
    db,
    clock,
    log,
    roster,
    env,
    onOutbound: (ids) => void queueOutbound(outbound, ids, log),
  })
  let runLock: { release(): void } | undefined
  let stopped = false
  return {
    db,
    scheduler,
    async start({ live = true } = {}) {
      // Counted as running on the database (`cli status`, `restore` refuses while it writes).
      runLock = holdRunLock(databasePath(env.DATABASE_URL))
      await scheduler.start({ live })
    },
    async stop(deadlineMs = 10_000) {
      if (stopped) return
      stopped = true
      const steps = async () => {
        await scheduler.closeWorker()
        await closeDatabase(db)
        await Promise.all([scheduler.jobs.closeConnections(), outbound.closeConnections()])
      }
      await withinDeadline(steps(), deadlineMs, log)
      runLock?.release()
    },
  }
}

/** The workers of every office of the deployment, started and stopped together. */
export interface OfficeWorkers {
  /** One per office, in the deployment's order. */
  workers: WorkerApp[]
  start(o?: { live?: boolean }): Promise<void>
  stop(deadlineMs?: number): Promise<void>
}

/** A worker per office (each on its database and Redis prefix, as office-app.ts wires the bot's). */
export async function createOfficeWorkers(o: {
  env: Env
  offices: readonly OfficeConfig[]
  clock: Clock
  log: Logger
}): Promise<OfficeWorkers> {
  const setups = officeSetups(o.env, o.offices)
  const several = setups.length > 1
  const workers: WorkerApp[] = []
  try {
    for (const setup of setups)
      workers.push(
        await createWorkerApp({
          env: setup.env,
          roster: setup.roster,
          clock: o.clock,
          log: several ? o.log.child({ office: setup.office.key }) : o.log,
        }),
      )
  } catch (error) {
    // An office that cannot open stops the start: the ones opened before it close first.
    await Promise.all(workers.map((w) => w.stop()))
    throw error
  }
  return {
    workers,
    async start(s) {
      for (const w of workers) await w.start(s)
    },
    async stop(deadlineMs) {
      await Promise.all(workers.map((w) => w.stop(deadlineMs)))
    },
  }
}
