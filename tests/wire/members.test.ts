// Someone joins or leaves the liaison group (Wechaty's room-join / room-leave, through the real
// event path): a bound liaison leaving is told to the office privately; a newcomer is welcomed
// once when the roster says so, never otherwise.
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'
import { sleep, until } from '../helpers/wait.ts'
import { startWireApp } from './wire.ts'

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const PEOPLE = people('王芳', '李强', '赵六')
const NOW = '2026-11-18T10:00:00+08:00'

function welcomingRoster(): string {
  const path = join(tmpdir(), `roster-welcome-${process.pid}.yaml`)
  writeFileSync(
    path,
    readFileSync('prisma/roster.yaml', 'utf8').replace(
      'welcome_new_members: false',
      'welcome_new_members: true',
    ),
  )
  return path
}

const outbound = async (app: TestApp) =>
  (await app.app.db.outboundMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => ({
    to: r.chat === 'room' ? 'room' : r.recipientName,
    text: withoutMentions(r.text),
    mentions: JSON.parse(r.mentions) as { name: string }[],
  }))

/** The room is bound by its first message; joins and leaves are read only for it. */
async function bound(app: TestApp) {
  await app.say('赵六', '大家好')
}

const contact = (app: TestApp, name: string) => app.world.contacts.get(name) as mock.ContactMock

describe('leaving the group', () => {
  it('a bound liaison removed from the group: the office is told privately, once; the group hears nothing', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await bound(t)
    t.world.room.remove(contact(t, '王芳')).by(contact(t, '李强'))
    await until(async () => (await outbound(t as TestApp)).length > 0, 'the notice')
    await t.app.sender.drained()
    expect(await outbound(t)).toEqual([
      {
        to: '李强',
        text: '👋 王芳（人民银行）已离开联络员群（由李强移出）。其权限仍保留；如已更换联络员，请在群里「绑定 @新联络员 人民银行」，并「解绑 @王芳」。',
        mentions: [],
      },
    ])
  })

  it('someone without a binding leaving: nothing', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await bound(t)
    t.world.room.remove(contact(t, '赵六')).by(contact(t, '赵六'))
    await sleep(500)
    expect(await outbound(t)).toEqual([])
  })
})

describe('joining the group', () => {
  it('with welcome_new_members: one welcome @-mentioning the newcomer, not repeated when they rejoin', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE, roster: welcomingRoster() })
    await bound(t)
    const mocker = t.app.mocker as mock.Mocker
    const newcomer = mocker.createContact({ id: 'newcomer-1', name: '孙七' })
    t.world.room.add(newcomer).by(contact(t, '李强'))
    await until(async () => (await outbound(t as TestApp)).length > 0, 'the welcome')
    t.world.room.remove(newcomer).by(newcomer)
    t.world.room.add(newcomer).by(contact(t, '李强'))
    await sleep(500)
    await t.app.sender.drained()
    const sent = await outbound(t)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.to).toBe('room')
    expect(sent[0]?.mentions).toEqual([{ id: 'newcomer-1', name: '孙七' }])
    expect(sent[0]?.text).toMatch(/^欢迎 孙七 加入联络员群！我是反诈助手/)
  })

  it('without the roster switch (the default): no welcome', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await bound(t)
    const newcomer = (t.app.mocker as mock.Mocker).createContact({ id: 'newcomer-2', name: '孙七' })
    t.world.room.add(newcomer).by(contact(t, '李强'))
    await sleep(500)
    expect(await outbound(t)).toEqual([])
  })

  it('over the wire: a liaison leaving reaches the office privately through the puppet service', async () => {
    const w = await startWireApp({ now: NOW, people: PEOPLE })
    t = w
    await bound(w)
    w.world.room.remove(contact(w, '王芳')).by(contact(w, '王芳'))
    await until(() => w.received.length > 0, 'the notice on the server side', 10_000)
    expect(w.received[0]?.to).toBe(contact(w, '李强').id)
    expect(w.received[0]?.text).toMatch(/^👋 王芳（人民银行）已离开联络员群。其权限仍保留/)
  })
})
