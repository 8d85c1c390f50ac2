// 反馈 [批次号|文件名] (office): the pushed clue file handed back with each row's result, sent to
// the office privately (full values); alone, the latest file imported. Audited.
import { messages } from '../../prompts/messages.ts'
import { batchLabel, batchRef, buildFeedback } from '../services/clue-feedback.ts'
import { audit, personLabel } from '../store/audit.ts'
import { type BatchRecord, findBatch, latestBatches } from '../store/clue-batches.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { type Command, type CommandContext, reply, startsWithWord } from './types.ts'

const WORDS = ['反馈', '线索反馈']

/**
 * The largest file handed back in the chat: the workbook is built inside the bot's message loop
 * (20,000 rows of 12 columns took 2.8 s on this 2-core machine under load, 5,000 about 0.7 s). A
 * larger one (a command-line import) comes from the command line.
 */
export const CHAT_MAX_ROWS = 5_000

/** The batch the message names, or the answer saying there is none. */
async function pick(
  ctx: CommandContext,
  arg: string,
): Promise<{ batch: BatchRecord } | { refusal: OutboundDraft }> {
  const none = { refusal: reply(ctx, messages.clueFeedbackNone()) }
  if (!arg) {
    const latest = (await latestBatches(ctx.tx, 1))[0]
    return latest ? { batch: latest } : none
  }
  const found = await findBatch(ctx.tx, batchRef(arg))
  if (found) return { batch: found }
  const recent = await latestBatches(ctx.tx, 5)
  if (recent.length === 0) return none
  const batches = recent.map(batchLabel).join('\n')
  const example = (recent[0] as BatchRecord).id
  return { refusal: reply(ctx, messages.clueFeedbackNotFound({ ref: arg, batches, example })) }
}

export const clueFeedbackCommand: Command = {
  name: '反馈',
  matches: (text) => startsWithWord(text, WORDS) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '反馈' }))]
    const picked = await pick(ctx, startsWithWord(ctx.text, WORDS) ?? '')
    if ('refusal' in picked) return [picked.refusal]
    const { batch } = picked
    if (batch.rowCount > CHAT_MAX_ROWS) {
      const v = { id: batch.id, name: batch.fileName, rows: batch.rowCount, limit: CHAT_MAX_ROWS }
      return [reply(ctx, messages.clueFeedbackTooBig(v))]
    }
    const feedback = await buildFeedback(ctx.tx, batch, ctx.now)
    const to = { chat: 'dm' as const, contactId: ctx.inbound.senderId, name: ctx.inbound.senderName }
    await audit(ctx.tx, {
      actor: personLabel({ name: ctx.sender.name, contactId: ctx.sender.contactId }),
      action: 'export.feedback',
      target: messages.record('feedback_target', { id: batch.id, file: batch.fileName }),
      detail: messages.record('feedback_detail', { summary: feedback.summary, to: ctx.inbound.senderName }),
      at: ctx.now,
    })
    const drafts: OutboundDraft[] = [
      { to, text: messages.clueFeedback({ batch: batchLabel(batch), summary: feedback.summary }) },
      { to, text: '', file: { name: feedback.name, data: feedback.data } },
    ]
    if (ctx.inbound.chat === 'room') drafts.push(reply(ctx, messages.sentPrivately()))
    return drafts
  },
}
