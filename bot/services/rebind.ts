// A puppet may give a contact a new id after re-login. A message from an unknown id whose name
// matches a bound person gets no rights; the office is asked to confirm (确认换号 名字) instead.
import { messages } from '../../prompts/messages.ts'
import type { Tx } from '../store/db.ts'
import type { InboundRecord } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { changeContactId, type PersonRecord } from '../store/people.ts'
import type { UnitRecord } from '../store/units.ts'

const pendingKey = (personId: number) => `rebind:${personId}`

/** The office's question, once per new id, when an unknown contact looks like a bound person. */
export async function askToConfirmNewId(
  tx: Tx,
  o: { inbound: InboundRecord; people: PersonRecord[]; units: UnitRecord[]; now: Date },
): Promise<OutboundDraft[]> {
  const { inbound } = o
  const lookalike = o.people.find((p) => p.name === inbound.senderName && p.contactId !== inbound.senderId)
  if (!lookalike) return []
  const key = pendingKey(lookalike.id)
  const pending = await tx.serviceState.findUnique({ where: { key } })
  if (pending && (JSON.parse(pending.value) as { contactId: string }).contactId === inbound.senderId)
    return []
  const value = JSON.stringify({ contactId: inbound.senderId })
  await tx.serviceState.upsert({
    where: { key },
    create: { key, value, updatedAt: o.now },
    update: { value, updatedAt: o.now },
  })
  const unit = o.units.find((u) => u.id === lookalike.unitId)?.name ?? '联席办'
  const text = messages.rebindAsk({ name: lookalike.name, unit })
  return o.people
    .filter((p) => p.role === 'office' && p.contactId)
    .map((p) => ({ to: { chat: 'dm' as const, contactId: p.contactId as string, name: p.name }, text }))
}

/** 确认换号: moves the person's rights to the new id; false if nothing was pending. */
export async function confirmNewId(tx: Tx, person: PersonRecord): Promise<boolean> {
  const key = pendingKey(person.id)
  const pending = await tx.serviceState.findUnique({ where: { key } })
  if (!pending) return false
  const { contactId } = JSON.parse(pending.value) as { contactId: string }
  await changeContactId(tx, person.id, contactId)
  await tx.serviceState.delete({ where: { key } })
  return true
}
