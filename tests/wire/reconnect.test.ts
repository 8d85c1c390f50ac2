// The puppet service goes away for 10 s and comes back: the bot reconnects by itself, what it had to
// say meanwhile is delivered once, nothing twice, and the office hears how long the bot was away.
import { afterEach, describe, expect, it } from 'vitest'
import { insertOutbound } from '../../bot/store/outbound.ts'
import { ROOM } from '../helpers/app.ts'
import { sleep, until } from '../helpers/wait.ts'
import { startWireApp, type WireApp } from './wire.ts'

let t: WireApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

describe('the puppet service stopped for 10 s', () => {
  it('the bot reconnects by itself and delivers what it had to say once', async () => {
    t = await startWireApp({
      now: '2026-11-18T10:00:00+08:00',
      people: [
        { name: '王芳', unit: '人民银行' },
        { name: '李强', role: 'office' as const },
      ],
    })
    await t.say('王芳', '进度')
    await until(() => t?.received.length === 1, 'the first reply', 10_000)

    await t.server.stop()
    // What the bot has to say while the service is away (a scheduled message, as a reminder is).
    const queued = await insertOutbound(
      t.app.db,
      [{ to: { chat: 'room', roomTopic: ROOM }, text: '离线期间的提醒', mentions: [] }],
      t.clock.now(),
      null,
    )
    void t.app.sender.enqueue(queued)
    await sleep(10_000)
    t.clock.set(new Date('2026-11-18T10:20:00+08:00')) // the office is told of 20 minutes away
    await t.server.start()

    await until(
      () => t?.received.some((r) => r.text === '离线期间的提醒') === true,
      'the queued message',
      30_000,
    )
    await t.app.sender.drained(10_000)
    await sleep(500)
    const texts = t.received.map((r) => r.text)
    expect(texts.filter((x) => x === '离线期间的提醒')).toHaveLength(1)
    expect(new Set(texts).size).toBe(texts.length)
    expect(t.app.bot.isLoggedIn).toBe(true)
    const toOffice = t.received.filter((r) => r.to === t?.world.contacts.get('李强')?.id).map((r) => r.text)
    expect(toOffice).toEqual([
      expect.stringContaining('反诈助手已恢复在线：11月18日10:00 至 11月18日10:20 离线约 20分钟'),
    ])
    // The bot is itself again: it answers in the group.
    await t.say('王芳', '进度')
    await until(
      () => (t?.received.filter((r) => r.text.includes('未报送')).length ?? 0) === 2,
      'a reply after the reconnection',
      10_000,
    )
  }, 60_000)
})
