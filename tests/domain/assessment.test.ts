import { describe, expect, it } from 'vitest'
import { assessedPeriods, assessYear } from '../../bot/domain/bulletin/assessment.ts'
import type {
  AssessmentInput,
  BulletinUnit,
  ClueRow,
  SubmissionRow,
} from '../../bot/domain/bulletin/types.ts'
import type { FieldDef } from '../../bot/domain/roster.ts'
import { clue, count, sub, t, text } from '../helpers/bulletin-fixtures.ts'

// Hand-computed fixtures.
const x = count('甲数')
const y = count('乙数', false)
const note = text('其他工作')

const unit = (key: string, fields: FieldDef[], hasLiaison = true): BulletinUnit => ({
  key,
  name: `单位${key}`,
  fields,
  hasLiaison,
})

// asOf 10 April: the deadlines of January, February and March have passed, April's has not.
const ASOF = t('2026-04-10T10:00:00')

// Units in roster order B, A, C, D, E; weights 0.4 / 0.4 / 0.2.
const A = unit('a', [x, y, note])
const B = unit('b', [x])
const C = unit('c', [x], false)
const D = unit('d', [x, y])
const E = unit('e', [x])

const SUBMISSIONS: SubmissionRow[] = [
  // A: all on time; March first lacked 乙数, a correction after the deadline filled it (still on time).
  sub('a', '2026-01', { 甲数: 1, 乙数: 1 }),
  sub('a', '2026-02', { 甲数: 1, 乙数: 1 }),
  sub('a', '2026-03', { 甲数: 1 }),
  sub('a', '2026-03', { 甲数: 1, 乙数: 2 }, { revision: 2, status: 'late', at: t('2026-04-02T10:00:00') }),
  // B: January on time, February late, March missing.
  sub('b', '2026-01', { 甲数: 1 }),
  sub('b', '2026-02', { 甲数: 2 }, { status: 'late', at: t('2026-02-27T10:00:00') }),
  // C: all on time and complete, but no liaison.
  sub('c', '2026-01', { 甲数: 0 }),
  sub('c', '2026-02', { 甲数: 0 }),
  sub('c', '2026-03', { 甲数: 0 }),
  // D: January complete; February and March lack the optional 乙数; March late.
  sub('d', '2026-01', { 甲数: 1, 乙数: 1 }),
  sub('d', '2026-02', { 甲数: 1 }),
  sub('d', '2026-03', { 甲数: 1, 乙数: '' }, { status: 'late', at: t('2026-03-28T10:00:00') }),
  // E: only a March report made after asOf (ignored) and last year's report (another year).
  sub('e', '2026-03', { 甲数: 1 }, { status: 'late', at: t('2026-04-11T10:00:00') }),
  sub('e', '2025-12', { 甲数: 1 }),
]

const CLUES: ClueRow[] = [
  clue('a', '2026-01-05T10:00:00', '2026-01-08T10:00:00', '2026-01-06T10:00:00'), // in time
  clue('a', '2026-02-05T10:00:00', '2026-02-08T10:00:00', '2026-02-10T10:00:00'), // late
  clue('a', '2026-04-08T10:00:00', '2026-04-11T10:00:00'), // open, not yet due: pending
  clue('a', '2025-12-20T10:00:00', '2025-12-23T10:00:00', '2026-01-02T10:00:00'), // last year's clue
  clue('c', '2026-03-01T10:00:00', '2026-03-04T10:00:00'), // open, overdue
  clue('d', '2026-03-02T10:00:00', '2026-03-05T10:00:00', '2026-03-05T10:00:00'), // closed at the due time
  clue('d', '2026-04-10T10:30:00', '2026-04-13T10:30:00', '2026-04-10T11:00:00'), // routed after asOf
]

function input(over: Partial<AssessmentInput> = {}): AssessmentInput {
  return {
    year: 2026,
    asOf: ASOF,
    units: [B, A, C, D, E],
    submissions: SUBMISSIONS,
    clues: CLUES,
    deadlineDay: 25,
    weights: { timeliness: 0.4, clueClosure: 0.4, completeness: 0.2 },
    ...over,
  }
}

const result = assessYear(input())
const row = (key: string) => {
  const found = result.rows.find((r) => r.unit.key === key)
  if (!found) throw new Error(`no row for ${key}`)
  return found
}

describe('months assessed', () => {
  it('are the months whose deadline has passed', () => {
    expect(result.periods).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(assessedPeriods(2026, t('2026-12-22T10:00:00'), 25)).toHaveLength(11)
    expect(assessedPeriods(2026, t('2026-12-25T23:59:00'), 25)).toHaveLength(11)
    expect(assessedPeriods(2026, t('2026-12-26T00:00:00'), 25)).toHaveLength(12)
    expect(assessedPeriods(2026, t('2027-03-01T00:00:00'), 25)).toHaveLength(12)
  })
})

describe('components: each a rate over what the unit owed', () => {
  it('timeliness: on time 1, late ½, missing 0, judged on the first revision', () => {
    expect(row('a').timeliness).toEqual({ share: 1, months: 3, onTime: 3, late: 0, missing: 0 })
    expect(row('b').timeliness).toEqual({ share: 0.5, months: 3, onTime: 1, late: 1, missing: 1 })
    expect(row('d').timeliness.share).toBeCloseTo(5 / 6, 10)
    expect(row('e').timeliness).toEqual({ share: 0, months: 3, onTime: 0, late: 0, missing: 3 })
  })

  it('clue closure: closed within due over this year routed clues, pending ones left out', () => {
    expect(row('a').clueClosure).toEqual({
      share: 0.5,
      routed: 3,
      pending: 1,
      assessed: 2,
      closedWithinDue: 1,
      closedLate: 1,
      openOverdue: 0,
    })
    expect(row('c').clueClosure).toMatchObject({ share: 0, assessed: 1, openOverdue: 1 })
    expect(row('d').clueClosure).toMatchObject({ share: 1, routed: 1, closedWithinDue: 1 })
  })

  it('clue closure: a unit that owed no clue is not assessed on clues (no full marks for absence)', () => {
    expect(row('b').clueClosure).toMatchObject({ share: null, routed: 0, assessed: 0 })
    expect(row('e').clueClosure.share).toBeNull()
  })

  it('completeness: months whose latest revision filled every required field; optional ones are not owed', () => {
    expect(row('a').completeness).toEqual({
      share: 1,
      months: 3,
      complete: 3,
      incomplete: 0,
      missing: 0,
      fields: ['甲数'],
    })
    expect(row('b').completeness).toMatchObject({ complete: 2, incomplete: 0, missing: 1 })
    expect(row('b').completeness.share).toBeCloseTo(2 / 3, 10)
    // D left the optional 乙数 blank in February and March: still complete.
    expect(row('d').completeness).toMatchObject({ share: 1, complete: 3, incomplete: 0, missing: 0 })
    expect(row('e').completeness).toMatchObject({ share: 0, missing: 3 })
  })

  it('completeness: a required text field must be written; a form with no required field is not assessed', () => {
    const issues: FieldDef = { ...text('存在问题'), required: true }
    const r = assessYear(
      input({
        units: [unit('f', [x, issues]), unit('g', [y, note])],
        submissions: [
          sub('f', '2026-01', { 甲数: 1, 存在问题: '无' }),
          sub('f', '2026-02', { 甲数: 1, 存在问题: '  ' }),
          sub('f', '2026-03', { 甲数: 1 }),
          sub('g', '2026-01', {}),
        ],
        clues: [],
      }),
    )
    const [f, g] = r.rows
    expect(f?.completeness).toMatchObject({ complete: 1, incomplete: 2, fields: ['甲数', '存在问题'] })
    expect(f?.completeness.share).toBeCloseTo(1 / 3, 10)
    expect(g?.completeness).toMatchObject({ share: null, fields: [] })
  })

  it('flags a unit with no liaison', () => {
    expect(row('c').noLiaison).toBe(true)
    expect(row('c').notes).toContain('未绑定专职联络员')
  })
})

describe('score and ranking', () => {
  it('scores the weighted mean of the components that apply × 100, weights renormalised', () => {
    // weights 0.4 / 0.4 / 0.2 (timeliness, clue closure, completeness)
    // D: 0.4·5/6 + 0.4·1 + 0.2·1 = 0.9333                 A: 0.4·1 + 0.4·0.5 + 0.2·1 = 0.8
    // C: 0.4·1 + 0.4·0 + 0.2·1 = 0.6
    // B (no clue owed): (0.4·0.5 + 0.2·2/3) ÷ 0.6 = 0.5556  E (no clue owed): (0.4·0 + 0.2·0) ÷ 0.6 = 0
    expect(result.rows.map((r) => [r.rank, r.unit.key, r.score])).toEqual([
      [1, 'd', 93.3],
      [2, 'a', 80],
      [3, 'c', 60],
      [4, 'b', 55.6],
      [5, 'e', 0],
    ])
  })

  it('a unit that never reported and had no clues ranks below one that reported on time', () => {
    const r = assessYear(
      input({
        units: [unit('silent', [x], false), unit('punctual', [x])],
        submissions: [sub('punctual', '2026-01', { 甲数: 1 }), sub('punctual', '2026-02', { 甲数: 1 })],
        clues: [clue('punctual', '2026-03-01T10:00:00', '2026-03-04T10:00:00')],
      }),
    )
    // punctual: timeliness 2/3, clues 0/1, completeness 2/3 → (0.4·2/3 + 0 + 0.2·2/3) = 0.4
    // silent: timeliness 0, clues —, completeness 0 → 0
    expect(r.rows.map((x) => [x.rank, x.unit.key, x.score])).toEqual([
      [1, 'punctual', 40],
      [2, 'silent', 0],
    ])
  })

  it('ties share a rank and the next rank skips', () => {
    const r = assessYear(
      input({
        units: [unit('p', [x]), unit('q', [x]), unit('r', [x])],
        submissions: ['p', 'q'].flatMap((k) =>
          ['2026-01', '2026-02', '2026-03'].map((p) => sub(k, p, { 甲数: 1 })),
        ),
        clues: [],
      }),
    )
    expect(r.rows.map((x) => [x.rank, x.unit.key, x.score])).toEqual([
      [1, 'p', 100],
      [1, 'q', 100],
      [3, 'r', 0],
    ])
  })

  it('gives the same scores for proportional weights', () => {
    const scaled = assessYear(input({ weights: { timeliness: 2, clueClosure: 2, completeness: 1 } }))
    expect(scaled.rows.map((r) => [r.rank, r.unit.key, r.score])).toEqual(
      result.rows.map((r) => [r.rank, r.unit.key, r.score]),
    )
  })

  it('refuses negative or all-zero weights', () => {
    expect(() => assessYear(input({ weights: { timeliness: 0, clueClosure: 0, completeness: 0 } }))).toThrow(
      RangeError,
    )
    expect(() => assessYear(input({ weights: { timeliness: -1, clueClosure: 1, completeness: 1 } }))).toThrow(
      RangeError,
    )
  })

  it('with nothing owed yet (no month due, no clue), no unit has a score or a rank', () => {
    const early = assessYear(input({ asOf: t('2026-01-10T10:00:00'), clues: [] }))
    expect(early.periods).toEqual([])
    expect(early.rows.every((r) => r.score === null && r.rank === null)).toBe(true)
    expect(early.rows[0]?.timeliness.share).toBeNull()
    expect(early.rows[0]?.completeness.share).toBeNull()
  })

  it('a unit with only clues owed is scored on them alone', () => {
    const early = assessYear(
      input({
        asOf: t('2026-01-10T10:00:00'),
        clues: [clue('a', '2026-01-02T10:00:00', '2026-01-05T10:00:00')],
      }),
    )
    expect(early.rows.map((r) => [r.rank, r.unit.key, r.score])).toEqual([
      [1, 'a', 0],
      [null, 'b', null],
      [null, 'c', null],
      [null, 'd', null],
      [null, 'e', null],
    ])
  })
})
