// 征集 reminders in their own slots: the units still missing a collection are reminded 7, 3 and 1
// days before its last day and on the day (09:00), and at 16:00 on the day, when the office is also
// told privately. Slots on non-working days move to the previous working day (the scheduler's
// trigger covers them), so a run on a Friday may carry the weekend's reminders: one message each.

import { toLocal } from '../bot/domain/period.ts'
import { collectionReminders, yearCollections } from '../bot/services/collections.ts'
import { collectionsOfYear } from '../bot/store/collections.ts'
import { listPeople } from '../bot/store/people.ts'
import { listUnits } from '../bot/store/units.ts'
import { messages } from '../prompts/messages.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'
import { COLLECTION_REMINDERS } from './schedules.ts'

export async function runCollectionReminder(ctx: TriggerContext): Promise<TriggerResult> {
  const { tx, trigger } = ctx
  const units = await listUnits(tx)
  const people = await listPeople(tx)
  // A collection due early next year is reminded in December.
  const all = [
    ...(await yearCollections(tx, { roster: ctx.roster, units, now: trigger.slot })),
    ...(await collectionsOfYear(tx, toLocal(trigger.slot).year + 1)),
  ]
  const drafts = collectionReminders(all, {
    units,
    people,
    roomTopic: ctx.roomTopic,
    now: trigger.slot,
    covers: trigger.covers,
    rules: COLLECTION_REMINDERS,
  })
  return { drafts, note: messages.record('run_collection_reminder', { count: drafts.length }) }
}
