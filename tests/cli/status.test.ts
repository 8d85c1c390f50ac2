// `npm run cli -- status`: what the running bot recorded (login, health), Redis and the queues, the
// backlog in the record. With Redis down it says so and still reports the rest, exit code 0.
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { writeState } from '../../bot/store/service-state.ts'
import { QUEUES } from '../../jobs/queues.ts'
import { startTestApp } from '../helpers/app.ts'
import { cliStore, withDb } from './cli-store.ts'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function until<T>(fn: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await fn()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('status', () => {
  it('shows the login, the process running and then stopped, Redis with queue counts, the last job completed and the backlog', async () => {
    const s = cliStore()
    // the real time: "running" means a health record from the last two minutes
    const t = await startTestApp({
      now: new Date().toISOString(),
      people: [{ name: '王芳', unit: '人民银行' }],
      store: { dbPath: s.dbPath, prefix: s.prefix },
    })
    let stopped = false
    cleanups.push(async () => {
      if (!stopped) await t.stop()
    })
    // the login handler records the account; health runs heartbeats through both queues
    await until(
      async () => (await t.app.db.serviceState.findUnique({ where: { key: 'bot.login' } })) ?? undefined,
      'login',
    )
    await until(async () => {
      const h = await t.app.health.check()
      return h.queues.outbound?.lastCompletedAt && h.queues.schedule?.lastCompletedAt ? h : undefined
    }, 'heartbeats')
    await t.say('王芳', '模板')
    await t.app.sender.drained()
    const running = await s.cli('status')
    expect(running.out).toContain(`机器人：已登录（反诈助手）；进程运行中（进程号 ${process.pid}）`)
    await t.stop()
    stopped = true

    // work in flight: one delayed and one waiting job, and two rows not delivered yet
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
    const outbound = new Queue(QUEUES.outbound, { connection, prefix: s.prefix })
    const schedule = new Queue(QUEUES.schedule, { connection, prefix: s.prefix })
    cleanups.push(async () => {
      for (const q of [outbound, schedule]) {
        await q.obliterate({ force: true })
        await q.close()
      }
      connection.disconnect()
    })
    await outbound.add('run', { outboundId: 9999 }, { delay: 3_600_000, jobId: 'out-9999' })
    await schedule.add('run', { key: 'x' }, { jobId: 'status-test' })
    await withDb(s, async (db) => {
      const at = new Date()
      for (const text of ['一', '二'])
        await db.outboundMessage.create({
          data: { chat: 'room', roomTopic: '群', recipientName: '群', text, createdAt: at },
        })
    })

    const r = await s.cli('status')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/机器人：未运行；\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（\d+ 秒前）正常停止/)
    expect(r.out).toMatch(/上次登录：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（\d+ 秒前） 反诈助手/)
    expect(r.out).toContain('上次退出：无记录')
    expect(r.out).toContain(`Redis：可连接（${REDIS_URL}，前缀 ${s.prefix}）`)
    expect(r.out).toContain('消息发送队列：等待 0，处理中 0，延迟 1，失败 0')
    expect(r.out).toContain('定时任务队列：等待 1，处理中 0，延迟 0，失败 0')
    expect(r.out).toMatch(
      /最近完成的任务：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（.+）（(消息发送|定时任务)队列）/,
    )
    expect(r.out).toContain('健康检查：正常')
    expect(r.out).toContain('待发送消息：2 条')
    expect(r.out).toContain('排队中的定时任务：0 个')
    expect(r.out).toMatch(/最近收到消息：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（\d+ 秒前）/)
  })

  it('with Redis unreachable: says so, reports the rest, exit code 0', async () => {
    const s = cliStore({ REDIS_URL: 'redis://127.0.0.1:1' })
    await withDb(s, async (db) => {
      await db.outboundMessage.create({
        data: { chat: 'room', roomTopic: '群', recipientName: '群', text: '一', createdAt: new Date() },
      })
      await db.scheduleRun.create({
        data: {
          key: 'reminder-x',
          schedule: 'reminder',
          slot: new Date(),
          status: 'queued',
          createdAt: new Date(),
        },
      })
    })
    const r = await s.cli('status')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/Redis：无法连接（redis:\/\/127\.0\.0\.1:1）：.*ECONNREFUSED/)
    expect(r.out).toContain('队列数量无法读取')
    expect(r.out).toContain('机器人：从未登录')
    expect(r.out).toContain('待发送消息：1 条')
    expect(r.out).toContain('排队中的定时任务：1 个')
    expect(r.out).toContain('最近收到消息：无')
  })

  it('outbound messages by delivery state, and the oldest not yet sent with its last error', async () => {
    const s = cliStore({ REDIS_URL: 'redis://127.0.0.1:1' })
    await withDb(s, async (db) => {
      const at = new Date(Date.now() - 120_000)
      const row = (state: string, attempts: number, lastError: string | null) => ({
        chat: 'room',
        roomTopic: '群',
        recipientName: '群',
        text: state,
        createdAt: at,
        state,
        attempts,
        lastError,
        ...(state === 'sent' ? { sentAt: at } : {}),
      })
      await db.outboundMessage.create({ data: row('failed', 5, 'message rejected') })
      await db.outboundMessage.create({ data: row('retrying', 2, '操作过于频繁') })
      await db.outboundMessage.create({ data: row('pending', 0, null) })
      await db.outboundMessage.create({ data: row('sent', 1, null) })
    })
    const r = await s.cli('status')
    expect(r.code).toBe(0)
    expect(r.out).toContain('待发送消息：2 条（未发 1，发送失败重试中 1）；已放弃 1 条；已发送 1 条')
    expect(r.out).toMatch(
      / {2}最早未发：第 2 条，\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（2 分钟前）生成，已尝试 2 次，最近错误：操作过于频繁/,
    )
  })

  it('a logout after the login, and health not updated for a while: logged out, process probably gone', async () => {
    const s = cliStore()
    await withDb(s, async (db) => {
      const now = Date.now()
      await writeState(db, 'bot.login', '反诈助手', new Date(now - 3_600_000))
      await writeState(db, 'bot.logout', '反诈助手', new Date(now - 600_000))
      const health = {
        healthy: false,
        redis: false,
        queues: {
          outbound: { lastCompletedAt: null, ok: false },
          schedule: { lastCompletedAt: null, ok: true },
        },
        pendingOutbound: 0,
        queuedRuns: 0,
        checkedAt: new Date(now - 600_000).toISOString(),
      }
      await writeState(db, 'health', JSON.stringify(health), new Date(now - 600_000))
    })
    const r = await s.cli('status')
    expect(r.code).toBe(0)
    expect(r.out).toContain(
      '机器人：已退出登录；但机器人进程没有运行（上次没有正常停止，健康记录最后更新于10 分钟前）',
    )
    expect(r.out).toContain('健康检查：异常（Redis 不可用，消息发送队列无任务完成）')
    expect(r.out).toContain('最近完成的任务：无')
  })

  it('bad arguments: exit code 2, nothing written', async () => {
    const s = cliStore()
    await s.cli('units', 'list') // the first command seeds the units
    const state = s.query('SELECT * FROM "ServiceState"')
    for (const argv of [
      ['status', 'now'],
      ['status', '--redis', 'x'],
    ]) {
      const r = await s.cli(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.out).toContain('用法: npm run cli -- status')
    }
    expect(s.query('SELECT * FROM "ServiceState"')).toEqual(state)
    const help = await s.cli('status', '--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('Redis 不可用时')
  })
})
