// The roster's year keys: phases (with what units owe) and the calendar's extra days, validated
// with one message per problem naming where it is.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ConfigError, parseRoster } from '../../bot/config.ts'

const base = () =>
  parse(readFileSync('prisma/roster.yaml', 'utf8'), { merge: true }) as Record<string, unknown>
const problems = (doc: Record<string, unknown>) => {
  try {
    parseRoster(doc)
    return ''
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as Error).message
  }
}

describe('the roster’s campaign year', () => {
  it('the default roster has three phases with their duties and no extra days', () => {
    const r = parseRoster(base())
    expect(r.phases.map((p) => [p.name, p.from, p.to])).toEqual([
      ['组织发动', '01-01', '04-15'],
      ['集中攻坚', '04-15', '12-20'],
      ['考核总结', '12-21', '12-31'],
    ])
    expect(r.phases[0]?.duties).toContain('4月15日前向县联席办报送本单位实施方案')
    expect(r.calendar).toEqual({ holidays: [], workdays: [] })
  })

  it('bad phases and days are named', () => {
    const doc = {
      ...base(),
      phases: [
        { name: '组织发动', from: '04-15', to: '01-01' },
        { name: '组织发动', from: '13-01', to: '12-31' },
      ],
      calendar: { holidays: ['2027-02-30', '2027-01-01'], workdays: ['2027-01-01'] },
    }
    const text = problems(doc)
    expect(text).toContain('phases.0.to: 阶段「组织发动」的结束日 01-01 早于开始日 04-15')
    expect(text).toContain('phases.1.from: 「13-01」应为 MM-DD，例如 "04-15"')
    expect(text).toContain('calendar.holidays.0: 「2027-02-30」应为 YYYY-MM-DD 日期，例如 "2027-01-01"')
    expect(text).toContain('calendar.workdays: 2027-01-01 不能既是节假日又是工作日')
  })
})
