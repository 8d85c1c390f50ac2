/**
 * The city bulletin's figures (全市通报): each county's own bulletin figures side by side, counties
 * ranked, and the city's year to date against the city roster's targets. Pure.
 *
 * - A county's figures are its own bulletin's (compileBulletin over its store and roster): its
 *   reporting, its targets and ratios, its clue total. Nothing is recomputed here.
 * - The city's figure for a label is the sum of its counties' year-to-date figures for the same
 *   field label (the label as the counties' rosters spell it, exactly); a county whose forms have
 *   no such field adds nothing and is named; the figure is null when no county has it.
 * - The city's targets and ratios are judged by the county bulletin's own rules (targetProgressOf,
 *   ratiosOf) over those sums.
 * - Counties are ranked by the share of their targets and ratios on track (of those judged), then
 *   by their reporting rate; equal counties share a rank.
 */
import { type Ranked, rankBy } from '../city.ts'
import type { OfficeRef } from '../office.ts'
import type { Targets } from '../roster-types.ts'
import { checkedPeriod, tidy } from './common.ts'
import { ratiosOf, targetProgressOf } from './figures.ts'
import type {
  BulletinFigures,
  BulletinUnit,
  ClueFigures,
  RatioProgress,
  TargetProgress,
  YtdFigure,
} from './types.ts'

export interface CountyBulletin {
  office: OfficeRef
  /** The county's own bulletin figures (its roster's targets). */
  figures: BulletinFigures
  /** The county's year-to-date figures for the city's target labels (yearToDateOf). */
  cityYtd: Record<string, YtdFigure>
  units: readonly Pick<BulletinUnit, 'fields'>[]
}

export interface CountyRow {
  office: OfficeRef
  reported: number
  total: number
  targets: TargetProgress[]
  ratios: RatioProgress[]
  /** Targets and ratios on track, of those judged (with a figure). */
  onTrack: number
  judged: number
  /** The county's clue total for the month. */
  clues: ClueFigures
}

export interface CitySum {
  label: string
  /** Sum over the counties that have the field; null when none has. */
  value: number | null
  /** Keys of the counties whose forms have the field. */
  counties: string[]
  /** Keys of the counties whose forms do not. */
  without: string[]
}

export interface CityBulletinFigures {
  period: string
  asOf: Date
  counties: Ranked<CountyRow>[]
  sums: Record<string, CitySum>
  targetProgress: TargetProgress[]
  ratios: RatioProgress[]
}

function countyRow(c: CountyBulletin): CountyRow {
  const f = c.figures
  const marks = [...f.targetProgress, ...f.ratios].map((t) => t.onTrack).filter((x) => x !== null)
  return {
    office: c.office,
    reported: f.reporting.onTime + f.reporting.late,
    total: f.reporting.rows.length,
    targets: f.targetProgress,
    ratios: f.ratios,
    onTrack: marks.filter((x) => x).length,
    judged: marks.length,
    clues: f.clueFigures.total,
  }
}

/** The city's sums, one per label, as year-to-date figures the target rules read. */
function citySums(counties: readonly CountyBulletin[], labels: readonly string[]): Record<string, CitySum> {
  const sums: Record<string, CitySum> = {}
  for (const label of labels) {
    const having = counties.filter((c) => (c.cityYtd[label]?.value ?? null) !== null)
    const value = having.length
      ? tidy(having.reduce((sum, c) => sum + (c.cityYtd[label]?.value as number), 0))
      : null
    sums[label] = {
      label,
      value,
      counties: having.map((c) => c.office.key),
      without: counties.filter((c) => !having.includes(c)).map((c) => c.office.key),
    }
  }
  return sums
}

export function compileCityBulletin(
  counties: readonly CountyBulletin[],
  o: { period: string; asOf: Date; targets: Targets; labels: readonly string[] },
): CityBulletinFigures {
  const { month } = checkedPeriod(o.period)
  const sums = citySums(counties, o.labels)
  const ytd: Record<string, YtdFigure> = Object.fromEntries(
    Object.values(sums).map((s) => [
      s.label,
      { label: s.label, value: s.value, units: s.counties, gaps: [] },
    ]),
  )
  const rows = counties.map(countyRow)
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d)
  return {
    period: o.period,
    asOf: o.asOf,
    counties: rankBy(rows, (r) => [share(r.onTrack, r.judged), share(r.reported, r.total)]),
    sums,
    targetProgress: targetProgressOf(
      o.targets,
      ytd,
      month,
      counties.flatMap((c) => c.units),
    ),
    ratios: ratiosOf(o.targets, ytd),
  }
}
