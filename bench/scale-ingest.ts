// The scale bench's ingest, on one engine's seeded record (a child of run.ts): one bot process
// serving the city and its counties on one mock WeChat account (createApp with the deployment's
// offices, messages routed by room), the liaisons of every county (3 per unit) each keeping one
// `#月报` in flight in their county's room; then one at a time, as bench/ingest.ts. Its baseline
// is the bare Wechaty bot of bench/ingest-baseline.ts (run by run.ts).
import '../bot/chat/quiet.ts'
import { createApp } from '../bot/app.ts'
import { createMockWorld } from '../bot/chat/mock-world.ts'
import { readEnv } from '../bot/config.ts'
import { SimulatedClock } from '../bot/domain/clock.ts'
import { createLogger } from '../bot/log.ts'
import type { Db } from '../bot/store/db.ts'
import { listUnits } from '../bot/store/units.ts'
import { type ChildResult, cpuSeconds, dropStore, freshStore, PeakMemory, round } from './common.ts'
import { drive, result, Tracker } from './ingest-common.ts'
import {
  baseUrl,
  countyName,
  countyPeople,
  type Engine,
  type ScaleSetup,
  scaleOffices,
} from './scale-offices.ts'

const counts = async (db: Db) => ({
  handled: await db.inboundMessage.count({ where: { outcome: 'handled' } }),
  submissions: await db.submission.count(),
  outbound: await db.outboundMessage.count(),
})

export async function scaleIngest(s: ScaleSetup, engine: Engine): Promise<ChildResult> {
  const mem = new PeakMemory()
  // Only for its Redis prefix (each office's queues under it); the record is the seeded one.
  const redis = freshStore('scale-ingest')
  const env = {
    ...readEnv({}),
    DATABASE_URL: baseUrl(s, engine),
    REDIS_PREFIX: redis.prefix,
    SEND_INTERVAL_MS: 0,
    SEND_PER_MINUTE: 0,
  }
  const clock = new SimulatedClock(new Date('2026-11-18T10:00:00+08:00'))
  const app = await createApp({
    env,
    offices: scaleOffices(s),
    clock,
    log: createLogger('silent'),
    healthIntervalMs: 3_600_000,
  })
  await app.start({ live: false })
  const counties = app.offices.filter((o) => o.office.parent !== undefined)
  const rooms = await Promise.all(
    counties.map(async (o, i) => ({
      topic: o.env.ROOM_TOPIC,
      people: countyPeople(o.office.key, countyName(i), await listUnits(o.db)),
    })),
  )
  const everyone = rooms.flatMap((r) => r.people)
  const roomOf = new Map(rooms.flatMap((r) => r.people.map((p) => [p.name, r.topic] as const)))
  const [first, ...more] = rooms
  if (!first) throw new Error('scale: no counties')
  const loggedIn = new Promise((resolve) => app.bot.once('login', resolve))
  const world = createMockWorld(app.mocker as NonNullable<typeof app.mocker>, {
    roomTopic: first.topic,
    roomId: 'scale-room-1',
    botId: 'scale-bot',
    people: everyone,
    roomMembers: first.people.map((p) => p.name),
    moreRooms: more.map((r, i) => ({
      topic: r.topic,
      id: `scale-room-${i + 2}`,
      members: r.people.map((p) => p.name),
    })),
  })
  await loggedIn
  await new Promise((r) => setTimeout(r, 50))
  const tracker = new Tracker()
  const before = await Promise.all(counties.map((o) => counts(o.db)))
  for (const o of app.offices) {
    o.sender.pause()
    const receive = o.pipeline.receive.bind(o.pipeline)
    o.pipeline.receive = async (draft) => {
      await receive(draft)
      tracker.complete(draft.text)
    }
  }
  // Each liaison speaks in the room of their county.
  const inRooms = { ...world, say: (from: string, text: string) => world.say(from, text, roomOf.get(from)) }
  const cpu0 = cpuSeconds()
  const warmup = Math.min(300, Math.ceil(s.messages / 10))
  const r = await drive({ world: inRooms, people: everyone, tracker }, s.messages, warmup)
  const cpuS = cpuSeconds() - cpu0
  const after = await Promise.all(counties.map((o) => counts(o.db)))
  const added = (k: keyof Awaited<ReturnType<typeof counts>>) =>
    after.reduce((sum, a, i) => sum + a[k] - (before[i]?.[k] ?? 0), 0)
  const got = { handled: added('handled'), submissions: added('submissions'), outbound: added('outbound') }
  if (got.handled !== r.total || got.submissions !== r.total || got.outbound !== r.total)
    throw new Error(
      `scale ingest: expected ${r.total} handled reports with one reply each, got ${JSON.stringify(got)}`,
    )
  await app.stop()
  await dropStore(redis)
  return {
    ...result('bot', r, mem, {
      engine,
      rooms: rooms.length,
      liaisons: everyone.length,
      // Load and latency phases together, warm-up included.
      cpuMsPerMessage: round((cpuS * 1000) / r.total, 3),
      ...got,
    }),
    bench: 'scale-ingest',
  }
}
