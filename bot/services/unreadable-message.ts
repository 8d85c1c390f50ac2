// A message of a kind the bot cannot read (voice, an emoticon, a link or mini-program card, a video):
// stored like any other, then answered once when it addressed the bot — a private message from a
// bound person — with what the bot can read; in the group it addressed nobody and stays unanswered.
import { messages } from '../../prompts/messages.ts'
import type { UnreadableKind } from '../domain/message-kind.ts'
import { type Db, writeTransaction } from '../store/db.ts'
import { type InboundDraft, markHandled, persistInbound } from '../store/inbound.ts'
import { insertOutbound, type OutboundDraft } from '../store/outbound.ts'
import { findPersonByContact } from '../store/people.ts'

/** The ids of the outbound rows written (none for a replay or a message that needs no answer). */
export async function receiveUnreadable(
  db: Db,
  draft: InboundDraft,
  what: UnreadableKind,
  now: Date,
): Promise<number[]> {
  const id = await persistInbound(db, draft)
  if (id === undefined) return []
  const known = draft.chat === 'dm' && (await findPersonByContact(db, draft.senderId)) !== null
  const answer: OutboundDraft[] = known
    ? [
        {
          to: { chat: 'dm', contactId: draft.senderId, name: draft.senderName },
          text: messages.unreadable({ kind: messages.unreadableKind(what) }),
        },
      ]
    : []
  return writeTransaction(db, async (tx) => {
    if (!(await markHandled(tx, id, answer.length > 0 ? 'handled' : 'ignored', now))) return []
    return insertOutbound(tx, answer, now, id)
  })
}
