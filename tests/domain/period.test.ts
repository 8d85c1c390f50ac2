import { describe, expect, it } from 'vitest'
import { currentPeriod, deadlineOf, isLate, parsePeriod } from '../../bot/domain/period.ts'

const at = (iso: string) => new Date(iso)

describe('periods in China Standard Time', () => {
  it('a message at 00:30 on 1 December Beijing time belongs to December', () => {
    expect(currentPeriod(at('2026-11-30T16:30:00Z'))).toBe('2026-12')
  })
  it('the 25th is the last on-time day, until midnight', () => {
    expect(isLate('2026-11', at('2026-11-25T23:59:00+08:00'), 25)).toBe(false)
    expect(isLate('2026-11', at('2026-11-26T00:00:00+08:00'), 25)).toBe(true)
    expect(deadlineOf('2026-11', 25).toISOString()).toBe('2026-11-25T16:00:00.000Z')
  })
  it('reads 2026年11月, 2026-11 and a bare month, and refuses the future', () => {
    const now = at('2026-11-20T10:00:00+08:00')
    expect(parsePeriod('2026年11月', now)).toEqual({ ok: true, period: '2026-11' })
    expect(parsePeriod('2026-10', now)).toEqual({ ok: true, period: '2026-10' })
    expect(parsePeriod('10月', now)).toEqual({ ok: true, period: '2026-10' })
    expect(parsePeriod('十月份', now)).toEqual({ ok: true, period: '2026-10' })
    expect(parsePeriod('12月', at('2027-01-05T10:00:00+08:00'))).toEqual({ ok: true, period: '2026-12' })
    expect(parsePeriod('2026年12月', now)).toEqual({ ok: false, reason: 'future' })
    expect(parsePeriod('2026年13月', now)).toEqual({ ok: false, reason: 'invalid' })
    expect(parsePeriod('人民银行', now)).toBeUndefined()
  })
})
