// A deployment of several OS processes: workers (the schedules without WeChat) and bot processes
// (the session and the sends), one SQLite file and one Redis prefix per office. Each slot's messages
// are written once and sent once, whichever process claims the slot; the catch-up every process
// makes at start doubles nothing; an office's messages are sent by the bot of that office only; and
// workers as `npm run worker` runs them, each serving every office of ROSTER_FILE, do the same.
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

/** An office's record and prefix, and (for a deployment of several) its roster and room. */
type Office = { store: Store; roster?: string; room?: string }

const fixtureEnv = ({ store, roster, room }: Office) => ({
  TEST_DB_PATH: store.dbPath,
  TEST_PREFIX: store.prefix,
  ...(roster ? { TEST_ROSTER: roster } : {}),
  ...(room ? { TEST_ROOM: room } : {}),
})

async function seed(office: Store | Office, lastChecked: string, ...extra: string[]): Promise<void> {
  const o = 'store' in office ? office : { store: office }
  const p = runFixture(FIXTURE, ['seed', lastChecked, ...extra], fixtureEnv(o))
  expect(await p.exited).toBe(0)
}

/**
 * The office's record has settled at `at`: the scheduler checked up to it, nothing queued or
 * (`sending`: a bot of the office runs) unsent.
 */
function settled(store: Store, at: string, sending = true): boolean {
  const [checked] = rows<{ value: string }>(
    store,
    "SELECT value FROM ServiceState WHERE key = 'scheduler.lastCheckedAt'",
  )
  const [busy] = rows<{ n: number }>(
    store,
    `SELECT (SELECT count(*) FROM ScheduleRun WHERE status = 'queued')
          + ${sending ? '(SELECT count(*) FROM OutboundMessage WHERE sentAt IS NULL)' : '0'} AS n`,
  )
  return checked?.value === new Date(at).toISOString() && busy?.n === 0
}

/**
 * Starts, per office, its bots and workers at `at`, lets them all start at once (so that every
 * catch-up races on the same slots), waits until every office has settled and stayed so for a
 * moment (a doubled run would come late), stops them, and returns what each office's bots sent.
 * `lateFrom`: once settled, one more worker per office claims the slots since that last check, as
 * a process does that read the last check before the others moved it (a pause, a slow start).
 * `deployment`: workers as `npm run worker` runs them, each serving every office of its settings.
 */
async function deploy(
  at: string,
  offices: (Office & { bots: number; workers: number })[],
  lateFrom?: string,
  deployment?: Office & { workers: number },
) {
  const control = dirname(offices[0]?.store.dbPath as string)
  const files = { GO_FILE: join(control, `go-${Date.now()}`), STOP_FILE: join(control, `stop-${Date.now()}`) }
  const run = (mode: string, office: Office) =>
    runFixture(FIXTURE, [mode, at], { ...fixtureEnv(office), ...files })
  const started = offices.map((office) => ({
    bots: Array.from({ length: office.bots }, () => run('bot', office)),
    workers: Array.from({ length: office.workers }, () => run('worker', office)),
  }))
  const shared = Array.from({ length: deployment?.workers ?? 0 }, () => run('workers', deployment as Office))
  const all: FixtureProcess[] = [...started.flatMap((o) => [...o.bots, ...o.workers]), ...shared]
  await until(() => all.every((p) => p.output().includes('ready')), 'every process to be ready', 90_000)
  writeFileSync(files.GO_FILE, '')
  const allSettled = () => offices.every((o) => settled(o.store, at, o.bots > 0))
  await until(allSettled, 'every office to settle', 90_000)
  if (lateFrom) {
    const late = offices.map((o) => runFixture(FIXTURE, ['late', at, lateFrom], fixtureEnv(o)))
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

  it('3 workers as `npm run worker` runs them, each serving both offices of ROSTER_FILE: each office’s reminder and bulletin written once while no bot runs, then sent once by its own bot', async () => {
    // The deployment's settings: DATABASE_URL and REDIS_PREFIX as given, each office on
    // bot.<key>.db and <prefix>:<key> (bot/offices.ts), where each office's bot is started.
    const base = freshStore()
    const folder = 'tests/scenarios/deployment-offices'
    const office = (key: string, room?: string): Office => ({
      store: {
        ...base,
        dbPath: join(dirname(base.dbPath), `bot.${key}.db`),
        prefix: `${base.prefix}:${key}`,
      },
      roster: `${folder}/${key}.yaml`,
      ...(room ? { room } : {}),
    })
    const [east, west] = [office('east'), office('west', '西县反诈联席会联络员群')] as [Office, Office]
    await seed(east, '2026-11-20T08:00:00+08:00')
    // 人民银行 of the west office has reported: its reminder names 中国移动 alone, the east's both.
    await seed(west, '2026-11-20T08:00:00+08:00', 'reported')
    const beforeWest = lastOutboundId(west.store)
    const reminder = (texts: string[]) => texts.filter((t) => t.startsWith('⏰'))
    const issued = (texts: string[]) => texts.filter((t) => t.includes('第1版'))

    // The workers alone: every office's slots are claimed and written, nothing is sent.
    await deploy(
      THE_20TH,
      [
        { ...east, bots: 0, workers: 0 },
        { ...west, bots: 0, workers: 0 },
      ],
      undefined,
      { store: base, roster: folder, workers: 3 },
    )
    for (const [o, after] of [
      [east, 0],
      [west, beforeWest],
    ] as const) {
      expect(runsOf(o.store, 'reminder')).toEqual([{ key: 'reminder-2026-11-20T09', status: 'done' }])
      expect(runsOf(o.store, 'bulletin')).toEqual([{ key: 'bulletin-2026-11-20T09', status: 'done' }])
      expect(reminder(outboundTexts(o.store, after))).toHaveLength(1)
      expect(issued(outboundTexts(o.store, after))).toHaveLength(1)
      expect(
        rows(o.store, `SELECT id FROM OutboundMessage WHERE id > ${after} AND sentAt IS NOT NULL`),
      ).toEqual([])
    }
    expect(reminder(outboundTexts(east.store))[0]).toContain('人民银行')
    expect(reminder(outboundTexts(west.store, beforeWest))[0]).not.toContain('人民银行')
    expect(
      rows(
        west.store,
        `SELECT DISTINCT roomTopic FROM OutboundMessage WHERE id > ${beforeWest} AND chat = 'room'`,
      ),
    ).toEqual([{ roomTopic: '西县反诈联席会联络员群' }])

    // Each office's bot: what its office's workers wrote goes out once, and nothing is written again.
    const [sentEast, sentWest] = await deploy(THE_20TH, [
      { ...east, bots: 1, workers: 0 },
      { ...west, bots: 1, workers: 0 },
    ])
    expect(reminder(sentEast ?? [])).toHaveLength(1)
    expect(reminder(sentWest ?? [])).toHaveLength(1)
    expect(issued(sentEast ?? [])).toHaveLength(1)
    expect(issued(sentWest ?? [])).toHaveLength(1)
    expect(sorted(sentEast ?? [])).toEqual(sorted(outboundTexts(east.store)))
    expect(sorted(sentWest ?? [])).toEqual(sorted(outboundTexts(west.store, beforeWest)))
  }, 300_000)
})
