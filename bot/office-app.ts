// One office's parts on the shared Wechaty (app.ts): its database, liaison room guard, pipeline,
// outbound sender (through its own Redis prefix), scheduler and health. Nothing here is shared with
// another office but the WeChat account.
import type { Wechaty } from 'wechaty'
import { HealthMonitor } from '../jobs/health.ts'
import { OutboundSender } from '../jobs/outbound.processor.ts'
import type { Scheduler } from '../jobs/scheduler.ts'
import type { SendPacing } from '../jobs/send-pacing.ts'
import { createScheduledWork } from '../jobs/work.ts'
import { RoomGuard } from './chat/room-guard.ts'
import { WechatyTransport } from './chat/transport.ts'
import type { Contact } from './domain/addressing.ts'
import type { Clock } from './domain/clock.ts'
import type { OfficeRef } from './domain/office.ts'
import type { Roster } from './domain/roster-types.ts'
import type { Logger } from './log.ts'
import type { OfficeSetup } from './offices.ts'
import { InboundPipeline } from './pipeline.ts'
import type { SubOffice } from './services/sub-office.ts'
import { type Db, openDatabase } from './store/db.ts'
import { seedUnitsIfEmpty } from './store/units.ts'

export interface OfficeApp {
  office: OfficeRef
  roster: Roster
  /** The settings as this office reads them (its DATABASE_URL, ROOM_TOPIC, REDIS_PREFIX). */
  env: OfficeSetup['env']
  db: Db
  guard: RoomGuard
  transport: WechatyTransport
  pipeline: InboundPipeline
  sender: OutboundSender
  scheduler: Scheduler
  health: HealthMonitor
  onOutbound(ids: number[]): void
  /** The offices under this one (a city's counties), filled once every office is open. */
  subOffices: SubOffice[]
}

export async function createOfficeApp(o: {
  setup: OfficeSetup
  bot: Wechaty
  clock: Clock
  log: Logger
  healthIntervalMs: number
  /** The WeChat account's send pacing, shared by every office it serves. */
  pacing: SendPacing
  self: () => Contact | undefined
  /** Words naming this office at the head of a private message (several offices only). */
  officeWords?: readonly string[]
}): Promise<OfficeApp> {
  const { setup, bot, clock, healthIntervalMs, self } = o
  const { env, roster, office } = setup
  const log = o.officeWords ? o.log.child({ office: office.key }) : o.log
  const db = await openDatabase(env.DATABASE_URL)
  if (await seedUnitsIfEmpty(db, roster.units))
    log.info({ units: roster.units.length }, 'seeded units from roster')
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
    pacing: o.pacing,
  })
  const onOutbound = (ids: number[]) => void sender.enqueue(ids)
  const subOffices: SubOffice[] = []
  const pipeline = new InboundPipeline({
    db,
    clock,
    roster,
    roomTopic: env.ROOM_TOPIC,
    log,
    onOutbound,
    self,
    office,
    subOffices,
    ...(o.officeWords ? { officeWords: o.officeWords } : {}),
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
  return {
    office,
    roster,
    env,
    db,
    guard,
    transport,
    pipeline,
    sender,
    scheduler,
    health,
    onOutbound,
    subOffices,
  }
}

/** The offices under `parent` as its commands see them. */
export function subOfficesOf(parent: OfficeRef, offices: readonly OfficeApp[]): SubOffice[] {
  return offices
    .filter((o) => o.office.parent === parent.key)
    .map((o) => ({
      office: o.office,
      roster: o.roster,
      db: o.db,
      roomTopic: o.env.ROOM_TOPIC,
      onOutbound: o.onOutbound,
    }))
}
