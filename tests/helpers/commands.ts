// Chat commands checked in milliseconds: the real pipeline (store → identify → command → one
// transaction → outbound rows) on a real SQLite file, without Wechaty or Redis. What the bot would
// send is read back from the outbound rows each message wrote. The event path itself (Wechaty,
// the room guard, the sender) stays with the end-to-end tests.
import { copyFileSync } from 'node:fs'
import { loadRoster } from '../../bot/config.ts'
import { SimulatedClock } from '../../bot/domain/clock.ts'
import type { OfficeRef } from '../../bot/domain/office.ts'
import type { Roster } from '../../bot/domain/roster-types.ts'
import { createLogger, type Logger } from '../../bot/log.ts'
import { InboundPipeline } from '../../bot/pipeline.ts'
import { bindPeople } from '../../bot/services/bind-people.ts'
import type { SubOffice } from '../../bot/services/sub-office.ts'
import { closeDatabase, type Db, openDatabase } from '../../bot/store/db.ts'
import { TABLES, tableCounts } from '../../bot/store/tables.ts'
import { seedUnitsIfEmpty } from '../../bot/store/units.ts'
import { freshStore } from './app.ts'
import { ON_POSTGRES } from './database.ts'
import { type CastMember, ROOM } from './people.ts'

/** The bot's own account, as the mock world logs it in. */
const BOT = { id: 'test-bot', name: '反诈助手' }

/** One message the bot would send: to the room or to a person (by name). */
export interface Said {
  to: 'room' | string
  text: string
  /** Names @-mentioned in the room. */
  mentions: string[]
  fileName: string | null
}

export type Speaker = string | { name: string; id: string }

export interface CommandHarness {
  db: Db
  clock: SimulatedClock
  roster: Roster
  /** The liaison room's topic. */
  room: string
  /**
   * Says `text` in the room as `from`: a cast name, a stranger's name, or a name with a WeChat id
   * of its own (someone taking a bound person's name); resolves with what the bot answered.
   */
  say(from: Speaker, text: string): Promise<Said[]>
  /** The same, privately to the bot. */
  dm(from: Speaker, text: string): Promise<Said[]>
  /** Posts a file in the room (or privately) as `from`. */
  file(from: Speaker, name: string, data: Uint8Array, chat?: 'room' | 'dm'): Promise<Said[]>
  /** Rows in every table but the messages' own (inbound, outbound): what a refusal must leave as it was. */
  records(): Promise<Record<string, number>>
  close(): Promise<void>
}

const templates = new Map<string, Promise<string>>()

/** A database file migrated and seeded from the roster once per test file, copied for each harness. */
function migratedDatabase(rosterFile: string): Promise<string> {
  let path = templates.get(rosterFile)
  if (!path) {
    path = (async () => {
      const { dbPath } = freshStore()
      const db = await openDatabase(`file:${dbPath}`)
      await seedUnitsIfEmpty(db, loadRoster(rosterFile).units)
      await closeDatabase(db) // the last connection closing folds the WAL into the file
      return dbPath
    })()
    templates.set(rosterFile, path)
  }
  return path
}

export async function commandHarness(o: {
  now: string
  people: CastMember[]
  roster?: string
  /** Changes to the roster read from the file (a city's own targets, an office's name). */
  rosterOf?: (roster: Roster) => Roster
  /** The liaison room's topic (the cast's county room by default). */
  room?: string
  /** The office handled for and the offices under it (a city's counties); a county's by default. */
  office?: OfficeRef
  subOffices?: readonly SubOffice[]
  /** Instead of the silent (or TEST_LOG_LEVEL) logger. */
  log?: Logger
}): Promise<CommandHarness> {
  const rosterFile = o.roster ?? 'prisma/roster.yaml'
  const roster = (o.rosterOf ?? ((r) => r))(loadRoster(rosterFile))
  const room = o.room ?? ROOM
  const store = freshStore()
  // PostgreSQL: a schema of its own, migrated and seeded here (a file copy is SQLite's shortcut).
  if (!ON_POSTGRES) copyFileSync(await migratedDatabase(rosterFile), store.dbPath)
  const db = await openDatabase(store.url)
  if (ON_POSTGRES) await seedUnitsIfEmpty(db, roster.units)
  const clock = new SimulatedClock(new Date(o.now))
  const people = o.people.map((p, i) => ({ ...p, id: `person-${i + 1}` }))
  await bindPeople(db, people, clock.now())
  const idOf = (name: string) => people.find((p) => p.name === name)?.id ?? `stranger-${name}`
  const pipeline = new InboundPipeline({
    db,
    clock,
    roster,
    roomTopic: room,
    ...(o.office ? { office: o.office } : {}),
    ...(o.subOffices ? { subOffices: o.subOffices } : {}),
    log: o.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    // The rows are read back by the message they answer (below), not from the hand-over.
    onOutbound: () => undefined,
    self: () => BOT,
  })
  let seq = 0
  const send = async (
    chat: 'room' | 'dm',
    speaker: Speaker,
    text: string,
    file?: { name: string; data: Uint8Array },
  ): Promise<Said[]> => {
    const from = typeof speaker === 'string' ? speaker : speaker.name
    const wechatId = `fast-${++seq}`
    await pipeline.receive({
      wechatId,
      chat,
      roomId: chat === 'room' ? 'test-room' : null,
      roomTopic: chat === 'room' ? room : null,
      senderId: typeof speaker === 'string' ? idOf(speaker) : speaker.id,
      senderName: from,
      text,
      mentions: text.includes(`@${BOT.name}`) ? [BOT] : [],
      fileName: file?.name ?? null,
      fileData: file?.data ?? null,
      receivedAt: clock.now(),
    })
    const inbound = await db.inboundMessage.findFirstOrThrow({ where: { wechatId } })
    const rows = await db.outboundMessage.findMany({
      where: { inboundId: inbound.id },
      orderBy: { id: 'asc' },
    })
    return rows.map((r) => ({
      to: r.chat === 'room' ? 'room' : r.recipientName,
      text: r.text,
      mentions: (JSON.parse(r.mentions) as { name: string }[]).map((m) => m.name),
      fileName: r.fileName,
    }))
  }
  return {
    db,
    clock,
    roster,
    room,
    say: (from, text) => send('room', from, text),
    dm: (from, text) => send('dm', from, text),
    file: (from, name, data, chat = 'room') => send(chat, from, '', { name, data }),
    async records() {
      return tableCounts(
        db,
        TABLES.filter((t) => t !== 'InboundMessage' && t !== 'OutboundMessage'),
      )
    },
    close: () => closeDatabase(db),
  }
}
