// Health: Redis answering PING is not enough (a BullMQ worker can stop consuming while PING works),
// so every interval a heartbeat job goes through each queue and health looks at jobs completing.
import type { Clock } from '../bot/domain/clock.ts'
import type { Logger } from '../bot/log.ts'
import type { Db } from '../bot/store/db.ts'
import { undelivered } from '../bot/store/outbound.ts'
import { queuedRunCount } from '../bot/store/schedule-runs.ts'
import { type HealthReport, STATE_KEYS, writeState } from '../bot/store/service-state.ts'

export interface QueueProbe {
  name: string
  heartbeat(): Promise<void>
  lastCompletedAt: number
  /** Replaces a worker that stopped consuming. */
  restartWorker?(reason: string): Promise<void>
}

export class HealthMonitor {
  private timer?: NodeJS.Timeout
  private startedAt = Date.now()
  private lastHealthy?: boolean
  latest?: HealthReport

  constructor(
    private readonly o: {
      db: Db
      clock: Clock
      log: Logger
      intervalMs: number
      ping(): Promise<boolean>
      probes: QueueProbe[]
    },
  ) {}

  start(): void {
    this.startedAt = Date.now()
    this.timer = setInterval(() => void this.check(), this.o.intervalMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  async check(): Promise<HealthReport> {
    const redis = await this.o.ping()
    await Promise.all(this.o.probes.map((p) => p.heartbeat().catch(() => undefined)))
    const now = Date.now()
    // A queue is ok when one of its jobs completed within three intervals (or it only just started).
    const grace = 3 * this.o.intervalMs
    const queues = Object.fromEntries(
      this.o.probes.map((p) => [
        p.name,
        {
          lastCompletedAt: p.lastCompletedAt ? new Date(p.lastCompletedAt).toISOString() : null,
          ok: now - (p.lastCompletedAt || this.startedAt) < grace,
        },
      ]),
    )
    const report: HealthReport = {
      healthy: redis && Object.values(queues).every((q) => q.ok),
      redis,
      queues,
      pendingOutbound: (await undelivered(this.o.db)).pending,
      queuedRuns: await queuedRunCount(this.o.db),
      checkedAt: new Date(now).toISOString(),
    }
    // Redis answers but a queue's jobs do not complete: the worker is stuck; replace it.
    if (redis) {
      for (const p of this.o.probes)
        if (!queues[p.name]?.ok) void p.restartWorker?.('no job completed lately')
    }
    this.latest = report
    if (!report.healthy) this.o.log.warn(report, 'health: RED')
    else if (this.lastHealthy === false) this.o.log.warn(report, 'health: recovered')
    else this.o.log.info(report, 'health: ok')
    this.lastHealthy = report.healthy
    await writeState(this.o.db, STATE_KEYS.health, JSON.stringify(report), this.o.clock.now()).catch(
      () => undefined,
    )
    return report
  }
}
