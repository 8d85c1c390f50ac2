// A private message from someone bound in several offices that does not say which: stored (in the
// first of them), and answered once with the question naming them and how to say it.
import { messages } from '../../prompts/messages.ts'
import { type Db, writeTransaction } from '../store/db.ts'
import { type InboundDraft, markHandled, persistInbound } from '../store/inbound.ts'
import { insertOutbound } from '../store/outbound.ts'

/** `offices`: their names and the short word for each, in the deployment's order. The outbound row ids. */
export async function askWhichOffice(
  db: Db,
  draft: InboundDraft,
  offices: readonly { name: string; word: string }[],
  now: Date,
): Promise<number[]> {
  const id = await persistInbound(db, draft)
  if (id === undefined) return []
  const first = offices[0]?.word ?? ''
  const command = draft.text.trim().split('\n')[0]?.slice(0, 12) || messages.offices('example_command')
  const text = messages.offices('which_office', {
    offices: offices.map((o) => `${o.name}（${o.word}）`).join('、'),
    example: `${first} ${command}`,
  })
  return writeTransaction(db, async (tx) => {
    if (!(await markHandled(tx, id, 'handled', now))) return []
    const to = { chat: 'dm' as const, contactId: draft.senderId, name: draft.senderName }
    return insertOutbound(tx, [{ to, text }], now, id)
  })
}
