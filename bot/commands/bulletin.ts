// 通报 [2026-11] (office): the bulletin on request, in the chat it was asked in. 考核: the year's
// assessment with it. A re-issue is versioned, labelled 更正 when figures changed.
import { messages } from '../../prompts/messages.ts'
import { currentPeriod, isLate, parsePeriod, periodOf, splitPeriod } from '../domain/period.ts'
import { issueBulletin } from '../services/bulletin.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['通报', '月度通报', '考核', '年度考核']

/** Before this month's deadline has passed, 通报 means last month's. */
function defaultPeriod(now: Date, deadlineDay: number): string {
  const period = currentPeriod(now)
  if (isLate(period, now, deadlineDay)) return period
  const { year, month } = splitPeriod(period)
  return month === 1 ? periodOf(year - 1, 12) : periodOf(year, month - 1)
}

export const bulletinCommand: Command = {
  name: '通报',
  matches: (text) => startsWithWord(text, WORDS) !== undefined,
  async run(ctx) {
    const word = WORDS.find((w) => ctx.text.startsWith(w)) ?? '通报'
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: word }))]
    const arg = startsWithWord(ctx.text, WORDS) ?? ''
    let period = defaultPeriod(ctx.now, ctx.roster.schedule.deadline_day)
    if (arg) {
      const parsed = parsePeriod(arg, ctx.now)
      if (!parsed?.ok) return [reply(ctx, messages.bulletinBadPeriod({ text: arg }))]
      period = parsed.period
    }
    const origin = reply(ctx, '')
    const { drafts } = await issueBulletin(ctx.tx, {
      period,
      now: ctx.now,
      roster: ctx.roster,
      kind: 'requested',
      to: origin.to,
      withAssessment: word.includes('考核'),
    })
    return drafts
  },
}
