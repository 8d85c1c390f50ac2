// Benchmark 1's baseline: a bare Wechaty + mock-puppet bot that only persists each raw message
// with one prepared SQLite insert (same schema, same pragmas as the bot), driven the same way.
import '../bot/chat/quiet.ts'
import Database from 'better-sqlite3'
import { WechatyBuilder } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { createMockWorld } from '../bot/chat/mock-world.ts'
import { loadRoster } from '../bot/config.ts'
import { applyMigrations } from '../bot/store/migrate.ts'
import { type ChildResult, dropStore, freshStore, PeakMemory } from './common.ts'
import { drive, type LoadMode, people, ROOM, result, Tracker } from './ingest-common.ts'

export async function ingestBaseline(n: number, warmup: number, mode?: LoadMode): Promise<ChildResult> {
  const mem = new PeakMemory()
  const store = freshStore('ingest-base')
  const path = store.dbPath
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  applyMigrations(db)
  const insert = db.prepare(
    `INSERT INTO "InboundMessage" ("wechatId", "chat", "roomId", "senderId", "senderName", "text", "receivedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const mocker = new mock.Mocker()
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) })
  const tracker = new Tracker()
  bot.on('message', (m) => {
    const room = m.room()
    const talker = m.talker()
    const text = m.text()
    insert.run(m.id, room ? 'room' : 'dm', room?.id ?? null, talker.id, talker.name(), text, Date.now())
    tracker.complete(text)
  })
  await bot.start()
  const roster = loadRoster('prisma/roster.yaml')
  const ps = people(roster.units)
  const loggedIn = new Promise((resolve) => bot.once('login', resolve))
  const world = createMockWorld(mocker, {
    roomTopic: ROOM,
    roomId: 'bench-room',
    botId: 'bench-bot',
    people: ps,
  })
  await loggedIn
  const r = await drive({ world, people: ps, tracker }, n, warmup, mode)
  const inbound = (db.prepare('SELECT COUNT(*) AS n FROM "InboundMessage"').get() as { n: number }).n
  if (inbound !== r.total) throw new Error(`baseline: expected ${r.total} rows, got ${inbound}`)
  await bot.stop()
  db.close()
  await dropStore(store)
  return result('baseline', r, mem, { liaisons: ps.length, inbound })
}
