// 进度 全市: each county's reporting of the month, read from its own store by the one "who has
// reported" rule (domain/reporting.ts), counties ranked by their rate.
import { type CountyProgress, countyProgress, type Ranked, rankByReporting } from '../domain/city.ts'
import { whoReported } from '../domain/reporting.ts'
import { latestSubmissions } from '../store/submissions.ts'
import { listUnits } from '../store/units.ts'
import type { SubOffice } from './sub-office.ts'

export async function cityProgress(
  counties: readonly SubOffice[],
  period: string,
): Promise<Ranked<CountyProgress>[]> {
  const rows: CountyProgress[] = []
  for (const county of counties) {
    const units = await listUnits(county.db)
    const reporting = whoReported(units, await latestSubmissions(county.db, period), {
      period,
      unitOf: (u) => u.id,
      revisionOf: (s) => s.unitId,
    })
    rows.push(
      countyProgress(
        county.office,
        reporting.map((r) => ({ name: r.unit.name, status: r.status })),
      ),
    )
  }
  return rankByReporting(rows)
}
