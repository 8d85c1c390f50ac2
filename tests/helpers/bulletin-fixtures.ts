// Building blocks of the hand-computed bulletin and assessment fixtures. Times are written in
// Beijing time (+08:00).

import type { BulletinInput, ClueRow, SubmissionRow } from '../../bot/domain/bulletin/types.ts'
import type { FieldDef } from '../../bot/domain/roster.ts'
import type { Roster } from '../../bot/domain/roster-types.ts'

export const t = (local: string) => new Date(`${local}+08:00`)

export const count = (label: string, required = true): FieldDef => ({
  label,
  kind: 'count',
  required,
  synonyms: [],
})
export const money = (label: string): FieldDef => ({ label, kind: 'money', required: true, synonyms: [] })
export const text = (label: string): FieldDef => ({ label, kind: 'text', required: false, synonyms: [] })

// The roster's targets and phases (prisma/roster.yaml), written out so the fixtures stay hand-computed.
export const TARGETS: Roster['targets'] = {
  max: { 立案数: 36, 群众损失金额: 129 },
  min: { 破案数: 33, 抓获犯罪嫌疑人数: 18 },
  ratios: [
    { name: '每百起立案抓获人数', numerator: '抓获犯罪嫌疑人数', denominator: '立案数', per: 100, min: 20 },
    {
      name: '每百条部推线索抓获人数',
      numerator: '部推线索抓获人数',
      denominator: '部推线索数',
      per: 100,
      min: 35,
    },
  ],
  trend: { down: ['立案数', '群众损失金额'], up: ['破案数', '抓获犯罪嫌疑人数', '起诉人数'] },
}
export const PHASES: BulletinInput['phases'] = [
  { name: '组织发动', from: '01-01', to: '04-15' },
  { name: '集中攻坚', from: '04-15', to: '12-20' },
  { name: '考核总结', from: '12-21', to: '12-31' },
]

/** A report revision, by default the first, on time, on the 20th at 10:00. */
export function sub(
  unitKey: string,
  period: string,
  values: Record<string, number | string>,
  opts: { revision?: number; status?: 'on_time' | 'late'; at?: Date } = {},
): SubmissionRow {
  return {
    unitKey,
    period,
    values,
    revision: opts.revision ?? 1,
    status: opts.status ?? 'on_time',
    createdAt: opts.at ?? t(`${period}-20T10:00:00`),
  }
}

/** A clue routed and due at the given times, closed at `closed` (open without it). */
export function clue(
  unitKey: string | null,
  routed: string | null,
  due: string | null,
  closed: string | null = null,
): ClueRow {
  return {
    unitKey,
    routedAt: routed ? t(routed).getTime() : null,
    dueAt: due ? t(due).getTime() : null,
    closedAt: closed ? t(closed).getTime() : null,
    status: closed ? 'closed' : 'open',
  }
}
