// A correction changes the fields it names and keeps the rest; the echo shows the whole resulting
// report and marks what changed.
import { describe, expect, it } from 'vitest'
import { simulate } from '../helpers/simulate.ts'

const say = (at: string, from: string, text: string) => ({ at: `2026-11-${at}+08:00`, from, say: text })
const START = '2026-11-18T09:00:00+08:00'
const FIRST = '#月报\n冻结涉案账户数：15\n清理空壳公司数：3\n清退违规POS机数：2\n其他工作：走访商户，发放传单'

describe('a liaison corrects one field', () => {
  for (const correction of [
    '更正：冻结涉案账户数应为16个',
    '#月报\n冻结涉案账户数：16',
    '@反诈助手 更正 冻结涉案账户数：16',
    '更正\n冻结账户数：16个',
  ]) {
    it(`「${correction.replace(/\n/g, '⏎')}」 changes that field and keeps the others`, async () => {
      const r = await simulate({
        start: START,
        steps: [say('18T10:00:00', '王芳', FIRST), say('19T10:00:00', '王芳', correction)],
      })
      const echoes = r.textsTo('room').filter((t) => t.includes('✅'))
      expect(echoes).toHaveLength(2)
      const echo = echoes[1] ?? ''
      expect(echo).toContain('更正，第2版')
      expect(echo).toContain('冻结涉案账户数：16（已更正，原为15）')
      expect(echo).toContain('清理空壳公司数：3\n')
      expect(echo).toContain('清退违规POS机数：2')
      expect(echo).toContain('其他工作：走访商户，发放传单')
      expect(r.state.submissions[0]).toMatchObject({
        revision: 2,
        values: { 冻结涉案账户数: 16, 清理空壳公司数: 3, 清退违规POS机数: 2, 其他工作: '走访商户，发放传单' },
      })
    })
  }

  it('a field the first report lacked is marked as added', async () => {
    const r = await simulate({
      start: START,
      steps: [
        say('18T10:00:00', '王芳', '#月报\n冻结涉案账户数：15\n清理空壳公司数：3'),
        say('19T10:00:00', '王芳', '#月报\n检查支付机构数：4'),
      ],
    })
    const echo = r.textsTo('room').filter((t) => t.includes('✅'))[1] ?? ''
    expect(echo).toContain('检查支付机构数：4（新增）')
    expect(echo).toContain('冻结涉案账户数：15\n')
  })
})
