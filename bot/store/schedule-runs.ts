// Not on the hot path.
// Schedule slots: one row per (schedule, slot), the guarantee that each fires once.
import type { Db, Store } from './db.ts'

export type RunStatus = 'queued' | 'done' | 'skipped'

export interface RunRecord {
  key: string
  schedule: string
  slot: Date
  status: RunStatus
  /** When it was claimed: when the slot was first found due. */
  claimedAt: Date
}

/** Claims a slot; false if it was claimed before (by this or another process). */
export async function claimRun(
  db: Db,
  run: { key: string; schedule: string; slot: Date; status: RunStatus; note?: string },
  at: Date,
): Promise<boolean> {
  try {
    await db.scheduleRun.create({
      data: { ...run, createdAt: at, doneAt: run.status === 'queued' ? null : at },
    })
    return true
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return false
    throw err
  }
}

export async function loadRun(db: Store, key: string): Promise<RunRecord | null> {
  const row = await db.scheduleRun.findUnique({ where: { key } })
  return row
    ? {
        key: row.key,
        schedule: row.schedule,
        slot: row.slot,
        status: row.status as RunStatus,
        claimedAt: row.createdAt,
      }
    : null
}

/** Finishes a queued run; false if it was already finished (the effect must then not be written). */
export async function finishRun(tx: Store, key: string, status: 'done' | 'skipped', at: Date, note?: string) {
  const { count } = await tx.scheduleRun.updateMany({
    where: { key, status: 'queued' },
    data: { status, doneAt: at, note: note ?? null },
  })
  return count === 1
}

/** Runs claimed and not finished, oldest slot first. */
export async function queuedRuns(db: Db): Promise<{ key: string; slot: Date; claimedAt: Date }[]> {
  const rows = await db.scheduleRun.findMany({
    where: { status: 'queued' },
    orderBy: { slot: 'asc' },
    select: { key: true, slot: true, createdAt: true },
  })
  return rows.map((r) => ({ key: r.key, slot: r.slot, claimedAt: r.createdAt }))
}

/** Slots claimed and still waiting for their job. */
export function queuedRunCount(db: Store): Promise<number> {
  return db.scheduleRun.count({ where: { status: 'queued' } })
}
