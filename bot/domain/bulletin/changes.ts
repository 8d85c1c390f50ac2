/**
 * What a correction (更正) changed. An issued bulletin keeps a snapshot of the figures a reader
 * compares: each unit's reporting status and month's figures, each unit's clue counts, the
 * county's year-to-date target and ratio figures, each unit's task counts (督办) and each
 * collection's answers (征集). A re-issue whose snapshot equals the last issue's
 * changed nothing; otherwise the differences are listed, unit by unit, from what to what.
 */

import type { BulletinFigures, ReportStatus } from './types.ts'

export interface ClueCounts {
  pushed: number
  closed: number
  overdue: number
}

export interface BulletinSnapshot {
  snapshot: 1
  units: { key: string; name: string; status: ReportStatus; values: Record<string, number | null> }[]
  clues: { key: string; name: string; counts: ClueCounts }[]
  /** Year-to-date figure of each target, then the value of each ratio. */
  targets: { name: string; value: number | null }[]
  /** Absent in snapshots stored before tasks and collections were compared (not compared then). */
  tasks?: { key: string; name: string; counts: TaskCounts }[]
  collections?: { name: string; counts: CollectionCounts }[]
}

export interface TaskCounts {
  assigned: number
  completed: number
  overdue: number
}

export interface CollectionCounts {
  onTime: number
  late: number
  missing: number
}

export type BulletinChange =
  | { kind: 'status'; unit: string; from: ReportStatus; to: ReportStatus }
  | { kind: 'value'; unit: string; label: string; from: number | null; to: number | null }
  | { kind: 'clues'; unit: string; from: ClueCounts; to: ClueCounts }
  | { kind: 'target'; name: string; from: number | null; to: number | null }
  | { kind: 'tasks'; unit: string; from: TaskCounts; to: TaskCounts }
  | { kind: 'collection'; name: string; from: CollectionCounts; to: CollectionCounts }

export function snapshotOf(f: BulletinFigures): BulletinSnapshot {
  const status = new Map(f.reporting.rows.map((r) => [r.unit.key, r.status]))
  return {
    snapshot: 1,
    units: f.unitFigures.map((u) => ({
      key: u.unit.key,
      name: u.unit.name,
      status: status.get(u.unit.key) ?? 'missing',
      values: u.values,
    })),
    clues: f.clueFigures.rows.map((r) => ({
      key: r.unit?.key ?? '',
      name: r.unit?.name ?? '',
      counts: { pushed: r.pushed, closed: r.closed, overdue: r.openOverdue },
    })),
    targets: [
      ...f.targetProgress.map((t) => ({ name: t.name, value: t.ytd })),
      ...f.ratios.map((r) => ({ name: r.name, value: r.value })),
    ],
    tasks: f.work.tasks.map((t) => ({
      key: t.unit.key,
      name: t.unit.name,
      counts: { assigned: t.assigned, completed: t.completed, overdue: t.overdue },
    })),
    collections: f.work.collections.map((c) => ({
      name: c.name,
      counts: { onTime: c.onTime, late: c.late, missing: c.missing },
    })),
  }
}

/** A stored snapshot, or null when the text is not one (a bulletin recorded before snapshots). */
export function parseSnapshot(text: string): BulletinSnapshot | null {
  try {
    const value = JSON.parse(text) as Partial<BulletinSnapshot> | null
    if (value?.snapshot !== 1 || !Array.isArray(value.units) || !Array.isArray(value.clues)) return null
    if (!Array.isArray(value.targets)) return null
    return value as BulletinSnapshot
  } catch {
    // Not JSON (a row from before snapshots): no snapshot to compare against.
    return null
  }
}

const same = <T extends object>(a: T, b: T) =>
  Object.keys({ ...a, ...b }).every((k) => a[k as keyof T] === b[k as keyof T])
const NO_TASKS: TaskCounts = { assigned: 0, completed: 0, overdue: 0 }

/** The differences from `before` to `after`, in bulletin order: units, clues, county targets, 督办与征集. */
export function changesBetween(before: BulletinSnapshot, after: BulletinSnapshot): BulletinChange[] {
  const changes: BulletinChange[] = []
  const unitsBefore = new Map(before.units.map((u) => [u.key, u]))
  for (const u of after.units) {
    const was = unitsBefore.get(u.key)
    const fromStatus = was?.status ?? 'missing'
    if (fromStatus !== u.status)
      changes.push({ kind: 'status', unit: u.name, from: fromStatus, to: u.status })
    for (const [label, to] of Object.entries(u.values)) {
      const from = was?.values[label] ?? null
      if (from !== to) changes.push({ kind: 'value', unit: u.name, label, from, to })
    }
  }
  const cluesBefore = new Map(before.clues.map((c) => [c.key, c.counts]))
  for (const c of after.clues) {
    const from = cluesBefore.get(c.key) ?? { pushed: 0, closed: 0, overdue: 0 }
    if (!same(from, c.counts)) changes.push({ kind: 'clues', unit: c.name, from, to: c.counts })
  }
  const targetsBefore = new Map(before.targets.map((t) => [t.name, t.value]))
  for (const t of after.targets) {
    const from = targetsBefore.get(t.name) ?? null
    if (from !== t.value) changes.push({ kind: 'target', name: t.name, from, to: t.value })
  }
  if (before.tasks && after.tasks) {
    const tasksBefore = new Map(before.tasks.map((t) => [t.key, t.counts]))
    const keys = new Set(after.tasks.map((t) => t.key))
    // A unit that drops out of the section (nothing assigned, done or overdue now) counts as zeros.
    const gone = before.tasks.filter((t) => !keys.has(t.key)).map((t) => ({ ...t, counts: NO_TASKS }))
    for (const t of [...after.tasks, ...gone]) {
      const from = tasksBefore.get(t.key) ?? NO_TASKS
      if (!same(from, t.counts)) changes.push({ kind: 'tasks', unit: t.name, from, to: t.counts })
    }
  }
  if (before.collections && after.collections) {
    const collectionsBefore = new Map(before.collections.map((c) => [c.name, c.counts]))
    for (const c of after.collections) {
      const from = collectionsBefore.get(c.name)
      if (from && !same(from, c.counts))
        changes.push({ kind: 'collection', name: c.name, from, to: c.counts })
    }
  }
  return changes
}
