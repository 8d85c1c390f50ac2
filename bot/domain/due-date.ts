// Deadlines as the office writes them: 12月10日前, 2027年1月5日, 2026-12-10. A deadline day is
// inclusive: the task or document is due by that day's end (24:00, Asia/Shanghai).
import { dateLabel } from '../../prompts/dates.ts'
import { fromLocal, toLocal } from './period.ts'

export type DueResult =
  | { ok: true; due: Date; matched: string }
  | { ok: false; reason: 'invalid' | 'past'; matched: string }

const DATE =
  /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:之前|以前|前)?|(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*(?:之前|以前|前))?/

/**
 * The deadline a text names (the last date in it), or undefined when it names none. A date without
 * a year is this year's, or next year's when this year's has passed (in December, 1月5日 is next
 * January's).
 */
export function parseDueDate(text: string, now: Date): DueResult | undefined {
  const all = [...text.matchAll(new RegExp(DATE.source, 'g'))]
  const m = all.at(-1)
  if (!m) return undefined
  const matched = m[0]
  const today = toLocal(now)
  const explicitYear = m[1] ?? m[4]
  const month = Number(m[2] ?? m[5])
  const day = Number(m[3] ?? m[6])
  let year = explicitYear ? Number(explicitYear) : today.year
  if (!validDay(year, month, day)) return { ok: false, reason: 'invalid', matched }
  let due = fromLocal(year, month, day + 1)
  if (!explicitYear && due.getTime() <= now.getTime()) {
    year += 1
    if (!validDay(year, month, day)) return { ok: false, reason: 'invalid', matched }
    due = fromLocal(year, month, day + 1)
  }
  if (due.getTime() <= now.getTime()) return { ok: false, reason: 'past', matched }
  return { ok: true, due, matched }
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** "12月10日（周四）": the last day of a deadline (due is the next day's 00:00). */
export function dueDayLabel(due: Date, now?: Date): string {
  const l = toLocal(new Date(due.getTime() - 1))
  return dateLabel(l, { year: now !== undefined && toLocal(now).year !== l.year, weekday: true })
}
