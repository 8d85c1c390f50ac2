// A recalled message (撤回, Wechaty's Recalled: its text is the recalled message's id). A recalled
// report withdraws the revision it created: a "withdrawn" revision is added (nothing is deleted;
// bot/domain/withdrawals.ts), the one before it is in effect again — or, for a first report, the
// month is unreported — and the chat is told once. A recalled clue push withdraws the clues no one
// has acted on yet (recall-clues.ts): the chat is told once, notified units privately. A recall of
// anything else changes nothing.
import { messages } from '../../prompts/messages.ts'
import { periodLabel } from '../domain/period.ts'
import { inEffect, WITHDRAWN } from '../domain/withdrawals.ts'
import { type Db, writeTransaction } from '../store/db.ts'
import { type InboundDraft, inboundByWechatId, markHandled, persistInbound } from '../store/inbound.ts'
import { insertOutbound, type OutboundDraft } from '../store/outbound.ts'
import { findPersonByContact } from '../store/people.ts'
import { allRevisions, insertSubmission, submissionOfInbound } from '../store/submissions.ts'
import { listUnits } from '../store/units.ts'
import { recallClues } from './recall-clues.ts'

/** The ids of the outbound rows written. */
export async function receiveRecall(
  db: Db,
  draft: InboundDraft,
  originalId: string,
  o: { now: Date; roomTopic: string },
): Promise<number[]> {
  const id = await persistInbound(db, draft)
  if (id === undefined) return []
  return writeTransaction(db, async (tx) => {
    const original = await inboundByWechatId(tx, originalId)
    // Only one's own message can be recalled in WeChat; anything else is not a recall to act on.
    const own = original && original.senderId === draft.senderId ? original : undefined
    const revision = own ? await submissionOfInbound(tx, own.id) : null
    const clues =
      own && !revision ? await recallClues(tx, own.id, { now: o.now, name: draft.senderName }) : undefined
    if (clues) {
      await markHandled(tx, id, 'handled', o.now)
      return insertOutbound(tx, [answerTo(draft, o.roomTopic, clues.text), ...clues.unitNotices], o.now, id)
    }
    if (!revision) {
      await markHandled(tx, id, 'ignored', o.now)
      return []
    }
    const all = await allRevisions(tx, revision.unitId, revision.period)
    const effective = inEffect(all, (r) => r.unitId)
    const unit = (await listUnits(tx)).find((u) => u.id === revision.unitId)?.name ?? ''
    const vars = {
      name: draft.senderName,
      unit,
      period: periodLabel(revision.period),
      revision: revision.revision,
    }
    let text: string
    if (effective.at(-1)?.id !== revision.id) {
      const current = effective.at(-1)
      text = current
        ? messages.recallLine('superseded', { ...vars, current: current.revision })
        : messages.recallLine('already', vars)
    } else {
      const before = effective.at(-2)
      await insertSubmission(tx, {
        unitId: revision.unitId,
        period: revision.period,
        revision: (all.at(-1)?.revision ?? revision.revision) + 1,
        status: WITHDRAWN,
        byName: draft.senderName,
        byPersonId: (await findPersonByContact(tx, draft.senderId))?.id ?? null,
        values: before?.values ?? {},
        inboundId: id,
        createdAt: o.now,
      })
      text = before
        ? messages.recallLine('restored', { ...vars, previous: before.revision })
        : messages.recallLine('withdrawn', vars)
    }
    await markHandled(tx, id, 'handled', o.now)
    return insertOutbound(tx, [answerTo(draft, o.roomTopic, text)], o.now, id)
  })
}

/** The answer goes where the recall came from: the group (mentioning the sender) or privately. */
function answerTo(draft: InboundDraft, roomTopic: string, text: string): OutboundDraft {
  return draft.chat === 'room'
    ? {
        to: { chat: 'room', roomTopic: draft.roomTopic ?? roomTopic },
        text,
        mentions: [{ id: draft.senderId, name: draft.senderName }],
      }
    : { to: { chat: 'dm', contactId: draft.senderId, name: draft.senderName }, text }
}
