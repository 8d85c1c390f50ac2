// A re-login that gives everyone new ids (as wechat4u does): the bot has tagged each bound person's
// remark with FZ-<person id>, finds them again by it, and their rights follow them; the office hears
// how long the bot was away.
import { afterEach, describe, expect, it } from 'vitest'
import { identityTag } from '../../bot/chat/identity.ts'
import { listPeople } from '../../bot/store/people.ts'
import { until } from '../helpers/wait.ts'
import { startWireApp, type WireApp } from './wire.ts'

let t: WireApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

describe('logout and a re-login with new contact ids', () => {
  it('rights follow the people by the remark tag the bot set', async () => {
    t = await startWireApp({
      now: '2026-11-18T10:00:00+08:00',
      people: [
        { name: '王芳', unit: '人民银行' },
        { name: '李强', role: 'office' as const },
      ],
    })
    // Tagged at the login (bindings made later: at the next sync).
    await until(() => t?.server.puppet.remarks.size === 2, 'the remarks set', 10_000)
    const people = await listPeople(t.app.db)
    const wang = people.find((p) => p.name === '王芳')
    expect(t.server.puppet.remarks.get(wang?.contactId ?? '')).toBe(identityTag(wang?.id ?? 0, '王芳'))

    // WeChat logs the account out; at the next login everyone has a new id, remarks stay with people.
    const { puppet, mocker } = t.server
    await puppet.logout()
    await until(() => t?.app.bot.isLoggedIn === false, 'the logout', 10_000)
    // (The room keeps its id here: finding a room again is the room guard's, tested apart.)
    const old = t.world
    for (const c of old.contacts.values()) {
      const remark = puppet.remarks.get(c.id)
      if (remark) puppet.remarks.set(`${c.id}-new`, remark)
      puppet.remarks.delete(c.id)
    }
    const renewed = new Map(
      [...old.contacts.values()].map((c) => [
        c.payload.name,
        mocker.createContact({ id: `${c.id}-new`, name: c.payload.name }),
      ]),
    )
    const bot = mocker.createContact({ id: 'bot-new', name: '反诈助手' })
    mocker.roomPayload(old.room.id, {
      ...mocker.roomPayload(old.room.id),
      memberIdList: [bot.id, ...[...renewed.values()].map((c) => c.id)],
    })
    t.server.keepLoggedIn(bot)
    t.clock.set(new Date('2026-11-18T11:00:00+08:00'))
    mocker.login(bot)
    await until(() => t?.app.bot.isLoggedIn === true, 'the re-login', 10_000)
    await until(async () => (await t?.app.syncIdentities())?.found === 0, 'identities found again', 10_000)
    const after = await listPeople(t.app.db)
    expect(after.map((p) => [p.name, p.contactId])).toEqual(
      expect.arrayContaining([
        ['王芳', 'person-1-new'],
        ['李强', 'person-2-new'],
      ]),
    )

    // 王芳, with her new id, reports in the group found again by topic, with her rights.
    const settled = t.app.pipeline.nextSettled()
    renewed.get('王芳')?.say('#月报\n冻结账户数：12个\n清理空壳公司数：三').to(old.room)
    await settled
    await t.app.sender.drained(10_000)
    await until(
      () => t?.received.some((r) => r.text.includes('冻结涉案账户数')) === true,
      'the confirmation',
      10_000,
    )
    const toOffice = t.received.filter((r) => r.to === 'person-2-new').map((r) => r.text)
    expect(toOffice).toEqual([expect.stringContaining('离线约 1小时')])
    expect(t.received.some((r) => r.text.includes('确认换号'))).toBe(false)
  }, 60_000)
})
