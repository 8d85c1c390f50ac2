import { describe, expect, it } from 'vitest'
import { workCalendar } from '../../bot/domain/calendar.ts'
import { parseCron } from '../../bot/domain/cron.ts'
import { catchUp, isLastReminderOfDeadlineDay, scheduleTable, triggersDue } from '../../jobs/schedules.ts'

const schedule = {
  timezone: 'Asia/Shanghai' as const,
  deadline_day: 25,
  reminders: ['0 9 20 * *', '0 9 23 * *', '0 9 24 * *', '0 9 25 * *', '0 16 25 * *'],
  bulletin: '0 9 26 * *',
  clue_due_hours: 72,
  clue_overdue_check: '0 9 * * *',
  catch_up_hours: 6,
}
const noCalendar = { holidays: [], workdays: [] }
const table = scheduleTable({ schedule, phases: [], calendar: noCalendar })
const at = (s: string) => new Date(s)

describe('which triggers fall due', () => {
  it('between Wednesday the 18th and Friday the 20th: in time order, ties in table order', () => {
    const due = triggersDue(table, at('2026-11-18T12:00:00+08:00'), at('2026-11-20T12:00:00+08:00'))
    expect(due.map((t) => t.key)).toEqual([
      'collection-reminder-2026-11-18T16',
      'clue-overdue-2026-11-19T09',
      'collection-reminder-2026-11-19T09',
      'collection-reminder-2026-11-19T16',
      'reminder-2026-11-20T09',
      'clue-overdue-2026-11-20T09',
      'collection-reminder-2026-11-20T09',
    ])
    expect(due[4]?.slot.toISOString()).toBe('2026-11-20T01:00:00.000Z')
  })

  it('the slot itself is included at its end, excluded at its start', () => {
    expect(triggersDue(table, at('2026-11-20T08:59:00+08:00'), at('2026-11-20T09:00:00+08:00'))).toHaveLength(
      3,
    )
    expect(triggersDue(table, at('2026-11-20T09:00:00+08:00'), at('2026-11-20T10:00:00+08:00'))).toHaveLength(
      0,
    )
  })

  it('a whole month holds five reminders, one bulletin and a check on each working day', () => {
    const due = triggersDue(table, at('2026-11-01T00:00:00+08:00'), at('2026-12-01T00:00:00+08:00'))
    expect(due.filter((t) => t.name === 'reminder')).toHaveLength(5)
    expect(due.filter((t) => t.name === 'bulletin').map((t) => t.key)).toEqual(['bulletin-2026-11-26T09'])
    // November 2026 has 21 working days; the chase and the collection slots run on them only.
    expect(due.filter((t) => t.name === 'clue-overdue')).toHaveLength(21)
    expect(due.filter((t) => t.name === 'collection-reminder')).toHaveLength(42)
  })

  it('the clue chase of a weekend goes out on Monday, one run covering the three days', () => {
    const due = triggersDue(table, at('2026-11-20T12:00:00+08:00'), at('2026-11-23T12:00:00+08:00'))
    const chase = due.filter((t) => t.name === 'clue-overdue')
    expect(chase.map((t) => [t.key, t.covers.length])).toEqual([['clue-overdue-2026-11-23T09', 3]])
  })

  it('the bulletin of a non-working 26th goes out on the next working day', () => {
    const keys = (from: string, to: string) =>
      triggersDue(table, at(from), at(to))
        .filter((t) => t.name === 'bulletin')
        .map((t) => [t.key, t.covers[0]?.toISOString()])
    // Sunday 2026-04-26 → Monday the 27th; Saturday 09-26 (中秋) → Monday the 28th; Saturday 12-26 → the 28th.
    expect(keys('2026-04-01T00:00:00+08:00', '2026-05-01T00:00:00+08:00')).toEqual([
      ['bulletin-2026-04-27T09', '2026-04-26T01:00:00.000Z'],
    ])
    expect(keys('2026-09-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00')).toEqual([
      ['bulletin-2026-09-28T09', '2026-09-26T01:00:00.000Z'],
    ])
    expect(keys('2026-12-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00').map((k) => k[0])).toEqual([
      'bulletin-2026-12-28T09',
    ])
  })

  it('keys carry minutes when the slot is not on the hour', () => {
    const t = scheduleTable({
      schedule: { ...schedule, reminders: ['30 8 20 * *'] },
      phases: [],
      calendar: noCalendar,
    })
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

describe('working days', () => {
  const keys = (from: string, to: string, t = table) =>
    triggersDue(t, at(from), at(to))
      .filter((d) => d.name === 'reminder')
      .map((d) => d.key)

  it('October 2026: the weekend’s slots move to Friday the 23rd, one trigger per time covering them', () => {
    expect(keys('2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00')).toEqual([
      'reminder-2026-10-20T09',
      'reminder-2026-10-23T09',
      'reminder-2026-10-23T16',
    ])
    const [, nine] = triggersDue(
      table,
      at('2026-10-01T00:00:00+08:00'),
      at('2026-11-01T00:00:00+08:00'),
    ).filter((d) => d.name === 'reminder')
    expect(nine?.covers.map((c) => c.toISOString())).toEqual([
      at('2026-10-23T09:00:00+08:00').toISOString(),
      at('2026-10-24T09:00:00+08:00').toISOString(),
      at('2026-10-25T09:00:00+08:00').toISOString(),
    ])
  })

  it('a moved slot is found by a window that ends before the roster’s slot (the live minute)', () => {
    expect(keys('2026-10-23T08:59:00+08:00', '2026-10-23T09:00:00+08:00')).toEqual(['reminder-2026-10-23T09'])
    expect(keys('2026-10-24T00:00:00+08:00', '2026-10-26T00:00:00+08:00')).toEqual([])
  })

  it('Sunday 2026-09-20 is a make-up working day; 中秋 moves the 25th to the 24th', () => {
    expect(keys('2026-09-01T00:00:00+08:00', '2026-10-01T00:00:00+08:00')).toEqual([
      'reminder-2026-09-20T09',
      'reminder-2026-09-23T09',
      'reminder-2026-09-24T09',
      'reminder-2026-09-24T16',
    ])
  })

  it('the library does not know 2027; the roster’s days do', () => {
    expect(workCalendar().knowsYear(2026)).toBe(true)
    expect(workCalendar().knowsYear(2027)).toBe(false)
    expect(workCalendar().isWorkingDay('2027-01-01')).toBe(true)
    const c = workCalendar({ holidays: ['2027-01-01'], workdays: ['2027-01-24'] })
    expect(c.knowsYear(2027)).toBe(true)
    expect(c.isWorkingDay('2027-01-01')).toBe(false)
    expect(c.isWorkingDay('2027-01-24')).toBe(true)
  })

  it('a phase notice on a holiday moves to the next working day', () => {
    const t = scheduleTable({
      schedule,
      phases: [{ name: '组织发动', from: '01-01', to: '04-15', duties: '' }],
      calendar: noCalendar,
    })
    const due = triggersDue(t, at('2025-12-31T00:00:00+08:00'), at('2026-01-10T00:00:00+08:00'))
    expect(due.filter((d) => d.name === 'phase').map((d) => d.key)).toEqual(['phase-2026-01-04T09'])
  })
})

describe('catch-up and quiet hours', () => {
  const window = 6 * 3600_000
  const nine = at('2026-11-20T21:00:00+08:00')
  const found = at('2026-11-20T23:30:00+08:00')
  it('on time always goes out; late goes out by day and is skipped past the window', () => {
    expect(catchUp(at('2026-11-20T23:00:00+08:00'), at('2026-11-20T23:01:00+08:00'), window)).toBe('send')
    expect(catchUp(at('2026-11-20T09:00:00+08:00'), at('2026-11-20T11:00:00+08:00'), window)).toBe('send')
    expect(catchUp(at('2026-11-20T09:00:00+08:00'), at('2026-11-20T15:01:00+08:00'), window)).toBe('skip')
    // the deadline day's 16:00 found the next morning: missed, not sent after the deadline
    expect(catchUp(at('2026-11-25T16:00:00+08:00'), at('2026-11-26T08:00:00+08:00'), window)).toBe('skip')
  })

  it('found at night it waits for 08:00, then has the window from 08:00', () => {
    expect(catchUp(nine, found, window, found)).toBe('wait')
    expect(catchUp(nine, at('2026-11-21T07:59:00+08:00'), window, found)).toBe('wait')
    expect(catchUp(nine, at('2026-11-21T08:00:00+08:00'), window, found)).toBe('send')
    expect(catchUp(nine, at('2026-11-21T14:00:00+08:00'), window, found)).toBe('send')
    expect(catchUp(nine, at('2026-11-21T14:01:00+08:00'), window, found)).toBe('skip')
    // found at 07:00, seven hours after a 00:00 slot: missed
    expect(catchUp(at('2026-11-21T00:00:00+08:00'), at('2026-11-21T07:00:00+08:00'), window)).toBe('skip')
  })
})
