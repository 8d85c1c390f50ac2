// The schedule table (from roster.yaml `schedule`) and the one pure function both the live process
// and the simulator use: which triggers fall due between two instants.
import type { Schedule } from '../bot/config.ts'
import { type CronSpec, cronSlots, parseCron } from '../bot/domain/cron.ts'
import { toLocal } from '../bot/domain/period.ts'

export type ScheduleName = 'reminder' | 'bulletin' | 'clue-overdue'

export interface ScheduleEntry {
  name: ScheduleName
  cron: string
  spec: CronSpec
}

export interface Trigger {
  name: ScheduleName
  slot: Date
  /** Unique per (schedule, slot): the SQLite key and the BullMQ job id, e.g. reminder-2026-11-20T09. */
  key: string
}

export function scheduleTable(schedule: Schedule): ScheduleEntry[] {
  const entries: { name: ScheduleName; cron: string }[] = [
    ...schedule.reminders.map((cron) => ({ name: 'reminder' as const, cron })),
    ...(schedule.bulletin ? [{ name: 'bulletin' as const, cron: schedule.bulletin }] : []),
    ...(schedule.clue_overdue_check
      ? [{ name: 'clue-overdue' as const, cron: schedule.clue_overdue_check }]
      : []),
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

/** Every trigger with a slot in (from, to], in time order (ties in table order), one per key. */
export function triggersDue(table: readonly ScheduleEntry[], from: Date, to: Date): Trigger[] {
  const seen = new Set<string>()
  const triggers: Trigger[] = []
  table.forEach((entry) => {
    for (const slot of cronSlots(entry.spec, from, to)) {
      const key = triggerKey(entry.name, slot)
      if (seen.has(key)) continue
      seen.add(key)
      triggers.push({ name: entry.name, slot, key })
    }
  })
  return triggers.sort((a, b) => a.slot.getTime() - b.slot.getTime())
}

/** Whether a reminder slot is the last reminder of a deadline day (the office then gets the list). */
export function isLastReminderOfDeadlineDay(
  table: readonly ScheduleEntry[],
  slot: Date,
  deadlineDay: number,
): boolean {
  const l = toLocal(slot)
  if (l.day !== deadlineDay) return false
  const endOfDay = new Date(slot.getTime() + (24 * 60 - (l.hour * 60 + l.minute)) * 60_000 - 1)
  const reminders = table.filter((e) => e.name === 'reminder')
  return triggersDue(reminders, slot, endOfDay).length === 0
}
