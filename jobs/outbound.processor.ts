// The one sender: every outbound row is delivered by this queue's worker, in order, paced per chat,
// retried with backoff, delivery recorded on the row. Rows missed by Redis are swept up later.
import { UnrecoverableError } from 'bullmq'
import { z } from 'zod'
import type { Transport } from '../bot/chat/transport.ts'
import type { Clock } from '../bot/domain/clock.ts'
import { leakedNumbers } from '../bot/domain/clues/mask.ts'
import type { Logger } from '../bot/log.ts'
import type { Db } from '../bot/store/db.ts'
import {
  anyUndelivered,
  loadOutbound,
  markAttemptFailed,
  markSent,
  undeliveredOutboundIds,
} from '../bot/store/outbound.ts'
import { JobQueue } from './job-queue.ts'
import { outboundJobId, QUEUES } from './queues.ts'

export interface SenderOptions {
  db: Db
  clock: Clock
  log: Logger
  transport: Transport
  redisUrl: string
  prefix: string
  /** Minimum time between two sends to the same chat. */
  intervalMs: number
  /** How often undelivered rows are re-queued (covers Redis outages). */
  sweepMs?: number
}

const jobData = z.object({ outboundId: z.number().int().positive() })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The check on every group text the sender delivers: a full number the masker missed is logged
 * (the outbound id, never the text) and handed to `onLeak` — the test suite fails the test that
 * produced it (tests/helpers/privacy-guard.ts).
 */
export const groupPrivacyCheck: { onLeak?: (text: string, leaks: string[]) => void } = {}

export class OutboundSender {
  readonly jobs: JobQueue
  private sweepTimer?: NodeJS.Timeout
  private readonly lastSendByChat = new Map<string, number>()

  constructor(private readonly o: SenderOptions) {
    this.jobs = new JobQueue({
      name: QUEUES.outbound,
      redisUrl: o.redisUrl,
      prefix: o.prefix,
      log: o.log,
      onRedisBack: () => void this.sweep(),
    })
  }

  start(): void {
    this.jobs.startWorker((data) => this.deliver(data))
    const sweepMs = this.o.sweepMs ?? 15_000
    this.sweepTimer = setInterval(() => void this.sweep(), sweepMs)
    this.sweepTimer.unref()
  }

  /** Queues rows for delivery; if Redis is unreachable they stay in SQLite for the next sweep. */
  async enqueue(ids: number[]): Promise<void> {
    if (ids.length === 0) return
    try {
      await this.jobs.add(
        ids.map((outboundId) => ({ jobId: outboundJobId(outboundId), data: { outboundId } })),
      )
    } catch (err) {
      this.o.log.warn(
        { outboundIds: ids, err: (err as Error).message },
        'could not queue outbound; will sweep',
      )
    }
  }

  /** Re-queues every undelivered row (job ids make this idempotent). */
  async sweep(): Promise<void> {
    try {
      await this.enqueue(await undeliveredOutboundIds(this.o.db))
    } catch (err) {
      this.o.log.warn({ err: (err as Error).message }, 'outbound sweep failed')
    }
  }

  private async deliver(data: unknown): Promise<void> {
    const parsed = jobData.safeParse(data)
    if (!parsed.success) throw new UnrecoverableError(`bad outbound job data: ${parsed.error.message}`)
    const { outboundId } = parsed.data
    const row = await loadOutbound(this.o.db, outboundId)
    if (!row) throw new UnrecoverableError(`no outbound row ${outboundId}`)
    if (row.sentAt) return
    if (row.to.chat === 'room') {
      const leaks = leakedNumbers(row.text)
      if (leaks.length > 0) {
        this.o.log.error({ outboundId }, 'group message holds an unmasked number')
        groupPrivacyCheck.onLeak?.(row.text, leaks)
      }
    }
    const chatKey = row.to.chat === 'room' ? `room:${row.to.roomTopic}` : `dm:${row.to.contactId}`
    const wait = (this.lastSendByChat.get(chatKey) ?? 0) + this.o.intervalMs - Date.now()
    if (wait > 0) await sleep(wait)
    try {
      await this.o.transport.deliver(row)
    } catch (err) {
      await markAttemptFailed(this.o.db, outboundId, (err as Error).message)
      throw err
    } finally {
      this.lastSendByChat.set(chatKey, Date.now())
    }
    await markSent(this.o.db, outboundId, this.o.clock.now())
  }

  /** Resolves once every outbound row is delivered (simulator and tests). */
  async drained(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (await anyUndelivered(this.o.db)) {
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
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    await this.jobs.closeWorker()
  }
}
