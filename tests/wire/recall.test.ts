// A recalled message (撤回: Wechaty's Recalled, carrying the recalled message's id) through the real
// event path: a recalled report withdraws the revision it created, kept in the history as a
// "withdrawn" revision; the group is told once. A recalled chat message changes nothing.
import { afterEach, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
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
  const before = await app.app.db.outboundMessage.count()
  const handled = await app.app.db.inboundMessage.count({ where: { handledAt: { not: null } } })
  app.world.sayKind(name, types.Message.Recalled, await lastIdOf(app, name), 'room')
  await until(
    async () => (await app.app.db.inboundMessage.count({ where: { handledAt: { not: null } } })) > handled,
    'the recall handled',
  )
  await app.app.sender.drained()
  return (
    await app.app.db.outboundMessage.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } })
  ).map((r) => withoutMentions(r.text))
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
