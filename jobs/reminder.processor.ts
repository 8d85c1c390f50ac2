// 催报: one group message @-mentioning the liaisons of units that have not reported this period
// (none when all have), and on the deadline day's last reminder a private list for the office. A
// trigger may stand for several roster slots moved off non-working days; the latest decides.

import { dayOf, weekdayOf } from '../bot/domain/calendar.ts'
import { currentPeriod, periodLabel, periodOf, splitPeriod, toLocal } from '../bot/domain/period.ts'
import { whoReported } from '../bot/domain/reporting.ts'
import type { OutboundDraft } from '../bot/store/outbound.ts'
import { listPeople } from '../bot/store/people.ts'
import { latestSubmissions } from '../bot/store/submissions.ts'
import { listUnits } from '../bot/store/units.ts'
import { dateLabel } from '../prompts/dates.ts'
import { messages } from '../prompts/messages.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'
import { isLastReminderOfDeadlineDay } from './schedules.ts'

export async function runReminder(ctx: TriggerContext): Promise<TriggerResult> {
  const { tx, trigger, roster } = ctx
  const nominal = trigger.covers.at(-1) ?? trigger.slot
  const period = currentPeriod(nominal)
  const missing = whoReported(await listUnits(tx), await latestSubmissions(tx, period), {
    period,
    unitOf: (u) => u.id,
    revisionOf: (s) => s.unitId,
  })
    .filter((r) => r.status === 'missing')
    .map((r) => r.unit)
  if (missing.length === 0) return { drafts: [], note: messages.record('run_reminder_none') }

  const people = await listPeople(tx)
  const liaisons = people.filter((p) => p.role === 'liaison' && p.contactId)
  const mentions = missing.flatMap((u) =>
    liaisons.filter((p) => p.unitId === u.id).map((p) => ({ id: p.contactId as string, name: p.name })),
  )
  const describe = (u: (typeof missing)[number]) => {
    const names = liaisons.filter((p) => p.unitId === u.id).map((p) => p.name)
    return `${u.name}${names.length ? messages.word('liaison_names', { names: names.join('、') }) : messages.word('no_liaison')}`
  }
  const { year, month } = splitPeriod(period)
  const deadlineDay = roster.schedule.deadline_day
  const deadlineDate = `${periodOf(year, month)}-${String(deadlineDay).padStart(2, '0')}`
  const date = dateLabel({ year, month, day: deadlineDay })
  const weekday = messages.weekday(weekdayOf(deadlineDate))
  const onDeadlineDay = dayOf(trigger.slot) === deadlineDate
  const deadline = messages.reminderDeadline(onDeadlineDay ? 'today' : 'later', { date, weekday })
  const drafts: OutboundDraft[] = [
    {
      to: { chat: 'room', roomTopic: ctx.roomTopic },
      text: messages.reminder({
        period: periodLabel(period),
        deadline,
        count: missing.length,
        missing: missing.map((u) => u.name).join('、'),
      }),
      mentions,
    },
  ]
  if (trigger.covers.some((slot) => isLastReminderOfDeadlineDay(ctx.table, slot, deadlineDay))) {
    const l = toLocal(trigger.slot)
    const list = {
      period: periodLabel(period),
      time: `${l.hour}:${String(l.minute).padStart(2, '0')}`,
      count: missing.length,
      missing: missing.map(describe).join('\n'),
    }
    const text = onDeadlineDay
      ? messages.reminderOffice(list)
      : messages.reminderOfficeEarly({ ...list, date, weekday })
    for (const office of people.filter((p) => p.role === 'office' && p.contactId)) {
      drafts.push({ to: { chat: 'dm', contactId: office.contactId as string, name: office.name }, text })
    }
  }
  return { drafts, note: messages.record('run_reminder', { units: missing.length }) }
}
