// A recalled message (撤回: Wechaty's Recalled, carrying the recalled message's id) through the real
// event path: a recalled report withdraws the revision it created, kept in the history as a
// "withdrawn" revision; the group is told once. A recalled clue push withdraws the clues nobody has
// acted on (kept with status and history "withdrawn"); the office is told once where it recalled,
// the notified units privately. A recalled chat message changes nothing.
import { afterEach, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
import { loadRoster } from '../../bot/config.ts'
import { loadBulletinInput } from '../../bot/store/bulletins.ts'
import { openClueCounts } from '../../bot/store/clues.ts'
import { latestSubmissions } from '../../bot/store/submissions.ts'
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
const REPORT = '#月报\n冻结账户数：12个\n清理空壳公司数：三'

/** The puppet id of the latest message a person sent (as stored). */
const lastIdOf = async (app: TestApp, name: string) =>
  (await app.app.db.inboundMessage.findFirst({ where: { senderName: name }, orderBy: { id: 'desc' } }))
    ?.wechatId ?? ''

async function recall(app: TestApp, name: string): Promise<string[]> {
  return (await recallOf(app, name, name)).map((r) => r.text)
}

/** `name` recalls the latest message `author` sent; what the bot wrote, and to whom. */
async function recallOf(app: TestApp, name: string, author: string) {
  const before = (await app.app.db.outboundMessage.aggregate({ _max: { id: true } }))._max.id ?? 0
  const handled = await app.app.db.inboundMessage.count({ where: { handledAt: { not: null } } })
  app.world.sayKind(name, types.Message.Recalled, await lastIdOf(app, author), 'room')
  await until(
    async () => (await app.app.db.inboundMessage.count({ where: { handledAt: { not: null } } })) > handled,
    'the recall handled',
  )
  await app.app.sender.drained()
  return (
    await app.app.db.outboundMessage.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } })
  ).map((r) => ({ chat: r.chat, to: r.recipientName, text: withoutMentions(r.text) }))
}

const revisions = (app: TestApp) =>
  app.app.db.submission.findMany({
    orderBy: { revision: 'asc' },
    select: { revision: true, status: true, values: true },
  })

describe('a recalled report', () => {
  it('the first report recalled: withdrawn (kept as a withdrawn revision), the month unreported, the group told once', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await t.say('王芳', REPORT)
    expect(await recall(t, '王芳')).toEqual([
      '↩️ 王芳撤回了人民银行2026年11月月报（第1版）：已作废，本月按未报送计，请重新报送。',
    ])
    expect((await revisions(t)).map((r) => [r.revision, r.status])).toEqual([
      [1, 'on_time'],
      [2, 'withdrawn'],
    ])
    expect(await latestSubmissions(t.app.db, '2026-11')).toEqual([])
    await t.say('王芳', '进度')
    await t.app.sender.drained()
    expect(t.sent.at(-1)).toContain('已报送 0/')
    expect(t.sent.at(-1)).toMatch(/未报送 \d+：[^\n]*人民银行/)
  })

  it('a correction recalled: the report before it is in effect again', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await t.say('王芳', REPORT)
    await t.say('王芳', '更正：冻结涉案账户数应为16个')
    expect(await recall(t, '王芳')).toEqual([
      '↩️ 王芳撤回了人民银行2026年11月月报的更正（第2版）：已作废，恢复为第1版。',
    ])
    const [latest] = await latestSubmissions(t.app.db, '2026-11')
    expect(latest).toMatchObject({ revision: 1, values: { 冻结涉案账户数: 12, 清理空壳公司数: 3 } })
    // A correction after the recall starts from what is in effect, and numbers on.
    await t.say('王芳', '更正：清理空壳公司数应为4家')
    const [after] = await latestSubmissions(t.app.db, '2026-11')
    expect(after).toMatchObject({ revision: 4, values: { 冻结涉案账户数: 12, 清理空壳公司数: 4 } })
  })

  it('a recalled chat message (not a report) changes nothing and is not answered', async () => {
    t = await startTestApp({ now: NOW, people: PEOPLE })
    await t.say('赵六', '大家好')
    expect(await recall(t, '赵六')).toEqual([])
    await sleep(100)
    expect(await t.app.db.submission.count()).toBe(0)
  })

  it('over the wire: the recall reaches the bot through the puppet service and the group is told', async () => {
    const w = await startWireApp({ now: NOW, people: PEOPLE })
    t = w
    await w.say('王芳', REPORT)
    expect(await recall(w, '王芳')).toHaveLength(1)
    await until(() => w.received.length >= 2, 'two messages on the server side', 10_000)
    expect(w.received[1]?.text).toContain('↩️ 王芳撤回了人民银行2026年11月月报（第1版）')
    expect(await latestSubmissions(w.app.db, '2026-11')).toEqual([])
  })
})

// 0001 and 0003 are 中国移动's (马丽), 0002 中国联通's (孙联); 马丽 closes 0001 before the recall.
const CLUE_PEOPLE = people('李强', '马丽', '孙联', '赵六')
const PUSH = '线索\n13912345678\n18612345678\n13812345678'

const clueStates = async (app: TestApp) =>
  (
    await app.app.db.clue.findMany({
      orderBy: { id: 'asc' },
      include: { history: { orderBy: { id: 'asc' }, select: { action: true } } },
    })
  ).map((c) => [c.code, c.status, c.history.map((h) => h.action).join(',')])

const RECALLED = [
  {
    chat: 'room',
    to: '县反诈联席会联络员群',
    text: '↩️ 李强撤回了推送线索的消息：XS-2026-0002、XS-2026-0003 尚无人办理，已作废（不再计入待办）。\n已有办理记录，保留不变：XS-2026-0001。',
  },
  { chat: 'dm', to: '马丽', text: '↩️ 联席办已撤回推送给中国移动的线索 XS-2026-0003，已作废，无需办理。' },
  { chat: 'dm', to: '孙联', text: '↩️ 联席办已撤回推送给中国联通的线索 XS-2026-0002，已作废，无需办理。' },
]

describe('a recalled clue push', () => {
  it('withdraws the clues nobody acted on (kept, status and history withdrawn); the one closed stays; the office and the notified units told once', async () => {
    t = await startTestApp({ now: NOW, people: CLUE_PEOPLE })
    await t.say('李强', PUSH)
    await t.say('马丽', '销号 0001 已关停')
    expect(await recallOf(t, '李强', '李强')).toEqual(RECALLED)
    expect(await clueStates(t)).toEqual([
      ['XS-2026-0001', 'closed', 'routed,notified,closed'],
      ['XS-2026-0002', 'withdrawn', 'routed,notified,withdrawn'],
      ['XS-2026-0003', 'withdrawn', 'routed,notified,withdrawn'],
    ])
    // No longer open anywhere: not counted, not in the bulletin, 我的线索 has none, acting on one refused.
    expect(await openClueCounts(t.app.db)).toEqual([])
    const input = await loadBulletinInput(t.app.db, {
      period: '2026-11',
      asOf: new Date(NOW),
      roster: loadRoster('prisma/roster.yaml'),
    })
    expect(input.clues).toHaveLength(1)
    await t.say('孙联', '我的线索')
    await t.app.sender.drained()
    expect(t.sent.at(-1)).not.toContain('XS-2026-0002')
    await t.say('孙联', '销号 0002 已关停')
    await t.app.sender.drained()
    expect(t.sent.at(-1)).toContain('XS-2026-0002 已随推送消息撤回作废，无需办理')
    expect((await clueStates(t))[1]?.[1]).toBe('withdrawn')
  })

  it('a recalled clue file: every clue untouched, all withdrawn', async () => {
    t = await startTestApp({ now: NOW, people: CLUE_PEOPLE })
    const settled = t.app.pipeline.nextSettled()
    t.world.sayFile('李强', {
      name: '线索.csv',
      data: Buffer.from('线索,备注\n13800138000,冒充客服\n18612345678,刷单\n', 'utf8'),
    })
    await settled
    await t.app.sender.drained()
    expect(await recallOf(t, '李强', '李强')).toEqual([
      {
        chat: 'room',
        to: '县反诈联席会联络员群',
        text: '↩️ 李强撤回了推送线索的消息：XS-2026-0001、XS-2026-0002 尚无人办理，已作废（不再计入待办）。',
      },
      { chat: 'dm', to: '马丽', text: '↩️ 联席办已撤回推送给中国移动的线索 XS-2026-0001，已作废，无需办理。' },
      { chat: 'dm', to: '孙联', text: '↩️ 联席办已撤回推送给中国联通的线索 XS-2026-0002，已作废，无需办理。' },
    ])
    expect((await clueStates(t)).map((c) => c[1])).toEqual(['withdrawn', 'withdrawn'])
  })

  it('a recall by someone who is not the pusher changes nothing and is not answered', async () => {
    t = await startTestApp({ now: NOW, people: CLUE_PEOPLE })
    await t.say('李强', PUSH)
    expect(await recallOf(t, '赵六', '李强')).toEqual([])
    expect((await clueStates(t)).map((c) => c[1])).toEqual(['open', 'open', 'open'])
  })

  it('over the wire: the push recalled, the group and the notified liaisons told', async () => {
    const w = await startWireApp({ now: NOW, people: CLUE_PEOPLE })
    t = w
    await w.say('李强', PUSH)
    await w.say('马丽', '销号 0001 已关停')
    expect(await recallOf(w, '李强', '李强')).toEqual(RECALLED)
    const recalled = () => w.received.filter((r) => r.text.includes('↩️'))
    await until(() => recalled().length >= 3, 'three recall messages on the server side', 10_000)
    expect(recalled().map((r) => [r.to === 'room' ? 'room' : 'dm', withoutMentions(r.text)])).toEqual(
      RECALLED.map((r) => [r.chat, r.text]),
    )
    expect((await clueStates(w)).map((c) => c[1])).toEqual(['closed', 'withdrawn', 'withdrawn'])
  })
})
