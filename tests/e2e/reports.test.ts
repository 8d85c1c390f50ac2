// Monthly reports end to end: a person types in the group (through the mock puppet), the group sees
// the bot's answer, and the record holds exactly what was accepted.
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

describe('reports that are refused', () => {
  it('a liaison cannot report for another unit', async () => {
    const r = await simulate({
      start: START,
      steps: [say('18T10:00:00', '王芳', '#月报 中国移动\n关停涉诈号码数：3\n发现伪基站数：0')],
    })
    expect(r.textsTo('room')).toEqual(['王芳，您是人民银行的联络员，不能代中国移动报送月报。'])
    expect(r.state.submissions).toEqual([])
  })

  it('an ordinary member cannot report at all', async () => {
    const r = await simulate({
      start: START,
      steps: [say('18T10:00:00', '赵六', '#月报\n冻结涉案账户数：1\n清理空壳公司数：1')],
    })
    expect(r.textsTo('room')[0]).toContain('赵六，您还不是任何成员单位的联络员')
    expect(r.state.submissions).toEqual([])
  })

  it('bad input gets one message naming every problem, and nothing is stored', async () => {
    const r = await simulate({
      start: START,
      steps: [say('18T10:00:00', '高峰', '#月报\n立案数：两起半\n破案数：-1\n抓获人数：2.5\n天气：晴')],
    })
    expect(r.messages).toHaveLength(1)
    const text = r.textsTo('room')[0] ?? ''
    expect(text).toContain('县公安局月报未保存')
    expect(text).toContain('「立案数」的值「两起半」不是数字')
    expect(text).toContain('「破案数」不能为负数')
    expect(text).toContain('「抓获犯罪嫌疑人数」应为整数')
    expect(text).toContain('本单位表单没有「天气」这一项')
    expect(text).toContain('缺少必填项「群众损失金额」')
    expect(r.state.submissions).toEqual([])
  })

  it('the office reports for a unit it names, and is asked to name one otherwise', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('18T10:00:00', '李强', '#月报\n审结案件数：2'),
        say('18T10:01:00', '李强', '#月报 县法院\n审结案件数：2'),
      ],
    })
    expect(r.textsTo('room')[0]).toContain('请注明报送单位')
    expect(r.textsTo('room')[1]).toContain('已收到县法院2026年11月月报')
    expect(r.state.submissions).toEqual([
      expect.objectContaining({ unit: '县法院', by: '李强', values: { 审结电诈案件数: 2 } }),
    ])
  })

  it('a future month is refused', async () => {
    const r = await simulate({
      start: START,
      steps: [say('18T10:00:00', '王芳', '#月报 2026年12月\n冻结涉案账户数：1\n清理空壳公司数：1')],
    })
    expect(r.textsTo('room')[0]).toContain('还没到')
    expect(r.state.submissions).toEqual([])
  })
})

describe('templates, progress, help and bindings', () => {
  it('模板 gives the liaison the unit form, required fields starred', async () => {
    const r = await simulate({ start: START, steps: [say('18T10:00:00', '马丽', '模板')] })
    const text = r.textsTo('room')[0] ?? ''
    expect(text).toContain('中国移动月报模板')
    expect(text).toContain('*关停涉诈号码数：0')
    expect(text).toContain('\n拦截诈骗电话数：0')
  })

  it('the template, filled in and sent back, is accepted', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say(
          '18T10:00:00',
          '马丽',
          '#月报\n*关停涉诈号码数：12\n*发现伪基站数：1\n物联网卡GOIP排查数：0\n拦截诈骗电话数：0\n其他工作：\n存在问题：',
        ),
      ],
    })
    expect(r.state.submissions[0]?.values).toEqual({
      关停涉诈号码数: 12,
      发现伪基站数: 1,
      物联网卡GOIP排查数: 0,
      拦截诈骗电话数: 0,
    })
  })

  it('进度 names who has reported and who has not', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('18T10:00:00', '王芳', '#月报\n冻结涉案账户数：1\n清理空壳公司数：1'),
        say('19T10:00:00', '赵六', '进度'),
      ],
    })
    const text = r.textsTo('room')[1] ?? ''
    expect(text).toContain('已报送 1/15：人民银行（11月18日）')
    expect(text).toMatch(/未报送 14：.*中国移动/)
    expect(text).not.toMatch(/未报送.*人民银行/)
  })

  it('帮助 differs by role', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('18T10:00:00', '李强', '帮助'),
        say('18T10:01:00', '赵六', '帮助'),
        say('18T10:02:00', '王芳', '帮助'),
      ],
    })
    const [office, member, liaison] = r.textsTo('room')
    expect(office).toContain('绑定 @王芳 人民银行')
    expect(member).toContain('没有绑定单位')
    expect(liaison).toContain('您是人民银行的联络员')
  })

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
