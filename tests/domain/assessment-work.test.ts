// The year's assessment counts tasks (督办) and documents owed (征集) as components with their own
// weights, each over what the unit owed; where a unit owed nothing the weight is shared out.
import { describe, expect, it } from 'vitest'
import { assessYear } from '../../bot/domain/bulletin/assessment.ts'
import type { BulletinUnit, DocumentRow, TaskRow } from '../../bot/domain/bulletin/types.ts'
import { renderAssessment } from '../../bot/services/bulletin-render.ts'
import { count, sub, t } from '../helpers/bulletin-fixtures.ts'

const x = count('甲数')
const unit = (key: string): BulletinUnit => ({ key, name: `单位${key}`, fields: [x], hasLiaison: true })
const A = unit('a')
const B = unit('b')
const C = unit('c')

// As of 22 December: January to November are due (11 months).
const ASOF = t('2026-12-22T10:00:00')
const ms = (s: string) => t(s).getTime()
const task = (unitKey: string, due: string, done: string | null, extra: Partial<TaskRow> = {}): TaskRow => ({
  unitKey,
  assignedAt: ms('2026-06-01T10:00:00'),
  dueAt: ms(due),
  doneAt: done ? ms(done) : null,
  cancelled: false,
  ...extra,
})
const doc = (unitKey: string, name: string, due: string, answered: string | null): DocumentRow => ({
  unitKey,
  name,
  dueAt: ms(due),
  firstAnswerAt: answered ? ms(answered) : null,
})

// Every unit reported every month on time and complete, and had no clue: timeliness 1, completeness 1,
// clue closure not applicable.
const months = Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
const SUBMISSIONS = [A, B, C].flatMap((u) => months.map((p) => sub(u.key, p, { 甲数: 1 })))

const TASKS: TaskRow[] = [
  // A: one on time, one late, one overdue, one pending (not due), one cancelled: 1 of 3 assessed.
  task('a', '2026-06-11T00:00:00', '2026-06-09T10:00:00'),
  task('a', '2026-07-11T00:00:00', '2026-07-15T10:00:00'),
  task('a', '2026-12-11T00:00:00', null),
  task('a', '2026-12-31T00:00:00', null),
  task('a', '2026-08-11T00:00:00', null, { cancelled: true }),
  // B: two on time: 2 of 2. A task assigned last year does not count.
  task('b', '2026-06-11T00:00:00', '2026-06-10T10:00:00'),
  task('b', '2026-09-11T00:00:00', '2026-09-01T10:00:00'),
  task('b', '2026-01-05T00:00:00', null, { assignedAt: ms('2025-12-20T10:00:00') }),
  // C: none.
]

const DOCUMENTS: DocumentRow[] = [
  // 实施方案 due 16 April (end of 15 April), 总结报告 due 1 January 2027 (not yet due).
  doc('a', '实施方案', '2026-04-16T00:00:00', '2026-04-10T10:00:00'), // on time
  doc('a', '总结报告', '2027-01-01T00:00:00', null), // not due, not answered: left out
  doc('b', '实施方案', '2026-04-16T00:00:00', '2026-05-02T10:00:00'), // late: ½
  doc('b', '总结报告', '2027-01-01T00:00:00', '2026-12-20T10:00:00'), // answered early: on time
  doc('c', '实施方案', '2026-04-16T00:00:00', null), // missing: 0
  doc('c', '总结报告', '2027-01-01T00:00:00', null), // not due: left out
]

const WEIGHTS = {
  timeliness: 0.3,
  clueClosure: 0.25,
  completeness: 0.2,
  taskCompletion: 0.15,
  documents: 0.1,
}

describe('assessment: tasks and documents', () => {
  const a = assessYear({
    year: 2026,
    asOf: ASOF,
    units: [A, B, C],
    submissions: SUBMISSIONS,
    clues: [],
    tasks: TASKS,
    documents: DOCUMENTS,
    deadlineDay: 25,
    weights: WEIGHTS,
  })
  const row = (key: string) => a.rows.find((r) => r.unit.key === key)

  it('counts each unit over what it owed, and renormalises where it owed nothing', () => {
    expect(row('a')?.taskCompletion).toEqual({
      share: 1 / 3,
      assigned: 4,
      pending: 1,
      assessed: 3,
      onTime: 1,
      late: 1,
      overdue: 1,
    })
    expect(row('b')?.taskCompletion).toMatchObject({ share: 1, assessed: 2, onTime: 2 })
    expect(row('c')?.taskCompletion).toMatchObject({ share: null, assessed: 0 })
    expect(row('a')?.documents).toEqual({ share: 1, owed: 1, onTime: 1, late: 0, missing: 0 })
    expect(row('b')?.documents).toEqual({ share: 0.75, owed: 2, onTime: 1, late: 1, missing: 0 })
    expect(row('c')?.documents).toEqual({ share: 0, owed: 1, onTime: 0, late: 0, missing: 1 })

    // Clue closure applies to nobody (no clues): its 0.25 is shared out.
    // A: (0.3·1 + 0.2·1 + 0.15·⅓ + 0.1·1) ÷ 0.75 = 0.65 ÷ 0.75 = 86.7
    // B: (0.3 + 0.2 + 0.15·1 + 0.1·0.75) ÷ 0.75 = 0.725 ÷ 0.75 = 96.7
    // C: tasks not applicable too: (0.3 + 0.2 + 0.1·0) ÷ 0.6 = 83.3
    expect(a.rows.map((r) => [r.rank, r.unit.key, r.score])).toEqual([
      [1, 'b', 96.7],
      [2, 'a', 86.7],
      [3, 'c', 83.3],
    ])
  })

  it('prints the components and the rule with their weights under the ranking', () => {
    const text = renderAssessment(a)
    expect(text).toContain('督办33.3%（按期1/3项）材料100%（按时1/迟0/缺0）')
    expect(text).toContain('督办—（无考核督办）材料0%（按时0/迟0/缺1）')
    expect(text).toContain(
      '· 督办按期完成率＝截止前完成的督办任务数÷应考核督办任务数（已完成或已超期的；未到期的、已取消的不计）',
    )
    expect(text).toContain('＋督办按期完成率×15%＋材料报送率×10%')
  })

  it('without weights for them, tasks and documents leave the score as it was', () => {
    const old = assessYear({
      year: 2026,
      asOf: ASOF,
      units: [A, B, C],
      submissions: SUBMISSIONS,
      clues: [],
      tasks: TASKS,
      documents: DOCUMENTS,
      deadlineDay: 25,
      weights: { timeliness: 0.4, clueClosure: 0.3, completeness: 0.3 },
    })
    expect(old.rows.map((r) => r.score)).toEqual([100, 100, 100])
    expect(renderAssessment(old)).not.toContain('督办')
  })
})
