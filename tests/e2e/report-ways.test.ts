// The new ways of reporting, end to end: a liaison writes it in the group, the group sees what was
// understood, and the record holds it (free text byte for byte); amounts are asked back when
// ambiguous; a wrong unit in the heading is refused.
import { describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('王芳', '马丽', '钱检', '周财', '吴教', '李强')
const START = '2026-11-18T09:00:00+08:00'
const say = (from: string, text: string, t = '10:00') => ({ at: `2026-11-18T${t}:00+08:00`, from, say: text })

async function play(...steps: ReturnType<typeof say>[]) {
  const r = await simulate({ start: START, people: PEOPLE, steps })
  return { r, texts: r.textsTo('room'), subs: r.state.submissions }
}

describe('reports in the words people use', () => {
  it('@反诈助手 #月报 with field lines: stored and confirmed', async () => {
    const { texts, subs } = await play(say('王芳', '@反诈助手 #月报\n冻结涉案账户数：12\n清理空壳公司数：3'))
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('已收到人民银行2026年11月月报')
    expect(subs[0]?.values).toEqual({ 冻结涉案账户数: 12, 清理空壳公司数: 3 })
  })

  it('a heading naming the unit and month: 中国移动11月月报', async () => {
    const { subs } = await play(say('马丽', '中国移动11月月报\n关停涉诈号码数：120\n发现伪基站数：2'))
    expect(subs[0]).toMatchObject({
      unit: '中国移动',
      period: '2026-11',
      values: { 关停涉诈号码数: 120, 发现伪基站数: 2 },
    })
  })

  it('a heading naming another unit is refused, nothing stored', async () => {
    const { texts, subs } = await play(say('马丽', '中国联通11月月报\n关停涉诈号码数：120\n发现伪基站数：2'))
    expect(texts[0]).toContain('不能代中国联通报送')
    expect(subs).toEqual([])
  })

  it('【月报】 with prose: 宣传活动次数 6, 覆盖师生家长人数 2400', async () => {
    const { texts, subs } = await play(say('吴教', '【月报】本月开展宣传活动6次，覆盖师生家长2400人。'))
    expect(texts[0]).toContain('宣传活动次数：6')
    expect(texts[0]).toContain('覆盖师生家长人数：2400')
    expect(subs[0]?.values).toEqual({ 宣传活动次数: 6, 覆盖师生家长人数: 2400 })
  })

  it('no marker, two figures of the liaison’s form: stored, and the echo says it was taken as the report', async () => {
    const { texts, subs } = await play(say('钱检', '检察院本月起诉案件2件，起诉5人，请查收'))
    expect(texts).toHaveLength(1)
    expect(texts[0]).toContain('已收到县检察院2026年11月月报')
    expect(texts[0]).toContain('没有写「月报」，已按本单位月报登记')
    expect(subs[0]?.values).toEqual({ 起诉案件数: 2, 起诉人数: 5 })
  })

  it('a question quoting figures is not stored and, unaddressed, not answered', async () => {
    const { texts, subs } = await play(say('王芳', '冻结涉案账户15个，清理空壳公司3家，这样填对吗？'))
    expect(texts).toEqual([])
    expect(subs).toEqual([])
  })

  it('a field named without a number is named in the reply, nothing stored', async () => {
    const { texts, subs } = await play(say('王芳', '#月报\n冻结涉案账户若干\n清理空壳公司3家'))
    expect(texts[0]).toContain('提到了「冻结涉案账户数」，但没有读到数字')
    expect(subs).toEqual([])
  })
})

describe('amounts', () => {
  it('a bare 8000 in a 万元 field is asked back; 8000元 is accepted and shown in 万元', async () => {
    const { texts, subs } = await play(
      say('周财', '#月报\n保障资金：8000', '10:00'),
      say('周财', '#月报\n保障资金：8000元', '10:05'),
    )
    expect(texts[0]).toContain('是8000元还是8000万元？')
    expect(texts[1]).toContain('保障资金：0.8万元')
    expect(subs[0]?.values).toEqual({ 保障资金: 0.8 })
  })
})

describe('free text is stored as written', () => {
  it('full-width punctuation and digits in 其他工作 and 存在问题 are kept byte for byte', async () => {
    const other = '走访商户１２家，发放传单（约３００份）；开展“断卡”宣传！'
    const issue = '人手不足，ＰＯＳ机排查难'
    const { texts, subs } = await play(
      say('王芳', `#月报\n冻结涉案账户数：12\n清理空壳公司数：3\n其他工作：${other}\n存在问题：${issue}`),
    )
    expect(subs[0]?.values).toMatchObject({ 其他工作: other, 存在问题: issue })
    expect(texts[0]).toContain(other)
  })

  it('a multi-line text field keeps each line as written', async () => {
    const { subs } = await play(
      say('王芳', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3\n其他工作：一、走访，宣传\n二、培训（３场）'),
    )
    expect(subs[0]?.values.其他工作).toBe('一、走访，宣传\n二、培训（３场）')
  })
})
