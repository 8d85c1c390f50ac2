// Who has reported period P: the one answer used by 进度, the reminders and the bulletin. Pure.
// A unit's month is judged on its first revision (on time or late: a correction after the
// deadline does not make an on-time report late); its latest revision holds the values that count.

export type ReportStatus = 'on_time' | 'late' | 'missing'

/** A revision of a unit's monthly report, as far as timeliness goes. */
export interface Revision {
  period: string
  revision: number
  status: 'on_time' | 'late'
  createdAt: Date
}

export interface FirstAndLatest<R extends Revision> {
  first: R
  latest: R
}

/** Revision order; equal revision numbers fall back to creation time. */
function comesBefore(a: Revision, b: Revision): boolean {
  if (a.revision !== b.revision) return a.revision < b.revision
  return a.createdAt.getTime() < b.createdAt.getTime()
}

/** What is known of a unit's month once one more of its revisions is seen. */
export function withRevision<R extends Revision>(
  seen: FirstAndLatest<R> | undefined,
  row: R,
): FirstAndLatest<R> {
  if (!seen) return { first: row, latest: row }
  return {
    first: comesBefore(row, seen.first) ? row : seen.first,
    latest: comesBefore(seen.latest, row) ? row : seen.latest,
  }
}

export function statusOf(month: FirstAndLatest<Revision> | undefined): ReportStatus {
  return month ? month.first.status : 'missing'
}

export interface UnitReporting<U, R extends Revision> {
  unit: U
  status: ReportStatus
  /** The unit's first and latest revision of the period; undefined when it has not reported. */
  month: FirstAndLatest<R> | undefined
}

/**
 * Each unit's reporting of the period, in the units' order. `revisions` may hold any periods and
 * every revision or only the latest of each unit (each revision carries its first's timeliness);
 * those created after `asOf` have not happened yet.
 */
export function whoReported<U, R extends Revision, K>(
  units: readonly U[],
  revisions: readonly R[],
  o: { period: string; asOf?: Date; unitOf(unit: U): K; revisionOf(revision: R): K },
): UnitReporting<U, R>[] {
  const months = new Map<K, FirstAndLatest<R>>()
  for (const r of revisions) {
    if (r.period !== o.period || (o.asOf && r.createdAt.getTime() > o.asOf.getTime())) continue
    const key = o.revisionOf(r)
    months.set(key, withRevision(months.get(key), r))
  }
  return units.map((unit) => {
    const month = months.get(o.unitOf(unit))
    return { unit, status: statusOf(month), month }
  })
}
