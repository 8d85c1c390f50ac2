// A private message to every person of the office.
import type { OutboundDraft } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'

export function toOffice(people: readonly PersonRecord[], text: string): OutboundDraft[] {
  return people
    .filter((p) => p.role === 'office' && p.contactId)
    .map((p) => ({ to: { chat: 'dm', contactId: p.contactId as string, name: p.name }, text }))
}
