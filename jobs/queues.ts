// Queue names, job ids and Redis connections. Job data carries row ids only, never message text
// or clue values: SQLite is the record, Redis holds work in flight.
import { Redis } from 'ioredis'

export const QUEUES = {
  outbound: 'outbound',
  schedule: 'schedule',
} as const

/** BullMQ job ids may not contain ':' nor be all digits. */
export const outboundJobId = (outboundId: number) => `out-${outboundId}`

/** A hand-over of several rows (ids ascending, handed over once each): named by its first and last. */
export const handOverJobId = (ids: readonly number[]) => `outs-${ids[0]}-${ids.at(-1)}-${ids.length}`

export interface RedisSettings {
  url: string
  prefix: string
}

/** A connection for queues: fails fast while Redis is down (rows stay in SQLite, swept later). */
export function queueConnection(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
}

/** A connection for workers: BullMQ requires maxRetriesPerRequest null for blocking commands. */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null })
}

/** A connection for one look (PING, counts): connects on demand, never retries nor queues commands. */
export function probeConnection(url: string, timeoutMs: number): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  })
}
