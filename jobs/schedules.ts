// The schedule table (from roster.yaml `schedule` and `phases`) and the one pure function both the
// live process and the simulator use: which triggers fall due between two instants. Reminders on a
// non-working day move to the previous working day; a phase notice on one moves to the next.

import { dayOf, moveToWorkingDay, type WorkCalendar, workCalendar } from '../bot/domain/calendar.ts'
import { type CronSpec, cronSlots, parseCron } from '../bot/domain/cron.ts'
import { fromLocal, toLocal } from '../bot/domain/period.ts'
import type { Roster } from '../bot/domain/roster-types.ts'

export type ScheduleName = 'reminder' | 'bulletin' | 'clue-overdue' | 'phase'

/** A phase's notice goes out on its first (working) day at this hour. */
export const PHASE_NOTICE_HOUR = 9

export interface ScheduleEntry {
  name: ScheduleName
  cron: string
  spec: CronSpec
  /** Where a slot on a non-working day goes (none: it stays). */
  move?: { to: 'previous' | 'next'; calendar: WorkCalendar }
}

export interface Trigger {
  name: ScheduleName
  /** When it fires (a moved slot: on the working day it moved to). */
  slot: Date
  /** Unique per (schedule, slot): the SQLite key and the BullMQ job id, e.g. reminder-2026-11-20T09. */
  key: string
  /** The roster's slots this trigger stands for, in order: [slot] unless slots moved onto it. */
  covers: Date[]
}

/** The longest run of non-working days a moved slot may cross (the Spring Festival is ~9). */
const MOVE_REACH_MS = 32 * 86_400_000

export function scheduleTable(
  roster: Pick<Roster, 'schedule' | 'phases' | 'calendar'>,
  calendar: WorkCalendar = workCalendar(roster.calendar),
): ScheduleEntry[] {
  const { schedule } = roster
  const previous = { to: 'previous' as const, calendar }
  const entries: Omit<ScheduleEntry, 'spec'>[] = [
    ...schedule.reminders.map((cron) => ({ name: 'reminder' as const, cron, move: previous })),
    ...(schedule.bulletin ? [{ name: 'bulletin' as const, cron: schedule.bulletin }] : []),
    ...(schedule.clue_overdue_check
      ? [{ name: 'clue-overdue' as const, cron: schedule.clue_overdue_check }]
      : []),
    ...roster.phases.map((p) => {
      const [month, day] = p.from.split('-').map(Number)
      return {
        name: 'phase' as const,
        cron: `0 ${PHASE_NOTICE_HOUR} ${day} ${month} *`,
        move: { to: 'next' as const, calendar },
      }
    }),
  ]
  return entries.map((e) => ({ ...e, spec: parseCron(e.cron) }))
}

/** "reminder-2026-11-20T09" (minutes added when not on the hour: "…T0930"). Never contains ':'. */
export function triggerKey(name: ScheduleName, slot: Date): string {
  const l = toLocal(slot)
  const pad = (n: number) => String(n).padStart(2, '0')
  const minute = l.minute === 0 ? '' : pad(l.minute)
  return `${name}-${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}${minute}`
}

/** Where a roster slot fires: the same time on the working day it moves to. */
function firing(entry: ScheduleEntry, slot: Date): Date {
  if (!entry.move) return slot
  const day = dayOf(slot)
  const moved = moveToWorkingDay(entry.move.calendar, day, entry.move.to)
  if (moved === day) return slot
  const [y, m, d] = moved.split('-').map(Number) as [number, number, number]
  const l = toLocal(slot)
  return fromLocal(y, m, d, l.hour, l.minute)
}

/**
 * Every trigger firing in (from, to], in time order (ties in table order), one per key: roster
 * slots that move onto the same day and time are one trigger covering them all.
 */
export function triggersDue(table: readonly ScheduleEntry[], from: Date, to: Date): Trigger[] {
  const byKey = new Map<string, Trigger>()
  for (const entry of table) {
    const reach = entry.move?.to === 'previous' ? MOVE_REACH_MS : 0
    const back = entry.move?.to === 'next' ? MOVE_REACH_MS : 0
    const nominal = cronSlots(entry.spec, new Date(from.getTime() - back), new Date(to.getTime() + reach))
    for (const slot of nominal) {
      const at = firing(entry, slot)
      if (at.getTime() <= from.getTime() || at.getTime() > to.getTime()) continue
      const key = triggerKey(entry.name, at)
      const seen = byKey.get(key)
      if (seen) seen.covers.push(slot)
      else byKey.set(key, { name: entry.name, slot: at, key, covers: [slot] })
    }
  }
  for (const t of byKey.values()) t.covers.sort((a, b) => a.getTime() - b.getTime())
  // Map order is table order; a stable sort keeps it for ties.
  return [...byKey.values()].sort((a, b) => a.slot.getTime() - b.slot.getTime())
}

/** The trigger of a claimed run, with the roster slots it covers. */
export function triggerAt(table: readonly ScheduleEntry[], name: ScheduleName, slot: Date): Trigger {
  const entries = table.filter((e) => e.name === name)
  const found = triggersDue(entries, new Date(slot.getTime() - 1), slot).find((t) => t.name === name)
  return found ?? { name, slot, key: triggerKey(name, slot), covers: [slot] }
}

/** Whether a roster reminder slot is the last reminder of a deadline day (the office then gets the list). */
export function isLastReminderOfDeadlineDay(
  table: readonly ScheduleEntry[],
  slot: Date,
  deadlineDay: number,
): boolean {
  const l = toLocal(slot)
  if (l.day !== deadlineDay) return false
  const endOfDay = fromLocal(l.year, l.month, l.day + 1)
  const reminders = table.filter((e) => e.name === 'reminder')
  return reminders.every((e) => cronSlots(e.spec, slot, new Date(endOfDay.getTime() - 1)).length === 0)
}

// --- catch-up and quiet hours ------------------------------------------------------------------

/** Catch-up never posts from 22:00 to 08:00 (Asia/Shanghai): it waits for 08:00. */
export const QUIET_FROM_HOUR = 22
export const QUIET_TO_HOUR = 8
/** A run this soon after its slot is on time, not a catch-up (the live tick runs every minute). */
const ON_TIME_MS = 2 * 60_000

const isQuiet = (at: Date) => {
  const h = toLocal(at).hour
  return h >= QUIET_FROM_HOUR || h < QUIET_TO_HOUR
}

/** The end of the quiet hours an instant falls in (08:00), or the instant itself outside them. */
function wakeOf(at: Date): Date {
  if (!isQuiet(at)) return at
  const l = toLocal(at)
  const morning = fromLocal(l.year, l.month, l.day, QUIET_TO_HOUR)
  return l.hour < QUIET_TO_HOUR ? morning : fromLocal(l.year, l.month, l.day + 1, QUIET_TO_HOUR)
}

/**
 * What a run of `slot`, first found due at `foundAt`, does at `now`: go out ('send'), wait for the
 * quiet hours to end ('wait'), or be recorded as missed ('skip'). A slot found more than the window
 * late is missed; one found in the quiet hours waits for 08:00 and has the window from then on.
 */
export function catchUp(
  slot: Date,
  now: Date,
  windowMs: number,
  foundAt: Date = now,
): 'send' | 'wait' | 'skip' {
  if (now.getTime() - slot.getTime() <= ON_TIME_MS) return 'send'
  if (foundAt.getTime() - slot.getTime() > windowMs) return 'skip'
  const from = isQuiet(foundAt) ? wakeOf(foundAt) : slot
  if (now.getTime() - from.getTime() > windowMs) return 'skip'
  return isQuiet(now) ? 'wait' : 'send'
}
