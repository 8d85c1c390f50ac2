// People joining and leaving the liaison group (Wechaty's room-join / room-leave). A bound person
// (a liaison, the office) leaving is told to the office privately — their rights stay until the
// office unbinds them; a newcomer is welcomed once in the group with how to use the bot, when the
// roster's welcome_new_members says so (default off: a group that did not ask is not written to).
import { messages } from '../../prompts/messages.ts'
import type { Roster } from '../domain/roster-types.ts'
import { type Db, writeTransaction } from '../store/db.ts'
import { insertOutbound, type OutboundDraft } from '../store/outbound.ts'
import { listPeople } from '../store/people.ts'
import { readState, STATE_KEYS, writeState } from '../store/service-state.ts'
import { listUnits } from '../store/units.ts'
import { toOffice } from './office-notice.ts'

/** Contact ids already welcomed (each person once, whatever joins and leaves follow). */
const WELCOMED = STATE_KEYS.roomWelcomed

export interface Member {
  id: string
  name: string
}

/** The office's notice of bound people who left; the ids of the outbound rows. */
export async function membersLeft(
  db: Db,
  left: readonly Member[],
  o: { by?: string; now: Date },
): Promise<number[]> {
  const people = await listPeople(db)
  const units = await listUnits(db)
  const drafts: OutboundDraft[] = []
  for (const m of left) {
    const person = people.find((p) => p.contactId === m.id)
    if (!person) continue
    const unit = units.find((u) => u.id === person.unitId)?.name ?? messages.word('office')
    const by = o.by && o.by !== m.name ? messages.memberLeftBy({ by: o.by }) : ''
    drafts.push(...toOffice(people, messages.memberLeft({ name: person.name, unit, by })))
  }
  return drafts.length > 0 ? insertOutbound(db, drafts, o.now, null) : []
}

/** One welcome for newcomers not welcomed before (when the roster says so); the outbound row ids. */
export async function membersJoined(
  db: Db,
  joined: readonly Member[],
  o: { roster: Roster; roomTopic: string; botId?: string; now: Date },
): Promise<number[]> {
  if (!o.roster.welcome_new_members) return []
  return writeTransaction(db, async (tx) => {
    const welcomed = new Set(JSON.parse((await readState(tx, WELCOMED)) ?? '[]') as string[])
    const fresh = joined.filter((m) => m.id !== o.botId && !welcomed.has(m.id))
    if (fresh.length === 0) return []
    for (const m of fresh) welcomed.add(m.id)
    await writeState(tx, WELCOMED, JSON.stringify([...welcomed]), o.now)
    const draft: OutboundDraft = {
      to: { chat: 'room', roomTopic: o.roomTopic },
      text: messages.memberWelcome({ names: fresh.map((m) => m.name).join('、') }),
      mentions: fresh.map((m) => ({ id: m.id, name: m.name })),
    }
    return insertOutbound(tx, [draft], o.now, null)
  })
}
