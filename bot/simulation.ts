// Runs a scenario against the real bot (mock puppet, fresh SQLite file, own Redis prefix,
// simulated clock) and reports every message the bot sends, then the state of record.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { FileBox } from 'file-box'
import { type App, createApp } from './app.ts'
import { createMockWorld, type MockWorld } from './chat/mock-world.ts'
import { deploymentOf, loadRoster, type OfficeConfig, parseRoster, readEnv } from './config.ts'
import { SimulatedClock } from './domain/clock.ts'
import { isoCst } from './domain/format.ts'
import { findUnit } from './domain/roster.ts'
import type { Roster } from './domain/roster-types.ts'
import type { Logger } from './log.ts'
import { logFailure } from './log-once.ts'
import type { OfficeApp } from './office-app.ts'
import type { Scenario, Step } from './scenario.ts'
import { ScenarioError } from './scenario.ts'
import { bindPeople } from './services/bind-people.ts'
import { unitStatus, versionsOf, yearCollections } from './services/collections.ts'
import { listBulletins } from './store/bulletins.ts'
import { cluesWithHistory } from './store/clues.ts'
import { allCollections } from './store/collections.ts'
import { outboundAfter } from './store/outbound.ts'
import { latestSubmissions } from './store/submissions.ts'
import { allTasksWithHistory } from './store/tasks.ts'
import { listUnits } from './store/units.ts'

export type SimEvent =
  | {
      type: 'message'
      /** With `offices`: the office whose message it is. */
      office?: string
      at: string
      to: string
      text: string
      mentions: string[]
      file?: { name: string; bytes: number }
    }
  | {
      type: 'state'
      /** With `offices`: one state line per office, in their order. */
      office?: string
      submissions: unknown[]
      clues: unknown[]
      bulletins: unknown[]
      tasks: unknown[]
      collections: unknown[]
    }

export interface SimulationOptions {
  /** Directory the scenario's relative paths are resolved against. */
  baseDir: string
  log: Logger
  env?: NodeJS.ProcessEnv
  /** The database to run on (tests on PostgreSQL give a fresh schema); a fresh SQLite file if none. */
  databaseUrl?: string
  emit(event: SimEvent): void
}

function scenarioRoster(file: string, settings: Scenario['settings']): Roster {
  const roster = loadRoster(file)
  if (!settings) return roster
  return parseRoster(
    {
      ...roster,
      schedule: { ...roster.schedule, ...settings },
    },
    'settings',
  )
}

/** The scenario's offices as the deployment's: each roster (its room the scenario's) checked together. */
function scenarioOffices(s: Scenario, baseDir: string, defaultFile: string): OfficeConfig[] {
  const loaded = s.offices.map((o) => {
    const file = o.roster ? resolve(baseDir, o.roster) : defaultFile
    const roster = scenarioRoster(file, s.settings)
    return { file, roster: s.several ? { ...roster, office: { ...roster.office, room: o.room } } : roster }
  })
  return deploymentOf(loaded, s.offices[0]?.room ?? '').map((o, i) => ({
    ...o,
    roomTopic: s.offices[i]?.room ?? '',
  }))
}

export async function runSimulation(s: Scenario, o: SimulationOptions): Promise<void> {
  const baseEnv = readEnv(o.env ?? process.env)
  const offices = scenarioOffices(s, o.baseDir, baseEnv.ROSTER_FILE)
  s.offices.forEach((office, n) => {
    const { roster } = offices[n] as OfficeConfig
    for (const [i, p] of office.people.entries())
      if (p.unit && !findUnit(roster.units, p.unit))
        throw new ScenarioError(
          `${s.several ? `offices ${n + 1} people` : 'people'} ${i + 1}: unknown unit 「${p.unit}」`,
        )
  })
  const dir = mkdtempSync(join(tmpdir(), 'fzsim-'))
  const env = {
    ...baseEnv,
    DATABASE_URL: o.databaseUrl ?? `file:${join(dir, 'sim.db')}`,
    REDIS_PREFIX: `fzsim-${randomBytes(6).toString('hex')}`,
    ROOM_TOPIC: s.offices[0]?.room ?? '',
    WECHATY_PUPPET: undefined,
    SEND_INTERVAL_MS: 0,
    SEND_PER_MINUTE: 0,
  }
  const clock = new SimulatedClock(new Date(s.start))
  const app = await createApp({ env, offices, clock, log: o.log })
  try {
    await app.start({ live: false })
    const world = await buildWorld(app, s, clock.now())
    const printed = app.offices.map(() => 0)
    const flush = async () => {
      const rows: { row: Awaited<ReturnType<typeof outboundAfter>>[number]; office: number }[] = []
      for (const [i, office] of app.offices.entries()) {
        await office.sender.drained()
        for (const row of await outboundAfter(office.db, printed[i] ?? 0)) {
          printed[i] = row.id
          rows.push({ row, office: i })
        }
      }
      // In time order across the offices (sort is stable: one office's rows keep their order).
      rows.sort((a, b) => (a.row.sentAt?.getTime() ?? 0) - (b.row.sentAt?.getTime() ?? 0))
      for (const { row, office } of rows) {
        const mentions = (JSON.parse(row.mentions) as { name: string }[]).map((m) => m.name)
        o.emit({
          type: 'message',
          ...(s.several ? { office: app.offices[office]?.office.key } : {}),
          at: isoCst(row.sentAt ?? clock.now()),
          to: row.chat === 'room' ? 'room' : row.recipientName,
          text: row.text,
          mentions,
          ...(row.fileName ? { file: { name: row.fileName, bytes: row.fileData?.length ?? 0 } } : {}),
        })
      }
    }
    for (const step of s.steps) {
      // Every scheduled trigger on the way fires first, at its own slot time, as live (each
      // office's, the first office's first).
      const to = new Date('until' in step ? step.until : step.at)
      await runDue(app, clock, to, flush)
      if (!('until' in step)) await deliver(app, world, step)
      await flush()
    }
    for (const office of app.offices)
      o.emit({
        ...(await stateOf(office, clock)),
        ...(s.several ? { office: office.office.key } : {}),
      })
  } finally {
    for (const office of app.offices) {
      await office.sender.jobs
        .obliterate()
        .catch(logFailure(o.log, 'removing the outbound queue data failed'))
      await office.scheduler.jobs
        .obliterate()
        .catch(logFailure(o.log, 'removing the schedule queue data failed'))
    }
    await app.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Every office's scheduled triggers up to `to`, in time order across the offices (at one slot, in
 * the offices' order); the clock never goes back.
 */
async function runDue(app: App, clock: SimulatedClock, to: Date, flush: () => Promise<void>): Promise<void> {
  const setClock = (at: Date) => clock.set(at)
  let from = clock.now()
  const [only] = app.offices
  if (only && app.offices.length === 1) return only.scheduler.runDue(from, to, setClock, flush)
  const slots = [
    ...new Set(app.offices.flatMap((o) => o.scheduler.dueSlots(from, to).map((d) => d.getTime()))),
  ]
  for (const slot of [...slots.sort((a, b) => a - b), to.getTime()]) {
    const until = new Date(slot)
    for (const office of app.offices) await office.scheduler.runDue(from, until, setClock, flush)
    from = until
  }
}

async function buildWorld(app: App, s: Scenario, now: Date): Promise<MockWorld> {
  if (!app.mocker) throw new Error('the simulator needs the mock puppet')
  // One contact per name: a person in two offices is the same WeChat account.
  const names = [...new Set(s.offices.flatMap((o) => o.people.map((p) => p.name)))]
  const idOf = (name: string) => `sim-person-${names.indexOf(name) + 1}`
  const [first, ...more] = s.offices
  const world = createMockWorld(app.mocker, {
    roomTopic: first?.room ?? '',
    roomId: 'sim-room',
    botId: 'sim-bot',
    people: names.map((name) => ({ name, id: idOf(name) })),
    roomMembers: first?.people.map((p) => p.name) ?? [],
    moreRooms: more.map((o, i) => ({
      topic: o.room,
      id: `sim-room-${i + 2}`,
      members: o.people.map((p) => p.name),
    })),
  })
  for (const [i, office] of s.offices.entries()) {
    const db = app.offices[i]?.db
    if (db)
      await bindPeople(
        db,
        office.people.map((p) => ({ ...p, id: idOf(p.name) })),
        now,
      )
  }
  return world
}

async function deliver(app: App, world: MockWorld, step: Exclude<Step, { until: string }>): Promise<void> {
  const settled = app.nextHandled()
  if ('say' in step) world.say(step.from, step.say, step.room)
  else if ('dm' in step) world.dm(step.from, step.dm)
  else {
    const file = 'file' in step ? step.file : step.dmFile
    const data = 'text' in file ? Buffer.from(file.text, 'utf8').toString('base64') : file.base64
    const said = world.contacts.get(step.from)?.say(FileBox.fromBase64(data, file.name))
    said?.to('file' in step ? (step.room ? world.rooms.get(step.room) : world.room) : world.botUser)
  }
  await settled
}

async function stateOf(app: OfficeApp, clock: SimulatedClock): Promise<SimEvent> {
  const { roster } = app
  const units = new Map((await listUnits(app.db)).map((u) => [u.id, u.name]))
  const submissions = (await latestSubmissions(app.db)).map((s) => ({
    unit: units.get(s.unitId) ?? String(s.unitId),
    period: s.period,
    status: s.status,
    revision: s.revision,
    by: s.byName,
    at: isoCst(s.createdAt),
    values: s.values,
  }))
  const now = clock.now()
  const clues: unknown[] = []
  for await (const chunk of cluesWithHistory(app.db))
    for (const c of chunk)
      clues.push({
        id: c.code,
        kind: c.kind,
        value: c.value,
        unit: c.unit?.name ?? null,
        status: c.status,
        due: c.dueAt ? isoCst(c.dueAt) : null,
        overdue: c.status === 'open' && c.dueAt !== null && c.dueAt.getTime() < now.getTime(),
        result: c.result,
        history: c.history.map((h) => ({
          at: isoCst(h.at),
          action: h.action,
          by: h.actor,
          detail: h.detail,
        })),
      })
  const bulletins = (await listBulletins(app.db)).map((b) => ({
    period: b.period,
    at: isoCst(b.createdAt),
    version: b.version,
  }))
  const tasks = (await allTasksWithHistory(app.db)).map((t) => {
    const units = t.units.map((u) => ({
      unit: u.unit.name,
      status: u.status,
      result: u.result,
      overdue: t.status === 'open' && u.status === 'open' && t.dueAt.getTime() <= now.getTime(),
      ...(u.doneAt ? { at: isoCst(u.doneAt), late: u.doneAt.getTime() >= t.dueAt.getTime() } : {}),
      ...(u.files.length
        ? { files: u.files.map((f) => ({ name: f.fileName, bytes: f.fileSize, type: f.fileType })) }
        : {}),
    }))
    const done = t.status === 'open' && t.units.every((u) => u.status === 'done')
    return {
      id: t.code,
      title: t.title,
      due: isoCst(t.dueAt),
      status: t.status === 'cancelled' ? 'cancelled' : done ? 'done' : 'open',
      units,
      history: t.history.map((h) => ({
        at: isoCst(h.at),
        action: h.action,
        by: h.actor,
        unit: t.units.find((u) => u.unitId === h.unitId)?.unit.name ?? null,
        detail: h.detail,
      })),
    }
  })
  // The roster's collections of the year the scenario ends in exist even if nobody asked about them.
  const unitList = await listUnits(app.db)
  await yearCollections(app.db, { roster, units: unitList, now })
  const collections = (await allCollections(app.db)).map((c) => ({
    name: c.name,
    year: c.year,
    due: isoCst(c.dueAt),
    units: c.unitIds.map((id) => ({
      unit: units.get(id) ?? String(id),
      status: unitStatus(c, id),
      versions: versionsOf(c, id),
    })),
  }))
  return { type: 'state', submissions, clues, bulletins, tasks, collections }
}

export function scenarioDir(path: string): string {
  return dirname(resolve(path))
}
