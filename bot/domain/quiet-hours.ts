// The quiet hours (Asia/Shanghai): nothing that could wait is posted from 22:00 to 08:00 — a
// catch-up after downtime, the welcome-back notice. Pure.
import { fromLocal, toLocal } from './period.ts'

export const QUIET_FROM_HOUR = 22
export const QUIET_TO_HOUR = 8

export const isQuiet = (at: Date) => {
  const h = toLocal(at).hour
  return h >= QUIET_FROM_HOUR || h < QUIET_TO_HOUR
}

/** The end of the quiet hours an instant falls in (08:00), or the instant itself outside them. */
export function wakeOf(at: Date): Date {
  if (!isQuiet(at)) return at
  const l = toLocal(at)
  const morning = fromLocal(l.year, l.month, l.day, QUIET_TO_HOUR)
  return l.hour < QUIET_TO_HOUR ? morning : fromLocal(l.year, l.month, l.day + 1, QUIET_TO_HOUR)
}
