// The real app in-process for tests: a fresh database (helpers/database.ts), own Redis prefix, mock WeChat world with
// the given people bound, a simulated clock.
import type { mock } from 'wechaty-puppet-mock'
import { type App, createApp } from '../../bot/app.ts'
import { createMockWorld, type MockWorld } from '../../bot/chat/mock-world.ts'
import { type Env, loadRoster, readEnv } from '../../bot/config.ts'
import { SimulatedClock } from '../../bot/domain/clock.ts'
import { createLogger, type Logger } from '../../bot/log.ts'
import { bindPeople } from '../../bot/services/bind-people.ts'

import { freshStore, type TestStore } from './database.ts'
import { ROOM } from './people.ts'

export { ROOM }

/** A sent text without the @-mentions Wechaty puts before it in the group ("@王芳\u2005@马丽 …"). */
export const withoutMentions = (text: string) => text.replace(/^(@\S+[ \u2005])+/, '')

export interface TestPerson {
  name: string
  unit?: string
  role?: 'office'
}

export interface TestApp {
  app: App
  world: MockWorld
  clock: SimulatedClock
  dbPath: string
  /** Texts the puppet was asked to send, in order. */
  sent: string[]
  /** A person says something in the group; resolves when the bot has handled it. */
  say(from: string, text: string): Promise<void>
  stop(): Promise<void>
}

export { freshStore }

export async function startTestApp(o: {
  now: string
  people: TestPerson[]
  roster?: string
  redisUrl?: string
  /** The test's database (a file given by its path alone is a SQLite file). */
  store?: Omit<TestStore, 'url'> & { url?: string }
  live?: boolean
  healthIntervalMs?: number
  /** Another puppet than the in-process mock (tests/wire): its settings and the mock world it serves. */
  puppet?: { env: Partial<Env>; mocker: mock.Mocker }
  /** Instead of the silent (or TEST_LOG_LEVEL) logger. */
  log?: Logger
  /** Settings replacing the test defaults (e.g. SEND_INTERVAL_MS). */
  env?: Partial<Env>
  /** The liaison room's topic (the cast's county room by default). */
  room?: string
}): Promise<TestApp> {
  const store = o.store ?? freshStore()
  const env = {
    ...readEnv({}),
    DATABASE_URL: store.url ?? `file:${store.dbPath}`,
    REDIS_PREFIX: store.prefix,
    SEND_INTERVAL_MS: 0,
    SEND_PER_MINUTE: 0,
    ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
    ...(o.room ? { ROOM_TOPIC: o.room } : {}),
    ...o.puppet?.env,
    ...o.env,
  }
  const roster = loadRoster(o.roster ?? 'prisma/roster.yaml')
  const clock = new SimulatedClock(new Date(o.now))
  const app = await createApp({
    env,
    roster,
    clock,
    log: o.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    healthIntervalMs: o.healthIntervalMs,
  })
  await app.start({ live: o.live ?? false })
  const sent: string[] = []
  const puppet = app.bot.puppet
  const sendText = puppet.messageSendText.bind(puppet)
  puppet.messageSendText = (id, text, mentions) => {
    sent.push(text)
    return sendText(id, text, mentions)
  }
  const people = o.people.map((p, i) => ({ ...p, id: `person-${i + 1}` }))
  await bindPeople(app.db, people, clock.now())
  const world = createMockWorld(o.puppet?.mocker ?? (app.mocker as NonNullable<App['mocker']>), {
    roomTopic: o.room ?? ROOM,
    roomId: 'test-room',
    botId: 'test-bot',
    people,
  })
  return {
    app,
    world,
    clock,
    dbPath: store.dbPath,
    sent,
    async say(from, text) {
      const settled = app.pipeline.nextSettled()
      world.say(from, text)
      await settled
    },
    async stop() {
      await app.stop()
    },
  }
}
