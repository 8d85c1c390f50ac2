// Scheduled triggers fire exactly once per slot against a real Redis and SQLite file: two
// processes at once, a process killed mid-job, Redis stopped mid-run, and downtime catch-up.
import { type ChildProcess, spawn } from 'node:child_process'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { writeState } from '../../bot/store/service-state.ts'
import { freshStore, startTestApp, type TestApp } from '../helpers/app.ts'
import { startPrivateRedis } from '../helpers/redis.ts'

const children: ChildProcess[] = []
const apps: TestApp[] = []
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
  for (const a of apps.splice(0)) await a.stop()
})

const SLOT_20TH = '2026-11-20T09:00:30+08:00'

function run(store: { dbPath: string; prefix: string }, ...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/schedule-process.ts', ...args], {
    env: { ...process.env, TEST_DB_PATH: store.dbPath, TEST_PREFIX: store.prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { child, exited, output: () => out }
}

function rows(dbPath: string, sql: string): unknown[] {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

const reminderRows = (dbPath: string) =>
  rows(dbPath, "SELECT text FROM OutboundMessage WHERE text LIKE '⏰%'") as { text: string }[]

describe('exactly once per slot', () => {
  it('the same slot triggered from two processes at once → one reminder', async () => {
    const store = freshStore()
    // Create the database first so both processes race on the slot, not on migrations.
    const first = run(store, 'recover', SLOT_20TH)
    expect(await first.exited).toBe(0)
    const [a, b] = [run(store, 'slot', SLOT_20TH), run(store, 'slot', SLOT_20TH)]
    expect(await a.exited).toBe(0)
    expect(await b.exited).toBe(0)
    const sent = [a, b].map((p) => JSON.parse(p.output().trim().split('\n').at(-1) ?? '{}').sent as number)
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1)
    expect(reminderRows(store.dbPath)).toHaveLength(1)
    expect(rows(store.dbPath, 'SELECT key, status FROM ScheduleRun')).toEqual([
      { key: 'reminder-2026-11-20T09', status: 'done' },
    ])
  })

  it('a process killed mid-job → the reminder is sent once after restart', async () => {
    const store = freshStore()
    const hung = run(store, 'slot-hang', SLOT_20TH)
    const deadline = Date.now() + 30_000
    while (!hung.output().includes('claimed')) {
      if (Date.now() > deadline) throw new Error('the hanging process never claimed the slot')
      await new Promise((r) => setTimeout(r, 50))
    }
    await new Promise((r) => setTimeout(r, 500)) // the job is now active in the doomed worker
    hung.child.kill('SIGKILL')
    await hung.exited
    expect(rows(store.dbPath, 'SELECT status FROM ScheduleRun')).toEqual([{ status: 'queued' }])

    const again = run(store, 'recover', SLOT_20TH)
    expect(await again.exited).toBe(0)
    expect(JSON.parse(again.output().trim()).sent).toBe(1)
    expect(reminderRows(store.dbPath)).toHaveLength(1)
    expect(rows(store.dbPath, 'SELECT status FROM ScheduleRun')).toEqual([{ status: 'done' }])
  })
})

describe('downtime', () => {
  const people = [{ name: '王芳', unit: '人民银行' }]
  const roster = 'tests/scenarios/three-units.yaml'

  /** A database whose scheduler last checked the clock at `at` (then the process stopped). */
  async function lastRunAt(at: string) {
    const store = freshStore()
    const seed = await startTestApp({ now: at, people, store, roster })
    await writeState(seed.app.db, 'scheduler.lastCheckedAt', new Date(at).toISOString(), new Date())
    await seed.stop()
    return store
  }

  /** The live process started again at `at` on that database. */
  const restartAt = (at: string, store: ReturnType<typeof freshStore>) =>
    startTestApp({ now: at, people, store, roster, live: true })

  it('a slot missed two hours ago is caught up once; a restart does not repeat it', async () => {
    const store = await lastRunAt('2026-11-20T08:00:00+08:00')

    const t = await restartAt('2026-11-20T11:00:00+08:00', store)
    apps.push(t)
    await t.app.scheduler.finished('reminder-2026-11-20T09')
    await t.app.sender.drained()
    expect(t.sent.filter((s) => s.includes('⏰'))).toHaveLength(1)
    await t.stop()

    const later = await restartAt('2026-11-20T11:05:00+08:00', store)
    apps.push(later)
    await later.app.sender.drained()
    expect(later.sent).toEqual([])
    expect(reminderRows(store.dbPath)).toHaveLength(1)
  })

  it('slots missed by more than the window are recorded as skipped, not sent late', async () => {
    const store = await lastRunAt('2026-11-19T12:00:00+08:00')

    const t = await restartAt('2026-11-26T08:00:00+08:00', store)
    apps.push(t)
    await t.app.sender.drained()
    expect(t.sent).toEqual([])
    expect(rows(store.dbPath, 'SELECT key, status FROM ScheduleRun ORDER BY slot')).toEqual([
      { key: 'reminder-2026-11-20T09', status: 'skipped' },
      { key: 'reminder-2026-11-23T09', status: 'skipped' },
      { key: 'reminder-2026-11-24T09', status: 'skipped' },
      { key: 'reminder-2026-11-25T09', status: 'skipped' },
      { key: 'reminder-2026-11-25T16', status: 'skipped' },
    ])
  })
})

describe('Redis stopped and restarted during a run', () => {
  it('reports are still accepted; replies and the reminder go out once Redis is back; health is red meanwhile', async () => {
    const redis = await startPrivateRedis()
    try {
      const t = await startTestApp({
        now: '2026-11-20T08:00:00+08:00',
        people: [
          { name: '王芳', unit: '人民银行' },
          { name: '马丽', unit: '中国移动' },
        ],
        roster: 'tests/scenarios/three-units.yaml',
        redisUrl: redis.url,
        healthIntervalMs: 200,
      })
      apps.push(t)
      await t.say('王芳', '#月报\n冻结涉案账户数：1')
      await t.app.sender.drained()
      expect(t.sent).toHaveLength(1)
      expect((await t.app.health.check()).redis).toBe(true)

      await redis.stop()
      await t.say('马丽', '#月报\n关停涉诈号码数：2')
      await t.say('王芳', '#月报\n冻结涉案账户数：3')
      t.clock.set(new Date('2026-11-20T09:00:10+08:00'))
      await t.app.scheduler.advance(t.clock.now(), new Date('2026-11-20T08:59:00+08:00'))
      const red = await t.app.health.check()
      expect(red).toMatchObject({ healthy: false, redis: false, pendingOutbound: 2, queuedRuns: 1 })
      expect(await t.app.db.submission.count()).toBe(3)
      expect(t.sent).toHaveLength(1)

      await redis.start()
      // The periodic sweeps (here called directly) re-queue what Redis missed.
      const redisBack = async () => (await t.app.sender.jobs.ping()) && (await t.app.scheduler.jobs.ping())
      for (let i = 0; i < 100 && !(await redisBack()); i++) await new Promise((r) => setTimeout(r, 100))
      await t.app.sender.sweep()
      await t.app.scheduler.sweep()
      await t.app.scheduler.finished('reminder-2026-11-20T09')
      await t.app.sender.drained()
      expect(t.sent).toHaveLength(4)
      expect(t.sent.filter((s) => s.includes('⏰'))).toHaveLength(1)
      expect(t.sent.filter((s) => s.includes('已收到'))).toHaveLength(3)
      // health turns green again once heartbeat jobs complete
      let report = await t.app.health.check()
      for (let i = 0; i < 50 && !report.healthy; i++) {
        await new Promise((r) => setTimeout(r, 100))
        report = await t.app.health.check()
      }
      expect(report.healthy).toBe(true)
    } finally {
      await redis.stop()
    }
  })
})
