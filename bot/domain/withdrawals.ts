// Recalled reports (撤回): a recall adds a revision of status "withdrawn" rather than deleting
// anything; it cancels the revision in effect just before it (a correction recalled: the one before
// it is in effect again; the first report recalled: none). Pure: the revisions in effect.

export const WITHDRAWN = 'withdrawn'

/** The revisions still in effect, per unit and period, in revision order (withdrawn rows left out). */
export function inEffect<T extends { period: string; revision: number; status: string }>(
  rows: readonly T[],
  unitOf: (row: T) => string | number,
): T[] {
  const byKey = new Map<string, T[]>()
  for (const row of [...rows].sort((a, b) => a.revision - b.revision)) {
    const key = `${unitOf(row)}/${row.period}`
    const stack = byKey.get(key) ?? []
    if (row.status === WITHDRAWN) stack.pop()
    else stack.push(row)
    byKey.set(key, stack)
  }
  return [...byKey.values()].flat()
}
