// The monthly bulletin through the simulator: posted once on the 26th with its workbook and chart,
// previewed on request, issued by 发布通报, re-issued as 更正·第N版 listing what changed.
import { describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('王芳', '高峰', '马丽', '李强')
const at = (d: string) => `2026-11-${d}+08:00`
const say = (d: string, from: string, text: string) => ({ at: at(d), from, say: text })
const MONTH = [
  say('18T10:00:00', '王芳', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3'),
  say('19T10:00:00', '李强', '线索\n13912345678\n6222021234567890128'),
  say('20T10:00:00', '马丽', '销号 XS-2026-0001 已关停'),
  say('26T08:00:00', '高峰', '#月报\n立案数：3\n破案数：2\n抓获人数：2\n损失金额：12万'),
]

describe('the monthly bulletin', () => {
  it('is posted once on the 26th at 09:00 with the text, a workbook and a chart', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [...MONTH, { until: '2026-12-02T00:00:00+08:00' }],
    })
    expect(r.state.bulletins).toEqual([{ period: '2026-11', at: at('26T09:00:00'), version: 1 }])
    const posted = r.messages.filter((m) => m.at === at('26T09:00:00') && m.to === 'room')
    const text = posted
      .filter((m) => !m.file)
      .map((m) => m.text)
      .join('\n')
    expect(text).toContain('县反诈联席办 2026年11月工作通报（第1版）')
    expect(text).toMatch(/未报送 13 个：.*中国移动/)
    expect(text).toContain('⏰ 迟报 1 个：县公安局')
    expect(text).toContain('人民银行：推送1 销号0 超期1')
    const files = posted.filter((m) => m.file).map((m) => m.file)
    expect(files.map((f) => f?.name)).toEqual([
      '2026年第1期通报.docx',
      '2026年11月通报.xlsx',
      '2026年11月通报-目标进度.png',
    ])
    for (const f of files) expect(f?.bytes).toBeGreaterThan(1000)
  })

  it("the newcomer's month: a preview on the 10th, 第1版 on the 26th, 更正·第2版 after a late report listing what changed", async () => {
    const r = await simulate({
      start: at('10T09:00:00'),
      people: PEOPLE,
      steps: [
        { at: at('10T10:00:00'), from: '李强', dm: '通报 11月' },
        say('10T10:05:00', '李强', '通报'),
        ...MONTH.slice(0, 3),
        { until: at('26T12:00:00') },
        say('27T11:00:00', '高峰', '#月报 11月\n立案数：3\n破案数：2\n抓获人数：2\n损失金额：12万'),
        say('27T11:05:00', '李强', '发布通报 11月'),
        say('27T11:10:00', '李强', '考核'),
        say('27T11:15:00', '李强', '发布通报'),
        say('27T11:20:00', '王芳', '发布通报'),
      ],
    })
    // Previews are answered where they were asked, unnumbered, and are not issues.
    const preview = r.textsTo('李强').find((t) => t.startsWith('📢')) ?? ''
    expect(preview).toContain('2026年11月工作通报（预览·截至11月10日 10:00，非正式通报）')
    const groupPreview = r.messages.find((m) => m.at === at('10T10:05:00') && m.to === 'room')
    expect(groupPreview?.text).toContain('2026年10月工作通报（预览·截至11月10日 10:05，非正式通报）')
    expect(
      r.messages.filter((m) => m.at.startsWith('2026-11-10') && m.file).map((m) => m.file?.name),
    ).toEqual([
      '2026年11月通报-预览.docx',
      '2026年11月通报-预览.xlsx',
      '2026年11月通报-预览-目标进度.png',
      '2026年10月通报-预览.docx',
      '2026年10月通报-预览.xlsx',
      '2026年10月通报-预览-目标进度.png',
    ])

    const titles = r.messages.filter((m) => m.to === 'room' && m.text.startsWith('📢') && m.at > at('11'))
    expect(titles.map((m) => [m.at, m.text.split('\n')[0]])).toEqual([
      [at('26T09:00:00'), '📢 县反诈联席办 2026年11月工作通报（第1版）'],
      [at('27T11:05:00'), '📢 县反诈联席办 2026年11月工作通报（更正·第2版）'],
    ])
    const correction = titles[1]?.text ?? ''
    expect(correction).toContain(
      [
        '【更正说明】与第1版相比：',
        '· 县公安局：未报送→迟报',
        '· 县公安局 立案数：—→3',
        '· 县公安局 破案数：—→2',
      ].join('\n'),
    )
    expect(correction).toContain('· 全县立案数：0→3')
    expect(correction).toContain('· 全县破案数：0→2')
    expect(correction).toContain('⏰ 迟报 1 个：县公安局')
    expect(r.messages.filter((m) => m.at === at('27T11:05:00') && m.file).map((m) => m.file?.name)).toEqual([
      '2026年第1期通报（更正·第2版）.docx',
      '2026年11月通报-更正第2版.xlsx',
      '2026年11月通报-更正第2版-目标进度.png',
    ])

    // 考核 posts the assessment alone (with its document and workbook); an issue that changes nothing is not made.
    const assessment = r.messages.filter((m) => m.at === at('27T11:10:00'))
    expect(assessment.map((m) => m.file?.name ?? 'text')).toEqual([
      'text',
      '2026年度考核评比结果通报.docx',
      '2026年度考核评比结果.xlsx',
    ])
    expect(assessment[0]?.text).toMatch(/^【2026年度考核排名】/)
    expect(assessment[0]?.text).not.toContain('工作通报')
    expect(r.messages.filter((m) => m.at === at('27T11:15:00')).map((m) => m.text)).toEqual([
      '2026年11月通报第2版发布后数据没有变化，未重新发布。查看当前数据请发「通报」。',
    ])
    expect(r.textsTo('room').at(-1)).toBe('「发布通报」只有联席办人员可以使用。')
    expect(r.state.bulletins).toEqual([
      { period: '2026-11', at: at('26T09:00:00'), version: 1 },
      { period: '2026-11', at: at('27T11:05:00'), version: 2 },
    ])
  })

  it('发布通报 asked privately goes to the group, and the office is told', async () => {
    const r = await simulate({
      start: at('26T10:00:00'),
      people: PEOPLE,
      steps: [{ at: at('26T10:30:00'), from: '李强', dm: '发布通报 11月' }],
    })
    expect(
      r
        .textsTo('room')
        .filter((t) => t.startsWith('📢'))
        .map((t) => t.split('\n')[0]),
    ).toEqual(['📢 县反诈联席办 2026年11月工作通报（第1版）'])
    expect(r.textsTo('李强')).toEqual(['2026年11月通报第1版已在群内发布。'])
  })
})
