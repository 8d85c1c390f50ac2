// 进度 全市 / 全市进度 (city office): each county's reporting rate this month, counties ranked.
import { messages } from '../../prompts/messages.ts'
import { countyLabel, reportingRate } from '../domain/city.ts'
import { currentPeriod, periodLabel } from '../domain/period.ts'
import { percent } from '../services/bulletin-format.ts'
import { cityProgress } from '../services/city-progress.ts'
import { cityArgs, cityStaffOnly } from './city-common.ts'
import { type Command, reply } from './types.ts'

const WORDS = ['进度', '报送情况', '报送进度']

export const cityProgressCommand: Command = {
  name: '全市进度',
  matches: (text) => cityArgs(text, WORDS) === '',
  async run(ctx) {
    const refused = cityStaffOnly(ctx, { command: '进度 全市' })
    if (refused) return [refused]
    const period = currentPeriod(ctx.now)
    const ranked = await cityProgress(ctx.subOffices, period)
    const lines = ranked.map(({ rank, row }) =>
      messages.city('progress_line', {
        rank,
        county: countyLabel(row.office),
        reported: row.reported,
        total: row.total,
        rate: percent(reportingRate(row)),
        late: row.late ? messages.city('progress_late', { count: row.late }) : '',
        missing: row.missing.length
          ? messages.city('progress_missing', { count: row.missing.length, units: row.missing.join('、') })
          : messages.city('progress_all'),
      }),
    )
    const text = messages.cityProgress({
      period: periodLabel(period),
      count: ranked.length,
      lines: lines.join('\n'),
    })
    return [reply(ctx, text)]
  },
}
