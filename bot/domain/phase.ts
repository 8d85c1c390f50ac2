// The campaign phases of the roster (MM-DD ranges that repeat every year). Pure.
import { dateLabel } from '../../prompts/dates.ts'
import type { Phase } from './roster-types.ts'

/** "04-15" → "4月15日". */
export function monthDayLabel(monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number)
  return dateLabel({ month: month as number, day })
}

/**
 * The phase a day ('MM-DD') is in: of the phases holding it, the one that started last (on
 * 04-15 a phase ending that day and one starting it both hold; the new one has begun).
 */
export function phaseOn(phases: readonly Phase[], monthDay: string): Phase | undefined {
  return phases
    .filter((p) => p.from <= monthDay && monthDay <= p.to)
    .sort((a, b) => (a.from < b.from ? 1 : -1))[0]
}

/** The phase starting on a day ('MM-DD'), if any. */
export const phaseStarting = (phases: readonly Phase[], monthDay: string) =>
  phases.find((p) => p.from === monthDay)
