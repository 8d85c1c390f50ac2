// The scheduled bulletin is rendered before the write lock (the chart, workbook and .docx take
// seconds, and messages arriving meanwhile would wait): the rendering is used only if the figures
// and the edition are still what it was made for when the lock is held.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { type IssueOptions, issueBulletin, prepareIssue } from '../../bot/services/bulletin.ts'
import { listBulletins } from '../../bot/store/bulletins.ts'
import { writeTransaction } from '../../bot/store/db.ts'
import { type CommandHarness, commandHarness } from '../helpers/commands.ts'
import { people } from '../helpers/people.ts'

const roster = loadRoster('prisma/roster.yaml')
const options: IssueOptions = {
  period: '2026-11',
  now: new Date('2026-11-26T09:00:00+08:00'),
  roster,
  kind: 'scheduled',
  to: { chat: 'room', roomTopic: '县反诈联席会联络员群' },
}

let c: CommandHarness
beforeEach(async () => {
  c = await commandHarness({ now: '2026-11-20T10:00:00+08:00', people: people('王芳', '高峰', '李强') })
  await c.say('王芳', '#月报\n冻结涉案账户数：3\n清理空壳公司数：1')
})
afterEach(() => c.close())

const issue = (prepared: Awaited<ReturnType<typeof prepareIssue>>) =>
  writeTransaction(c.db, (tx) => issueBulletin(tx, options, prepared))

describe('the scheduled bulletin, rendered before the write lock', () => {
  it('nothing moved in between: the issue is the prepared rendering itself', async () => {
    const prepared = await prepareIssue(c.db, options)
    const result = await issue(prepared)
    if (!result.issued || !prepared) throw new Error('an issue expected')
    expect(result.drafts[0]?.text).toBe(prepared.rendered.text)
    expect(result.drafts[1]?.file?.data).toBe(prepared.rendered.document) // the same buffer, not rendered again
  })

  it('a report filed in between is in the issue: the stale rendering is not used', async () => {
    const prepared = await prepareIssue(c.db, options)
    await c.say('高峰', '#月报\n立案数：4\n破案数：2\n抓获人数：3\n损失金额：12万')
    const result = await issue(prepared)
    if (!result.issued || !prepared) throw new Error('an issue expected')
    // The police's month (4 cases, 3 arrests) is in the issue, not in the rendering made before it.
    expect(prepared.rendered.text).not.toContain('每百起立案抓获人数：75')
    expect(result.drafts[0]?.text).toContain('每百起立案抓获人数：75')
    expect(await listBulletins(c.db)).toHaveLength(1)
  })

  it('issued by the office in between: the prepared 第1版 is not issued again', async () => {
    const prepared = await prepareIssue(c.db, { ...options, kind: 'issued' })
    expect((await issue(undefined)).issued).toBe(true)
    expect(await issue(prepared)).toEqual({ issued: false, version: 1 })
    expect(await listBulletins(c.db)).toHaveLength(1)
  })
})
