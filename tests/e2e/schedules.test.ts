// Scheduled triggers fire exactly once per slot against a real Redis and SQLite file: two
// processes at once, a process killed mid-job, and downtime catch-up. (Redis stopped mid-run:
// redis-outage.test.ts.)
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { writeState } from '../../bot/store/service-state.ts'
import { freshStore, startTestApp, type TestApp } from '../helpers/app.ts'
import { killFixtures, runFixture } from '../helpers/process.ts'
import { sleep, until } from '../helpers/wait.ts'

const apps: TestApp[] = []
afterEach(async () => {
  killFixtures()
  for (const a of apps.splice(0)) await a.stop()
})

const SLOT_20TH = '2026-11-20T09:00:30+08:00'

const run = (store: { dbPath: string; prefix: string }, ...args: string[]) =>
  runFixture('tests/fixtures/schedule-process.ts', args, {
    TEST_DB_PATH: store.dbPath,
    TEST_PREFIX: store.prefix,
  })

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
    const sent = [a, b].map((p) => p.result<{ sent: number }>().sent)
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1)
    expect(reminderRows(store.dbPath)).toHaveLength(1)
    // (The collections' slot of the same minute is a run of its own.)
    expect(rows(store.dbPath, "SELECT key, status FROM ScheduleRun WHERE key LIKE 'reminder-%'")).toEqual([
      { key: 'reminder-2026-11-20T09', status: 'done' },
    ])
  })

  it('a process killed mid-job → the reminder is sent once after restart', async () => {
    const store = freshStore()
    const hung = run(store, 'slot-hang', SLOT_20TH)
    await until(() => hung.output().includes('claimed'), 'the hanging process to claim the slot')
    await sleep(500) // the job is now active in the doomed worker
    await hung.kill()
    const reminderRuns = () =>
      rows(store.dbPath, "SELECT status FROM ScheduleRun WHERE key LIKE 'reminder-%'")
    expect(reminderRuns()).toEqual([{ status: 'queued' }])

    const again = run(store, 'recover', SLOT_20TH)
    expect(await again.exited).toBe(0)
    expect(again.result<{ sent: number }>().sent).toBe(1)
    expect(reminderRows(store.dbPath)).toHaveLength(1)
    expect(reminderRuns()).toEqual([{ status: 'done' }])
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
    const runs = "SELECT key, status FROM ScheduleRun WHERE key LIKE 'reminder-%' ORDER BY slot"
    expect(rows(store.dbPath, 'SELECT DISTINCT status FROM ScheduleRun')).toEqual([{ status: 'skipped' }])
    expect(rows(store.dbPath, runs)).toEqual([
      { key: 'reminder-2026-11-20T09', status: 'skipped' },
      { key: 'reminder-2026-11-23T09', status: 'skipped' },
      { key: 'reminder-2026-11-24T09', status: 'skipped' },
      { key: 'reminder-2026-11-25T09', status: 'skipped' },
      { key: 'reminder-2026-11-25T16', status: 'skipped' },
    ])
  })
})
