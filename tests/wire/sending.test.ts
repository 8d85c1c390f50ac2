// Sending over the wire: per-chat pacing and the per-minute cap as the provider sees them, a send
// the puppet rejects retried with backoff and recorded on the row, and a clean stop that delivers
// what was already answered (the stall: replies to a burst waited for the next start).
import { afterEach, describe, expect, it } from 'vitest'
import type { Transport } from '../../bot/chat/transport.ts'
import { SimulatedClock } from '../../bot/domain/clock.ts'
import { createLogger } from '../../bot/log.ts'
import { closeDatabase, openDatabase } from '../../bot/store/db.ts'
import { insertOutbound, undeliveredOutboundIds } from '../../bot/store/outbound.ts'
import { OutboundSender } from '../../jobs/outbound.processor.ts'
import { SendPacing } from '../../jobs/send-pacing.ts'
import { freshStore, startTestApp, type TestApp } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'
import { sleep, until } from '../helpers/wait.ts'
import { startWireApp } from './wire.ts'

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const PEOPLE = people('王芳', '马丽', '高峰', '李强')
const NOW = '2026-11-18T10:00:00+08:00'

const states = async (app: TestApp) =>
  (await app.app.db.outboundMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => r.state)

describe('sending', () => {
  it('a clean stop first delivers the replies already committed (paced), not at the next start', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE, env: { SEND_INTERVAL_MS: 300 } })
    for (const who of ['王芳', '马丽', '高峰', '王芳', '马丽']) await t.say(who, '进度')
    expect(await t.app.db.outboundMessage.count()).toBe(5)
    const app = t
    t = undefined
    await app.stop()
    // The app closed its database: read the file again.
    const db = await openDatabase(`file:${app.dbPath}`)
    try {
      const rows = await db.outboundMessage.findMany({ orderBy: { id: 'asc' } })
      expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent'])
    } finally {
      await closeDatabase(db)
    }
    expect(app.sent).toHaveLength(5)
  })

  it('over the wire: the group paced by SEND_INTERVAL_MS', async () => {
    const w = await startWireApp({ now: NOW, people: PEOPLE, env: { SEND_INTERVAL_MS: 500 } })
    t = w
    for (const who of ['王芳', '马丽', '高峰']) await w.say(who, '进度')
    w.world.dm('李强', '帮助')
    await w.app.sender.drained(15_000)
    await until(() => w.received.length >= 4, 'four messages on the server side', 10_000)
    const room = w.received.filter((r) => r.to === 'room').map((r) => r.at)
    expect(room).toHaveLength(3)
    for (let i = 1; i < room.length; i++)
      expect((room[i] as number) - (room[i - 1] as number)).toBeGreaterThanOrEqual(450)
  })

  it('over the wire: at most SEND_PER_MINUTE sends a minute over all chats; the rest wait as pending', async () => {
    const w = await startWireApp({
      now: NOW,
      people: PEOPLE,
      env: { SEND_INTERVAL_MS: 0, SEND_PER_MINUTE: 3 },
    })
    t = w
    for (const who of ['王芳', '马丽', '高峰', '王芳', '马丽']) await w.say(who, '进度')
    await until(() => w.received.length >= 3, 'three messages on the server side', 10_000)
    await sleep(1500)
    expect(w.received).toHaveLength(3)
    expect(await states(w)).toEqual(['sent', 'sent', 'sent', 'pending', 'pending'])
  })

  it('over the wire: a send the puppet rejects is retried with backoff, recorded, delivered once', async () => {
    const w = await startWireApp({ now: NOW, people: PEOPLE })
    t = w
    const { puppet } = w.server
    const send = puppet.messageSendText.bind(puppet)
    let rejections = 0
    puppet.messageSendText = async (...args) => {
      if (rejections < 2) {
        rejections++
        throw new Error('操作过于频繁')
      }
      return send(...args)
    }
    await w.say('王芳', '进度')
    await until(async () => (await w.app.db.outboundMessage.findFirst())?.state === 'retrying', 'retrying')
    const retrying = await w.app.db.outboundMessage.findFirst()
    expect(retrying?.attempts).toBeGreaterThanOrEqual(1)
    expect(retrying?.lastError).toContain('操作过于频繁')
    expect(w.received).toHaveLength(0)
    await w.app.sender.drained(20_000)
    const row = await w.app.db.outboundMessage.findFirst()
    expect(row).toMatchObject({ state: 'sent', attempts: 3, lastError: null })
    await until(() => w.received.length >= 1, 'the reply on the server side', 5000)
    await sleep(300)
    expect(w.received.filter((r) => r.to === 'room')).toHaveLength(1)
  }, 40_000)
})

/** A sender over a transport of the test's own, with outbound rows handed to it at once (one row by default). */
async function queuedOnce(
  transport: Transport,
  maxAttempts: number,
  o: { pacing?: SendPacing; texts?: string[] } = {},
) {
  const store = freshStore()
  const db = await openDatabase(`file:${store.dbPath}`)
  const clock = new SimulatedClock(new Date(NOW))
  const sender = new OutboundSender({
    db,
    clock,
    log: createLogger('silent'),
    transport,
    redisUrl: 'redis://127.0.0.1:6379',
    prefix: store.prefix,
    intervalMs: 0,
    maxAttempts,
    ...(o.pacing ? { pacing: o.pacing } : {}),
  })
  const ids = await insertOutbound(
    db,
    (o.texts ?? ['你好']).map((text) => ({
      to: { chat: 'dm' as const, contactId: 'c1', name: '王芳' },
      text,
    })),
    clock.now(),
    null,
  )
  sender.start()
  await sender.enqueue(ids)
  return {
    db,
    sender,
    ids,
    async close() {
      await sender.closeWorker()
      await sender.jobs.obliterate().catch(() => undefined)
      await sender.jobs.closeConnections()
      await closeDatabase(db)
    },
  }
}

describe('several offices on one WeChat account', () => {
  it('their senders share one SEND_PER_MINUTE: the account never sends more than the cap', async () => {
    const pacing = new SendPacing({ intervalMs: 0, perMinute: 4 })
    let delivered = 0
    const transport = {
      async deliver() {
        await sleep(5) // a send in flight while the other office's sender takes its turn
        delivered++
      },
    }
    const offices = [
      await queuedOnce(transport, 5, { pacing, texts: ['一', '二', '三'] }),
      await queuedOnce(transport, 5, { pacing, texts: ['一', '二', '三'] }),
    ]
    try {
      await until(() => delivered >= 4, 'four sends', 10_000)
      await sleep(1500)
      expect(delivered).toBe(4)
    } finally {
      for (const q of offices) await q.close()
    }
  })
})

describe('giving up', () => {
  it('a message the puppet keeps rejecting is given up after maxAttempts, kept, and not swept again', async () => {
    let tries = 0
    const q = await queuedOnce(
      {
        async deliver() {
          tries++
          throw new Error('message rejected')
        },
        isConnectionError: () => false,
      },
      2,
    )
    try {
      await until(
        async () => (await q.db.outboundMessage.findFirst())?.state === 'failed',
        'given up',
        15_000,
      )
      expect(await q.db.outboundMessage.findFirst()).toMatchObject({
        attempts: 2,
        lastError: 'message rejected',
        sentAt: null,
      })
      expect(await undeliveredOutboundIds(q.db)).toEqual([])
      await q.sender.sweep()
      await sleep(500)
      expect(tries).toBe(2)
    } finally {
      await q.close()
    }
  })

  it('while the bot is away a failing send is never given up (it waits for the connection)', async () => {
    const q = await queuedOnce(
      {
        async deliver() {
          throw new Error('bot is not logged in')
        },
        isConnectionError: () => true,
      },
      1,
    )
    try {
      await until(
        async () => ((await q.db.outboundMessage.findFirst())?.attempts ?? 0) >= 2,
        'two attempts',
        15_000,
      )
      expect((await q.db.outboundMessage.findFirst())?.state).toBe('retrying')
      expect(await undeliveredOutboundIds(q.db)).toEqual(q.ids)
    } finally {
      await q.close()
    }
  })
})

describe('a hand-over of several rows (one job)', () => {
  it('a row whose send fails is retried on its own with backoff while the next rows go out, each once', async () => {
    const tries: string[] = []
    let rejections = 0
    const q = await queuedOnce(
      {
        async deliver(row) {
          tries.push(row.text)
          if (row.text === '二' && rejections < 2) {
            rejections++
            throw new Error('操作过于频繁')
          }
        },
        isConnectionError: () => false,
      },
      5,
      { texts: ['一', '二', '三'] },
    )
    try {
      await q.sender.drained(20_000)
      expect(tries).toEqual(['一', '二', '三', '二', '二'])
      const rows = await q.db.outboundMessage.findMany({ orderBy: { id: 'asc' } })
      expect(rows.map((r) => [r.text, r.state, r.attempts, r.lastError])).toEqual([
        ['一', 'sent', 1, null],
        ['二', 'sent', 3, null],
        ['三', 'sent', 1, null],
      ])
    } finally {
      await q.close()
    }
  }, 30_000)

  it('a row given up does not hold up the rest of its hand-over', async () => {
    const tries: string[] = []
    const q = await queuedOnce(
      {
        async deliver(row) {
          tries.push(row.text)
          if (row.text === '一') throw new Error('message rejected')
        },
        isConnectionError: () => false,
      },
      1,
      { texts: ['一', '二'] },
    )
    try {
      await until(() => tries.length >= 2, 'both rows tried', 10_000)
      await sleep(300)
      expect(tries).toEqual(['一', '二'])
      const rows = await q.db.outboundMessage.findMany({ orderBy: { id: 'asc' } })
      expect(rows.map((r) => r.state)).toEqual(['failed', 'sent'])
    } finally {
      await q.close()
    }
  })
})

describe('SendPacing', () => {
  it('per chat: the interval after the last send to that chat; other chats free', () => {
    const p = new SendPacing({ intervalMs: 1500, perMinute: 0 })
    expect(p.take('room', 0)).toBe(0)
    p.finished('room', 1000)
    expect(p.take('room', 1200)).toBe(1300)
    expect(p.take('dm:a', 1200)).toBe(0)
    expect(p.take('room', 2500)).toBe(0)
  })
  it('per minute over all chats: the next send waits until the oldest of the last minute is a minute old', () => {
    const p = new SendPacing({ intervalMs: 0, perMinute: 3 })
    for (const [chat, at] of [
      ['a', 0],
      ['b', 10_000],
      ['c', 20_000],
    ] as const)
      expect(p.take(chat, at)).toBe(0)
    expect(p.take('d', 30_000)).toBe(30_000)
    expect(p.take('d', 60_001)).toBe(0)
  })
  it('a turn counts when taken: a second sender sharing the pacing waits while the first is still sending', () => {
    const p = new SendPacing({ intervalMs: 1000, perMinute: 2 })
    expect(p.take('room:安平', 0)).toBe(0)
    expect(p.take('room:安平', 10)).toBe(990) // its send has not finished yet
    expect(p.take('room:武邑', 10)).toBe(0)
    expect(p.take('room:饶阳', 20)).toBe(59_980) // two sends started within the minute
  })
})
