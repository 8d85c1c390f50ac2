// The monthly bulletin through the simulator: posted once on the 26th with its workbook and chart,
// on request by the office, re-issued as a versioned correction when figures changed.
import { describe, expect, it } from 'vitest'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = [
  { name: '王芳', unit: '人民银行' },
  { name: '高峰', unit: '县公安局' },
  { name: '马丽', unit: '中国移动' },
  { name: '李强', role: 'office' as const },
]
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
    expect(r.state.bulletins).toEqual([
      { period: '2026-11', at: at('26T09:00:00'), version: 1, kind: 'scheduled', corrected: false },
    ])
    const posted = r.messages.filter((m) => m.at === at('26T09:00:00') && m.to === 'room')
    const text = posted
      .filter((m) => !m.file)
      .map((m) => m.text)
      .join('\n')
    expect(text).toContain('县反诈联席办 2026年11月工作通报')
    expect(text).toMatch(/未报送 13 个：.*中国移动/)
    expect(text).toContain('⏰ 迟报 1 个：县公安局')
    expect(text).toContain('人民银行：推送1 销号0 超期1')
    const files = posted.filter((m) => m.file).map((m) => m.file)
    expect(files.map((f) => f?.name)).toEqual(['2026年11月通报.xlsx', '2026年11月通报-目标进度.png'])
    for (const f of files) expect(f?.bytes).toBeGreaterThan(1000)
  })

  it('on request by the office; a re-issue with changed figures is labelled 更正, an unchanged one is not', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        ...MONTH,
        say('27T10:00:00', '李强', '通报'),
        say('27T10:05:00', '李强', '通报 2026-11'),
        say('27T11:00:00', '高峰', '#月报 11月\n立案数：4\n破案数：2\n抓获人数：2\n损失金额：12万'),
        say('27T11:05:00', '李强', '通报 11月'),
        say('27T11:10:00', '王芳', '通报'),
      ],
    })
    expect(
      r.state.bulletins.map((b) => [
        (b as { version: number }).version,
        (b as { corrected: boolean }).corrected,
      ]),
    ).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ])
    const titles = r.textsTo('room').filter((t) => t.startsWith('📢'))
    expect(titles.at(-1)).toContain('（更正·第4版）')
    expect(r.textsTo('room').at(-1)).toBe('「通报」只有联席办人员可以使用。')
  })
})
