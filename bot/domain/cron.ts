// Five-field cron expressions (minute hour day-of-month month day-of-week) evaluated on
// Asia/Shanghai wall-clock time. Pure: used to list the slots that fall due between two instants.
import { fromLocal, toLocal } from './period.ts'

export interface CronSpec {
  minutes: Set<number>
  hours: Set<number>
  days: Set<number>
  months: Set<number>
  weekdays: Set<number>
  /** Standard cron: when both day fields are restricted, either may match. */
  dayOr: boolean
}

function field(text: string, min: number, max: number): Set<number> {
  const values = new Set<number>()
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    let lo: number
    let hi: number
    if (range === '*') [lo, hi] = [min, max]
    else if (range.includes('-')) [lo, hi] = range.split('-').map(Number) as [number, number]
    else [lo, hi] = [Number(range), stepText === undefined ? Number(range) : max]
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || lo > hi || step < 1) {
      throw new Error(`invalid cron field "${text}"`)
    }
    for (let v = lo; v <= hi; v += step) values.add(v)
  }
  return values
}

export function parseCron(expression: string): CronSpec {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 5) throw new Error(`cron needs 5 fields: "${expression}"`)
  const [mi, h, dom, mon, dow] = parts as [string, string, string, string, string]
  const weekdays = field(dow, 0, 7)
  if (weekdays.has(7)) weekdays.add(0)
  return {
    minutes: field(mi, 0, 59),
    hours: field(h, 0, 23),
    days: field(dom, 1, 31),
    months: field(mon, 1, 12),
    weekdays,
    dayOr: dom !== '*' && dow !== '*',
  }
}

function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  if (!spec.months.has(month)) return false
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  const d = spec.days.has(day)
  const w = spec.weekdays.has(weekday)
  return spec.dayOr ? d || w : d && w
}

/** Every instant in (from, to] at which the cron fires, in order. */
export function cronSlots(spec: CronSpec, from: Date, to: Date): Date[] {
  const slots: Date[] = []
  if (to.getTime() <= from.getTime()) return slots
  const start = toLocal(from)
  // Walk day by day in local time, then over the (few) matching hours and minutes of each day.
  let day = fromLocal(start.year, start.month, start.day)
  const hours = [...spec.hours].sort((a, b) => a - b)
  const minutes = [...spec.minutes].sort((a, b) => a - b)
  while (day.getTime() <= to.getTime()) {
    const l = toLocal(day)
    if (dayMatches(spec, l.year, l.month, l.day)) {
      for (const h of hours) {
        for (const m of minutes) {
          const at = fromLocal(l.year, l.month, l.day, h, m)
          if (at.getTime() > from.getTime() && at.getTime() <= to.getTime()) slots.push(at)
        }
      }
    }
    day = fromLocal(l.year, l.month, l.day + 1)
  }
  return slots
}
