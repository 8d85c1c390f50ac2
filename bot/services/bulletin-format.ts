// How the bulletin's figures read: numbers without binary noise, amounts in 万元, shares as percentages,
// dates in Beijing time. Shared by the text, the workbook and the chart.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { type CommendRule, commendedUnits } from '../domain/bulletin/commend.ts'
import type { Assessment, BulletinUnit } from '../domain/bulletin/types.ts'
import { toLocal } from '../domain/period.ts'

/** Without the roster's field kinds, a label that reads like an amount is taken as money (万元). */
const MONEY_LABEL = /金额|资金|经费|损失/

/** The money fields of the units' forms, to pass as `moneyLabels`. */
export function moneyLabelsOf(units: readonly Pick<BulletinUnit, 'fields'>[]): string[] {
  return [...new Set(units.flatMap((u) => u.fields.filter((f) => f.kind === 'money').map((f) => f.label)))]
}

export function moneyLabelSet(labels: readonly string[] | undefined): (label: string) => boolean {
  if (labels === undefined) return (label) => MONEY_LABEL.test(label)
  const set = new Set(labels)
  return (label) => set.has(label)
}

/** 12 → "12", 1.50000001 → "1.5"; up to four decimals (one yuan in 万元). */
export function num(value: number): string {
  return String(Number(value.toFixed(4)))
}

/** A figure for reading: "—" when there is none, "x万元" for money. */
export function figure(value: number | null, money: boolean): string {
  if (value === null) return '—'
  return money ? messages.word('money', { n: num(value) }) : num(value)
}

/** A fraction 0..1 as "83.3%"; "—" when there is none. */
export function percent(fraction: number | null): string {
  if (fraction === null) return '—'
  return `${Number((fraction * 100).toFixed(1))}%`
}

/** Hours as "5.5小时", "不足1小时" below one; "—" when there are none. */
export function hours(value: number | null): string {
  if (value === null) return '—'
  if (value < 1) return messages.bulletinLine('hours-under-one')
  return messages.bulletinLine('hours', { hours: Number(value.toFixed(1)) })
}

/** "11月26日 09:00" in Beijing time. */
export function localDateTime(at: Date): string {
  const l = toLocal(at)
  return dateLabel(l, { time: ' ' })
}

/** The last day a report is on time, as "11月25日" (the deadline is the instant after that day). */
export function deadlineDay(deadline: Date): string {
  const l = toLocal(new Date(deadline.getTime() - 1))
  return dateLabel(l)
}

/**
 * The instant as a Date whose UTC fields are the Beijing wall-clock time: Excel has no time zones and
 * shows a date cell's UTC fields, so this makes the workbook show Beijing time.
 */
export function excelLocal(at: Date): Date {
  return new Date(at.getTime() + 8 * 3600_000)
}

/** Each assessment weight as its share of the total, e.g. "40%". */
export function weightShares(a: Pick<Assessment, 'weights'>): {
  timeliness: string
  clue: string
  completeness: string
  tasks: string
  documents: string
} {
  const w = a.weights
  const sum = w.timeliness + w.clueClosure + w.completeness + (w.taskCompletion ?? 0) + (w.documents ?? 0)
  const share = (x: number) => percent(sum > 0 ? x / sum : null)
  return {
    timeliness: share(w.timeliness),
    clue: share(w.clueClosure),
    completeness: share(w.completeness),
    tasks: share(w.taskCompletion ?? 0),
    documents: share(w.documents ?? 0),
  }
}

/** The rule the assessment was scored by, printed under the ranking and in the workbook. */
export function assessmentRule(a: Pick<Assessment, 'weights'>): string[] {
  const line = messages.bulletinLine
  const shares = weightShares(a)
  const tasks = (a.weights.taskCompletion ?? 0) > 0
  const documents = (a.weights.documents ?? 0) > 0
  return [
    line('assessment-rule-title'),
    line('assessment-rule-timeliness'),
    line('assessment-rule-clue'),
    line('assessment-rule-completeness'),
    ...(tasks ? [line('assessment-rule-tasks')] : []),
    ...(documents ? [line('assessment-rule-documents')] : []),
    line('assessment-rule-score', {
      weights:
        line('assessment-weights', shares) +
        (tasks ? line('assessment-weights-tasks', { share: shares.tasks }) : '') +
        (documents ? line('assessment-weights-documents', { share: shares.documents }) : ''),
    }),
  ]
}

/** The units proposed for 表彰 and by which rule, for the assessment document and workbook. */
export function commendText(a: Assessment, rule: CommendRule): string[] {
  const doc = messages.documentLine
  const units = commendedUnits(a, rule).map((r) => r.unit.name)
  const head =
    'top' in rule
      ? doc('commend-top', { top: rule.top })
      : doc('commend-threshold', { score: rule.min_score })
  return units.length ? [head, doc('commend-units', { units: units.join('、') })] : [doc('commend-none')]
}
