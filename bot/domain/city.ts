// The city's view over its counties (全市): each county's figures side by side, ranked. Pure.
import type { OfficeRef } from './office.ts'
import type { ReportStatus } from './reporting.ts'

export interface Ranked<T> {
  /** 1 = best; rows with equal keys share a rank (1, 1, 3). */
  rank: number
  row: T
}

/** Rows ranked by their keys, higher first, compared in order; equal rows keep their given order. */
export function rankBy<T>(rows: readonly T[], keys: (row: T) => readonly number[]): Ranked<T>[] {
  const keyed = rows.map((row, i) => ({ row, i, k: keys(row) }))
  const compare = (a: readonly number[], b: readonly number[]) => {
    for (let n = 0; n < Math.max(a.length, b.length); n++) {
      const d = (b[n] ?? 0) - (a[n] ?? 0)
      if (d !== 0) return d
    }
    return 0
  }
  keyed.sort((a, b) => compare(a.k, b.k) || a.i - b.i)
  const ranked: Ranked<T>[] = []
  keyed.forEach((x, n) => {
    const before = keyed[n - 1]
    const shared = before && compare(before.k, x.k) === 0
    ranked.push({ rank: shared ? (ranked[n - 1] as Ranked<T>).rank : n + 1, row: x.row })
  })
  return ranked
}

/** A county's reporting of a month: how many of its units reported, and who is missing. */
export interface CountyProgress {
  office: OfficeRef
  reported: number
  late: number
  total: number
  /** The units that have not reported, in roster order. */
  missing: string[]
}

/** reported ÷ total, 0..1; 0 for a county without units. */
export const reportingRate = (p: Pick<CountyProgress, 'reported' | 'total'>): number =>
  p.total === 0 ? 0 : p.reported / p.total

export function countyProgress(
  office: OfficeRef,
  units: readonly { name: string; status: ReportStatus }[],
): CountyProgress {
  const missing = units.filter((u) => u.status === 'missing').map((u) => u.name)
  return {
    office,
    reported: units.length - missing.length,
    late: units.filter((u) => u.status === 'late').length,
    total: units.length,
    missing,
  }
}

/** Counties ranked by their reporting rate, then by how many units reported. */
export const rankByReporting = (rows: readonly CountyProgress[]): Ranked<CountyProgress>[] =>
  rankBy(rows, (p) => [reportingRate(p), p.reported])

/** What a county office is called in a city's list: its name without the office suffix (安平县). */
export function countyLabel(office: Pick<OfficeRef, 'name'>): string {
  return office.name.replace(/(反诈|反电诈)?(联席办|联席会议办公室|联席会)$/, '') || office.name
}

/** The forms a county is known by: its office's name, that without the suffix (安平县), and without 县/区/市 (安平). */
export function countyNames(office: Pick<OfficeRef, 'name' | 'key'>): string[] {
  const label = countyLabel(office)
  const bare = label.replace(/(自治县|县|区|市|旗)$/, '')
  return [...new Set([office.name, label, ...(bare.length >= 2 ? [bare] : []), office.key])]
}

/** The office a cell names (a whole name or a short form of one, spaces ignored); undefined if none or several. */
export function countyNamed<O extends Pick<OfficeRef, 'name' | 'key'>>(
  offices: readonly O[],
  text: string,
): O | undefined {
  const cell = text.replace(/\s+/g, '')
  if (cell === '') return undefined
  const found = offices.filter((o) => countyNames(o).includes(cell))
  return found.length === 1 ? found[0] : undefined
}
