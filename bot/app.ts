// Wiring shared by `npm start`, the simulator and the tests: database, roster, Wechaty, the inbound
// pipeline and the outbound sender. Owns the one guarded shutdown.
import type { Wechaty } from 'wechaty'
import type { mock } from 'wechaty-puppet-mock'
import { OutboundSender } from '../jobs/outbound.processor.ts'
import { toInboundDraft } from './chat/inbound.ts'
import { createWechaty } from './chat/puppet.ts'
import { WechatyTransport } from './chat/transport.ts'
import type { Env, Roster } from './config.ts'
import type { Clock } from './domain/clock.ts'
import type { Logger } from './log.ts'
import { InboundPipeline } from './pipeline.ts'
import { type Db, openDatabase } from './store/db.ts'
import { seedUnitsIfEmpty } from './store/units.ts'

export interface AppOptions {
  env: Env
  roster: Roster
  clock: Clock
  log: Logger
}

export interface App {
  db: Db
  bot: Wechaty
  mocker?: mock.Mocker
  pipeline: InboundPipeline
  sender: OutboundSender
  /** Starts Wechaty and the sender, then handles what was left unhandled before a restart. */
  start(): Promise<void>
  stop(deadlineMs?: number): Promise<void>
}

export async function createApp({ env, roster, clock, log }: AppOptions): Promise<App> {
  const db = await openDatabase(env.DATABASE_URL)
  if (await seedUnitsIfEmpty(db, roster.units))
    log.info({ units: roster.units.length }, 'seeded units from roster')
  const { bot, mocker } = createWechaty(env)
  let stopped = false
  const sender = new OutboundSender({
    db,
    clock,
    log,
    transport: new WechatyTransport(bot),
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    intervalMs: env.SEND_INTERVAL_MS,
  })
  const pipeline = new InboundPipeline({
    db,
    clock,
    roster,
    roomTopic: env.ROOM_TOPIC,
    log,
    onOutbound: (ids) => void sender.enqueue(ids),
  })

  bot.on('message', async (message) => {
    try {
      const draft = await toInboundDraft(bot, message, clock, { roomTopic: env.ROOM_TOPIC })
      if (draft) await pipeline.receive(draft)
    } catch (err) {
      log.error({ messageId: message.id, err }, 'inbound message failed')
    }
  })
  bot.on('login', (user) => {
    log.info({ user: user.name() }, 'logged in')
    void sender.sweep()
  })
  bot.on('logout', (user) => {
    if (!stopped) log.warn({ user: user.name() }, 'logged out')
  })
  bot.on('error', (err) => log.error({ err }, 'wechaty error'))

  return {
    db,
    bot,
    mocker,
    pipeline,
    sender,
    async start() {
      await bot.start()
      sender.start()
      const recovered = await pipeline.recover()
      if (recovered > 0) log.info({ recovered }, 'handled messages left from before the restart')
      await sender.sweep()
    },
    async stop(deadlineMs = 10_000) {
      if (stopped) return
      stopped = true
      const steps = async () => {
        await sender.close()
        await bot.stop()
        await db.$disconnect()
      }
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.warn({ deadlineMs }, 'shutdown deadline passed')
          resolve()
        }, deadlineMs)
      })
      await Promise.race([steps(), deadline])
      clearTimeout(timer)
    },
  }
}
