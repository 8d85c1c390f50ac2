// Redis as `cli status` shows it: PING, then each queue's job counts under the prefix.

import { Queue } from 'bullmq'
import type { QueueCounts, RedisStatus } from '../bot/services/status.ts'
import { messages } from '../prompts/messages.ts'
import { probeConnection, QUEUES } from './queues.ts'

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(messages.status('timeout', { what, seconds: ms / 1000 }))), ms)
  })
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

/** Never throws: an unreachable Redis is a result. */
export async function redisStatus(url: string, prefix: string, timeoutMs = 3000): Promise<RedisStatus> {
  const redis = probeConnection(url, timeoutMs)
  // ioredis reports why it could not connect on 'error'; the rejected connect() only says "closed".
  let cause: Error | undefined
  redis.on('error', (e: Error) => {
    cause ??= e
  })
  try {
    await withTimeout(redis.connect(), timeoutMs, messages.status('connect'))
    const pong = await withTimeout(redis.ping(), timeoutMs, 'PING')
    if (pong !== 'PONG') return { ok: false, error: messages.status('ping_reply', { reply: pong }) }
    const queues: Record<string, QueueCounts> = {}
    for (const name of Object.values(QUEUES)) {
      const queue = new Queue(name, { connection: redis, prefix })
      // Connection errors show up as the rejected counts below (and `cause` above): one report, not two.
      queue.on('error', () => undefined)
      try {
        const c = await withTimeout(
          queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
          timeoutMs,
          messages.status('read_queue'),
        )
        queues[name] = {
          waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
        }
      } finally {
        // The counts are read; a queue that fails to close goes with the connection dropped below.
        await queue.close().catch(() => undefined)
      }
    }
    return { ok: true, queues }
  } catch (e) {
    return { ok: false, error: cause?.message || (e as Error).message || String(e) }
  } finally {
    redis.disconnect()
  }
}
