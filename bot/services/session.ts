// The bot's WeChat session: when it comes back after a logout or a stopped process, the office is
// told privately how long it was away (messages sent to it meanwhile may be lost on WeChat's side).
// Back during the quiet hours (22:00–08:00), the notice is held and goes out at 08:00.

import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import { isQuiet } from '../domain/quiet-hours.ts'
import { type Db, writeTransaction } from '../store/db.ts'
import { insertOutbound, type OutboundDraft } from '../store/outbound.ts'
import { listPeople } from '../store/people.ts'
import {
  deleteState,
  readStateEntries,
  readStateEntry,
  STATE_KEYS,
  writeState,
} from '../store/service-state.ts'

/** Absences shorter than this (a quick restart) are not worth a message. */
const NOTICE_AFTER_MS = 5 * 60_000

function label(at: Date): string {
  const l = toLocal(at)
  return dateLabel(l, { time: '' })
}

export function durationLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  return [
    days ? messages.word('days', { n: days }) : '',
    hours ? messages.word('hours', { n: hours }) : '',
    rest || (!days && !hours) ? messages.word('minutes', { n: rest }) : '',
  ].join('')
}

/**
 * Since when the bot was away: its logout or clean stop after the last login, else the last sign
 * of life of the previous process (one that was killed records neither).
 */
async function awaySince(db: Db): Promise<Date | undefined> {
  const { login, logout, stopped, health } = STATE_KEYS
  const rows = await readStateEntries(db, [login, logout, stopped, health])
  const at = (key: string) => rows.find((r) => r.key === key)?.updatedAt
  const loggedIn = at(login)
  const gone = [at(logout), at(stopped)]
    .filter((t): t is Date => t !== undefined && (!loggedIn || t >= loggedIn))
    .sort((a, b) => a.getTime() - b.getTime())
  return gone[0] ?? at(health)
}

/** On login: the office's notice (as outbound rows) if the bot was away for a while; held at night. */
export async function welcomeBack(db: Db, now: Date): Promise<number[]> {
  const since = await awaySince(db)
  if (!since || now.getTime() - since.getTime() < NOTICE_AFTER_MS) return []
  const text = messages.botBackOnline({
    from: label(since),
    to: label(now),
    duration: durationLabel(now.getTime() - since.getTime()),
  })
  if (isQuiet(now)) {
    await writeState(db, STATE_KEYS.welcomeBackHeld, text, now)
    return []
  }
  return insertOutbound(db, await officeDrafts(db, text), now, null)
}

/** After the quiet hours (every live minute): the held notice, once, as outbound rows. */
export async function deliverHeldNotice(db: Db, now: Date): Promise<number[]> {
  if (isQuiet(now)) return []
  const held = await readStateEntry(db, STATE_KEYS.welcomeBackHeld)
  if (!held?.value) return []
  const drafts = await officeDrafts(db, held.value)
  // Taken once even when two ticks race: the write transactions are serial, the second finds none.
  return writeTransaction(db, async (tx) => {
    if (!(await readStateEntry(tx, STATE_KEYS.welcomeBackHeld))?.value) return []
    await deleteState(tx, STATE_KEYS.welcomeBackHeld)
    return insertOutbound(tx, drafts, now, null)
  })
}

async function officeDrafts(db: Db, text: string): Promise<OutboundDraft[]> {
  return (await listPeople(db))
    .filter((p) => p.role === 'office' && p.contactId)
    .map((p) => ({ to: { chat: 'dm', contactId: p.contactId as string, name: p.name }, text }))
}
