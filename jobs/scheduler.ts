// Runs the schedule table: each slot claimed once in SQLite (unique key), queued in BullMQ under
// the same key, and run by the worker in one transaction with its effect. Live, node-cron wakes
// `tick` every minute; the simulator calls `runDue` with its own clock. Missed slots are caught up
// once within `catch_up_hours`, otherwise recorded as skipped; a catch-up found in the quiet hours
// waits for 08:00.

import { UnrecoverableError } from 'bullmq'
import { schedule as cronSchedule, type ScheduledTask } from 'node-cron'
import { z } from 'zod'
import { missingCalendarYear, type WorkCalendar, workCalendar } from '../bot/domain/calendar.ts'
import type { Clock } from '../bot/domain/clock.ts'
import type { Roster } from '../bot/domain/roster-types.ts'
import type { Logger } from '../bot/log.ts'
import { type Db, type Tx, writeTransaction } from '../bot/store/db.ts'
import { insertOutbound, type OutboundDraft } from '../bot/store/outbound.ts'
import { claimRun, finishRun, loadRun, queuedRuns } from '../bot/store/schedule-runs.ts'
import { readState, STATE_KEYS, writeState } from '../bot/store/service-state.ts'
import { messages } from '../prompts/messages.ts'
import { JobQueue } from './job-queue.ts'
import { QUEUES } from './queues.ts'
import {
  catchUp,
  type ScheduleEntry,
  type ScheduleName,
  scheduleTable,
  type Trigger,
  triggerAt,
  triggersDue,
} from './schedules.ts'

export interface TriggerContext {
  tx: Tx
  trigger: Trigger
  now: Date
  roster: Roster
  roomTopic: string
  table: readonly ScheduleEntry[]
  /** What the handler's `prepare` worked out before the write lock, if it has one. */
  prepared?: unknown
}

/** A handler's slow, read-only part, run before the write lock is taken (the database, not a transaction). */
export type PrepareContext = Omit<TriggerContext, 'tx' | 'prepared'> & { db: Db }

export interface TriggerResult {
  drafts: OutboundDraft[]
  note?: string
}

export interface TriggerHandler {
  (ctx: TriggerContext): Promise<TriggerResult>
  /**
   * Work that would otherwise hold the write lock for seconds (rendering): its result reaches the
   * handler as `ctx.prepared`, which checks under the lock that it still holds.
   */
  prepare?(ctx: PrepareContext): Promise<unknown>
}

export interface SchedulerOptions {
  db: Db
  clock: Clock
  log: Logger
  roster: Roster
  roomTopic: string
  redisUrl: string
  prefix: string
  handlers: Partial<Record<ScheduleName, TriggerHandler>>
  onOutbound(ids: number[]): void
  /** Called when a run finishes (tests and the simulator wait on it). */
  onRunFinished?(key: string): void
  /** Called each live minute after the slots (what else waits for a time: a notice held overnight). */
  onTick?(now: Date): Promise<void>
}

const LAST_CHECKED = STATE_KEYS.schedulerLastChecked
const jobData = z.object({ key: z.string().min(1) })

export class Scheduler {
  readonly table: ScheduleEntry[]
  readonly calendar: WorkCalendar
  /** What each schedule does; a test may wrap one to stop a process mid-job. */
  readonly handlers: Partial<Record<ScheduleName, TriggerHandler>>
  readonly jobs: JobQueue
  private task?: ScheduledTask
  private advancing: Promise<void> = Promise.resolve()

  constructor(private readonly o: SchedulerOptions) {
    this.handlers = { ...o.handlers }
    this.calendar = workCalendar(o.roster.calendar)
    this.table = scheduleTable(o.roster, this.calendar).filter((e) => o.handlers[e.name])
    this.jobs = new JobQueue({
      name: QUEUES.schedule,
      redisUrl: o.redisUrl,
      prefix: o.prefix,
      log: o.log,
      onRedisBack: () => void this.sweep(),
    })
  }

  get catchUpMs(): number {
    return this.o.roster.schedule.catch_up_hours * 3600_000
  }

  /** Starts the worker; `live` also starts node-cron and catches up on slots missed while down. */
  async start({ live }: { live: boolean }): Promise<void> {
    this.jobs.startWorker((data) => this.process(data))
    await this.sweep()
    if (!live) return
    const missing = missingCalendarYear(this.calendar, this.o.clock.now())
    if (missing !== undefined) {
      this.o.log.warn(
        { year: missing },
        'next year has no working-day calendar: add its holidays and workdays to the roster (calendar:)',
      )
    }
    if (!(await readState(this.o.db, LAST_CHECKED))) {
      await writeState(this.o.db, LAST_CHECKED, this.o.clock.now().toISOString(), this.o.clock.now())
    }
    await this.advanceLive()
    // Every minute: claim what fell due, and re-queue claimed runs Redis lost (an outage).
    this.task = cronSchedule('* * * * *', () => void this.tick(), {
      timezone: this.o.roster.schedule.timezone,
    })
  }

  /** The live minute: claim what fell due, queue what may go out now (quiet hours ended, Redis back). */
  async tick(): Promise<void> {
    await this.advanceLive()
    await this.sweep()
    await this.o.onTick?.(this.o.clock.now()).catch((err) => this.o.log.warn({ err }, 'minute tick failed'))
  }

  /**
   * The live advance, which never stops the process: a database another process holds locked for
   * longer than the busy timeout (a worker's bulletin run) fails this minute's claims, and the next
   * minute claims the same slots, from the same last check.
   */
  private advanceLive(): Promise<void> {
    // Logged by advance (schedule advance failed).
    return this.advance(this.o.clock.now()).catch(() => undefined)
  }

  /**
   * Claims and queues every slot in (last check, to]. Slots older than the catch-up window are
   * recorded as skipped. Returns the triggers claimed by this call.
   */
  advance(to: Date, from?: Date): Promise<void> {
    const run = this.advancing.then(async () => {
      const lastText = from ? undefined : await readState(this.o.db, LAST_CHECKED)
      const start = from ?? (lastText ? new Date(lastText) : to)
      const now = this.o.clock.now()
      for (const trigger of triggersDue(this.table, start, to)) {
        const state = catchUp(trigger.slot, now, this.catchUpMs)
        const stale = state === 'skip'
        const claimed = await claimRun(
          this.o.db,
          {
            key: trigger.key,
            schedule: trigger.name,
            slot: trigger.slot,
            status: stale ? 'skipped' : 'queued',
            ...(stale ? { note: messages.record('run_missed') } : {}),
          },
          now,
        )
        if (claimed && stale) this.o.log.warn({ key: trigger.key }, 'missed slot recorded as skipped')
        if (claimed && state === 'wait')
          this.o.log.info({ key: trigger.key }, 'catch-up waits for the quiet hours to end')
        if (claimed && state === 'send') await this.enqueue(trigger.key)
      }
      if (to.getTime() > start.getTime()) await writeState(this.o.db, LAST_CHECKED, to.toISOString(), now)
    })
    this.advancing = run.catch((err) => this.o.log.error({ err }, 'schedule advance failed'))
    return run
  }

  /** The simulator's step: the triggers in (from, to] in order, each run to completion at its slot time. */
  /** The slots of the triggers `runDue(from, to, …)` would run, in order (several offices' interleave by them). */
  dueSlots(from: Date, to: Date): Date[] {
    return triggersDue(this.table, from, to).map((t) => t.slot)
  }

  async runDue(
    from: Date,
    to: Date,
    setClock: (at: Date) => void,
    settle: () => Promise<void>,
  ): Promise<void> {
    for (const trigger of triggersDue(this.table, from, to)) {
      setClock(trigger.slot)
      await this.advance(trigger.slot, new Date(trigger.slot.getTime() - 1))
      await this.finished(trigger.key)
      await settle()
    }
    setClock(to)
  }

  private async enqueue(key: string): Promise<void> {
    try {
      await this.jobs.add([{ jobId: key, data: { key } }])
    } catch (err) {
      this.o.log.warn({ key, err: (err as Error).message }, 'could not queue scheduled run; will sweep')
    }
  }

  /** Queues claimed runs that have not finished (a crash, a Redis outage), unless waiting out the night. */
  async sweep(): Promise<void> {
    try {
      const now = this.o.clock.now()
      for (const run of await queuedRuns(this.o.db)) {
        if (catchUp(run.slot, now, this.catchUpMs, run.claimedAt) !== 'wait') await this.enqueue(run.key)
      }
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, 'schedule sweep failed')
    }
  }

  private async process(data: unknown): Promise<void> {
    const parsed = jobData.safeParse(data)
    if (!parsed.success) throw new UnrecoverableError(`bad scheduled job data: ${parsed.error.message}`)
    const { key } = parsed.data
    const run = await loadRun(this.o.db, key)
    if (!run) throw new UnrecoverableError(`no schedule run ${key}`)
    if (run.status !== 'queued') return
    const handler = this.handlers[run.schedule as ScheduleName]
    if (!handler) throw new UnrecoverableError(`no handler for schedule ${run.schedule}`)
    const now = this.o.clock.now()
    const state = catchUp(run.slot, now, this.catchUpMs, run.claimedAt)
    // Queued during the night by a sweep elsewhere: the next sweep after 08:00 queues it again.
    if (state === 'wait') return
    const trigger: Trigger = { ...triggerAt(this.table, run.schedule as ScheduleName, run.slot), key }
    const context = { trigger, now, roster: this.o.roster, roomTopic: this.o.roomTopic, table: this.table }
    const prepared = state === 'skip' ? undefined : await handler.prepare?.({ ...context, db: this.o.db })
    const ids = await writeTransaction(this.o.db, async (tx) => {
      // A slot that waited past the window (Redis down for days) is not sent late.
      if (state === 'skip') {
        await finishRun(tx, key, 'skipped', now, messages.record('run_queued_too_long'))
        return []
      }
      // Read again under the write lock: a process that ran the slot since the read above leaves
      // nothing to do, so the handler's own records are never written twice either.
      if ((await loadRun(tx, key))?.status !== 'queued') return []
      const result = await handler({ ...context, tx, prepared })
      // Only where transactions are not serial (another engine): the other run stands, this one
      // rolls back, and the retry finds the run done.
      if (!(await finishRun(tx, key, 'done', now, result.note)))
        throw new Error(`schedule run ${key} finished by another process`)
      return insertOutbound(tx, result.drafts, now, null)
    })
    this.o.log.info({ key, outbound: ids }, 'scheduled run finished')
    this.o.onOutbound(ids)
    this.o.onRunFinished?.(key)
  }

  /** Resolves when a claimed run is no longer queued. */
  async finished(key: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const run = await loadRun(this.o.db, key)
      if (run?.status !== 'queued') return
      if (Date.now() > deadline) throw new Error(`scheduled run ${key} did not finish`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  async closeWorker(): Promise<void> {
    this.task?.stop()
    await this.jobs.closeWorker()
  }
}
