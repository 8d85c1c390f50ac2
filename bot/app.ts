// Wiring shared by `npm start`, the simulator and the tests: database, roster, Wechaty, the inbound
// pipeline, the outbound sender, the scheduler and health. Owns the one guarded shutdown.
import type { Wechaty } from 'wechaty'
import type { mock } from 'wechaty-puppet-mock'
import { HealthMonitor } from '../jobs/health.ts'
import { OutboundSender } from '../jobs/outbound.processor.ts'
import type { Scheduler } from '../jobs/scheduler.ts'
import { createScheduledWork } from '../jobs/work.ts'
import { isWireError, WireConnection } from './chat/connection.ts'
import { syncIdentities } from './chat/identity.ts'
import { toInboundDraft } from './chat/inbound.ts'
import { createWechaty } from './chat/puppet.ts'
import { RoomGuard } from './chat/room-guard.ts'
import { WechatyTransport } from './chat/transport.ts'
import { maxFileBytes } from './commands/clue-file.ts'
import type { Env } from './config.ts'
import type { Clock } from './domain/clock.ts'
import type { Roster } from './domain/roster-types.ts'
import type { Logger } from './log.ts'
import { logFailure } from './log-once.ts'
import { InboundPipeline } from './pipeline.ts'
import { receiveRecall } from './services/recall.ts'
import { membersJoined, membersLeft } from './services/room-members.ts'
import { welcomeBack } from './services/session.ts'
import { receiveUnreadable } from './services/unreadable-message.ts'
import { withinDeadline } from './shutdown-deadline.ts'
import { type Checkpointer, startCheckpointer } from './store/checkpointer.ts'
import { closeDatabase, type Db, databasePath, openDatabase } from './store/db.ts'
import { storeNotActedOn } from './store/inbound.ts'
import { holdRunLock } from './store/run-lock.ts'
import { STATE_KEYS, writeState } from './store/service-state.ts'
import { seedUnitsIfEmpty } from './store/units.ts'

const IDENTITY_SYNC_MS = 5 * 60_000

export interface AppOptions {
  env: Env
  roster: Roster
  clock: Clock
  log: Logger
  /** How often health is checked (heartbeat jobs through every queue). */
  healthIntervalMs?: number
}

export interface App {
  db: Db
  bot: Wechaty
  mocker?: mock.Mocker
  pipeline: InboundPipeline
  sender: OutboundSender
  scheduler: Scheduler
  health: HealthMonitor
  /** Over a wire: re-finds people by the remark tag the bot set, and tags the untagged (identity.ts). */
  syncIdentities(): Promise<{ found: number; tagged: number }>
  /**
   * Starts Wechaty, the workers and health, then handles what was left unhandled before a restart.
   * `live`: node-cron drives the schedules and missed slots are caught up (the simulator drives its own).
   */
  start(o?: { live?: boolean }): Promise<void>
  stop(deadlineMs?: number): Promise<void>
}

export async function createApp({
  env,
  roster,
  clock,
  log,
  healthIntervalMs = 30_000,
}: AppOptions): Promise<App> {
  const db = await openDatabase(env.DATABASE_URL)
  if (await seedUnitsIfEmpty(db, roster.units))
    log.info({ units: roster.units.length }, 'seeded units from roster')
  const { bot, mocker, wire } = await createWechaty(env)
  const connection = wire
    ? new WireConnection({
        bot,
        endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT ?? env.WECHATY_PUPPET ?? '',
        log,
      })
    : undefined
  const redis = { redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX }
  // The guard tells the office about the room through the sender, created right after it.
  const guard: RoomGuard = new RoomGuard({
    bot,
    db,
    clock,
    log,
    topic: env.ROOM_TOPIC,
    onOutbound: (ids) => void sender.enqueue(ids),
  })
  const transport = new WechatyTransport(bot, () => guard.room())
  const sender = new OutboundSender({
    db,
    clock,
    log,
    transport,
    ...redis,
    intervalMs: env.SEND_INTERVAL_MS,
    perMinute: env.SEND_PER_MINUTE,
  })
  const onOutbound = (ids: number[]) => void sender.enqueue(ids)
  const self = () => (bot.isLoggedIn ? { id: bot.currentUser.id, name: bot.currentUser.name() } : undefined)
  const pipeline = new InboundPipeline({
    db,
    clock,
    roster,
    roomTopic: env.ROOM_TOPIC,
    log,
    onOutbound,
    self,
  })
  const scheduler = createScheduledWork({ db, clock, log, roster, env, onOutbound })
  const health = new HealthMonitor({
    db,
    clock,
    log,
    intervalMs: healthIntervalMs,
    ping: () => sender.jobs.ping(),
    probes: [sender.jobs, scheduler.jobs],
  })

  let stopped = false
  // Bindings made since the last run are tagged at the next one.
  // The run in flight, which stop waits for: the puppet's payload calls fail once it has stopped.
  let identityRun: Promise<{ found: number; tagged: number }> | undefined
  const identities = () => {
    if (!wire || stopped) return Promise.resolve({ found: 0, tagged: 0 })
    identityRun ??= syncIdentities(bot, db, log)
      .catch((err) => {
        log.warn({ err: (err as Error).message }, 'identity sync failed')
        return { found: 0, tagged: 0 }
      })
      .finally(() => {
        identityRun = undefined
      })
    return identityRun
  }
  let identityTimer: NodeJS.Timeout | undefined
  let checkpointer: Checkpointer | undefined
  let runLock: { release(): void } | undefined
  bot.on('message', async (message) => {
    try {
      const inbound = await toInboundDraft(bot, message, clock, guard, maxFileBytes(roster))
      if (!inbound) return
      const { draft, actOn, kind } = inbound
      if (!actOn) await storeNotActedOn(db, draft, 'other_room')
      else if (kind.kind === 'unreadable')
        onOutbound(await receiveUnreadable(db, draft, kind.what, clock.now()))
      else if (kind.kind === 'recalled')
        onOutbound(
          await receiveRecall(db, draft, kind.originalId, { now: clock.now(), roomTopic: env.ROOM_TOPIC }),
        )
      else await pipeline.receive(draft)
    } catch (err) {
      log.error({ messageId: message.id, err }, 'inbound message failed')
    }
  })
  bot.on('login', (user) => {
    log.info({ user: user.name() }, 'logged in')
    transport.forget()
    void guard.onLogin().catch((err) => log.warn({ err }, 'finding the liaison room failed'))
    // People found again first (new ids after a re-login), then the office hears how long the bot
    // was away (before this login is recorded).
    void identities()
      .then(() => welcomeBack(db, clock.now()))
      .then((ids) => sender.enqueue(ids))
      .catch((err) => log.warn({ err }, 'welcome-back notice failed'))
      .finally(() =>
        writeState(db, STATE_KEYS.login, user.name(), clock.now()).catch(
          logFailure(log, 'recording the login failed'),
        ),
      )
    sender.resume()
    void sender.sweep()
  })
  bot.on('logout', (user) => {
    if (stopped) return
    log.warn({ user: user.name() }, 'logged out')
    void writeState(db, STATE_KEYS.logout, user.name(), clock.now()).catch(
      logFailure(log, 'recording the logout failed'),
    )
    sender.pause()
  })
  bot.on('room-topic', (room, topic, old, changer) => {
    void guard
      .onTopic(room, topic, old, changer?.name())
      .catch((err) => log.warn({ err }, 'following the room rename failed'))
  })
  const members = (list: { id: string; name(): string }[]) => list.map((c) => ({ id: c.id, name: c.name() }))
  bot.on('room-leave', async (room, leavers, remover) => {
    try {
      if (!(await guard.isLiaisonRoom(room))) return
      onOutbound(await membersLeft(db, members(leavers), { by: remover?.name(), now: clock.now() }))
    } catch (err) {
      log.warn({ err }, 'room leave not handled')
    }
  })
  bot.on('room-join', async (room, invitees) => {
    try {
      if (!(await guard.isLiaisonRoom(room))) return
      const botId = bot.isLoggedIn ? bot.currentUser.id : undefined
      const o = { roster, roomTopic: env.ROOM_TOPIC, botId, now: clock.now() }
      onOutbound(await membersJoined(db, members(invitees), o))
    } catch (err) {
      log.warn({ err }, 'room join not handled')
    }
  })
  bot.on('error', (err) => {
    // Connection errors are the connection's to report (one line, no gRPC stack).
    if (!(connection && isWireError(err))) log.error({ err }, 'wechaty error')
  })

  return {
    db,
    bot,
    mocker,
    pipeline,
    sender,
    scheduler,
    health,
    syncIdentities: identities,
    async start({ live = true } = {}) {
      runLock = holdRunLock(databasePath(env.DATABASE_URL))
      checkpointer = await startCheckpointer(db, databasePath(env.DATABASE_URL), log)
      await (connection ? connection.start() : bot.start())
      sender.start()
      await scheduler.start({ live })
      if (live) health.start()
      if (live && wire)
        identityTimer = setInterval(() => bot.isLoggedIn && void identities(), IDENTITY_SYNC_MS).unref()
      const recovered = await pipeline.recover()
      if (recovered > 0) log.info({ recovered }, 'handled messages left from before the restart')
      await sender.sweep()
    },
    async stop(deadlineMs = 10_000) {
      if (stopped) return
      stopped = true
      connection?.stop()
      clearInterval(identityTimer)
      health.stop()
      // What is already answered goes out first (within half the deadline, while logged in); then
      // workers (no new effects), the bot, the database, and Redis last.
      const steps = async () => {
        if (bot.isLoggedIn) await sender.flush(deadlineMs / 2)
        await Promise.all([sender.closeWorker(), scheduler.closeWorker(), identityRun])
        await bot.stop()
        // A clean stop is recorded: `cli status` and the welcome-back notice tell it from a crash.
        await writeState(db, STATE_KEYS.stopped, '', clock.now()).catch(
          logFailure(log, 'recording the clean stop failed'),
        )
        await checkpointer?.stop()
        await closeDatabase(db)
        await Promise.all([sender.jobs.closeConnections(), scheduler.jobs.closeConnections()])
      }
      await withinDeadline(steps(), deadlineMs, log)
      runLock?.release()
    },
  }
}
