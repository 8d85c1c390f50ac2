// The city's ranking of its counties and how a cell names a county (domain/city.ts).
import { describe, expect, it } from 'vitest'
import { countyLabel, countyNamed, countyProgress, rankBy, rankByReporting } from '../../bot/domain/city.ts'

const anping = { key: 'anping', name: '安平县反诈联席办' }
const raoyang = { key: 'raoyang', name: '饶阳县反诈联席办' }
const jizhou = { key: 'jizhou', name: '冀州区联席办' }

describe('ranking counties', () => {
  it('higher first, keys compared in order; equal rows share a rank and keep their order', () => {
    const ranked = rankBy(
      ['a', 'b', 'c', 'd'],
      (x) => ({ a: [1, 5], b: [2, 0], c: [1, 5], d: [1, 6] })[x] ?? [],
    )
    expect(ranked.map((r) => `${r.rank}${r.row}`)).toEqual(['1b', '2d', '3a', '3c'])
  })

  it('by reporting rate: 3 of 15 before 1 of 15, a county without units last', () => {
    const statuses = (reported: number, total: number) =>
      Array.from({ length: total }, (_, i) => ({
        name: `单位${i}`,
        status: i < reported ? ('on_time' as const) : ('missing' as const),
      }))
    const rows = [
      countyProgress(raoyang, statuses(1, 15)),
      countyProgress(jizhou, []),
      countyProgress(anping, statuses(3, 15)),
    ]
    expect(
      rankByReporting(rows).map((r) => [r.rank, countyLabel(r.row.office), r.row.missing.length]),
    ).toEqual([
      [1, '安平县', 12],
      [2, '饶阳县', 14],
      [3, '冀州区', 0],
    ])
  })
})

describe('a cell naming a county', () => {
  const offices = [anping, raoyang, jizhou]
  it('by the office name, without the suffix, without 县/区, or by key; spaces ignored', () => {
    for (const cell of ['安平县反诈联席办', '安平县', '安平', ' 安 平 ', 'anping'])
      expect(countyNamed(offices, cell)?.key, cell).toBe('anping')
    expect(countyNamed(offices, '冀州')?.key).toBe('jizhou')
  })

  it('nothing for an unknown county, an empty cell, or a one-character short form', () => {
    for (const cell of ['深州市', '', '安', '县']) expect(countyNamed(offices, cell), cell).toBeUndefined()
  })
})
