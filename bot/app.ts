// Wiring shared by `npm start`, the simulator and the tests: one Wechaty (one WeChat account)
// serving the deployment's offices, each with its own database, roster, liaison room, pipeline,
// sender, scheduler and health (office-app.ts); office-router.ts says which office a message is
// for. Owns the one guarded shutdown.
import type { Wechaty } from 'wechaty'
import type { mock } from 'wechaty-puppet-mock'
import type { HealthMonitor } from '../jobs/health.ts'
import type { OutboundSender } from '../jobs/outbound.processor.ts'
import type { Scheduler } from '../jobs/scheduler.ts'
import { SendPacing } from '../jobs/send-pacing.ts'
import { isWireError, WireConnection } from './chat/connection.ts'
import { syncIdentities } from './chat/identity.ts'
import { OfficeRouter } from './chat/office-router.ts'
import { createWechaty } from './chat/puppet.ts'
import { maxFileBytes } from './commands/clue-file.ts'
import type { Env, OfficeConfig } from './config.ts'
import type { Clock } from './domain/clock.ts'
import { officeOf, officeWords } from './domain/office-names.ts'
import type { Roster } from './domain/roster-types.ts'
import type { Logger } from './log.ts'
import { logFailure } from './log-once.ts'
import { messageReceiver } from './message-receiver.ts'
import { createOfficeApp, type OfficeApp, subOfficesOf } from './office-app.ts'
import { officeSetups } from './offices.ts'
import type { InboundPipeline } from './pipeline.ts'
import { membersJoined, membersLeft } from './services/room-members.ts'
import { welcomeBack } from './services/session.ts'
import { withinDeadline } from './shutdown-deadline.ts'
import { type Checkpointer, startCheckpointer } from './store/checkpointer.ts'
import { closeDatabase, type Db, databasePath } from './store/db.ts'
import { holdRunLock } from './store/run-lock.ts'
import { STATE_KEYS, writeState } from './store/service-state.ts'

const IDENTITY_SYNC_MS = 5 * 60_000

export interface AppOptions {
  env: Env
  /** The deployment's offices (config.ts loadOffices); without them, one office of `roster`. */
  offices?: readonly OfficeConfig[]
  roster?: Roster
  clock: Clock
  log: Logger
  /** How often health is checked (heartbeat jobs through every queue). */
  healthIntervalMs?: number
}

export interface App {
  /** Every office, in the deployment's order; the fields below are the first one's. */
  offices: OfficeApp[]
  db: Db
  bot: Wechaty
  mocker?: mock.Mocker
  pipeline: InboundPipeline
  sender: OutboundSender
  scheduler: Scheduler
  health: HealthMonitor
  /** Resolves once the bot has dealt with the next message it receives, whichever office it went to. */
  nextHandled(): Promise<void>
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
  offices: configured,
  roster,
  clock,
  log,
  healthIntervalMs = 30_000,
}: AppOptions): Promise<App> {
  const setups = officeSetups(env, configured ?? [oneOffice(env, roster)])
  const several = setups.length > 1
  const { bot, mocker, wire } = await createWechaty(env)
  const connection = wire
    ? new WireConnection({
        bot,
        endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT ?? env.WECHATY_PUPPET ?? '',
        log,
      })
    : undefined
  const self = () => (bot.isLoggedIn ? { id: bot.currentUser.id, name: bot.currentUser.name() } : undefined)
  // One account, one pace: the offices' senders share the per-minute cap and the per-chat interval.
  const pacing = new SendPacing({ intervalMs: env.SEND_INTERVAL_MS, perMinute: env.SEND_PER_MINUTE })
  const offices: OfficeApp[] = []
  for (const setup of setups)
    offices.push(
      await createOfficeApp({
        setup,
        bot,
        clock,
        log,
        healthIntervalMs,
        pacing,
        self,
        ...(several ? { officeWords: officeWords(setup.office, setup.roster) } : {}),
      }),
    )
  for (const o of offices) o.subOffices.push(...subOfficesOf(o.office, offices))
  const first = offices[0] as OfficeApp
  const router = new OfficeRouter(
    offices.map((o) => ({ ...o, words: several ? officeWords(o.office, o.roster) : [] })) as [
      OfficeApp & { words: string[] },
      ...(OfficeApp & { words: string[] })[],
    ],
  )

  let stopped = false
  // Bindings made since the last run are tagged at the next one; with several offices each tag
  // names the office of each id. The run in flight, which stop waits for: the puppet's payload
  // calls fail once it has stopped.
  let identityRun: Promise<{ found: number; tagged: number }> | undefined
  const tagged = offices.map((o) => ({ ...(several ? { key: o.office.key } : {}), db: o.db }))
  const identities = () => {
    if (!wire || stopped) return Promise.resolve({ found: 0, tagged: 0 })
    identityRun ??= syncIdentities(bot, tagged, log)
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
  const checkpointers: Checkpointer[] = []
  const runLocks: { release(): void }[] = []
  const receive = messageReceiver({
    bot,
    clock,
    router,
    fileCap: Math.max(...offices.map((o) => maxFileBytes(o.roster))),
  })
  const handledListeners: (() => void)[] = []
  bot.on('message', async (message) => {
    // The bot's own messages and replays are not "the next message" a caller waits for.
    let seen = true
    try {
      seen = await receive(message)
    } catch (err) {
      log.error({ messageId: message.id, err }, 'inbound message failed')
    } finally {
      if (seen) for (const l of handledListeners.splice(0)) l()
    }
  })
  bot.on('login', (user) => {
    log.info({ user: user.name() }, 'logged in')
    for (const o of offices) {
      o.transport.forget()
      void o.guard.onLogin().catch((err) => log.warn({ err }, 'finding the liaison room failed'))
    }
    // People found again first (new ids after a re-login), then each office hears how long the bot
    // was away (before this login is recorded).
    const found = identities()
    for (const o of offices) {
      void found
        .then(() => welcomeBack(o.db, clock.now()))
        .then((ids) => o.sender.enqueue(ids))
        .catch((err) => log.warn({ err }, 'welcome-back notice failed'))
        .finally(() =>
          writeState(o.db, STATE_KEYS.login, user.name(), clock.now()).catch(
            logFailure(log, 'recording the login failed'),
          ),
        )
      o.sender.resume()
      void o.sender.sweep()
    }
  })
  bot.on('logout', (user) => {
    if (stopped) return
    log.warn({ user: user.name() }, 'logged out')
    for (const o of offices) {
      void writeState(o.db, STATE_KEYS.logout, user.name(), clock.now()).catch(
        logFailure(log, 'recording the logout failed'),
      )
      o.sender.pause()
    }
  })
  bot.on('room-topic', (room, topic, old, changer) => {
    for (const o of offices)
      void o.guard
        .onTopic(room, topic, old, changer?.name())
        .catch((err) => log.warn({ err }, 'following the room rename failed'))
  })
  const members = (list: { id: string; name(): string }[]) => list.map((c) => ({ id: c.id, name: c.name() }))
  const liaisonOffice = async (room: Parameters<OfficeApp['guard']['isLiaisonRoom']>[0]) => {
    for (const o of offices) if (await o.guard.isLiaisonRoom(room)) return o
    return undefined
  }
  bot.on('room-leave', async (room, leavers, remover) => {
    try {
      const o = await liaisonOffice(room)
      if (!o) return
      o.onOutbound(await membersLeft(o.db, members(leavers), { by: remover?.name(), now: clock.now() }))
    } catch (err) {
      log.warn({ err }, 'room leave not handled')
    }
  })
  bot.on('room-join', async (room, invitees) => {
    try {
      const o = await liaisonOffice(room)
      if (!o) return
      const botId = bot.isLoggedIn ? bot.currentUser.id : undefined
      const joined = { roster: o.roster, roomTopic: o.env.ROOM_TOPIC, botId, now: clock.now() }
      o.onOutbound(await membersJoined(o.db, members(invitees), joined))
    } catch (err) {
      log.warn({ err }, 'room join not handled')
    }
  })
  bot.on('error', (err) => {
    // Connection errors are the connection's to report (one line, no gRPC stack).
    if (!(connection && isWireError(err))) log.error({ err }, 'wechaty error')
  })

  return {
    offices,
    db: first.db,
    bot,
    mocker,
    pipeline: first.pipeline,
    sender: first.sender,
    scheduler: first.scheduler,
    health: first.health,
    syncIdentities: identities,
    nextHandled: () => new Promise((resolve) => handledListeners.push(resolve)),
    async start({ live = true } = {}) {
      for (const o of offices) {
        const path = databasePath(o.env.DATABASE_URL)
        runLocks.push(holdRunLock(path))
        checkpointers.push(await startCheckpointer(o.db, path, log))
      }
      await (connection ? connection.start() : bot.start())
      for (const o of offices) {
        o.sender.start()
        await o.scheduler.start({ live })
        if (live) o.health.start()
      }
      if (live && wire)
        identityTimer = setInterval(() => bot.isLoggedIn && void identities(), IDENTITY_SYNC_MS).unref()
      for (const o of offices) {
        const recovered = await o.pipeline.recover()
        if (recovered > 0)
          log.info({ recovered, office: o.office.key }, 'handled messages left from before the restart')
        await o.sender.sweep()
      }
    },
    async stop(deadlineMs = 10_000) {
      if (stopped) return
      stopped = true
      connection?.stop()
      clearInterval(identityTimer)
      for (const o of offices) o.health.stop()
      // What is already answered goes out first (within half the deadline, while logged in); then
      // workers (no new effects), the bot, the databases, and Redis last.
      const steps = async () => {
        if (bot.isLoggedIn) await Promise.all(offices.map((o) => o.sender.flush(deadlineMs / 2)))
        await Promise.all([
          ...offices.flatMap((o) => [o.sender.closeWorker(), o.scheduler.closeWorker()]),
          identityRun,
        ])
        await bot.stop()
        for (const o of offices) {
          // A clean stop is recorded: `cli status` and the welcome-back notice tell it from a crash.
          await writeState(o.db, STATE_KEYS.stopped, '', clock.now()).catch(
            logFailure(log, 'recording the clean stop failed'),
          )
        }
        await Promise.all(checkpointers.map((c) => c.stop()))
        for (const o of offices) await closeDatabase(o.db)
        await Promise.all(
          offices.flatMap((o) => [o.sender.jobs.closeConnections(), o.scheduler.jobs.closeConnections()]),
        )
      }
      await withinDeadline(steps(), deadlineMs, log)
      for (const lock of runLocks) lock.release()
    },
  }
}

/** Today's deployment: the one roster given, its office and room. */
function oneOffice(env: Env, roster: Roster | undefined): OfficeConfig {
  if (!roster) throw new Error('createApp needs offices or a roster')
  return {
    office: officeOf(roster),
    roster,
    file: env.ROSTER_FILE,
    roomTopic: roster.office.room ?? env.ROOM_TOPIC,
  }
}
