// The room is the room: the liaison group is known by its id. A rename is followed and reported;
// a second group with the same name is not acted on (its messages stored as ignored, the office
// told); the office can move the binding with 绑定本群; after a re-login the group is found again
// by its name and its members.
import { afterEach, describe, expect, it } from 'vitest'
import { chooseRoom } from '../../bot/services/room-binding.ts'
import { collectStatus, renderStatus } from '../../bot/services/status.ts'
import { redisStatus } from '../../jobs/queue-status.ts'
import { ROOM, startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { until } from '../helpers/wait.ts'

const PEOPLE = [
  { name: '王芳', unit: '人民银行' },
  { name: '李强', role: 'office' as const },
  { name: '赵六' },
]
let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

async function start(): Promise<TestApp> {
  t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
  await t.say('王芳', '进度') // the first message binds the room
  await t.app.sender.drained()
  return t
}
const toOffice = async (t: TestApp) =>
  (await t.app.db.outboundMessage.findMany({ where: { recipientName: '李强', chat: 'dm' } })).map(
    (m) => m.text,
  )

describe('the liaison room', () => {
  it('renamed: the bot follows it, tells the office, and goes on answering there', async () => {
    const t = await start()
    t.world.room.topic('县反诈联络群（新）').by(t.world.contacts.get('赵六'))
    await until(async () => (await toOffice(t)).length > 0, 'the rename notice')
    expect(await toOffice(t)).toEqual([
      `联络员群已改名：「${ROOM}」→「县反诈联络群（新）」（赵六修改）。机器人按群 ID 识别，照常工作。`,
    ])
    await t.say('王芳', '#月报\n冻结涉案账户数：3\n清理空壳公司数：1')
    await t.app.sender.drained()
    expect(withoutMentions(t.sent.at(-1) ?? '')).toContain('已收到人民银行2026年11月月报')
  })

  it('a second group with the same name is not acted on: stored as ignored, the office told once', async () => {
    const t = await start()
    const mocker = t.app.mocker as NonNullable<typeof t.app.mocker>
    const lijiang = t.world.contacts.get('李强') as NonNullable<ReturnType<typeof t.world.contacts.get>>
    const fake = mocker.createRoom({
      id: 'fake-room@chatroom',
      topic: ROOM,
      memberIdList: [t.world.botUser.id, lijiang.id],
    })
    const sentBefore = t.sent.length
    lijiang.say('线索\n13800138000').to(fake)
    lijiang.say('进度').to(fake)
    const stored = () => t.app.db.inboundMessage.findMany({ where: { roomId: 'fake-room@chatroom' } })
    await until(async () => (await stored()).length === 2, 'both messages stored')
    await t.app.sender.drained()
    expect((await stored()).map((m) => m.outcome)).toEqual(['other_room', 'other_room'])
    expect(await t.app.db.clue.count()).toBe(0)
    expect(await toOffice(t)).toEqual([
      `⚠️ 另有一个同名群「${ROOM}」（ID fake-room@chatroom），机器人不在该群处理任何消息。如该群才是联络员群，请联席办在该群发送「绑定本群」。`,
    ])
    // nothing was said in either group
    expect(t.sent.length).toBe(sentBefore + 1)
    // the office finds them with cli status
    const status = renderStatus(
      await collectStatus(t.app.db, {
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: 'x',
        redis: redisStatus('redis://127.0.0.1:6379', 'x'),
        now: new Date(),
      }),
    )
    expect(status).toContain(`联络员群：「${ROOM}」（ID test-room@chatroom）`)
    expect(status).toMatch(new RegExp(`其他群的消息（未处理）：2 条（最近 .*，来自「${ROOM}」）`))
  })

  it('绑定本群 by the office moves the binding; a member cannot', async () => {
    const t = await start()
    const mocker = t.app.mocker as NonNullable<typeof t.app.mocker>
    const person = (n: string) =>
      t.world.contacts.get(n) as NonNullable<ReturnType<typeof t.world.contacts.get>>
    const lijiang = person('李强')
    const zhao = person('赵六')
    const other = mocker.createRoom({
      id: 'other-room@chatroom',
      topic: '联络员新群',
      memberIdList: [t.world.botUser.id, lijiang.id, zhao.id],
    })
    zhao.say('绑定本群').to(other)
    await until(
      async () => (await t.app.db.inboundMessage.count({ where: { roomId: 'other-room@chatroom' } })) === 1,
      'stored',
    )
    lijiang.say('绑定本群').to(other)
    await until(async () => (await toOffice(t)).length === 1, 'the binding notice')
    expect((await toOffice(t))[0]).toContain(
      '李强在群「联络员新群」发送「绑定本群」：此后以该群（ID other-room@chatroom）为联络员群',
    )
    const settled = t.app.pipeline.nextSettled()
    lijiang.say('进度').to(other)
    await settled
    await t.app.sender.drained()
    expect(t.sent.at(-1)).toContain('2026年11月')
  })
})

describe('finding the room again after a re-login (new ids)', () => {
  const bound = { id: 'old@chatroom', topic: ROOM, members: ['李强', '王芳', '马丽', '高峰'] }
  it('by its name and members; a same-named group of strangers is reported, not taken', () => {
    const r = chooseRoom(bound, ROOM, [
      { id: 'strangers@chatroom', topic: ROOM, members: ['王芳', '路人甲', '路人乙'] },
      { id: 'new@chatroom', topic: ROOM, members: ['李强', '王芳', '马丽', '新人'] },
    ])
    expect(r.room?.id).toBe('new@chatroom')
    expect(r.notices).toEqual([
      { kind: 'refound', vars: { topic: ROOM, id: 'new@chatroom', overlap: '75%' } },
      { kind: 'duplicate', vars: { topic: ROOM, id: 'strangers@chatroom' } },
    ])
  })
  it('never by its name alone', () => {
    const r = chooseRoom(bound, ROOM, [
      { id: 'strangers@chatroom', topic: ROOM, members: ['王芳', '路人甲'] },
    ])
    expect(r.room).toBeUndefined()
  })
})
