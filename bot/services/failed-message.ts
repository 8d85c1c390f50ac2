// A message the bot could not handle: the office is told privately what it was (masked: the office
// is not the clue's liaison), so that nothing fails unseen.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { maskForGroup } from '../domain/clues/mask.ts'
import { toLocal } from '../domain/period.ts'
import type { Tx } from '../store/db.ts'
import type { InboundRecord } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { listPeople } from '../store/people.ts'
import { toOffice } from './office-notice.ts'

const EXCERPT_CHARS = 60

export async function reportFailure(
  tx: Tx,
  inbound: InboundRecord,
  why: 'error' | 'poison',
): Promise<OutboundDraft[]> {
  const l = toLocal(inbound.receivedAt)
  const chars = [...(inbound.fileName ? messages.word('file', { name: inbound.fileName }) : inbound.text)]
  const excerpt = chars.slice(0, EXCERPT_CHARS).join('') + (chars.length > EXCERPT_CHARS ? '…' : '')
  const text = messages.messageFailedOffice({
    why: messages.label(`failed_${why}`),
    who: inbound.senderName,
    at: dateLabel(l, { time: '' }),
    excerpt: maskForGroup(excerpt),
    id: inbound.id,
  })
  return toOffice(await listPeople(tx), text)
}
