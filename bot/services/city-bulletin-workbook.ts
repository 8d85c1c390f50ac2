// The city bulletin's workbook: the counties side by side (reporting, targets on track, each
// target's year to date, clues) and the city's targets; the county workbook's sheet layout.
import { messages } from '../../prompts/messages.ts'
import type { CityBulletinFigures } from '../domain/bulletin/city.ts'
import { countyLabel } from '../domain/city.ts'
import { addSheet, type Cell, type Column, newWorkbook, PERCENT, workbookBytes } from './workbook.ts'

const c = messages.city
const w = messages.workbook

export function buildCityWorkbook(
  f: CityBulletinFigures,
  o: { isMoney: (label: string) => boolean; countyName: (key: string) => string },
): Promise<Buffer> {
  const wb = newWorkbook(f.asOf)
  const money = (label: string) => (o.isMoney(label) ? c('sheet_money', { label }) : label)
  const labels = [...new Set(f.counties.flatMap(({ row }) => row.targets.map((t) => t.name)))]
  const counties: Column[] = [
    { header: c('sheet_rank') },
    { header: c('sheet_county') },
    { header: c('sheet_reported') },
    { header: c('sheet_units') },
    { header: c('sheet_rate'), format: PERCENT },
    { header: c('sheet_on_track') },
    { header: c('sheet_judged') },
    ...labels.map((label) => ({ header: c('sheet_ytd', { label: money(label) }) })),
    { header: w('pushed') },
    { header: w('closed') },
    { header: w('open_overdue') },
  ]
  addSheet(
    wb,
    c('sheet_counties'),
    counties,
    f.counties.map(({ rank, row }): Cell[] => [
      rank,
      countyLabel(row.office),
      row.reported,
      row.total,
      row.total ? row.reported / row.total : null,
      row.onTrack,
      row.judged,
      ...labels.map((label) => row.targets.find((t) => t.name === label)?.ytd ?? null),
      row.clues.pushed,
      row.clues.closed,
      row.clues.openOverdue,
    ]),
  )
  const targets: Column[] = [
    { header: w('indicator') },
    { header: w('requirement') },
    { header: w('target') },
    { header: w('ytd') },
    { header: w('expected') },
    { header: w('state') },
    { header: c('sheet_without') },
  ]
  addSheet(
    wb,
    c('sheet_city_targets'),
    targets,
    f.targetProgress.map((t): Cell[] => [
      money(t.name),
      w(t.kind === 'max' ? 'at_most' : 'at_least'),
      t.target,
      t.ytd,
      t.expectedByNow,
      t.onTrack === null ? w('no_data') : w(t.onTrack ? 'on_track' : 'behind'),
      (f.sums[t.name]?.without ?? []).map(o.countyName).join('、') || null,
    ]),
  )
  return workbookBytes(wb)
}
