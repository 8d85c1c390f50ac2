// 通报 全市: the city bulletin as of now (a preview, recorded nowhere). Each county's figures are
// its own bulletin's, compiled from its own store and roster by the county bulletin's code; the
// city's year to date adds up the counties' figures for the city roster's target labels.
import { messages } from '../../prompts/messages.ts'
import {
  type CityBulletinFigures,
  type CountyBulletin,
  compileCityBulletin,
} from '../domain/bulletin/city.ts'
import { compileBulletin, targetLabels, yearToDateOf } from '../domain/bulletin/figures.ts'
import { countyLabel } from '../domain/city.ts'
import { periodLabel, splitPeriod } from '../domain/period.ts'
import type { Roster } from '../domain/roster-types.ts'
import { loadBulletinInput } from '../store/bulletins.ts'
import { readsOverlap } from '../store/sql.ts'
import { figure, localDateTime, moneyLabelSet, num, percent } from './bulletin-format.ts'
import { gapText, moneyLabelsOf, targetLines } from './bulletin-render.ts'
import { buildCityWorkbook } from './city-bulletin-workbook.ts'
import type { SubOffice } from './sub-office.ts'

export async function cityBulletinFigures(
  counties: readonly SubOffice[],
  o: { period: string; now: Date; roster: Roster },
): Promise<{ figures: CityBulletinFigures; counties: CountyBulletin[] }> {
  const labels = targetLabels(o.roster.targets)
  const countyBulletin = async (county: SubOffice): Promise<CountyBulletin> => {
    const input = await loadBulletinInput(county.db, { period: o.period, asOf: o.now, roster: county.roster })
    return {
      office: county.office,
      figures: compileBulletin(input),
      cityYtd: yearToDateOf(input, labels),
      units: input.units,
    }
  }
  // Each county's record is a database (or schema) of its own. Where reads overlap they go at once;
  // else one county after another, each one's clues let go before the next is read.
  const read: CountyBulletin[] = []
  if (readsOverlap(counties.map((c) => c.db))) read.push(...(await Promise.all(counties.map(countyBulletin))))
  else for (const county of counties) read.push(await countyBulletin(county))
  const figures = compileCityBulletin(read, {
    period: o.period,
    asOf: o.now,
    targets: o.roster.targets,
    labels,
  })
  return { figures, counties: read }
}

const line = messages.city
const mark = (onTrack: boolean | null) =>
  onTrack === null ? line('mark_none') : messages.bulletinLine(onTrack ? 'on-track' : 'off-track')

/** The city bulletin's text for the chat and its workbook (named as a preview's). */
export async function renderCityBulletin(
  f: CityBulletinFigures,
  counties: readonly CountyBulletin[],
): Promise<{ text: string; file: { name: string; data: Buffer } }> {
  const isMoney = moneyLabelSet(moneyLabelsOf(counties.flatMap((c) => c.units)))
  const nameOf = new Map(counties.map((c) => [c.office.key, countyLabel(c.office)]))
  const { year, month } = splitPeriod(f.period)
  const data = await buildCityWorkbook(f, { isMoney, countyName: (k) => nameOf.get(k) ?? k })
  return { text: cityText(f, counties, isMoney, nameOf), file: { name: line('file', { year, month }), data } }
}

function cityText(
  f: CityBulletinFigures,
  counties: readonly CountyBulletin[],
  isMoney: (label: string) => boolean,
  nameOf: Map<string, string>,
): string {
  const countyLines = f.counties.flatMap(({ rank, row }) => [
    line('bulletin_county', {
      rank,
      county: countyLabel(row.office),
      reported: row.reported,
      total: row.total,
      rate: percent(row.total ? row.reported / row.total : null),
      onTrack: row.onTrack,
      judged: row.judged,
    }),
    ...row.targets.map((t) =>
      line('bulletin_county_target', {
        mark: mark(t.onTrack),
        name: t.name,
        ytd: figure(t.ytd, isMoney(t.name)),
        target: figure(t.target, isMoney(t.name)),
        sign: t.kind === 'max' ? '≤' : '≥',
        expected: figure(t.expectedByNow, isMoney(t.name)),
      }),
    ),
    ...row.ratios.map((r) =>
      line('bulletin_county_ratio', {
        mark: mark(r.onTrack),
        name: r.name,
        value: r.value === null ? '—' : num(Number(r.value.toFixed(1))),
        min: num(r.min),
      }),
    ),
    line('bulletin_county_clues', {
      pushed: row.clues.pushed,
      closed: row.clues.closed,
      overdue: row.clues.openOverdue,
    }),
  ])
  // What the city's sums lack: the counties' unit-months not reported, by county.
  const gaps = counties
    .map((c) => {
      const text = gapText({ ytd: c.cityYtd, reporting: c.figures.reporting })
      return text ? line('bulletin_gap_county', { county: countyLabel(c.office), gaps: text }) : ''
    })
    .filter((t) => t !== '')
    .join('；')
  const sums = Object.values(f.sums).flatMap((s) => {
    if (s.value === null) return [line('bulletin_sum_none', { name: s.label })]
    if (s.without.length === 0) return []
    const without = s.without.map((k) => nameOf.get(k) ?? k).join('、')
    return [line('bulletin_sum_without', { name: s.label, counties: without })]
  })
  return messages.cityBulletin({
    period: periodLabel(f.period),
    asOf: localDateTime(f.asOf),
    counties: countyLines.join('\n'),
    targets: targetLines(f, isMoney, gaps).join('\n'),
    sums: [line('bulletin_sum_rule'), ...sums].join('\n'),
  })
}
