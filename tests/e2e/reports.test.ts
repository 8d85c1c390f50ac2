// Monthly reports end to end: a person types in the group (through the mock puppet), the group sees
// the bot's answer, and the record holds exactly what was accepted. Refusals, templates, progress
// and help, which need no wire, are checked in tests/fast/reports.test.ts.
import { describe, expect, it } from 'vitest'
import { simulate } from '../helpers/simulate.ts'

const say = (at: string, from: string, text: string) => ({ at: `2026-11-${at}+08:00`, from, say: text })
const dm = (at: string, from: string, text: string) => ({ at: `2026-11-${at}+08:00`, from, dm: text })
const START = '2026-11-18T09:00:00+08:00'

describe('a liaison reports the month', () => {
  it('on time: the group sees every field understood, mentioning the liaison', async () => {
    const r = await simulate({
      start: START,
      steps: [say('18T10:00:00', '王芳', '#月报\n冻结账户数：12个\n清理空壳公司数：三\n清退POS机数 1,200')],
    })
    expect(r.messages).toHaveLength(1)
    const [m] = r.messages
    expect(m).toMatchObject({ to: 'room', mentions: ['王芳'], at: '2026-11-18T10:00:00+08:00' })
    expect(m?.text).toContain('已收到人民银行2026年11月月报')
    expect(m?.text).toContain('冻结涉案账户数：12')
    expect(m?.text).toContain('清理空壳公司数：3')
    expect(m?.text).toContain('清退违规POS机数：1200')
    expect(m?.text).not.toContain('逾期')
    expect(r.state.submissions).toEqual([
      {
        unit: '人民银行',
        period: '2026-11',
        status: 'on_time',
        revision: 1,
        by: '王芳',
        at: '2026-11-18T10:00:00+08:00',
        values: { 冻结涉案账户数: 12, 清理空壳公司数: 3, 清退违规POS机数: 1200 },
      },
    ])
  })

  it('after the 25th: stored and marked late', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('26T08:00:00', '高峰', '【月报】\n立案数：2起\n破案数：1\n抓获人数：3人\n损失金额：15000元'),
      ],
    })
    const reply = r.textsTo('room').find((t) => t.startsWith('✅')) ?? ''
    expect(reply).toContain('逾期报送')
    expect(reply).toContain('群众损失金额：1.5万元')
    expect(r.state.submissions[0]).toMatchObject({
      unit: '县公安局',
      status: 'late',
      values: { 群众损失金额: 1.5 },
    })
  })

  it('on the 25th itself: still on time', async () => {
    const r = await simulate({
      start: START,
      steps: [say('25T23:50:00', '王芳', '月报\n冻结涉案账户数：1\n清理空壳公司数：0')],
    })
    expect(r.state.submissions[0]?.status).toBe('on_time')
  })

  it('a second report is a correction: a new revision with the new values, the first kept on time', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('20T10:00:00', '王芳', '#月报\n冻结涉案账户数：8\n清理空壳公司数：1'),
        say('27T10:00:00', '王芳', '#月报 2026年11月\n冻结涉案账户数：9\n清理空壳公司数：1'),
      ],
    })
    expect(r.textsTo('room').filter((t) => t.startsWith('✅'))[1]).toContain('更正，第2版')
    expect(r.state.submissions).toHaveLength(1)
    expect(r.state.submissions[0]).toMatchObject({
      revision: 2,
      status: 'on_time',
      values: { 冻结涉案账户数: 9 },
    })
  })

  it('privately to the bot: the answer comes back privately, nothing in the group', async () => {
    const r = await simulate({
      start: START,
      steps: [dm('19T09:00:00', '马丽', '#月报\n关停号码：30\n伪基站数：0')],
    })
    expect(r.textsTo('room')).toEqual([])
    expect(r.textsTo('马丽')[0]).toContain('已收到中国移动2026年11月月报')
    expect(r.state.submissions[0]).toMatchObject({
      unit: '中国移动',
      values: { 关停涉诈号码数: 30, 发现伪基站数: 0 },
    })
  })

  it('a report for last month names its period and is late', async () => {
    const r = await simulate({
      start: START,
      steps: [say('18T10:00:00', '王芳', '#月报 10月\n冻结涉案账户数：2\n清理空壳公司数：0')],
    })
    expect(r.state.submissions[0]).toMatchObject({ period: '2026-10', status: 'late' })
  })
})

describe('bindings and chatter', () => {
  it('the office binds an ordinary member in chat, who can then report', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('18T10:00:00', '赵六', '绑定 @赵六 县法院'),
        say('18T10:01:00', '李强', '绑定 @赵六 法院'),
        say('18T10:02:00', '赵六', '#月报\n审结电诈案件数：3'),
        say('18T10:03:00', '李强', '解绑 @赵六'),
        say('18T10:04:00', '赵六', '#月报\n审结电诈案件数：4'),
      ],
    })
    const texts = r.textsTo('room')
    expect(texts[0]).toContain('只有联席办人员可以使用')
    expect(texts[1]).toBe('已将赵六设为县法院联络员。')
    expect(texts[2]).toContain('已收到县法院')
    expect(texts[3]).toBe('已取消赵六的县法院联络员权限。')
    expect(texts[4]).toContain('不能报送月报')
    expect(r.state.submissions).toEqual([
      expect.objectContaining({ unit: '县法院', revision: 1, values: { 审结电诈案件数: 3 } }),
    ])
  })

  it('chatter in the group gets no answer; an unknown private message gets a hint', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('18T10:00:00', '王芳', '大家好，月报什么时候交？'),
        dm('18T10:01:00', '王芳', '你好'),
        dm('18T10:02:00', '赵六', '你好'),
      ],
    })
    expect(r.textsTo('room')).toEqual([])
    expect(r.textsTo('王芳')[0]).toContain('发送「帮助」')
    expect(r.textsTo('赵六')).toEqual([])
  })
})

describe('#月报模板', () => {
  it('is a request for the template, not a report', async () => {
    const r = await simulate({ start: START, steps: [say('18T10:00:00', '王芳', '#月报模板')] })
    expect(r.textsTo('room')[0]).toContain('人民银行月报模板')
  })
})
