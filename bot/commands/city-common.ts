// What the city's commands (全市) share: who may use them — the city office's own staff, where the
// office has counties under it — and how their words are read (`进度 全市` or `全市进度`).
import { messages } from '../../prompts/messages.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { type CommandContext, reply, startsWithWord } from './types.ts'

const CITY = ['全市']

/**
 * What follows the command when the text is `<word> 全市 …` or `全市<word> …` (empty when nothing
 * does); undefined when the text is not the city's form of the command.
 */
export function cityArgs(text: string, words: readonly string[]): string | undefined {
  const after = startsWithWord(text, words)
  if (after !== undefined) {
    const rest = startsWithWord(after, CITY)
    if (rest !== undefined) return rest
  }
  const city = CITY.find((w) => text.startsWith(w))
  return city ? startsWithWord(text.slice(city.length), words) : undefined
}

/** The refusal for anyone but the city office's staff (a county's people included), or undefined. */
export function cityStaffOnly(
  ctx: CommandContext,
  { command }: { command: string },
): OutboundDraft | undefined {
  if (ctx.sender.role !== 'office' || ctx.subOffices.length === 0)
    return reply(ctx, messages.city('city_only', { command }))
  return undefined
}
