// The one sender: every outbound row is delivered by this queue's worker, in order, paced per chat
// and capped per minute over all chats, retried with backoff, its state recorded on the row
// (pending → sent, or retrying → … → failed when given up). Rows missed by Redis are swept up later.
// A job is one row (`outboundId`) or a hand-over of several (`outboundIds`, outbound-queue.ts),
// whose rows are delivered one by one; a row of it whose send failed carries on as a job of its own,
// on the same retry schedule, while the rest of the hand-over goes on.
import { UnrecoverableError } from 'bullmq'
import { z } from 'zod'
import type { Transport } from '../bot/chat/transport.ts'
import type { Clock } from '../bot/domain/clock.ts'
import { leakedNumbers } from '../bot/domain/clues/mask.ts'
import type { Logger } from '../bot/log.ts'
import type { Db } from '../bot/store/db.ts'
import {
  countUnsent,
  loadOutbound,
  markAttemptFailed,
  markSent,
  undeliveredOutboundIds,
} from '../bot/store/outbound.ts'
import { JobQueue, RETRY_AFTER_FIRST } from './job-queue.ts'
import { queueEachOutbound, queueOutbound } from './outbound-queue.ts'
import { QUEUES } from './queues.ts'
import { SendPacing } from './send-pacing.ts'

export interface SenderOptions {
  db: Db
  clock: Clock
  log: Logger
  transport: Transport
  redisUrl: string
  prefix: string
  /** Minimum time between two sends to the same chat. */
  intervalMs: number
  /** At most this many sends in any minute, over all chats (0: no cap). */
  perMinute?: number
  /** The account's pacing, when several senders (one per office) share one WeChat account. */
  pacing?: SendPacing
  /** A send the puppet has not confirmed by then counts as failed. */
  sendTimeoutMs?: number
  /** Failed sends (other than while disconnected) after which a row is given up. */
  maxAttempts?: number
  /** How often undelivered rows are re-queued (covers Redis outages). */
  sweepMs?: number
}

const rowId = z.number().int().positive()
const jobData = z.union([z.object({ outboundId: rowId }), z.object({ outboundIds: z.array(rowId) })])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A send still waiting for its turn when the worker closes: tried again at the next start. */
class SenderClosing extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`send not confirmed within ${ms} ms`)), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

/**
 * The check on every group text the sender delivers: a full number the masker missed is logged
 * (the outbound id, never the text) and handed to `onLeak` — the test suite fails the test that
 * produced it (tests/helpers/privacy-guard.ts).
 */
export const groupPrivacyCheck: { onLeak?: (text: string, leaks: string[]) => void } = {}

export class OutboundSender {
  readonly jobs: JobQueue
  private sweepTimer?: NodeJS.Timeout
  private readonly pacing: SendPacing
  private closing = false

  constructor(private readonly o: SenderOptions) {
    this.pacing = o.pacing ?? new SendPacing({ intervalMs: o.intervalMs, perMinute: o.perMinute ?? 0 })
    this.jobs = new JobQueue({
      name: QUEUES.outbound,
      redisUrl: o.redisUrl,
      prefix: o.prefix,
      log: o.log,
      onRedisBack: () => void this.sweep(),
    })
  }

  start(): void {
    this.jobs.startWorker((data) => this.run(data))
    const sweepMs = this.o.sweepMs ?? 15_000
    this.sweepTimer = setInterval(() => void this.sweep(), sweepMs)
    this.sweepTimer.unref()
  }

  /** Queues rows for delivery (one job); if Redis is unreachable they stay in SQLite for the next sweep. */
  enqueue(ids: number[]): Promise<void> {
    return queueOutbound(this.jobs, ids, this.o.log)
  }

  /** Re-queues every undelivered row, a job each (job ids make this idempotent). */
  async sweep(): Promise<void> {
    try {
      await queueEachOutbound(this.jobs, await undeliveredOutboundIds(this.o.db), this.o.log)
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, 'outbound sweep failed')
    }
  }

  private async run(data: unknown): Promise<void> {
    const parsed = jobData.safeParse(data)
    if (!parsed.success) throw new UnrecoverableError(`bad outbound job data: ${parsed.error.message}`)
    if ('outboundId' in parsed.data) return this.deliver(parsed.data.outboundId)
    for (const outboundId of parsed.data.outboundIds) {
      // Paused (logged out): the rest waits here, still first in line, rather than failing its sends.
      while (this.jobs.isPaused() && !this.closing) await sleep(50)
      if (this.closing) throw new SenderClosing('sender closing')
      try {
        await this.deliver(outboundId)
      } catch (err) {
        // Given up or gone: recorded, the next row's turn. Closing: the job is tried again at the next start.
        if (err instanceof UnrecoverableError) continue
        if (err instanceof SenderClosing) throw err
        // The attempt is counted on the row; its retries are a job of its own, as if it had been one.
        await queueEachOutbound(this.jobs, [outboundId], this.o.log, RETRY_AFTER_FIRST)
      }
    }
  }

  private async deliver(outboundId: number): Promise<void> {
    const row = await loadOutbound(this.o.db, outboundId)
    if (!row) throw new UnrecoverableError(`no outbound row ${outboundId}`)
    if (row.sentAt || row.state === 'failed') return
    if (row.to.chat === 'room') {
      const leaks = leakedNumbers(row.text)
      if (leaks.length > 0) {
        this.o.log.error({ outboundId }, 'group message holds an unmasked number')
        groupPrivacyCheck.onLeak?.(row.text, leaks)
      }
    }
    const chatKey = row.to.chat === 'room' ? `room:${row.to.roomTopic}` : `dm:${row.to.contactId}`
    await this.waitTurn(chatKey)
    try {
      await withTimeout(this.o.transport.deliver(row), this.o.sendTimeoutMs ?? 30_000)
    } catch (err) {
      this.pacing.finished(chatKey, Date.now())
      const error = (err as Error).message
      // While the bot is away (logged out, the wire down) a row waits however long that takes.
      const away = this.o.transport.isConnectionError?.(err) ?? false
      const max = this.o.maxAttempts ?? 5
      const { attempts, state } = await markAttemptFailed(
        this.o.db,
        outboundId,
        error,
        (n) => !away && n >= max,
      )
      if (state === 'failed') {
        this.o.log.error({ outboundId, attempts, err: error }, 'outbound message given up')
        throw new UnrecoverableError(`outbound ${outboundId} given up after ${attempts} attempts`)
      }
      this.o.log.warn({ outboundId, attempts, err: error }, 'send failed; retrying')
      throw err
    }
    this.pacing.finished(chatKey, Date.now())
    await markSent(this.o.db, outboundId, this.o.clock.now())
  }

  /** Waits for the chat's turn (pacing and the per-minute cap); gives the turn up when closing. */
  private async waitTurn(chatKey: string): Promise<void> {
    for (;;) {
      const wait = this.pacing.take(chatKey, Date.now())
      if (wait <= 0) return
      if (this.closing) throw new SenderClosing('sender closing')
      await sleep(Math.min(wait, 200))
    }
  }

  /**
   * A clean stop delivers what is already committed first (within `ms`, while connected): the
   * replies to a burst typed just before /quit, SIGTERM or a restart go out now, not at the next start.
   */
  async flush(ms: number): Promise<void> {
    const deadline = Date.now() + ms
    // Nothing delivered for this long: the rest cannot go now (Redis down, the room gone, the cap).
    const stuckMs = 1000 + 2 * this.o.intervalMs
    let left = await countUnsent(this.o.db)
    let progressAt = Date.now()
    while (left > 0 && Date.now() < deadline && Date.now() - progressAt < stuckMs) {
      await sleep(20)
      const now = await countUnsent(this.o.db)
      if (now < left) progressAt = Date.now()
      left = now
    }
  }

  /** Resolves once every outbound row is delivered (simulator and tests). */
  async drained(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while ((await countUnsent(this.o.db)) > 0) {
      if (Date.now() > deadline) throw new Error('outbound messages still undelivered')
      await sleep(5)
    }
  }

  /** While the bot is logged out, messages wait in order instead of failing their retries. */
  pause(): void {
    this.jobs.pause()
  }

  resume(): void {
    this.jobs.resume()
  }

  async closeWorker(): Promise<void> {
    this.closing = true
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    await this.jobs.closeWorker()
  }
}
