// A Redis outage makes every connection retry several times a second, each retry an 'error': the
// log gets one line per distinct error while Redis is away and one line with the count when it is
// back, not one line per retry.
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { JobQueue } from '../../jobs/job-queue.ts'
import { freshStore } from '../helpers/app.ts'
import { startPrivateRedis } from '../helpers/redis.ts'
import { sleep, until } from '../helpers/wait.ts'

interface Line {
  level: number
  msg: string
  errors?: number
  err?: string
}

function capturingLogger() {
  const lines: Line[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l) as Line)
      done()
    },
  })
  return { log: pino({ level: 'debug' }, stream), lines }
}

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

describe('Redis errors of a queue', () => {
  it('are logged once while Redis is down and counted when it is back', async () => {
    const redis = await startPrivateRedis()
    stops.push(redis.stop)
    const { log, lines } = capturingLogger()
    const jobs = new JobQueue({ name: 'tally', redisUrl: redis.url, prefix: freshStore().prefix, log })
    stops.push(async () => {
      // As app.stop does, with a deadline: the worker replaced after the outage may not close promptly.
      await Promise.race([jobs.closeWorker(), sleep(2000)])
      await jobs.closeConnections()
    })
    jobs.startWorker(async () => undefined)
    await until(() => jobs.ping(), 'the queue answering')

    await redis.stop()
    // ioredis retries with a growing delay from 50 ms: a dozen attempts in three seconds.
    await sleep(3000)
    const down = lines.filter((l) => l.msg.startsWith('redis error'))
    expect(down.length).toBeGreaterThan(0)
    expect(down.length).toBeLessThanOrEqual(3) // one per distinct error (reset, refused, closed)
    expect(new Set(down.map((l) => l.err)).size).toBe(down.length)

    await redis.start()
    await until(
      () => lines.some((l) => /recovered after \d+ errors/.test(l.msg)),
      'the recovery line',
      10_000,
    )
    const back = lines.find((l) => /recovered after/.test(l.msg))
    expect(back?.errors).toBeGreaterThan(down.length)
    // Down again: the first error is logged anew.
    const before = lines.length
    await redis.stop()
    await until(
      () => lines.slice(before).some((l) => l.msg.startsWith('redis error')),
      'a new error line',
      5000,
    )
  }, 30_000)
})
