// Helpers shared by the bulletin and the assessment: month windows in CST, the latest revision of each
// unit's report, reading a stored value as a number, and the clue states as of an instant.

import { messages } from '../../../prompts/messages.ts'
import { fromLocal, periodOf, splitPeriod } from '../period.ts'
import { type FirstAndLatest, withRevision } from '../reporting.ts'
import type { BulletinUnit, ClueRow, SubmissionRow, UnitRef } from './types.ts'

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/

/** Splits a 'YYYY-MM' period, refusing anything else. */
export function checkedPeriod(period: string): { year: number; month: number } {
  if (!PERIOD_RE.test(period)) throw new RangeError(messages.word('bad_period', { period }))
  return splitPeriod(period)
}

/** The instants (epoch milliseconds) a span of calendar months covers in CST: [start, end). */
export interface MonthWindow {
  start: number
  end: number
}

/** Months `from`..`to` (inclusive) of the year; one month by default. */
export function monthWindow(year: number, from: number, to = from): MonthWindow {
  return { start: fromLocal(year, from, 1).getTime(), end: fromLocal(year, to + 1, 1).getTime() }
}

export function inWindow(at: number | null, w: MonthWindow): at is number {
  return at !== null && at >= w.start && at < w.end
}

/** Periods January..month of the year. */
export function periodsThrough(year: number, month: number): string[] {
  return Array.from({ length: month }, (_, i) => periodOf(year, i + 1))
}

export function unitRef(unit: Pick<BulletinUnit, 'key' | 'name'>): UnitRef {
  return { key: unit.key, name: unit.name }
}

/** The first revision (what on time / late is judged on) and the latest one (whose values count). */
export type UnitMonth = FirstAndLatest<SubmissionRow>

/** Revisions are indexed by unit and period, ignoring those created after asOf. */
export type SubmissionIndex = Map<string, UnitMonth>

const indexKey = (unitKey: string, period: string) => `${unitKey}\u0000${period}`

export function indexSubmissions(rows: readonly SubmissionRow[], asOf: Date): SubmissionIndex {
  const index: SubmissionIndex = new Map()
  for (const row of rows) {
    if (row.createdAt.getTime() > asOf.getTime()) continue
    const key = indexKey(row.unitKey, row.period)
    index.set(key, withRevision(index.get(key), row))
  }
  return index
}

export function lookup(index: SubmissionIndex, unitKey: string, period: string): UnitMonth | undefined {
  return index.get(indexKey(unitKey, period))
}

/** A stored value as a number: numbers as they are, numeric strings parsed, anything else null. */
export function numericValue(value: number | string | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value)
  return null
}

/** The form's numeric fields (count and money), in form order. */
export function numericFields(unit: Pick<BulletinUnit, 'fields'>): string[] {
  return unit.fields.filter((f) => f.kind !== 'text').map((f) => f.label)
}

/** Rounds away binary noise from sums of decimal amounts (万元 have at most 4 decimals). */
export function tidy(value: number, digits = 6): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/**
 * Whether a clue is closed as of an instant (epoch milliseconds): it is marked closed and its closing
 * time (if known) is not after the instant.
 */
export function closedAsOf(clue: ClueRow, asOf: number): boolean {
  return clue.status === 'closed' && (clue.closedAt === null || clue.closedAt <= asOf)
}

/** Open as of asOf with its due time passed. */
export function overdueAsOf(clue: ClueRow, asOf: number): boolean {
  return !closedAsOf(clue, asOf) && clue.dueAt !== null && clue.dueAt < asOf
}

/** Closed by its due time (a clue with no due time cannot be late). Assumes the clue is closed. */
export function closedWithinDue(clue: ClueRow): boolean {
  return clue.closedAt === null || clue.dueAt === null || clue.closedAt <= clue.dueAt
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const upper = sorted[mid] as number
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2
}
