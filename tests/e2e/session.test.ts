// The WeChat session: back after an absence, the office is told how long the bot was away; a
// contact that reappears with a new id gets no rights until the office confirms.
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../bot/store/db.ts'
import { STATE_KEYS, writeState } from '../../bot/store/service-state.ts'
import { freshStore, startTestApp, type TestApp } from '../helpers/app.ts'

const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop()
})

/** The office's 恢复在线 notice, once the bot has sent it. */
async function noticeOf(t: TestApp): Promise<string | undefined> {
  for (let i = 0; i < 100 && !t.sent.some((s) => s.includes('恢复在线')); i++)
    await new Promise((r) => setTimeout(r, 50))
  await t.app.sender.drained()
  return t.sent.find((s) => s.includes('恢复在线'))
}

describe('coming back online', () => {
  it('tells the office privately how long the bot was away', async () => {
    const store = freshStore()
    const people = [
      { name: '李强', role: 'office' as const },
      { name: '王芳', unit: '人民银行' },
    ]
    const first = await startTestApp({ now: '2026-11-20T07:00:00+08:00', people, store })
    // the previous process was killed: its last sign of life was at 07:30, and no clean stop was recorded
    await first.stop()
    const db = await openDatabase(`file:${store.dbPath}`)
    await db.serviceState.delete({ where: { key: STATE_KEYS.stopped } })
    await writeState(db, 'health', '{}', new Date('2026-11-20T07:30:00+08:00'))
    await db.$disconnect()

    const t = await startTestApp({ now: '2026-11-20T09:45:00+08:00', people, store })
    apps.push(t)
    const notice = await noticeOf(t)
    expect(notice).toContain('11月20日07:30 至 11月20日09:45 离线约 2小时15分钟')
    const row = await t.app.db.outboundMessage.findFirst({ where: { text: { contains: '恢复在线' } } })
    expect(row?.recipientName).toBe('李强')
  })

  it('after a clean stop, counts the absence from the stop', async () => {
    const store = freshStore()
    const people = [{ name: '李强', role: 'office' as const }]
    const first = await startTestApp({ now: '2026-11-20T08:00:00+08:00', people, store })
    await first.stop()

    const t = await startTestApp({ now: '2026-11-20T08:20:00+08:00', people, store })
    apps.push(t)
    const notice = await noticeOf(t)
    expect(notice).toContain('11月20日08:00 至 11月20日08:20 离线约 20分钟')
  })
})

describe('a contact that reappears with a new id', () => {
  it('gets no rights until the office confirms with 确认换号', async () => {
    const t = await startTestApp({
      now: '2026-11-20T09:00:00+08:00',
      people: [
        { name: '李强', role: 'office' as const },
        { name: '王芳', unit: '人民银行' },
      ],
    })
    apps.push(t)
    // after a re-login WeChat shows 王芳 under a new id
    t.app.mocker?.createContact({ id: 'new-id', name: '王芳' })
    const imposter = t.world.contacts.get('王芳')
    expect(imposter?.id).toBe('person-2')
    /** 王芳, under her new id, reports in the group; resolves once it is handled and answered. */
    const reportFromNewId = async () => {
      const settled = t.app.pipeline.nextSettled()
      t.app.mocker?.ContactMock.load('new-id')
        .say('#月报\n冻结涉案账户数：1\n清理空壳公司数：1')
        .to(t.world.room)
      await settled
      await t.app.sender.drained()
    }
    await reportFromNewId()
    expect(t.sent.some((s) => s.includes('您还不是任何成员单位的联络员'))).toBe(true)
    const ask = t.sent.find((s) => s.includes('确认换号 王芳'))
    expect(ask).toContain('微信联系人ID变了')
    expect(await t.app.db.submission.count()).toBe(0)

    await t.say('李强', '确认换号 王芳')
    await reportFromNewId()
    expect(t.sent.some((s) => s.includes('已确认：王芳的权限转到新的微信联系人'))).toBe(true)
    expect(await t.app.db.submission.count()).toBe(1)
    expect((await t.app.db.person.findFirst({ where: { name: '王芳' } }))?.contactId).toBe('new-id')
  })
})
