// A long backlog (what a restart finds after a crash during a burst) does not hold everything up:
// replies go out while the rest is still being handled.
import { afterEach, describe, expect, it } from 'vitest'
import { persistInbounds } from '../../bot/store/inbound.ts'
import { ROOM, startTestApp, type TestApp } from '../helpers/app.ts'
import { until } from '../helpers/wait.ts'

const BACKLOG = 600
const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop()
})

describe('a backlog of unhandled reports', () => {
  it(`${BACKLOG} reports left unhandled: the first replies are sent before the last report is handled`, async () => {
    const t = await startTestApp({
      now: '2026-11-20T10:00:00+08:00',
      people: [{ name: '王芳', unit: '人民银行' }],
    })
    apps.push(t)
    const receivedAt = t.clock.now()
    await persistInbounds(
      t.app.db,
      Array.from({ length: BACKLOG }, (_, i) => ({
        wechatId: `backlog-${i}`,
        chat: 'room' as const,
        roomId: 'test-room',
        roomTopic: ROOM,
        senderId: 'person-1',
        senderName: '王芳',
        text: `#月报\n冻结涉案账户数：${i}\n清理空壳公司数：1`,
        mentions: [],
        fileName: null,
        fileData: null,
        receivedAt,
      })),
    )

    let backlogDone = false
    const recovering = t.app.pipeline.recover().then((n) => {
      backlogDone = true
      return n
    })
    await until(() => t.sent.length > 0, 'the first reply', 60_000)
    expect(backlogDone).toBe(false)
    expect(await recovering).toBe(BACKLOG)
    expect(await t.app.db.submission.count()).toBe(BACKLOG)
  }, 120_000)
})
