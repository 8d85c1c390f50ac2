// Monthly reports that need no wire, checked in milliseconds on the fast harness (moved from
// tests/e2e/reports.test.ts, which keeps the cases that go through the mock puppet: mentions,
// private messages, late and corrected reports over days).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CommandHarness, commandHarness } from '../helpers/commands.ts'
import { PEOPLE } from '../helpers/people.ts'

let t: CommandHarness
beforeEach(async () => {
  t = await commandHarness({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
})
afterEach(() => t.close())

/** What the bot said in the room. */
const room = async (from: string, text: string) =>
  (await t.say(from, text)).filter((s) => s.to === 'room').map((s) => s.text)

const submissions = async () =>
  (await t.db.submission.findMany({ include: { unit: true }, orderBy: { id: 'asc' } })).map((s) => ({
    unit: s.unit.name,
    by: s.byName,
    values: JSON.parse(s.values) as Record<string, unknown>,
  }))

describe('reports that are refused', () => {
  it('a liaison cannot report for another unit', async () => {
    expect(await room('王芳', '#月报 中国移动\n关停涉诈号码数：3\n发现伪基站数：0')).toEqual([
      '王芳，您是人民银行的联络员，不能代中国移动报送月报。',
    ])
    expect(await submissions()).toEqual([])
  })

  it('an ordinary member cannot report at all', async () => {
    const [text] = await room('赵六', '#月报\n冻结涉案账户数：1\n清理空壳公司数：1')
    expect(text).toContain('赵六，您还不是任何成员单位的联络员')
    expect(await submissions()).toEqual([])
  })

  it('bad input gets one message naming every problem, and nothing is stored', async () => {
    const said = await t.say('高峰', '#月报\n立案数：两起半\n破案数：-1\n抓获人数：2.5\n天气：晴')
    expect(said).toHaveLength(1)
    const text = said[0]?.text ?? ''
    expect(text).toContain('县公安局月报未保存')
    expect(text).toContain('「立案数」的值「两起半」不是数字')
    expect(text).toContain('「破案数」不能为负数')
    expect(text).toContain('「抓获犯罪嫌疑人数」应为整数')
    expect(text).toContain('本单位表单没有「天气」这一项')
    expect(text).toContain('缺少必填项「群众损失金额」')
    expect(await submissions()).toEqual([])
  })

  it('the office reports for a unit it names, and is asked to name one otherwise', async () => {
    expect((await room('李强', '#月报\n审结案件数：2'))[0]).toContain('请注明报送单位')
    expect((await room('李强', '#月报 县法院\n审结案件数：2'))[0]).toContain('已收到县法院2026年11月月报')
    expect(await submissions()).toEqual([{ unit: '县法院', by: '李强', values: { 审结电诈案件数: 2 } }])
  })

  it('a future month is refused', async () => {
    expect((await room('王芳', '#月报 2026年12月\n冻结涉案账户数：1\n清理空壳公司数：1'))[0]).toContain(
      '还没到',
    )
    expect(await submissions()).toEqual([])
  })
})

describe('templates, progress and help', () => {
  it('模板 gives the liaison the unit form, required fields starred', async () => {
    const [text = ''] = await room('马丽', '模板')
    expect(text).toContain('中国移动月报模板')
    expect(text).toContain('*关停涉诈号码数：0')
    expect(text).toContain('\n拦截诈骗电话数：0')
  })

  it('the template, filled in and sent back, is accepted', async () => {
    await t.say(
      '马丽',
      '#月报\n*关停涉诈号码数：12\n*发现伪基站数：1\n物联网卡GOIP排查数：0\n拦截诈骗电话数：0\n其他工作：\n存在问题：',
    )
    expect((await submissions())[0]?.values).toEqual({
      关停涉诈号码数: 12,
      发现伪基站数: 1,
      物联网卡GOIP排查数: 0,
      拦截诈骗电话数: 0,
    })
  })

  it('进度 names who has reported and who has not', async () => {
    await t.say('王芳', '#月报\n冻结涉案账户数：1\n清理空壳公司数：1')
    t.clock.set(new Date('2026-11-19T10:00:00+08:00'))
    const [text = ''] = await room('赵六', '进度')
    expect(text).toContain('已报送 1/15：人民银行（11月18日）')
    expect(text).toMatch(/未报送 14：.*中国移动/)
    expect(text).not.toMatch(/未报送.*人民银行/)
  })

  it('帮助 differs by role', async () => {
    expect((await room('李强', '帮助'))[0]).toContain('绑定 @王芳 人民银行')
    expect((await room('赵六', '帮助'))[0]).toContain('没有绑定单位')
    expect((await room('王芳', '帮助'))[0]).toContain('您是人民银行的联络员')
  })
})
