// The one way dates and periods are written: 2026年11月, 11月25日, 11月26日 09:00, 12月10日（周四）.
// It takes wall-clock parts (toLocal's LocalTime fits), so any layer may use it without a cycle.
import { phrase } from './render.ts'

export interface DateParts {
  /** Needed for a period, a weekday or `year: true`. */
  year?: number
  month: number
  day?: number
  hour?: number
  minute?: number
}

export interface DateShape {
  /** Write the year before the day (2027年1月5日). A period always has its year. */
  year?: boolean
  /** Add the time, after this separator: ' ' → "11月26日 09:00", '' → "11月26日09:00". */
  time?: ' ' | ''
  /** Add the weekday: "10月25日（周日）". */
  weekday?: boolean
}

const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0')

/** Without a day, the period ("2026年11月"); with one, the day in the shape asked. */
export function dateLabel(p: DateParts, shape: DateShape = {}): string {
  const { month, day } = p
  const year = p.year ?? Number.NaN
  if (day === undefined) return phrase('dates', 'period', { year, month })
  let text = phrase('dates', shape.year ? 'year_day' : 'day', { year, month, day })
  if (shape.weekday) text += phrase('dates', 'weekday', { weekday: weekdayName(year, month, day) })
  if (shape.time !== undefined)
    text += shape.time + phrase('dates', 'time', { hour: pad(p.hour), minute: pad(p.minute) })
  return text
}

/** 0 = Sunday → 周日. */
export function weekdayName(year: number, month: number, day: number): string {
  return phrase('weekdays', String(new Date(Date.UTC(year, month - 1, day)).getUTCDay()), {})
}
