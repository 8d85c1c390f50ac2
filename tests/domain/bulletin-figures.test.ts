import { describe, expect, it } from 'vitest'
import { compileBulletin, phaseOf } from '../../bot/domain/bulletin/figures.ts'
import type { BulletinInput, BulletinUnit, ClueRow, SubmissionRow } from '../../bot/domain/bulletin/types.ts'
import { clue, count, money, PHASES, sub, TARGETS, t, text } from '../helpers/bulletin-fixtures.ts'

// Hand-computed fixtures.
const gaj: BulletinUnit = {
  key: 'gaj',
  name: '县公安局',
  hasLiaison: true,
  fields: [
    count('立案数'),
    count('破案数'),
    count('抓获犯罪嫌疑人数'),
    money('群众损失金额'),
    count('部推线索数', false),
    count('部推线索抓获人数', false),
    text('其他工作'),
  ],
}
const jcy: BulletinUnit = {
  key: 'jcy',
  name: '县检察院',
  hasLiaison: true,
  fields: [count('起诉案件数'), count('起诉人数')],
}
const cmcc: BulletinUnit = {
  key: 'cmcc',
  name: '中国移动',
  hasLiaison: true,
  fields: [count('关停涉诈号码数'), count('发现伪基站数')],
}
const pboc: BulletinUnit = {
  key: 'pboc',
  name: '人民银行',
  hasLiaison: false,
  fields: [
    count('冻结涉案账户数'),
    count('清理空壳公司数'),
    count('清退违规POS机数', false),
    count('检查支付机构数', false),
  ],
}
const UNITS = [gaj, jcy, cmcc, pboc]

/** A 县公安局 report: 立案, 破案, 抓获, 损失 and optionally 部推线索数 / 部推线索抓获人数. */
function gajSub(
  period: string,
  [立案数, 破案数, 抓获犯罪嫌疑人数, 群众损失金额]: number[],
  more: Record<string, number> = {},
  opts: Parameters<typeof sub>[3] = {},
): SubmissionRow {
  return sub(
    'gaj',
    period,
    {
      立案数: 立案数 ?? 0,
      破案数: 破案数 ?? 0,
      抓获犯罪嫌疑人数: 抓获犯罪嫌疑人数 ?? 0,
      群众损失金额: 群众损失金额 ?? 0,
      ...more,
    },
    opts,
  )
}

function input(over: Partial<BulletinInput>): BulletinInput {
  return {
    period: '2026-03',
    asOf: t('2026-03-26T09:00:00'),
    units: UNITS,
    submissions: [],
    clues: [],
    targets: TARGETS,
    phases: PHASES,
    deadlineDay: 25,
    ...over,
  }
}

// --- the March 2026 fixture --------------------------------------------------------------------
// asOf 2026-03-26 09:00, the morning after the deadline (25th, 24:00).

const THIS_YEAR: SubmissionRow[] = [
  gajSub('2026-01', [3, 2, 1, 10.5], { 部推线索数: 2, 部推线索抓获人数: 1 }),
  gajSub('2026-02', [4, 3, 2, 20.25], { 部推线索数: 0, 部推线索抓获人数: 0 }),
  // March: reported on time, then corrected after the deadline (the correction is stored as late),
  // then corrected once more after the bulletin was compiled (ignored).
  gajSub('2026-03', [5, 1, 1, 5], { 部推线索数: 9 }, { at: t('2026-03-20T10:00:00') }),
  gajSub(
    '2026-03',
    [2, 4, 3, 1.25],
    { 部推线索数: 2, 部推线索抓获人数: 0 },
    { revision: 2, status: 'late', at: t('2026-03-26T08:00:00') },
  ),
  gajSub('2026-03', [99, 99, 99, 99], {}, { revision: 3, status: 'late', at: t('2026-03-27T10:00:00') }),
  sub('jcy', '2026-01', { 起诉案件数: 1, 起诉人数: 2 }),
  // February missing.
  sub('jcy', '2026-03', { 起诉案件数: 2, 起诉人数: 3 }, { status: 'late', at: t('2026-03-26T08:30:00') }),
  sub('cmcc', '2026-01', { 关停涉诈号码数: 10, 发现伪基站数: 0 }),
  // 中国移动 misses March.
  sub('pboc', '2026-03', { 冻结涉案账户数: '12', 清理空壳公司数: 3, 其他工作: '开展宣传' }),
]

// Last year: 县公安局 reported January..March (complete), 县检察院 only January (incomplete).
const LAST_YEAR: SubmissionRow[] = [
  gajSub('2025-01', [5, 3, 2, 10]),
  gajSub('2025-02', [5, 3, 2, 10]),
  gajSub('2025-03', [5, 3, 2, 10]),
  sub('jcy', '2025-01', { 起诉案件数: 1, 起诉人数: 1 }),
]

const CLUES: ClueRow[] = [
  // 中国移动
  clue('cmcc', '2026-03-02T10:00:00', '2026-03-05T10:00:00', '2026-03-03T10:00:00'), // 24h, in time
  clue('cmcc', '2026-03-10T10:00:00', '2026-03-13T10:00:00', '2026-03-13T22:00:00'), // 84h, late
  clue('cmcc', '2026-03-20T10:00:00', '2026-03-23T10:00:00'), // open, overdue
  clue('cmcc', '2026-02-25T10:00:00', '2026-02-28T10:00:00', '2026-03-01T04:00:00'), // Feb clue, 90h, late
  clue('cmcc', '2026-03-25T12:00:00', '2026-03-28T12:00:00'), // open, not yet due
  clue('cmcc', '2026-03-24T10:00:00', '2026-03-27T10:00:00', '2026-03-27T09:00:00'), // closed after asOf
  clue('cmcc', '2026-02-01T10:00:00', '2026-02-04T10:00:00'), // Feb clue, open, overdue
  clue('cmcc', '2026-03-28T10:00:00', '2026-03-31T10:00:00'), // routed after asOf
  // 人民银行
  clue('pboc', '2026-03-05T09:00:00', '2026-03-08T09:00:00', '2026-03-06T09:00:00'), // 24h
  clue('pboc', '2026-03-06T09:00:00', '2026-03-09T09:00:00', '2026-03-07T21:00:00'), // 36h
  // awaiting the office, and one routed to a unit not in the list
  clue(null, null, null),
  clue('zzz', '2026-03-15T10:00:00', '2026-03-18T10:00:00', '2026-03-16T10:00:00'), // 24h
]

const march = compileBulletin(
  input({
    submissions: [...THIS_YEAR, ...LAST_YEAR],
    clues: CLUES,
    lastYear: { 起诉人数: 4, 立案数: 100 },
  }),
)

describe('reporting status', () => {
  it('names every unit as on time, late or missing, counting the first revision for timeliness', () => {
    expect(march.reporting.deadline.toISOString()).toBe('2026-03-25T16:00:00.000Z')
    expect(march.reporting.deadlinePassed).toBe(true)
    expect(march.reporting.rows.map((r) => [r.unit.name, r.status, r.revision])).toEqual([
      ['县公安局', 'on_time', 2], // corrected after the deadline: still reported on time
      ['县检察院', 'late', 1],
      ['中国移动', 'missing', null],
      ['人民银行', 'on_time', 1],
    ])
    expect(march.reporting).toMatchObject({ onTime: 2, late: 1, missing: 1 })
  })

  it('dates a report by its first revision and its last correction; a later revision is ignored', () => {
    const row = march.reporting.rows[0]
    expect(row?.submittedAt).toEqual(t('2026-03-20T10:00:00'))
    expect(row?.lastRevisedAt).toEqual(t('2026-03-26T08:00:00'))
    expect(march.reporting.rows[2]).toMatchObject({ submittedAt: null, lastRevisedAt: null })
  })

  it('still lists a unit with no liaison, flagged', () => {
    expect(march.reporting.rows.map((r) => [r.unit.key, r.noLiaison])).toEqual([
      ['gaj', false],
      ['jcy', false],
      ['cmcc', false],
      ['pboc', true],
    ])
  })

  it('before the deadline a missing unit is reported as such, with the deadline not yet passed', () => {
    const early = compileBulletin(input({ asOf: t('2026-03-25T23:59:00'), submissions: THIS_YEAR }))
    expect(early.reporting.deadlinePassed).toBe(false)
    // 县检察院's late report came in after this asOf
    expect(early.reporting.rows.map((r) => r.status)).toEqual(['on_time', 'missing', 'missing', 'on_time'])
    expect(early.reporting.rows[0]?.revision).toBe(1)
  })
})

describe("the month's figures per unit", () => {
  it('gives the latest revision of every numeric field, null when blank or not reported', () => {
    expect(march.unitFigures).toEqual([
      {
        unit: { key: 'gaj', name: '县公安局' },
        revision: 2,
        values: {
          立案数: 2,
          破案数: 4,
          抓获犯罪嫌疑人数: 3,
          群众损失金额: 1.25,
          部推线索数: 2,
          部推线索抓获人数: 0,
        },
        texts: [],
      },
      {
        unit: { key: 'jcy', name: '县检察院' },
        revision: 1,
        values: { 起诉案件数: 2, 起诉人数: 3 },
        texts: [],
      },
      {
        unit: { key: 'cmcc', name: '中国移动' },
        revision: null,
        values: { 关停涉诈号码数: null, 发现伪基站数: null },
        texts: [],
      },
      {
        unit: { key: 'pboc', name: '人民银行' },
        revision: 1,
        values: { 冻结涉案账户数: 12, 清理空壳公司数: 3, 清退违规POS机数: null, 检查支付机构数: null },
        texts: [],
      },
    ])
  })
})

describe('clue figures', () => {
  const row = (key: string) => march.clueFigures.rows.find((r) => r.unit?.key === key)

  it('counts pushed, closed, closure rate, overdue, median time and closed in time for a unit', () => {
    // pushed c1 c2 c3 c5 c6 (c8 after asOf); closed by asOf of those: c1 c2; closed in March: c1 c2 c4
    // (24h, 84h, 90h → median 84), in time: c1; overdue: c3, c7 (c5 and c6 not yet due)
    expect(row('cmcc')).toEqual({
      unit: { key: 'cmcc', name: '中国移动' },
      pushed: 5,
      closed: 3,
      pushedClosed: 2,
      closureRate: 0.4,
      openOverdue: 2,
      medianHoursToClose: 84,
      closedWithinDue: 1,
    })
  })

  it('takes the mean of the middle two for an even count', () => {
    expect(row('pboc')).toMatchObject({
      pushed: 2,
      closed: 2,
      closureRate: 1,
      medianHoursToClose: 30,
      closedWithinDue: 2,
    })
  })

  it('has no rate and no median for a unit with no clues', () => {
    expect(row('gaj')).toMatchObject({
      pushed: 0,
      closed: 0,
      closureRate: null,
      openOverdue: 0,
      medianHoursToClose: null,
    })
  })

  it('totals every clue for the county, and counts the ones awaiting the office', () => {
    // pushed: c1 c2 c3 c5 c6 p1 p2 u2; closed of those: c1 c2 p1 p2 u2; closed in March: c1 c2 c4 p1 p2 u2
    // hours 24 84 90 24 36 24 → 24 24 24 36 84 90 → median 30
    expect(march.clueFigures.total).toEqual({
      unit: null,
      pushed: 8,
      closed: 6,
      pushedClosed: 5,
      closureRate: 0.625,
      openOverdue: 2,
      medianHoursToClose: 30,
      closedWithinDue: 4,
    })
    expect(march.clueFigures.unassignedOpen).toBe(1)
  })

  it('counts a clue overdue from the instant its due time has passed, until it is closed', () => {
    const one = (asOf: string, closed: string | null = null) =>
      compileBulletin(
        input({
          asOf: t(asOf),
          clues: [clue('cmcc', '2026-03-02T10:00:00', '2026-03-05T10:00:00', closed)],
        }),
      ).clueFigures.rows[2]?.openOverdue
    expect(one('2026-03-05T10:00:00')).toBe(0)
    expect(one('2026-03-05T10:01:00')).toBe(1)
    expect(one('2026-03-06T10:00:00', '2026-03-06T09:00:00')).toBe(0)
    expect(one('2026-03-06T10:00:00', '2026-03-06T11:00:00')).toBe(1) // closed only after asOf
  })
})

describe('year to date', () => {
  it('sums January..period, latest revision per month, from the unit whose form has the label', () => {
    expect(march.ytd.立案数).toEqual({ label: '立案数', value: 9, units: ['gaj'], gaps: [] })
    expect(march.ytd.群众损失金额?.value).toBe(32)
    expect(march.ytd.破案数?.value).toBe(9)
    expect(march.ytd.抓获犯罪嫌疑人数?.value).toBe(6)
    expect(march.ytd.部推线索数?.value).toBe(4)
    expect(march.ytd.部推线索抓获人数?.value).toBe(1)
    expect(march.ytd.起诉人数).toEqual({
      label: '起诉人数',
      value: 5,
      units: ['jcy'],
      gaps: [{ unitKey: 'jcy', period: '2026-02' }],
    })
    expect(Object.keys(march.ytd)).toEqual([
      '立案数',
      '群众损失金额',
      '破案数',
      '抓获犯罪嫌疑人数',
      '部推线索抓获人数',
      '部推线索数',
      '起诉人数',
    ])
  })

  it('has no figure for a label no unit reports', () => {
    const figures = compileBulletin(input({ units: [cmcc, pboc] }))
    expect(figures.ytd.立案数).toEqual({ label: '立案数', value: null, units: [], gaps: [] })
    expect(figures.targetProgress[0]).toMatchObject({ name: '立案数', ytd: null, onTrack: null })
  })
})

describe('targets', () => {
  it('is on track for every target in March (share 3/12), the pace rounded as people write it, the boundary included', () => {
    expect(march.targetProgress).toEqual([
      { name: '立案数', kind: 'max', target: 36, ytd: 9, share: 0.25, expectedByNow: 9, onTrack: true },
      {
        name: '群众损失金额',
        kind: 'max',
        target: 129,
        ytd: 32,
        share: 0.25,
        expectedByNow: 32.3,
        onTrack: true,
      },
      { name: '破案数', kind: 'min', target: 33, ytd: 9, share: 0.25, expectedByNow: 8, onTrack: true },
      {
        name: '抓获犯罪嫌疑人数',
        kind: 'min',
        target: 18,
        ytd: 6,
        share: 0.25,
        expectedByNow: 5,
        onTrack: true,
      },
    ])
  })

  it('is off track for every target in February (share 2/12) when ahead of the pace', () => {
    // pace by February: 立案 ≤ 6, 损失 ≤ 21.5, 破案 ≥ 5.5 → 6, 抓获 ≥ 3
    const feb = compileBulletin(
      input({
        period: '2026-02',
        asOf: t('2026-02-26T09:00:00'),
        submissions: [gajSub('2026-01', [4, 2, 1, 15]), gajSub('2026-02', [3, 3, 1, 7])],
      }),
    )
    expect(feb.targetProgress.map((p) => [p.name, p.ytd, p.expectedByNow, p.onTrack])).toEqual([
      ['立案数', 7, 6, false],
      ['群众损失金额', 22, 21.5, false],
      ['破案数', 5, 6, false],
      ['抓获犯罪嫌疑人数', 2, 3, false],
    ])
  })
})

describe('ratios', () => {
  it('computes both ratios per hundred over the year to date, on and off track', () => {
    expect(march.ratios).toEqual([
      {
        name: '每百起立案抓获人数',
        numerator: 6,
        denominator: 9,
        per: 100,
        value: 66.666667,
        min: 20,
        onTrack: true,
      },
      {
        name: '每百条部推线索抓获人数',
        numerator: 1,
        denominator: 4,
        per: 100,
        value: 25,
        min: 35,
        onTrack: false,
      },
    ])
  })

  it('has no value (and no mark) when a denominator is 0', () => {
    // 立案 0 with an arrest, and the optional 部推 fields left out
    const zero = compileBulletin(
      input({
        period: '2026-01',
        asOf: t('2026-01-26T09:00:00'),
        submissions: [gajSub('2026-01', [0, 1, 1, 0])],
      }),
    )
    expect(zero.ratios.map((r) => [r.name, r.numerator, r.denominator, r.value, r.onTrack])).toEqual([
      ['每百起立案抓获人数', 1, 0, null, null],
      ['每百条部推线索抓获人数', 0, 0, null, null],
    ])
  })
})

describe('两降三升', () => {
  it("compares with last year's same months from its submissions, else the configured baseline", () => {
    expect(march.trend).toEqual([
      // 县公安局's own 2025 reports win over the baseline's 立案数 100
      {
        name: '立案数',
        direction: 'down',
        thisYear: 9,
        lastYear: 15,
        lastYearSource: 'submissions',
        change: -6,
        changePct: -40,
        good: true,
      },
      {
        name: '群众损失金额',
        direction: 'down',
        thisYear: 32,
        lastYear: 30,
        lastYearSource: 'submissions',
        change: 2,
        changePct: 6.666667,
        good: false,
      },
      {
        name: '破案数',
        direction: 'up',
        thisYear: 9,
        lastYear: 9,
        lastYearSource: 'submissions',
        change: 0,
        changePct: 0,
        good: false,
      },
      {
        name: '抓获犯罪嫌疑人数',
        direction: 'up',
        thisYear: 6,
        lastYear: 6,
        lastYearSource: 'submissions',
        change: 0,
        changePct: 0,
        good: false,
      },
      // 县检察院 reported only January 2025: the baseline is used
      {
        name: '起诉人数',
        direction: 'up',
        thisYear: 5,
        lastYear: 4,
        lastYearSource: 'baseline',
        change: 1,
        changePct: 25,
        good: true,
      },
    ])
  })

  it('has no comparison without last year data', () => {
    const figures = compileBulletin(input({ submissions: THIS_YEAR }))
    for (const row of figures.trend) {
      expect(row).toMatchObject({
        lastYear: null,
        lastYearSource: null,
        change: null,
        changePct: null,
        good: null,
      })
    }
    expect(figures.trend.map((r) => r.thisYear)).toEqual([9, 32, 9, 6, 5])
  })

  it('uses the baseline alone when last year was not reported through the bot', () => {
    const figures = compileBulletin(input({ submissions: THIS_YEAR, lastYear: { 立案数: 9, 破案数: 0 } }))
    expect(figures.trend.map((r) => [r.name, r.lastYear, r.change, r.good])).toEqual([
      ['立案数', 9, 0, false],
      ['群众损失金额', null, null, null],
      ['破案数', 0, 9, true],
      ['抓获犯罪嫌疑人数', null, null, null],
      ['起诉人数', null, null, null],
    ])
    expect(figures.trend[2]?.changePct).toBeNull() // no percentage against 0
  })
})

describe('an empty month', () => {
  const empty = compileBulletin(input({ period: '2026-05', asOf: t('2026-05-26T09:00:00') }))

  it('lists every unit as missing with no figures', () => {
    expect(empty.reporting).toMatchObject({ onTime: 0, late: 0, missing: 4 })
    expect(
      empty.unitFigures.every((u) => u.revision === null && Object.values(u.values).every((v) => v === null)),
    ).toBe(true)
  })

  it('has zero clue counts with no rate or median', () => {
    expect(empty.clueFigures.total).toEqual({
      unit: null,
      pushed: 0,
      closed: 0,
      pushedClosed: 0,
      closureRate: null,
      openOverdue: 0,
      medianHoursToClose: null,
      closedWithinDue: 0,
    })
  })

  it('shows zero year to date with every month as a gap, ratios without value', () => {
    expect(empty.ytd.立案数?.value).toBe(0)
    expect(empty.ytd.立案数?.gaps.map((g) => g.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ])
    expect(empty.targetProgress.map((p) => p.onTrack)).toEqual([true, true, false, false])
    expect(empty.ratios.map((r) => r.value)).toEqual([null, null])
    expect(empty.phase).toBe('集中攻坚')
  })
})

describe('campaign phase', () => {
  const phase = (period: string, asOf: string) => compileBulletin(input({ period, asOf: t(asOf) })).phase

  it("takes the period's last day for a past month", () => {
    expect(phase('2026-03', '2026-04-26T09:00:00')).toBe('组织发动')
    expect(phase('2026-04', '2026-05-26T09:00:00')).toBe('集中攻坚') // 04-30
    expect(phase('2026-12', '2027-01-26T09:00:00')).toBe('考核总结') // 12-31
  })

  it('takes asOf for an interim bulletin within the month', () => {
    expect(phase('2026-04', '2026-04-10T09:00:00')).toBe('组织发动')
    expect(phase('2026-12', '2026-12-20T09:00:00')).toBe('集中攻坚')
    expect(phase('2026-12', '2026-12-21T00:30:00')).toBe('考核总结')
  })

  it('gives the first matching phase on a shared day, handles wrapping ranges, and may find none', () => {
    expect(phaseOf(PHASES, '04-15')).toBe('组织发动')
    expect(phaseOf([{ name: '冬季', from: '12-01', to: '02-28' }], '01-10')).toBe('冬季')
    expect(phaseOf([{ name: '冬季', from: '12-01', to: '02-28' }], '03-01')).toBeNull()
    expect(phaseOf([], '03-01')).toBeNull()
  })
})

it('refuses a period that is not YYYY-MM', () => {
  expect(() => compileBulletin(input({ period: '2026-13' }))).toThrow(RangeError)
  expect(() => compileBulletin(input({ period: '2026-3' }))).toThrow(RangeError)
})
