import { describe, expect, it } from 'vitest'
import { parseCron } from '../../bot/domain/cron.ts'
import { isLastReminderOfDeadlineDay, scheduleTable, triggersDue } from '../../jobs/schedules.ts'

const schedule = {
  timezone: 'Asia/Shanghai' as const,
  deadline_day: 25,
  reminders: ['0 9 20 * *', '0 9 23 * *', '0 9 24 * *', '0 9 25 * *', '0 16 25 * *'],
  bulletin: '0 9 26 * *',
  clue_due_hours: 72,
  clue_overdue_check: '0 9 * * *',
  catch_up_hours: 6,
}
const table = scheduleTable(schedule)
const at = (s: string) => new Date(s)

describe('which triggers fall due', () => {
  it('between the 19th and the 21st: the 20th reminder and two daily clue checks, in order', () => {
    const due = triggersDue(table, at('2026-11-19T12:00:00+08:00'), at('2026-11-21T12:00:00+08:00'))
    expect(due.map((t) => t.key)).toEqual([
      'reminder-2026-11-20T09',
      'clue-overdue-2026-11-20T09',
      'clue-overdue-2026-11-21T09',
    ])
    expect(due[0]?.slot.toISOString()).toBe('2026-11-20T01:00:00.000Z')
  })

  it('the slot itself is included at its end, excluded at its start', () => {
    expect(triggersDue(table, at('2026-11-20T08:59:00+08:00'), at('2026-11-20T09:00:00+08:00'))).toHaveLength(
      2,
    )
    expect(triggersDue(table, at('2026-11-20T09:00:00+08:00'), at('2026-11-20T10:00:00+08:00'))).toHaveLength(
      0,
    )
  })

  it('a whole month holds five reminders, one bulletin and a daily check', () => {
    const due = triggersDue(table, at('2026-11-01T00:00:00+08:00'), at('2026-12-01T00:00:00+08:00'))
    expect(due.filter((t) => t.name === 'reminder')).toHaveLength(5)
    expect(due.filter((t) => t.name === 'bulletin').map((t) => t.key)).toEqual(['bulletin-2026-11-26T09'])
    expect(due.filter((t) => t.name === 'clue-overdue')).toHaveLength(30)
  })

  it('keys carry minutes when the slot is not on the hour', () => {
    const t = scheduleTable({ ...schedule, reminders: ['30 8 20 * *'] })
    const due = triggersDue(t, at('2026-11-19T00:00:00+08:00'), at('2026-11-21T00:00:00+08:00'))
    expect(due.filter((d) => d.name === 'reminder').map((d) => d.key)).toEqual(['reminder-2026-11-20T0830'])
  })

  it('the 16:00 reminder on the 25th is the deadline day’s last; 09:00 is not', () => {
    expect(isLastReminderOfDeadlineDay(table, at('2026-11-25T16:00:00+08:00'), 25)).toBe(true)
    expect(isLastReminderOfDeadlineDay(table, at('2026-11-25T09:00:00+08:00'), 25)).toBe(false)
    expect(isLastReminderOfDeadlineDay(table, at('2026-11-24T09:00:00+08:00'), 25)).toBe(false)
  })

  it('cron lists, ranges, steps and weekdays', () => {
    const weekdays = parseCron('0 9 * * 1-5')
    const t = [{ name: 'reminder' as const, cron: '0 9 * * 1-5', spec: weekdays }]
    // 2026-11-23 is a Monday; the 28th and 29th a weekend
    expect(triggersDue(t, at('2026-11-23T00:00:00+08:00'), at('2026-11-30T00:00:00+08:00'))).toHaveLength(5)
    expect([...parseCron('*/15 8-9 1,15 * *').minutes]).toEqual([0, 15, 30, 45])
    expect(() => parseCron('61 9 * * *')).toThrow()
    expect(() => parseCron('0 9 * *')).toThrow()
  })
})
