// Report periods (YYYY-MM), the deadline, and calendar arithmetic in China Standard Time.
// China has no daylight saving time, so Asia/Shanghai is a fixed UTC+8 offset.
import { dateLabel } from '../../prompts/dates.ts'

const CST_OFFSET_MS = 8 * 3600_000

export interface LocalTime {
  year: number
  month: number // 1-12
  day: number
  hour: number
  minute: number
}

/** The wall-clock time in Asia/Shanghai of an instant. */
export function toLocal(at: Date): LocalTime {
  const d = new Date(at.getTime() + CST_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  }
}

/** The instant of a wall-clock time in Asia/Shanghai. */
export function fromLocal(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - CST_OFFSET_MS)
}

export function periodOf(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`
}

/** The period (calendar month) an instant falls in. */
export function currentPeriod(at: Date): string {
  const l = toLocal(at)
  return periodOf(l.year, l.month)
}

export function splitPeriod(period: string): { year: number; month: number } {
  const [y, m] = period.split('-').map(Number)
  return { year: y as number, month: m as number }
}

/** The last instant a report for the period is on time: the deadline day, 24:00 CST. */
export function deadlineOf(period: string, deadlineDay: number): Date {
  const { year, month } = splitPeriod(period)
  return fromLocal(year, month, deadlineDay + 1)
}

export function isLate(period: string, at: Date, deadlineDay: number): boolean {
  return at.getTime() >= deadlineOf(period, deadlineDay).getTime()
}

/** "2026-11" → "2026年11月". */
export function periodLabel(period: string): string {
  const { year, month } = splitPeriod(period)
  return dateLabel({ year, month })
}

export type PeriodResult = { ok: true; period: string } | { ok: false; reason: 'future' | 'invalid' }

/**
 * Reads a period as people write it: 2026年11月, 2026-11, 2026/11, 2026.11, 11月, 十一月.
 * A bare month means the nearest such month: last year's when that is nearer (in January, "12月" is
 * last December), this year's otherwise (in November, "12月" is next month, refused as future).
 * Returns undefined when the text holds no period at all.
 */
export function parsePeriod(text: string, now: Date): PeriodResult | undefined {
  const local = toLocal(now)
  let year: number | undefined
  let month: number | undefined
  const full = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*月?/.exec(text)
  const bare = /(?:^|[^\d])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?/.exec(text)
  if (full) {
    year = Number(full[1])
    month = Number(full[2])
  } else if (bare) {
    const m = bare[1] as string
    month = /^\d+$/.test(m) ? Number(m) : chineseMonth(m)
    // A month ahead of now is last year's when that is at least as near (12 - ahead months back).
    const ahead = month === undefined ? 0 : month - local.month
    if (month !== undefined) year = ahead > 0 && 12 - ahead <= ahead ? local.year - 1 : local.year
  } else {
    return undefined
  }
  if (year === undefined || month === undefined || month < 1 || month > 12 || year < 2000) {
    return { ok: false, reason: 'invalid' }
  }
  if (year * 12 + month > local.year * 12 + local.month) return { ok: false, reason: 'future' }
  return { ok: true, period: periodOf(year, month) }
}

function chineseMonth(text: string): number | undefined {
  const names = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二']
  const i = names.indexOf(text)
  return i >= 0 ? i + 1 : undefined
}
