// Rights never follow a name: after 王芳 re-logs in with a new id, a second contact who takes the
// name 王芳 is a second candidate, never collapsed into the first; the office picks by number from
// a list that shows both ids and when each first wrote, and only the one picked gets the rights.
import { afterEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../helpers/app.ts'

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

describe('an impostor after a re-login', () => {
  it('the office sees two numbered candidates and must pick; the impostor gets no rights', async () => {
    t = await startTestApp({
      now: '2026-11-20T09:00:00+08:00',
      people: [
        { name: '李强', role: 'office' as const },
        { name: '王芳', unit: '人民银行' },
      ],
    })
    const app = t.app
    const mocker = app.mocker as NonNullable<typeof app.mocker>
    mocker.createContact({ id: 'wangfang-new', name: '王芳' })
    mocker.createContact({ id: 'impostor', name: '王芳' })
    const sayAs = async (id: string, text: string) => {
      const settled = app.pipeline.nextSettled()
      mocker.ContactMock.load(id).say(text).to(t?.world.room)
      await settled
      await app.sender.drained()
    }
    await sayAs('wangfang-new', '进度')
    t.clock.set(new Date('2026-11-20T09:07:00+08:00'))
    await sayAs('impostor', '我的线索')

    const asks = (await app.db.outboundMessage.findMany({ where: { recipientName: '李强' } })).map(
      (m) => m.text,
    )
    expect(asks).toHaveLength(2)
    expect(asks[1]).toContain('原ID：person-2')
    expect(asks[1]).toContain('1. 新ID wangfang-new（11月20日09:00首次发言）')
    expect(asks[1]).toContain('2. 新ID impostor（11月20日09:07首次发言）')
    expect(asks[1]).toContain('有 2 个同名联系人，可能有人冒用')

    // the name alone does not decide
    const office = async (text: string) => {
      await t?.say('李强', text)
      await app.sender.drained()
    }
    await office('确认换号 王芳')
    expect(t.sent.at(-1)).toContain('「王芳」有 2 个待确认的新ID，不能自动判断哪个是本人')
    expect((await app.db.person.findFirst({ where: { name: '王芳' } }))?.contactId).toBe('person-2')

    await office('确认换号 王芳 1')
    expect(t.sent.at(-1)).toContain('已确认：王芳的权限转到新的微信联系人')
    expect((await app.db.person.findFirst({ where: { name: '王芳' } }))?.contactId).toBe('wangfang-new')
    // the impostor asks for the unit's clues and is refused
    await sayAs('impostor', '我的线索')
    const toImpostor = await app.db.outboundMessage.findMany({ where: { contactId: 'impostor' } })
    expect(toImpostor).toEqual([])
    expect(t.sent.at(-1)).not.toContain('人民银行的在办线索')
  })
})
