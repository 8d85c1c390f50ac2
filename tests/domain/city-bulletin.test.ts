// The city bulletin's figures (domain/bulletin/city.ts): each county's own bulletin figures, and
// the city's year to date as the sum of its counties' same-labelled fields.
import { describe, expect, it } from 'vitest'
import { type CountyBulletin, compileCityBulletin } from '../../bot/domain/bulletin/city.ts'
import { compileBulletin, targetLabels, yearToDateOf } from '../../bot/domain/bulletin/figures.ts'
import type { BulletinInput, BulletinUnit } from '../../bot/domain/bulletin/types.ts'
import type { OfficeRef } from '../../bot/domain/office.ts'
import { count, money, PHASES, sub, TARGETS, t } from '../helpers/bulletin-fixtures.ts'

const CITY_TARGETS = { ...TARGETS, max: { 立案数: 72, 群众损失金额: 258 }, min: { 破案数: 66 }, ratios: [] }
const police = (fields = [count('立案数'), count('破案数'), money('群众损失金额')]): BulletinUnit => ({
  key: 'gaj',
  name: '县公安局',
  hasLiaison: true,
  fields,
})

function county(
  office: OfficeRef,
  unit: BulletinUnit,
  months: Record<string, Record<string, number>>,
): CountyBulletin {
  const input: BulletinInput = {
    period: '2026-03',
    asOf: t('2026-03-28T10:00:00'),
    units: [unit],
    submissions: Object.entries(months).map(([period, values]) => sub('gaj', period, values)),
    clues: [],
    targets: TARGETS,
    phases: PHASES,
    deadlineDay: 25,
  }
  return {
    office,
    figures: compileBulletin(input),
    cityYtd: yearToDateOf(input, targetLabels(CITY_TARGETS)),
    units: input.units,
  }
}

const anping = county({ key: 'anping', name: '安平县反诈联席办' }, police(), {
  '2026-01': { 立案数: 4, 破案数: 3, 群众损失金额: 10.5 },
  '2026-02': { 立案数: 2, 破案数: 1, 群众损失金额: 1 },
  '2026-03': { 立案数: 1, 破案数: 2, 群众损失金额: 0.25 },
})
// 饶阳's police form has no 群众损失金额: it adds nothing to the city's losses, and is named.
const raoyang = county(
  { key: 'raoyang', name: '饶阳县反诈联席办' },
  police([count('立案数'), count('破案数')]),
  {
    '2026-01': { 立案数: 1, 破案数: 1 },
    '2026-03': { 立案数: 2, 破案数: 5 },
  },
)

describe('the city bulletin figures', () => {
  const f = compileCityBulletin([anping, raoyang], {
    period: '2026-03',
    asOf: t('2026-03-28T10:00:00'),
    targets: CITY_TARGETS,
    labels: targetLabels(CITY_TARGETS),
  })

  it("the city figure of a target is the sum of the counties' fields of that label", () => {
    expect(f.sums.立案数).toEqual({
      label: '立案数',
      value: 10,
      counties: ['anping', 'raoyang'],
      without: [],
    })
    expect(f.sums.破案数?.value).toBe(12)
    expect(f.sums.群众损失金额).toEqual({
      label: '群众损失金额',
      value: 11.75,
      counties: ['anping'],
      without: ['raoyang'],
    })
  })

  it('judged against the city targets by the county rules: the pace by the share of the year', () => {
    expect(f.targetProgress.map((p) => [p.name, p.ytd, p.expectedByNow, p.onTrack])).toEqual([
      ['立案数', 10, 18, true],
      ['群众损失金额', 11.75, 64.5, true],
      ['破案数', 12, 17, false],
    ])
  })

  it('each county keeps its own figures, judged against its own targets', () => {
    const row = f.counties.find((c) => c.row.office.key === 'raoyang')?.row
    expect(row?.reported).toBe(1)
    expect(row?.targets.find((x) => x.name === '立案数')?.ytd).toBe(3)
    expect(row?.targets.find((x) => x.name === '群众损失金额')?.ytd).toBeNull()
  })
})
