// Redis stopped for 20 s in the middle of a run, then started again on the same port, empty (the
// harsher case: a Redis without persistence loses the queues; SQLite still has every row): the
// liaisons' reports are taken and recorded meanwhile and health shows red; once Redis is back the
// workers run jobs again, every reply and the reminder that fell due go out exactly once, and
// health is green again.
import { afterEach, describe, expect, it } from 'vitest'
import { collectStatus, renderStatus } from '../../bot/services/status.ts'
import { redisStatus } from '../../jobs/queue-status.ts'
import { freshStore, startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { startPrivateRedis } from '../helpers/redis.ts'
import { sleep, until } from '../helpers/wait.ts'

const OUTAGE_MS = 20_000
/** Reports the liaisons send while Redis is down, spread over the outage. */
const REPORTS_DURING_OUTAGE = 10
/** Health is checked this often (the running bot: every 30 s). */
const HEALTH_INTERVAL_MS = 500

const LIAISONS = [
  { name: '王芳', unit: '人民银行', field: '冻结涉案账户数' },
  { name: '马丽', unit: '中国移动', field: '关停涉诈号码数' },
]
const report = (n: number) => {
  const liaison = LIAISONS[n % LIAISONS.length] as (typeof LIAISONS)[number]
  return { from: liaison.name, text: `#月报\n${liaison.field}：${n}` }
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** What `cli status` shows about Redis and health: its 'Redis：' and '健康检查：' lines. */
async function statusLines(t: TestApp, o: { redisUrl: string; prefix: string }) {
  const text = renderStatus(
    await collectStatus(t.app.db, { ...o, redis: redisStatus(o.redisUrl, o.prefix), now: new Date() }),
  )
  const line = (start: string) => text.split('\n').find((l) => l.startsWith(start)) ?? ''
  return { redis: line('Redis：'), health: line('健康检查：') }
}

async function outboundRows(t: TestApp) {
  return t.app.db.outboundMessage.findMany({ select: { text: true, sentAt: true } })
}

describe('Redis stopped for 20 s and started again empty', () => {
  it('reports are taken meanwhile and answered once Redis is back, each once; health is red meanwhile', async () => {
    const redis = await startPrivateRedis()
    cleanups.push(redis.stop)
    const store = freshStore()
    const t = await startTestApp({
      now: '2026-11-20T08:00:00+08:00',
      people: LIAISONS,
      roster: 'tests/scenarios/three-units.yaml',
      redisUrl: redis.url,
      store,
      healthIntervalMs: HEALTH_INTERVAL_MS,
    })
    cleanups.push(() => t.stop())
    t.app.health.start()
    const status = () => statusLines(t, { redisUrl: redis.url, prefix: store.prefix })

    const first = report(0)
    await t.say(first.from, first.text)
    await t.app.sender.drained()
    expect(t.sent).toHaveLength(1)
    await until(async () => (await status()).health.startsWith('健康检查：正常'), 'health green before')

    await redis.stop()
    const stoppedAt = Date.now()
    // The 09:00 reminder falls due at once (node-cron's minute tick, driven here on the test's clock).
    t.clock.set(new Date('2026-11-20T09:00:10+08:00'))
    await t.app.scheduler.advance(t.clock.now(), new Date('2026-11-20T08:59:00+08:00'))
    const seen: Awaited<ReturnType<typeof status>>[] = []
    for (let n = 1; n <= REPORTS_DURING_OUTAGE; n++) {
      await sleep(stoppedAt + ((n - 1) * OUTAGE_MS) / REPORTS_DURING_OUTAGE - Date.now())
      const r = report(n)
      await t.say(r.from, r.text)
      seen.push(await status())
    }
    await sleep(stoppedAt + OUTAGE_MS - Date.now())
    seen.push(await status())

    // Taken and recorded in SQLite, the replies written and the reminder's run claimed; nothing sent.
    expect(await t.app.db.inboundMessage.count({ where: { outcome: 'handled' } })).toBe(
      1 + REPORTS_DURING_OUTAGE,
    )
    expect(await t.app.db.submission.count()).toBe(1 + REPORTS_DURING_OUTAGE)
    expect(await t.app.db.outboundMessage.count({ where: { sentAt: null } })).toBe(REPORTS_DURING_OUTAGE)
    expect(await t.app.db.scheduleRun.count({ where: { status: 'queued' } })).toBe(1)
    expect(t.sent).toHaveLength(1)
    // Red throughout (past the first check after the stop), in `cli status` as in the health record.
    for (const s of seen) expect(s.redis).toMatch(/^Redis：无法连接/)
    for (const s of seen.slice(1)) expect(s.health).toMatch(/^健康检查：异常（Redis 不可用/)
    expect(t.app.health.latest).toMatchObject({
      healthy: false,
      redis: false,
      pendingOutbound: REPORTS_DURING_OUTAGE,
      queuedRuns: 1,
    })

    await redis.start()
    const restartedAt = Date.now()
    // Redis came back empty: as soon as it answers, the bot re-queues from SQLite what it lost.
    await t.app.scheduler.finished('reminder-2026-11-20T09')
    await t.app.sender.drained()

    // Every reply and the reminder sent, each exactly once.
    const rows = await outboundRows(t)
    expect(rows).toHaveLength(1 + REPORTS_DURING_OUTAGE + 1)
    expect(rows.every((r) => r.sentAt)).toBe(true)
    const sent = t.sent.map(withoutMentions)
    expect(sent.filter((s) => s.startsWith('✅ 已收到'))).toHaveLength(1 + REPORTS_DURING_OUTAGE)
    expect(sent.filter((s) => s.startsWith('⏰'))).toHaveLength(1)
    expect(sent.sort()).toEqual(rows.map((r) => r.text).sort())

    // Jobs complete again in both queues, and health turns green.
    await until(
      async () => (await status()).health.startsWith('健康检查：正常'),
      'health green again',
      20_000,
    )
    const after = await status()
    expect(after.redis).toMatch(/^Redis：可连接/)
    for (const q of Object.values(t.app.health.latest?.queues ?? {}))
      expect(Date.parse(q.lastCompletedAt ?? '')).toBeGreaterThan(restartedAt)
  }, 90_000)
})
