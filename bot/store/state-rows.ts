// ServiceState rows with their times, for what needs more than readState/writeState
// (service-state.ts): a value's age, several keys at once, a row written or dropped inside a
// transaction. Not on the hot path.
import type { Store, Tx } from './db.ts'

export interface StateEntry {
  value: string
  updatedAt: Date
}

export async function stateEntry(db: Store, key: string): Promise<StateEntry | null> {
  const row = await db.serviceState.findUnique({ where: { key } })
  return row ? { value: row.value, updatedAt: row.updatedAt } : null
}

/** The rows of those keys that exist, keyed by key. */
export async function stateEntries(db: Store, keys: readonly string[]): Promise<Map<string, StateEntry>> {
  const rows = await db.serviceState.findMany({ where: { key: { in: [...keys] } } })
  return new Map(rows.map((r) => [r.key, { value: r.value, updatedAt: r.updatedAt }]))
}

export async function putStateEntry(tx: Tx, key: string, value: string, at: Date): Promise<void> {
  await tx.serviceState.upsert({
    where: { key },
    create: { key, value, updatedAt: at },
    update: { value, updatedAt: at },
  })
}

export async function dropStateEntry(tx: Tx, key: string): Promise<void> {
  await tx.serviceState.delete({ where: { key } })
}
