// 报送 总结报告 + 内容: a liaison answers a collection by text. 报送 名称 alone takes the file the
// liaison posted in the last 30 minutes that the bot asked about (several collections were open).
import { messages } from '../../prompts/messages.ts'
import { answerWithText, named, TEXT_MAX } from '../services/collections.ts'
import { answerOfInbound } from '../store/collections.ts'
import { latestFileFrom } from '../store/inbound.ts'
import { answererOf, collectionsNow, namesOf, takeFile } from './collection-common.ts'
import { type Command, type CommandContext, reply, startsWithWord } from './types.ts'

const WORDS = ['报送']
const PENDING_MS = 30 * 60_000

export const collectionSubmitCommand: Command = {
  name: '报送',
  // 报送 + a name (not 报送情况, and not a monthly report's heading such as 报送11月月报).
  matches: (text) => {
    const rest = startsWithWord(text, WORDS)
    return !!rest && !/月报|^\d|^[一二三四五六七八九十]+月|工作情况/.test(rest)
  },
  async run(ctx) {
    const who = answererOf(ctx, ctx.inbound.id)
    if (!who) return [reply(ctx, messages.collectionProblem('not_liaison'))]
    const rest = startsWithWord(ctx.text, WORDS) ?? ''
    const [first = '', ...others] = rest.split(/\s+/)
    const all = await collectionsNow(ctx)
    const c = named(all, first)
    if (!c || nameMismatch(c.name, first))
      return [reply(ctx, messages.collectionProblem('not_found', { name: first, names: namesOf(all) }))]
    if (!c.unitIds.includes(who.unit.id))
      return [reply(ctx, messages.collectionProblem('not_owed', { unit: who.unit.name, name: c.name }))]
    const text =
      others.length === 0 ? '' : ctx.written(ctx.text.slice(ctx.text.indexOf(first) + first.length).trim())
    if (!text) {
      const pending = await pendingFile(ctx)
      if (!pending) return [reply(ctx, messages.collectionProblem('no_pending_file', { name: c.name }))]
      return takeFile(ctx, c, pending, { ...who, inboundId: pending.inboundId })
    }
    if (!c.accepts.includes('text'))
      return [
        reply(ctx, messages.collectionProblem('no_text', { name: c.name, accepts: c.accepts.join('、') })),
      ]
    if (text.length > TEXT_MAX)
      return [reply(ctx, messages.collectionProblem('text_too_long', { length: text.length, max: TEXT_MAX }))]
    return [reply(ctx, await answerWithText(ctx.tx, c, text, who))]
  },
}

const nameMismatch = (name: string, typed: string) => !typed.includes(name) && !name.includes(typed)

/** The sender's latest file from the last 30 minutes that answers no collection yet. */
async function pendingFile(ctx: CommandContext) {
  const row = await latestFileFrom(ctx.tx, {
    senderId: ctx.inbound.senderId,
    since: new Date(ctx.now.getTime() - PENDING_MS),
    beforeId: ctx.inbound.id,
  })
  if (!row || (await answerOfInbound(ctx.tx, row.id))) return undefined
  return { inboundId: row.id, name: row.fileName, bytes: row.fileData }
}
