// 进度 / 报送情况: who has and has not reported this period. Public.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { currentPeriod, periodLabel, splitPeriod, toLocal } from '../domain/period.ts'
import { whoReported } from '../domain/reporting.ts'
import { latestSubmissions } from '../store/submissions.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['进度', '报送情况', '报送进度']

export const progressCommand: Command = {
  name: '进度',
  matches: (text) => startsWithWord(text, WORDS) === '',
  async run(ctx) {
    const period = currentPeriod(ctx.now)
    const reporting = whoReported(ctx.units, await latestSubmissions(ctx.tx, period), {
      period,
      unitOf: (u) => u.id,
      revisionOf: (s) => s.unitId,
    })
    const done: string[] = []
    const missing: string[] = []
    for (const { unit, status, month } of reporting) {
      if (!month) {
        missing.push(unit.name)
        continue
      }
      const l = toLocal(month.latest.createdAt)
      done.push(`${unit.name}（${dateLabel(l)}${status === 'late' ? messages.label('progress_late') : ''}）`)
    }
    const { year, month } = splitPeriod(period)
    const text = messages.progress({
      period: periodLabel(period),
      deadline: dateLabel({ year, month, day: ctx.roster.schedule.deadline_day }),
      doneCount: done.length,
      total: ctx.units.length,
      done: done.length ? done.join('、') : messages.label('progress_none_done'),
      missingCount: missing.length,
      missing: missing.length ? missing.join('、') : messages.label('progress_none_missing'),
    })
    return [reply(ctx, text)]
  },
}
