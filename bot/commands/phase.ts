// 阶段: the year's campaign phases with their dates, the current one marked with what units owe
// in it (the roster's `duties`). Public, like 进度.
import { messages } from '../../prompts/messages.ts'
import { dayOf } from '../domain/calendar.ts'
import { toLocal } from '../domain/period.ts'
import { monthDayLabel, phaseOn } from '../domain/phase.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['阶段', '当前阶段', '工作阶段', '专项行动阶段']

export const phaseCommand: Command = {
  name: '阶段',
  matches: (text) => startsWithWord(text, WORDS) === '',
  async run(ctx) {
    const { phases } = ctx.roster
    if (phases.length === 0) return [reply(ctx, messages.phaseLine('no_phases'))]
    const today = dayOf(ctx.now)
    const current = phaseOn(phases, today.slice(5))
    const lines = [messages.phaseLine('heading', { year: toLocal(ctx.now).year })]
    phases.forEach((p, i) => {
      const v = { n: i + 1, name: p.name, from: monthDayLabel(p.from), to: monthDayLabel(p.to) }
      lines.push(messages.phaseLine(p === current ? 'current' : 'other', v))
      if (p === current && p.duties) lines.push(p.duties)
    })
    if (!current) lines.push(messages.phaseLine('none_now', { today: monthDayLabel(today.slice(5)) }))
    return [reply(ctx, lines.join('\n'))]
  },
}
