// store/'s own statements (store/sql.ts) on whichever engine the tests run on (TEST_DATABASE):
// they are part of Prisma's transaction, what a transaction read of people follows its own writes
// and none of a rolled-back one's, and a replayed message is stored once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertMany } from '../../bot/store/bulk.ts'
import { closeDatabase, type Db, openDatabase, type Tx, writeTransaction } from '../../bot/store/db.ts'
import { type InboundDraft, loadInbound, persistInbounds } from '../../bot/store/inbound.ts'
import { bindPerson, findPersonByContact } from '../../bot/store/people.ts'
import { dbDate, sqlOf } from '../../bot/store/sql.ts'
import { freshStore } from '../helpers/database.ts'

let db: Db
beforeEach(async () => {
  db = await openDatabase(freshStore().url)
})
afterEach(() => closeDatabase(db))

const AT = new Date('2026-11-18T02:03:04.567Z')
const keys = async () => (await db.serviceState.findMany({ orderBy: { key: 'asc' } })).map((r) => r.key)
const insertState = (client: Parameters<typeof sqlOf>[0], key: string) =>
  sqlOf(client).run(
    `INSERT INTO "ServiceState" ("key", "value", "updatedAt") VALUES (?, ?, ?)`,
    key,
    key,
    dbDate(AT),
  )

const draft = (wechatId: string, text: string): InboundDraft => ({
  wechatId,
  chat: 'room',
  roomId: 'r',
  roomTopic: '反诈联席办',
  senderId: 's',
  senderName: '王芳',
  text,
  mentions: [{ id: 'bot', name: '助手' }],
  fileName: null,
  fileData: null,
  receivedAt: AT,
})

describe('store statements on this engine', () => {
  it('roll back with the Prisma writes of their transaction', async () => {
    await expect(
      writeTransaction(db, async (tx) => {
        await tx.serviceState.create({ data: { key: 'prisma', value: '', updatedAt: AT } })
        await insertState(tx, 'statement')
        expect((await tx.serviceState.findMany()).map((r) => r.key).sort()).toEqual(['prisma', 'statement'])
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await keys()).toEqual([])
  })

  it('bulk rows (a statement a row on SQLite, one JSON list on PostgreSQL) are part of the transaction', async () => {
    const rows = ['a', 'b', 'c']
    const columns = { key: 'text', value: 'text', updatedAt: 'timestamp' } as const
    const insert = (tx: Tx) =>
      insertMany(tx, 'ServiceState', columns, rows, (key, i) => [key, `value ${i}`, dbDate(AT)])
    await expect(
      writeTransaction(db, async (tx) => {
        await insert(tx)
        expect((await tx.serviceState.findMany()).map((r) => r.key).sort()).toEqual(rows)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await keys()).toEqual([])
    await writeTransaction(db, insert)
    const stored = await db.serviceState.findMany({ orderBy: { key: 'asc' } })
    expect(stored.map((r) => [r.key, r.value, r.updatedAt.toISOString()])).toEqual([
      ['a', 'value 0', AT.toISOString()],
      ['b', 'value 1', AT.toISOString()],
      ['c', 'value 2', AT.toISOString()],
    ])
  })

  it('people read in a transaction follow its own writes, and none of a rolled-back one', async () => {
    const person = (contactId: string) => ({
      contactId,
      name: contactId,
      role: 'office' as const,
      unitId: null,
    })
    await writeTransaction(db, async (tx) => {
      expect(await findPersonByContact(tx, 'a')).toBeNull()
      await bindPerson(tx, person('a'), AT)
      expect((await findPersonByContact(tx, 'a'))?.name).toBe('a')
    })
    await expect(
      writeTransaction(db, async (tx) => {
        await bindPerson(tx, person('b'), AT)
        expect((await findPersonByContact(tx, 'b'))?.name).toBe('b')
        throw new Error('this message failed')
      }),
    ).rejects.toThrow('this message failed')
    expect(await findPersonByContact(db, 'b')).toBeNull()
    expect((await findPersonByContact(db, 'a'))?.name).toBe('a')
  })

  it('a replayed message is stored once; dates, JSON and text come back as written', async () => {
    const [first, replay, other] = await persistInbounds(db, [
      draft('w1', '#月报\n冻结 3'),
      draft('w1', 'x'),
      draft('w2', '进度'),
    ])
    expect(first).toBeTypeOf('number')
    expect(replay).toBeUndefined()
    expect(other).toBeGreaterThan(first as number)
    const stored = await loadInbound(db, first as number)
    expect(stored).toMatchObject({ text: '#月报\n冻结 3', receivedAt: AT, handled: false })
    expect(stored?.mentions).toEqual([{ id: 'bot', name: '助手' }])
  })
})
