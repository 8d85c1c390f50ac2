// After a re-login the liaison room may have a new id (the web protocol) and, renamed meanwhile, a
// new name: it is found again by its stored member set, and the office is told; when no room
// matches, the office is told that, and group messages wait instead of being given up.
import { afterEach, describe, expect, it } from 'vitest'
import type { mock } from 'wechaty-puppet-mock'
import { chooseRoom } from '../../bot/services/room-binding.ts'
import { insertOutbound } from '../../bot/store/outbound.ts'
import { ROOM, startTestApp, type TestApp } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'
import { until } from '../helpers/wait.ts'

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const PEOPLE = people('王芳', '马丽', '李强', '赵六')
const NOW = '2026-11-18T10:00:00+08:00'

const toOffice = async (app: TestApp) =>
  (
    await app.app.db.outboundMessage.findMany({ where: { recipientName: '李强' }, orderBy: { id: 'asc' } })
  ).map((r) => r.text)

/** Logs the bot out, lets `change` rework the rooms (new ids), and logs it in again. */
async function relogin(app: TestApp, change: (mocker: mock.Mocker) => void): Promise<void> {
  const mocker = app.app.mocker as mock.Mocker
  await mocker.puppet.logout()
  await until(() => !app.app.bot.isLoggedIn, 'the logout')
  change(mocker)
  mocker.login(app.world.botUser)
  await until(() => app.app.bot.isLoggedIn, 'the login')
}

describe('the room found again after a re-login', () => {
  it('renamed while the bot was away (new id, new name): found by its members; the office is told', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await t.say('赵六', '大家好')
    const old = t.world.room
    await relogin(t, (mocker) => {
      mocker.cacheRoomPayload.delete(old.id)
      mocker.createRoom({
        id: 'renamed@chatroom',
        topic: '反诈联络群2027',
        memberIdList: old.payload.memberIdList,
      })
      mocker.createRoom({
        id: 'family@chatroom',
        topic: '家人群',
        memberIdList: old.payload.memberIdList.slice(0, 2),
      })
    })
    await until(async () => (await toOffice(t as TestApp)).length > 0, 'the office told')
    expect((await toOffice(t))[0]).toBe(
      `重新登录后找不到名为「${ROOM}」的群：群「反诈联络群2027」（ID renamed@chatroom）的成员与联络员群重合 100%，认定它就是改名后的联络员群。如不对，请联席办在真正的联络员群里发送「绑定本群」。`,
    )
    const renamed = (t.app.mocker as mock.Mocker).RoomMock.load('renamed@chatroom')
    const settled = t.app.pipeline.nextSettled()
    t.world.contacts.get('王芳')?.say('进度').to(renamed)
    await settled
    await t.app.sender.drained()
    expect((await t.app.db.outboundMessage.findMany({ where: { chat: 'room' } })).length).toBe(1)
    expect(t.sent.at(-1)).toContain('2026年11月')
  })

  it('no room matches: the office is told; a group message waits (retrying), never given up', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await t.say('赵六', '大家好')
    const old = t.world.room
    await relogin(t, (mocker) => {
      mocker.cacheRoomPayload.delete(old.id)
      mocker.createRoom({
        id: 'family@chatroom',
        topic: '家人群',
        memberIdList: old.payload.memberIdList.slice(0, 2),
      })
    })
    await until(async () => (await toOffice(t as TestApp)).length > 0, 'the office told')
    expect((await toOffice(t))[0]).toMatch(new RegExp(`^⚠️ 重新登录后找不到联络员群「${ROOM}」`))
    const ids = await insertOutbound(
      t.app.db,
      [{ to: { chat: 'room', roomTopic: ROOM }, text: '提醒' }],
      new Date(),
      null,
    )
    await t.app.sender.enqueue(ids)
    const row = () => t?.app.db.outboundMessage.findUnique({ where: { id: ids[0] } })
    await until(async () => ((await row())?.attempts ?? 0) >= 1, 'a send tried')
    expect(await row()).toMatchObject({
      state: 'retrying',
      lastError: 'liaison room not found',
      sentAt: null,
    })
  })
})

describe('chooseRoom', () => {
  const bound = { id: 'old@chatroom', topic: ROOM, members: ['反诈助手', '李强', '王芳', '马丽', '高峰'] }
  it('a renamed room needs nearly all the members, and must be the only such room', () => {
    const same = ['反诈助手', '李强', '王芳', '马丽', '高峰']
    expect(chooseRoom(bound, ROOM, [{ id: 'a', topic: '新名', members: same }]).room?.id).toBe('a')
    expect(
      chooseRoom(bound, ROOM, [{ id: 'a', topic: '新名', members: ['反诈助手', '李强', '王芳'] }]).notices,
    ).toEqual([{ kind: 'lost', vars: { topic: ROOM } }])
    const twins = chooseRoom(bound, ROOM, [
      { id: 'a', topic: '甲', members: same },
      { id: 'b', topic: '乙', members: same },
    ])
    expect(twins.room).toBeUndefined()
    expect(twins.notices).toEqual([{ kind: 'lost', vars: { topic: ROOM } }])
  })
  it('a same-named room of strangers is still not taken; the office hears the room is lost', () => {
    const r = chooseRoom(bound, ROOM, [{ id: 's', topic: ROOM, members: ['王芳', '路人甲'] }])
    expect(r.room).toBeUndefined()
    expect(r.notices[0]).toEqual({ kind: 'lost', vars: { topic: ROOM } })
  })
})
