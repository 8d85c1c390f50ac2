// The WeChat session: back after an absence, the office is told how long the bot was away; a
// contact that reappears with a new id gets no rights until the office confirms.
import { afterEach, describe, expect, it } from 'vitest'
import { writeState } from '../../bot/store/service-state.ts'
import { freshStore, startTestApp, type TestApp } from '../helpers/app.ts'

const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop()
})

describe('coming back online', () => {
  it('tells the office privately how long the bot was away', async () => {
    const store = freshStore()
    const people = [
      { name: '李强', role: 'office' as const },
      { name: '王芳', unit: '人民银行' },
    ]
    const first = await startTestApp({ now: '2026-11-20T08:00:00+08:00', people, store })
    // the previous process's last sign of life: 07:30
    await writeState(first.app.db, 'health', '{}', new Date('2026-11-20T07:30:00+08:00'))
    await first.stop()

    const t = await startTestApp({ now: '2026-11-20T09:45:00+08:00', people, store })
    apps.push(t)
    for (let i = 0; i < 100 && !t.sent.some((s) => s.includes('恢复在线')); i++)
      await new Promise((r) => setTimeout(r, 50))
    await t.app.sender.drained()
    const notice = t.sent.find((s) => s.includes('恢复在线'))
    expect(notice).toContain('11月20日07:30 至 11月20日09:45 离线约 2小时15分钟')
    const row = await t.app.db.outboundMessage.findFirst({ where: { text: { contains: '恢复在线' } } })
    expect(row?.recipientName).toBe('李强')
  })
})
