// One BullMQ queue with its worker and Redis connections: the part the sender and the scheduler
// share. Job data is validated by the processor; heartbeat jobs prove the worker is consuming.
import { type JobsOptions, Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from '../bot/log.ts'
import { type ErrorTally, errorTally, logFailure } from '../bot/log-once.ts'
import { queueConnection, workerConnection } from './queues.ts'

const RETRY_ATTEMPTS = 5
const RETRY_DELAY_MS = 2000

export const RETRY: JobsOptions = {
  attempts: RETRY_ATTEMPTS,
  backoff: { type: 'exponential', delay: RETRY_DELAY_MS },
  removeOnComplete: true,
  removeOnFail: true,
}

/**
 * A job that carries on RETRY's schedule after one failed attempt made elsewhere (a row of a
 * hand-over job): the first retry's wait, then the same doubling waits, and the attempts left.
 */
export const RETRY_AFTER_FIRST: JobsOptions = {
  ...RETRY,
  delay: RETRY_DELAY_MS,
  attempts: RETRY_ATTEMPTS - 1,
  backoff: { type: 'exponential', delay: 2 * RETRY_DELAY_MS },
}

export class JobQueue {
  private readonly queueRedis: Redis
  private workerRedis: Redis
  private readonly queue: Queue
  private worker?: Worker
  private process?: (data: unknown) => Promise<void>
  private restarting?: Promise<void>
  /** Redis errors of both connections, the queue and the worker: once each, counted until Redis is back. */
  private readonly redisErrors: ErrorTally
  /** When a job of this queue last completed (health: Redis answering PING is not enough). */
  lastCompletedAt = 0

  constructor(
    private readonly o: {
      name: string
      redisUrl: string
      prefix: string
      log: Logger
      /** Called when Redis answers again after a loss: what could not be queued meanwhile is queued now. */
      onRedisBack?: () => void
    },
  ) {
    this.queueRedis = queueConnection(o.redisUrl)
    this.workerRedis = workerConnection(o.redisUrl)
    this.redisErrors = errorTally(o.log, { queue: o.name }, 'redis error')
    let ready = 0
    this.queueRedis.on('ready', () => {
      this.redisErrors.recovered()
      if (++ready > 1) o.onRedisBack?.()
    })
    this.queueRedis.on('error', this.redisErrors.error)
    this.workerRedis.on('error', this.redisErrors.error)
    this.queue = new Queue(o.name, { connection: this.queueRedis, prefix: o.prefix })
    this.queue.on('error', this.redisErrors.error)
  }

  get name(): string {
    return this.o.name
  }

  /** One job at a time; a dead worker's job is picked up again within ~15 s (lock + stall check). */
  startWorker(process: (data: unknown) => Promise<void>): void {
    this.process = process
    this.createWorker(process)
  }

  private createWorker(process: (data: unknown) => Promise<void>): void {
    let ready = 0
    // A BullMQ worker can stop consuming after Redis comes back although PING works: after a
    // reconnection the worker is replaced by a fresh one.
    this.workerRedis.on('ready', () => {
      if (++ready > 1) void this.restartWorker('redis reconnected')
    })
    const worker = new Worker(
      this.o.name,
      (job) => (job.name === 'heartbeat' ? Promise.resolve() : process(job.data)),
      {
        connection: this.workerRedis,
        prefix: this.o.prefix,
        concurrency: 1,
        lockDuration: 10_000,
        stalledInterval: 5_000,
      },
    )
    worker.on('completed', () => {
      this.lastCompletedAt = Date.now()
    })
    worker.on('error', this.redisErrors.error)
    worker.on('failed', (job, err) =>
      this.o.log.warn(
        { queue: this.o.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    )
    this.worker = worker
  }

  /**
   * Adds jobs under their ids (an id already queued is not added twice), retried on RETRY's
   * schedule unless told otherwise. Throws when Redis is down.
   */
  async add(jobs: { jobId: string; data: object }[], retry: JobsOptions = RETRY): Promise<void> {
    await this.queue.addBulk(
      jobs.map(({ jobId, data }) => ({ name: 'run', data, opts: { ...retry, jobId } })),
    )
  }

  /** Replaces the worker and its connection (after a Redis restart, or when health sees no job completing). */
  restartWorker(reason: string): Promise<void> {
    const process = this.process
    if (!process || this.restarting) return this.restarting ?? Promise.resolve()
    this.o.log.warn({ queue: this.o.name, reason }, 'restarting worker')
    const old = this.worker
    const oldRedis = this.workerRedis
    this.restarting = (async () => {
      await old?.close(true).catch(logFailure(this.o.log, 'closing the replaced worker failed', 'debug'))
      oldRedis.disconnect()
      this.workerRedis = workerConnection(this.o.redisUrl)
      this.workerRedis.on('error', this.redisErrors.error)
      this.createWorker(process)
    })().finally(() => {
      this.restarting = undefined
    })
    return this.restarting
  }

  async heartbeat(): Promise<void> {
    await this.queue.add('heartbeat', {}, { removeOnComplete: true, removeOnFail: true })
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.queueRedis.ping()) === 'PONG'
    } catch {
      // Redis down, or the connection closed: that is the answer.
      return false
    }
  }

  pause(): void {
    if (this.worker && !this.worker.isPaused()) void this.worker.pause(true)
  }

  resume(): void {
    if (this.worker?.isPaused()) this.worker.resume()
  }

  isPaused(): boolean {
    return this.worker?.isPaused() ?? false
  }

  async closeWorker(): Promise<void> {
    this.process = undefined
    await this.restarting
    await this.worker?.close()
  }

  async closeConnections(): Promise<void> {
    await this.queue.close().catch(logFailure(this.o.log, 'closing the queue failed', 'debug'))
    this.queueRedis.disconnect()
    this.workerRedis.disconnect()
  }

  /** Removes this prefix's queue data (the simulator and tests use a throw-away prefix). */
  async obliterate(): Promise<void> {
    await this.queue.obliterate({ force: true })
  }
}
