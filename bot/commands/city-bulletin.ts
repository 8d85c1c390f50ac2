// 通报 全市 / 全市通报 [2026-11] (city office): the city bulletin as of now — each county's figures
// and targets side by side, counties ranked, the city's year to date against its own targets.
// A preview: never numbered, never recorded.
import { cityBulletinFigures, renderCityBulletin } from '../services/city-bulletin.ts'
import { bulletinPeriod } from './bulletin.ts'
import { cityArgs, cityStaffOnly } from './city-common.ts'
import { type Command, reply } from './types.ts'

const WORDS = ['通报', '月度通报']

export const cityBulletinCommand: Command = {
  name: '全市通报',
  matches: (text) => cityArgs(text, WORDS) !== undefined,
  async run(ctx) {
    const refused = cityStaffOnly(ctx, { command: '通报 全市' })
    if (refused) return [refused]
    const asked = bulletinPeriod(ctx, cityArgs(ctx.text, WORDS) ?? '')
    if ('refusal' in asked) return [asked.refusal]
    const { figures, counties } = await cityBulletinFigures(ctx.subOffices, {
      period: asked.period,
      now: ctx.now,
      roster: ctx.roster,
    })
    const { text, file } = await renderCityBulletin(figures, counties)
    const origin = reply(ctx, text)
    return [origin, { to: origin.to, text: '', file }]
  },
}
