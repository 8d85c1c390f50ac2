// One connection: Prisma's queries and store/'s prepared statements run on the SQLite connection
// openDatabase opened, so they share its transactions; and values go in and come out of Prisma
// (through bot/store/sqlite-adapter.ts) as they did with @prisma/adapter-better-sqlite3.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDatabase, type Db, openDatabase, writeTransaction } from '../../bot/store/db.ts'
import { sqliteOf, statement } from '../../bot/store/sqlite.ts'
import { freshStore } from '../helpers/app.ts'

let db: Db
beforeEach(async () => {
  db = await openDatabase(`file:${freshStore().dbPath}`)
})
afterEach(() => closeDatabase(db))

const AT = new Date('2026-11-18T02:03:04.567Z')
const stateRow = (key: string) => ({ key, value: key, updatedAt: AT })
const keys = async () => (await db.serviceState.findMany({ orderBy: { key: 'asc' } })).map((r) => r.key)
const insertState = (key: string) =>
  statement(
    sqliteOf(db),
    `INSERT INTO "ServiceState" ("key", "value", "updatedAt") VALUES (?, ?, '2026-11-18T02:03:04.567+00:00')`,
  ).run(key, key)

describe('one connection', () => {
  it('is the one under the client and under its transactions', async () => {
    await writeTransaction(db, async (tx) => {
      expect(sqliteOf(tx)).toBe(sqliteOf(db))
      expect(sqliteOf(db).inTransaction).toBe(true)
    })
    expect(sqliteOf(db).inTransaction).toBe(false)
  })

  it('a prepared-statement write inside writeTransaction rolls back with the Prisma writes', async () => {
    await expect(
      writeTransaction(db, async (tx) => {
        await tx.serviceState.create({ data: stateRow('prisma') })
        insertState('prepared')
        // Both are visible inside the transaction, to either side.
        expect((await tx.serviceState.findMany()).map((r) => r.key).sort()).toEqual(['prepared', 'prisma'])
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(await keys()).toEqual([])

    await writeTransaction(db, async (tx) => {
      await tx.serviceState.create({ data: stateRow('prisma') })
      insertState('prepared')
    })
    expect(await keys()).toEqual(['prepared', 'prisma'])
  })

  it('a constraint error comes back as Prisma’s own (P2002)', async () => {
    await db.serviceState.create({ data: stateRow('once') })
    const error = await db.serviceState.create({ data: stateRow('once') }).catch((e: unknown) => e)
    expect((error as { code?: string }).code).toBe('P2002')
  })

  it('closing the client closes the connection', async () => {
    const conn = sqliteOf(db)
    await closeDatabase(db)
    expect(conn.open).toBe(false)
    db = await openDatabase(`file:${conn.name}`)
  })
})

describe('values round-trip and are stored as Prisma stores them', () => {
  it('DateTime, Boolean, Int, Bytes and null', async () => {
    const bytes = new Uint8Array([0, 1, 2, 254, 255])
    const inbound = await db.inboundMessage.create({
      data: {
        wechatId: 'w1',
        chat: 'dm',
        senderId: 's',
        senderName: '王芳',
        text: '原文 as written　',
        fileName: 'a.bin',
        fileData: bytes,
        receivedAt: AT,
        attempts: 2_147_483_647,
      },
    })
    const read = await db.inboundMessage.findUniqueOrThrow({ where: { id: inbound.id } })
    expect(read.receivedAt).toEqual(AT)
    expect(read.handledAt).toBeNull()
    expect(read.roomId).toBeNull()
    expect(read.attempts).toBe(2_147_483_647)
    expect(read.text).toBe('原文 as written　')
    expect(Array.from(read.fileData ?? [])).toEqual(Array.from(bytes))

    const raw = statement(
      sqliteOf(db),
      `SELECT "receivedAt", "handledAt", "fileData", typeof("attempts") AS "attemptsType" FROM "InboundMessage"`,
    ).get() as { receivedAt: string; handledAt: null; fileData: Buffer; attemptsType: string }
    expect(raw.receivedAt).toBe('2026-11-18T02:03:04.567+00:00')
    expect(raw.handledAt).toBeNull()
    expect(Buffer.isBuffer(raw.fileData)).toBe(true)
    expect(raw.attemptsType).toBe('integer')

    await db.bulletin.create({
      data: {
        period: '2026-11',
        version: 1,
        kind: 'issued',
        corrected: true,
        figures: '{}',
        text: 't',
        createdAt: AT,
      },
    })
    const b = await db.bulletin.findFirstOrThrow()
    expect(b.corrected).toBe(true)
    expect(b.createdAt).toEqual(AT)
    const stored = statement(sqliteOf(db), `SELECT "corrected" FROM "Bulletin"`).get() as {
      corrected: number
    }
    expect(stored.corrected).toBe(1)
    expect(await db.bulletin.count({ where: { corrected: false } })).toBe(0)
  })

  it('a date filter compares as stored; raw queries give BigInt, dates and text', async () => {
    await db.serviceState.create({ data: stateRow('a') })
    expect(await db.serviceState.count({ where: { updatedAt: { gte: AT } } })).toBe(1)
    expect(await db.serviceState.count({ where: { updatedAt: { gt: AT } } })).toBe(0)
    const [row] = await db.$queryRawUnsafe<{ big: bigint; n: bigint; s: string; nothing: null }[]>(
      `SELECT 9007199254740993 AS "big", COUNT(*) AS "n", 'x' AS "s", NULL AS "nothing" FROM "ServiceState"`,
    )
    expect(row).toEqual({ big: 9007199254740993n, n: 1n, s: 'x', nothing: null })
    const [date] = await db.$queryRawUnsafe<{ updatedAt: Date }[]>(`SELECT "updatedAt" FROM "ServiceState"`)
    expect(date?.updatedAt).toEqual(AT)
  })
})
