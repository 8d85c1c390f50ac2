// 线索 全市 / 全市线索 (city office): each county's clues by kind — open, overdue, closed.
import { messages } from '../../prompts/messages.ts'
import { countyLabel } from '../domain/city.ts'
import { localDateTime } from '../services/bulletin-format.ts'
import { cityClues } from '../services/city-clues.ts'
import { cityArgs, cityStaffOnly } from './city-common.ts'
import { type Command, reply } from './types.ts'

const WORDS = ['线索', '线索情况']

export const cityCluesCommand: Command = {
  name: '全市线索',
  matches: (text) => cityArgs(text, WORDS) === '',
  async run(ctx) {
    const refused = cityStaffOnly(ctx, { command: '线索 全市' })
    if (refused) return [refused]
    const lines = (await cityClues(ctx.subOffices, ctx.now)).map(({ office, kinds, total }) => {
      const county = countyLabel(office)
      if (kinds.length === 0) return messages.city('clues_none', { county })
      const byKind = kinds
        .map((k) => messages.city('clues_kind', { ...k, kind: messages.clueKind(k.kind) }))
        .join('；')
      return messages.city('clues_line', {
        county,
        ...total,
        kinds: `\n${messages.city('clues_kinds', { kinds: byKind })}`,
      })
    })
    return [reply(ctx, messages.cityClues({ asOf: localDateTime(ctx.now), lines: lines.join('\n') }))]
  },
}
