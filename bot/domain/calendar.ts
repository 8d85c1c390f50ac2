// China's working-day calendar: statutory holidays and make-up working days (调休) from the data
// chinese-days bundles (no fetch at run time), plus days the roster lists for a year the library
// does not know yet. Days are 'YYYY-MM-DD' in Asia/Shanghai. Pure.
import chineseDays from 'chinese-days'
import { fromLocal, toLocal } from './period.ts'

export interface CalendarDays {
  holidays: readonly string[]
  workdays: readonly string[]
}

export interface WorkCalendar {
  isWorkingDay(day: string): boolean
  /** Whether the library or the roster holds the year's holidays (else weekends are all it knows). */
  knowsYear(year: number): boolean
}

/** The Asia/Shanghai day of an instant, 'YYYY-MM-DD'. */
export function dayOf(at: Date): string {
  const l = toLocal(at)
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`
}

/** The day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return dayOf(fromLocal(y, m, d + n))
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

/** Whether the library's data names any statutory holiday in the year (unknown years read as plain weeks). */
const libraryKnows = (year: number): boolean =>
  chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0

export function workCalendar(extra: CalendarDays = { holidays: [], workdays: [] }): WorkCalendar {
  const holidays = new Set(extra.holidays)
  const workdays = new Set(extra.workdays)
  const rosterYears = new Set([...holidays, ...workdays].map((d) => Number(d.slice(0, 4))))
  const known = new Map<number, boolean>()
  return {
    isWorkingDay(day) {
      if (workdays.has(day)) return true
      if (holidays.has(day)) return false
      return chineseDays.isWorkday(day)
    },
    knowsYear(year) {
      if (rosterYears.has(year)) return true
      const k = known.get(year) ?? libraryKnows(year)
      known.set(year, k)
      return k
    },
  }
}

/**
 * The working day a slot on `day` moves to: the day itself when it is a working day, else the
 * nearest working day before ('previous') or after ('next'); unchanged if none within a month.
 */
export function moveToWorkingDay(
  calendar: WorkCalendar,
  day: string,
  direction: 'previous' | 'next',
): string {
  const step = direction === 'previous' ? -1 : 1
  for (let i = 0; i <= 31; i++) {
    const d = addDays(day, i * step)
    if (calendar.isWorkingDay(d)) return d
  }
  return day
}

/** From December 1 on: next year, when neither the library nor the roster holds its calendar. */
export function missingCalendarYear(calendar: WorkCalendar, now: Date): number | undefined {
  const { year, month } = toLocal(now)
  return month === 12 && !calendar.knowsYear(year + 1) ? year + 1 : undefined
}
