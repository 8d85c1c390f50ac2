// A puppet may give a contact a new id after re-login. A message from an unknown id whose name
// matches a bound person gets no rights; the office is asked to confirm (确认换号 名字) instead.
// Any member can take a bound person's name, so every new id with that name is kept as a candidate,
// shown to the office numbered with its id and when it first wrote; with two or more the office
// must pick one by number: a name alone never decides.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import type { Tx } from '../store/db.ts'
import type { InboundRecord } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { changeContactId, type PersonRecord } from '../store/people.ts'
import { deleteState, readStateEntry, rebindKey, writeState } from '../store/service-state.ts'
import type { UnitRecord } from '../store/units.ts'
import { toOffice } from './office-notice.ts'

export interface Candidate {
  contactId: string
  /** ISO time of its first message. */
  firstAt: string
}

async function candidatesOf(tx: Tx, personId: number): Promise<Candidate[]> {
  const row = await readStateEntry(tx, rebindKey(personId))
  if (!row) return []
  const value = JSON.parse(row.value) as { candidates?: Candidate[]; contactId?: string }
  // Rows written before candidates were kept: one id, its time unknown.
  return (
    value.candidates ??
    (value.contactId ? [{ contactId: value.contactId, firstAt: row.updatedAt.toISOString() }] : [])
  )
}

function when(iso: string): string {
  const l = toLocal(new Date(iso))
  return dateLabel(l, { time: '' })
}

/** The numbered list the office picks from. */
export function candidateLines(candidates: readonly Candidate[]): string {
  return candidates
    .map((c, i) => messages.label('rebind_candidate', { n: i + 1, id: c.contactId, at: when(c.firstAt) }))
    .join('\n')
}

/** The office's question, once per new id, when an unknown contact looks like a bound person. */
export async function askToConfirmNewId(
  tx: Tx,
  o: { inbound: InboundRecord; people: PersonRecord[]; units: UnitRecord[]; now: Date },
): Promise<OutboundDraft[]> {
  const { inbound } = o
  const lookalike = o.people.find((p) => p.name === inbound.senderName && p.contactId !== inbound.senderId)
  if (!lookalike) return []
  const candidates = await candidatesOf(tx, lookalike.id)
  if (candidates.some((c) => c.contactId === inbound.senderId)) return []
  candidates.push({ contactId: inbound.senderId, firstAt: inbound.receivedAt.toISOString() })
  await writeState(tx, rebindKey(lookalike.id), JSON.stringify({ candidates }), o.now)
  const name = lookalike.name
  const text = messages.rebindAsk({
    name,
    unit: o.units.find((u) => u.id === lookalike.unitId)?.name ?? messages.word('office'),
    oldId: lookalike.contactId ?? '—',
    candidates: candidateLines(candidates),
    how:
      candidates.length === 1
        ? messages.label('rebind_how_one', { name })
        : messages.label('rebind_how_many', { name, count: candidates.length }),
  })
  return toOffice(o.people, text)
}

export type ConfirmResult =
  | { ok: true; contactId: string; others: number }
  | { ok: false; reason: 'none' }
  | { ok: false; reason: 'pick'; candidates: Candidate[] }

/**
 * 确认换号 (名字 [序号]): moves the person's rights to the chosen new id. With several candidates
 * a number is required; the others stay without rights.
 */
export async function confirmNewId(tx: Tx, person: PersonRecord, pick?: number): Promise<ConfirmResult> {
  const candidates = await candidatesOf(tx, person.id)
  if (candidates.length === 0) return { ok: false, reason: 'none' }
  const chosen =
    pick === undefined ? (candidates.length === 1 ? candidates[0] : undefined) : candidates[pick - 1]
  if (!chosen) return { ok: false, reason: 'pick', candidates }
  await changeContactId(tx, person.id, chosen.contactId)
  await deleteState(tx, rebindKey(person.id))
  return { ok: true, contactId: chosen.contactId, others: candidates.length - 1 }
}
