// 发布通报 [2026-11] (office): issues the bulletin to the group. The first issue of a period is
// 第1版; a later one whose figures changed is 更正·第N版 listing the changes; one that would change
// nothing is not made, and the office is told so.
import { messages } from '../../prompts/messages.ts'
import { periodLabel } from '../domain/period.ts'
import { issueBulletin } from '../services/bulletin.ts'
import { bulletinPeriod } from './bulletin.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['发布通报']

export const bulletinIssueCommand: Command = {
  name: '发布通报',
  matches: (text) => startsWithWord(text, WORDS) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '发布通报' }))]
    const asked = bulletinPeriod(ctx, startsWithWord(ctx.text, WORDS) ?? '')
    if ('refusal' in asked) return [asked.refusal]
    const period = periodLabel(asked.period)
    const result = await issueBulletin(ctx.tx, {
      period: asked.period,
      now: ctx.now,
      roster: ctx.roster,
      kind: 'issued',
      to: { chat: 'room', roomTopic: ctx.roomTopic },
    })
    if (!result.issued) return [reply(ctx, messages.bulletinUnchanged({ period, version: result.version }))]
    // In the group the bulletin itself answers; asked privately, the office is told it went out.
    if (ctx.inbound.chat === 'room') return result.drafts
    return [...result.drafts, reply(ctx, messages.bulletinIssued({ period, version: result.version }))]
  },
}
