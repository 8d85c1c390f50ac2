// Runs a scenario against the real bot (mock puppet, fresh SQLite file, own Redis prefix,
// simulated clock) and reports every message the bot sends, then the state of record.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { FileBox } from 'file-box'
import { type App, createApp } from './app.ts'
import { createMockWorld, type MockWorld } from './chat/mock-world.ts'
import { loadRoster, parseRoster, readEnv } from './config.ts'
import { SimulatedClock } from './domain/clock.ts'
import { isoCst } from './domain/format.ts'
import { findUnit } from './domain/roster.ts'
import type { Roster } from './domain/roster-types.ts'
import type { Logger } from './log.ts'
import { logFailure } from './log-once.ts'
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
      at: string
      to: string
      text: string
      mentions: string[]
      file?: { name: string; bytes: number }
    }
  | {
      type: 'state'
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

function scenarioRoster(s: Scenario, baseDir: string, defaultFile: string): Roster {
  const roster = loadRoster(s.roster ? resolve(baseDir, s.roster) : defaultFile)
  if (!s.settings) return roster
  return parseRoster(
    {
      ...roster,
      schedule: { ...roster.schedule, ...s.settings },
    },
    'settings',
  )
}

export async function runSimulation(s: Scenario, o: SimulationOptions): Promise<void> {
  const baseEnv = readEnv(o.env ?? process.env)
  const roster = scenarioRoster(s, o.baseDir, baseEnv.ROSTER_FILE)
  for (const [i, p] of s.people.entries()) {
    if (p.unit && !findUnit(roster.units, p.unit))
      throw new ScenarioError(`people ${i + 1}: unknown unit 「${p.unit}」`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'fzsim-'))
  const env = {
    ...baseEnv,
    DATABASE_URL: o.databaseUrl ?? `file:${join(dir, 'sim.db')}`,
    REDIS_PREFIX: `fzsim-${randomBytes(6).toString('hex')}`,
    ROOM_TOPIC: s.room,
    WECHATY_PUPPET: undefined,
    SEND_INTERVAL_MS: 0,
    SEND_PER_MINUTE: 0,
  }
  const clock = new SimulatedClock(new Date(s.start))
  const app = await createApp({ env, roster, clock, log: o.log })
  try {
    await app.start({ live: false })
    const world = await buildWorld(app, s, clock.now())
    let printed = 0
    const flush = async () => {
      await app.sender.drained()
      const rows = await outboundAfter(app.db, printed)
      for (const row of rows) {
        printed = row.id
        const mentions = (JSON.parse(row.mentions) as { name: string }[]).map((m) => m.name)
        o.emit({
          type: 'message',
          at: isoCst(row.sentAt ?? clock.now()),
          to: row.chat === 'room' ? 'room' : row.recipientName,
          text: row.text,
          mentions,
          ...(row.fileName ? { file: { name: row.fileName, bytes: row.fileData?.length ?? 0 } } : {}),
        })
      }
    }
    for (const step of s.steps) {
      // Every scheduled trigger on the way fires first, at its own slot time, as live.
      const to = new Date('until' in step ? step.until : step.at)
      await app.scheduler.runDue(clock.now(), to, (at) => clock.set(at), flush)
      if (!('until' in step)) await deliver(app, world, step)
      await flush()
    }
    o.emit(await stateOf(app, clock, roster))
  } finally {
    await app.sender.jobs.obliterate().catch(logFailure(o.log, 'removing the outbound queue data failed'))
    await app.scheduler.jobs.obliterate().catch(logFailure(o.log, 'removing the schedule queue data failed'))
    await app.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function buildWorld(app: App, s: Scenario, now: Date): Promise<MockWorld> {
  if (!app.mocker) throw new Error('the simulator needs the mock puppet')
  const people = s.people.map((p, i) => ({ ...p, id: `sim-person-${i + 1}` }))
  const world = createMockWorld(app.mocker, {
    roomTopic: s.room,
    roomId: 'sim-room',
    botId: 'sim-bot',
    people,
  })
  await bindPeople(app.db, people, now)
  return world
}

async function deliver(app: App, world: MockWorld, step: Exclude<Step, { until: string }>): Promise<void> {
  const settled = app.pipeline.nextSettled()
  if ('say' in step) world.say(step.from, step.say)
  else if ('dm' in step) world.dm(step.from, step.dm)
  else {
    const file = 'file' in step ? step.file : step.dmFile
    const data = 'text' in file ? Buffer.from(file.text, 'utf8').toString('base64') : file.base64
    const said = world.contacts.get(step.from)?.say(FileBox.fromBase64(data, file.name))
    said?.to('file' in step ? world.room : world.botUser)
  }
  await settled
}

async function stateOf(app: App, clock: SimulatedClock, roster: Roster): Promise<SimEvent> {
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
