// A deployment of several OS processes: workers (what `npm run worker` runs: the schedules without
// WeChat) and bot processes (the session and the sends), one SQLite file and one Redis prefix per
// office. Each slot's messages are written once and sent once, whichever process claims the slot;
// the catch-up every process makes at start doubles nothing; and an office's messages are sent by
// the bot of that office only.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore, withoutMentions } from '../helpers/app.ts'
import { type FixtureProcess, killFixtures, runFixture } from '../helpers/process.ts'
import { sleep, until } from '../helpers/wait.ts'

afterEach(() => killFixtures())

type Store = ReturnType<typeof freshStore>

const FIXTURE = 'tests/fixtures/deployment-process.ts'
const THE_20TH = '2026-11-20T09:00:30+08:00'

function rows<T>(store: Store, sql: string): T[] {
  const db = new Database(store.dbPath, { readonly: true })
  try {
    return db.prepare(sql).all() as T[]
  } finally {
    db.close()
  }
}

const fixtureEnv = (store: Store) => ({ TEST_DB_PATH: store.dbPath, TEST_PREFIX: store.prefix })

async function seed(store: Store, lastChecked: string, ...extra: string[]): Promise<void> {
  const p = runFixture(FIXTURE, ['seed', lastChecked, ...extra], fixtureEnv(store))
  expect(await p.exited).toBe(0)
}

/** The office's record has settled at `at`: the scheduler checked up to it, nothing queued or unsent. */
function settled(store: Store, at: string): boolean {
  const [checked] = rows<{ value: string }>(
    store,
    "SELECT value FROM ServiceState WHERE key = 'scheduler.lastCheckedAt'",
  )
  const [busy] = rows<{ n: number }>(
    store,
    `SELECT (SELECT count(*) FROM ScheduleRun WHERE status = 'queued')
          + (SELECT count(*) FROM OutboundMessage WHERE sentAt IS NULL) AS n`,
  )
  return checked?.value === new Date(at).toISOString() && busy?.n === 0
}

/**
 * Starts, per office, its bots and workers at `at`, lets them all start at once (so that every
 * catch-up races on the same slots), waits until every office has settled and stayed so for a
 * moment (a doubled run would come late), stops them, and returns what each office's bots sent.
 * `lateFrom`: once settled, one more worker per office claims the slots since that last check, as
 * a process does that read the last check before the others moved it (a pause, a slow start).
 */
async function deploy(
  at: string,
  offices: { store: Store; bots: number; workers: number }[],
  lateFrom?: string,
) {
  const control = dirname(offices[0]?.store.dbPath as string)
  const files = { GO_FILE: join(control, `go-${Date.now()}`), STOP_FILE: join(control, `stop-${Date.now()}`) }
  const started = offices.map(({ store, bots, workers }) => {
    const run = (mode: string) => runFixture(FIXTURE, [mode, at], { ...fixtureEnv(store), ...files })
    return {
      bots: Array.from({ length: bots }, () => run('bot')),
      workers: Array.from({ length: workers }, () => run('worker')),
    }
  })
  const all: FixtureProcess[] = started.flatMap((o) => [...o.bots, ...o.workers])
  await until(() => all.every((p) => p.output().includes('ready')), 'every process to be ready', 90_000)
  writeFileSync(files.GO_FILE, '')
  const allSettled = () => offices.every((o) => settled(o.store, at))
  await until(allSettled, 'every office to settle', 90_000)
  if (lateFrom) {
    const late = offices.map(({ store }) => runFixture(FIXTURE, ['late', at, lateFrom], fixtureEnv(store)))
    for (const p of late) expect(await p.exited).toBe(0)
  }
  await sleep(1500)
  await until(allSettled, 'every office to stay settled', 30_000)
  writeFileSync(files.STOP_FILE, '')
  for (const p of all) expect(await p.exited).toBe(0)
  return started.map((o) => o.bots.flatMap((b) => b.result<{ sent: string[] }>().sent.map(withoutMentions)))
}

const outboundTexts = (store: Store, afterId = 0) =>
  rows<{ text: string }>(store, `SELECT text FROM OutboundMessage WHERE id > ${afterId} AND text <> ''`).map(
    (r) => r.text,
  )
const lastOutboundId = (store: Store) =>
  rows<{ id: number | null }>(store, 'SELECT max(id) AS id FROM OutboundMessage')[0]?.id ?? 0
const runsOf = (store: Store, schedule: string) =>
  rows<{ key: string; status: string }>(
    store,
    `SELECT key, status FROM ScheduleRun WHERE schedule = '${schedule}' ORDER BY slot`,
  )
const sorted = (texts: string[]) => [...texts].sort()

describe('workers beside the bot, each an OS process, on one database and Redis prefix', () => {
  it('3 workers and 2 bot processes catching up at once, and a late one: the reminder and the bulletin are written once and sent once', async () => {
    const store = freshStore()
    // Down since yesterday noon: yesterday's 16:00 collection slot is past the catch-up window,
    // today's 09:00 reminder and bulletin (tests/scenarios/deployment.yaml) are within it.
    const down = '2026-11-19T12:00:00+08:00'
    await seed(store, down)

    const [sent] = await deploy(THE_20TH, [{ store, bots: 2, workers: 3 }], down)
    expect(runsOf(store, 'collection-reminder')).toEqual([
      { key: 'collection-reminder-2026-11-19T16', status: 'skipped' },
      { key: 'collection-reminder-2026-11-20T09', status: 'done' },
    ])
    expect(runsOf(store, 'reminder')).toEqual([{ key: 'reminder-2026-11-20T09', status: 'done' }])
    expect(runsOf(store, 'bulletin')).toEqual([{ key: 'bulletin-2026-11-20T09', status: 'done' }])
    expect(rows(store, 'SELECT period, version FROM Bulletin')).toEqual([{ period: '2026-11', version: 1 }])
    const written = outboundTexts(store)
    expect(written.filter((t) => t.startsWith('⏰'))).toHaveLength(1)
    expect(written.filter((t) => t.includes('第1版'))).toHaveLength(1)
    // Every message written is sent, and once: by one of the two bots.
    expect(sorted(sent ?? [])).toEqual(sorted(written))
  }, 300_000)

  it('two offices, each with its own WeChat account (bot), database and prefix: each office hears its own reminder once', async () => {
    const [a, b] = [freshStore(), freshStore()]
    await seed(a, '2026-11-20T08:00:00+08:00')
    // 人民银行 of office B has reported: B's reminder names 中国移动 alone, A's both units.
    await seed(b, '2026-11-20T08:00:00+08:00', 'reported')
    const beforeB = lastOutboundId(b)

    const [sentA, sentB] = await deploy(THE_20TH, [
      { store: a, bots: 1, workers: 1 },
      { store: b, bots: 1, workers: 1 },
    ])
    const reminder = (texts: string[]) => texts.filter((t) => t.startsWith('⏰'))
    expect(reminder(sentA ?? [])).toHaveLength(1)
    expect(reminder(sentA ?? [])[0]).toContain('人民银行')
    expect(reminder(sentB ?? [])).toHaveLength(1)
    expect(reminder(sentB ?? [])[0]).not.toContain('人民银行')
    expect(sorted(sentA ?? [])).toEqual(sorted(outboundTexts(a)))
    expect(sorted(sentB ?? [])).toEqual(sorted(outboundTexts(b, beforeB)))
  }, 300_000)
})
