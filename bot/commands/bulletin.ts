// 通报 [2026-11] (office): a preview of the bulletin as of now, in the chat it was asked in; never
// numbered, never recorded (发布通报 issues it). 考核 [2026]: the year's assessment alone.
import { messages } from '../../prompts/messages.ts'
import { currentPeriod, isLate, parsePeriod, periodOf, splitPeriod } from '../domain/period.ts'
import { assessmentOf, previewBulletin } from '../services/bulletin.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { type Command, type CommandContext, reply, startsWithWord } from './types.ts'

const PREVIEW_WORDS = ['通报', '月度通报']
const ASSESSMENT_WORDS = ['考核', '年度考核']

/** Before this month's deadline has passed, 通报 means last month's. */
function defaultPeriod(now: Date, deadlineDay: number): string {
  const period = currentPeriod(now)
  if (isLate(period, now, deadlineDay)) return period
  const { year, month } = splitPeriod(period)
  return month === 1 ? periodOf(year - 1, 12) : periodOf(year, month - 1)
}

/** The period a bulletin command names (default: the month last due), or the reply refusing it. */
export function bulletinPeriod(
  ctx: CommandContext,
  arg: string,
): { period: string } | { refusal: OutboundDraft } {
  if (!arg) return { period: defaultPeriod(ctx.now, ctx.roster.schedule.deadline_day) }
  const parsed = parsePeriod(arg, ctx.now)
  if (!parsed?.ok) return { refusal: reply(ctx, messages.bulletinBadPeriod({ text: arg })) }
  return { period: parsed.period }
}

export const bulletinCommand: Command = {
  name: '通报',
  matches: (text) => startsWithWord(text, PREVIEW_WORDS) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '通报' }))]
    const asked = bulletinPeriod(ctx, startsWithWord(ctx.text, PREVIEW_WORDS) ?? '')
    if ('refusal' in asked) return [asked.refusal]
    const { text, files } = await previewBulletin(ctx.tx, {
      period: asked.period,
      now: ctx.now,
      roster: ctx.roster,
    })
    const origin = reply(ctx, text)
    return [origin, ...files.map((file) => ({ to: origin.to, text: '', file }))]
  },
}

export const assessmentCommand: Command = {
  name: '考核',
  matches: (text) => startsWithWord(text, ASSESSMENT_WORDS) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '考核' }))]
    const arg = startsWithWord(ctx.text, ASSESSMENT_WORDS) ?? ''
    const m = /^(\d{4})\s*(?:年度?)?$/.exec(arg)
    if (arg && !m) return [reply(ctx, messages.assessmentBadYear({ text: arg }))]
    const year = m ? Number(m[1]) : splitPeriod(defaultPeriod(ctx.now, ctx.roster.schedule.deadline_day)).year
    if (year > splitPeriod(currentPeriod(ctx.now)).year || year < 2000)
      return [reply(ctx, messages.assessmentBadYear({ text: arg }))]
    const { text, files } = await assessmentOf(ctx.tx, { year, now: ctx.now, roster: ctx.roster })
    const origin = reply(ctx, text)
    return [origin, ...files.map((file) => ({ to: origin.to, text: '', file }))]
  },
}
