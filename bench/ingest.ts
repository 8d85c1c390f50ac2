// Benchmark 1, ingest: report messages from many liaisons through the real path (mock puppet →
// persist → identify → parse → store → outbound row), against a bare Wechaty + mock-puppet bot that
// only persists the raw message with one prepared SQLite insert.
//
// Two phases, each over N messages after a short warm-up (ingest-common.ts):
//   load     45 liaisons (3 per unit) each keep one report in flight (BENCH_INGEST_MODE=burst: all
//            N said at once); messages/s = N ÷ (first say() → last message handled).
//   latency  one message at a time; latency = say() → the message handled (its transaction
//            committed, outbound rows written). Delivery of the replies is not part of ingest: the
//            sender's worker is paused (rows are still handed to BullMQ, as live).
import '../bot/chat/quiet.ts'
import { createApp } from '../bot/app.ts'
import { createMockWorld } from '../bot/chat/mock-world.ts'
import { loadRoster, readEnv } from '../bot/config.ts'
import { SimulatedClock } from '../bot/domain/clock.ts'
import { createLogger } from '../bot/log.ts'
import { bindPerson } from '../bot/store/people.ts'
import { listUnits } from '../bot/store/units.ts'
import { type BenchStore, type ChildResult, dropStore, freshStore, PeakMemory } from './common.ts'
import { drive, type LoadMode, people, ROOM, result, Tracker } from './ingest-common.ts'

export async function ingestBot(n: number, warmup: number, mode?: LoadMode): Promise<ChildResult> {
  const mem = new PeakMemory()
  const store: BenchStore = freshStore('ingest')
  const env = {
    ...readEnv({}),
    DATABASE_URL: store.url,
    REDIS_PREFIX: store.prefix,
    ROOM_TOPIC: ROOM,
    SEND_INTERVAL_MS: 0,
    SEND_PER_MINUTE: 0,
  }
  const roster = loadRoster('prisma/roster.yaml')
  // Before the 25th: reports are on time; the clock stands still (the same period throughout).
  const clock = new SimulatedClock(new Date('2026-11-18T10:00:00+08:00'))
  const app = await createApp({
    env,
    roster,
    clock,
    log: createLogger('silent'),
    healthIntervalMs: 3_600_000,
  })
  await app.start({ live: false })
  const units = await listUnits(app.db)
  const ps = people(units)
  for (const p of ps) {
    await bindPerson(
      app.db,
      { contactId: p.id, name: p.name, role: 'liaison', unitId: p.unit.id ?? null },
      clock.now(),
    )
  }
  const loggedIn = new Promise((resolve) => app.bot.once('login', resolve))
  const world = createMockWorld(app.mocker as NonNullable<typeof app.mocker>, {
    roomTopic: ROOM,
    roomId: 'bench-room',
    botId: 'bench-bot',
    people: ps,
  })
  await loggedIn
  await new Promise((r) => setTimeout(r, 50))
  app.sender.pause()

  const tracker = new Tracker()
  const receive = app.pipeline.receive.bind(app.pipeline)
  app.pipeline.receive = async (draft) => {
    await receive(draft)
    tracker.complete(draft.text)
  }
  const r = await drive({ world, people: ps, tracker }, n, warmup, mode)
  const counts = {
    inbound: await app.db.inboundMessage.count(),
    handled: await app.db.inboundMessage.count({ where: { outcome: 'handled' } }),
    submissions: await app.db.submission.count(),
    outbound: await app.db.outboundMessage.count(),
  }
  if (counts.handled !== r.total || counts.submissions !== r.total || counts.outbound !== r.total)
    throw new Error(
      `ingest: expected ${r.total} handled reports with one reply each, got ${JSON.stringify(counts)}`,
    )
  await app.stop()
  await dropStore(store)
  return result('bot', r, mem, { liaisons: ps.length, ...counts })
}
