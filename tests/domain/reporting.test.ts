import { describe, expect, it } from 'vitest'
import { type Revision, whoReported } from '../../bot/domain/reporting.ts'

type Row = Revision & { unit: string }
const at = (iso: string) => new Date(`${iso}+08:00`)
const row = (unit: string, period: string, revision: number, status: Row['status'], when: string): Row => ({
  unit,
  period,
  revision,
  status,
  createdAt: at(when),
})
const UNITS = ['pboc', 'cmcc', 'fy']
const keys = { unitOf: (u: string) => u, revisionOf: (r: Row) => r.unit }

describe('whoReported', () => {
  const rows = [
    row('pboc', '2026-11', 1, 'on_time', '2026-11-20T10:00:00'),
    // a correction after the deadline keeps the first's timeliness
    row('pboc', '2026-11', 2, 'on_time', '2026-11-27T09:00:00'),
    row('cmcc', '2026-11', 1, 'late', '2026-11-26T09:00:00'),
    row('fy', '2026-10', 1, 'on_time', '2026-10-20T09:00:00'),
  ]

  it('judges each unit of the period on its first revision, in the units order', () => {
    const r = whoReported(UNITS, rows, { period: '2026-11', ...keys })
    expect(r.map((x) => [x.unit, x.status])).toEqual([
      ['pboc', 'on_time'],
      ['cmcc', 'late'],
      ['fy', 'missing'],
    ])
    expect(r[0]?.month?.first.revision).toBe(1)
    expect(r[0]?.month?.latest.revision).toBe(2)
    expect(r[2]?.month).toBeUndefined()
  })

  it('leaves out what was written after asOf, and rows in any order give the same answer', () => {
    const asOf = at('2026-11-25T12:00:00')
    const r = whoReported(UNITS, [...rows].reverse(), { period: '2026-11', asOf, ...keys })
    expect(r.map((x) => x.status)).toEqual(['on_time', 'missing', 'missing'])
    expect(r[0]?.month?.latest.revision).toBe(1)
  })

  it('other periods do not count', () => {
    expect(whoReported(UNITS, rows, { period: '2026-10', ...keys }).map((x) => x.status)).toEqual([
      'missing',
      'missing',
      'on_time',
    ])
  })
})
