// Units and their forms as stored; the roster file seeds them and the office edits them later.
import type { FieldDef, UnitDef } from '../domain/roster.ts'
import { type Db, type Tx, writeTransaction } from './db.ts'

export interface UnitRecord extends UnitDef {
  id: number
}

type UnitRow = {
  id: number
  key: string
  name: string
  aliases: string
  duty: string
  clueKinds: string
  fields: string
}

function toRecord(row: UnitRow): UnitRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    duty: row.duty,
    clueKinds: JSON.parse(row.clueKinds) as string[],
    fields: JSON.parse(row.fields) as FieldDef[],
  }
}

export async function listUnits(db: Db | Tx): Promise<UnitRecord[]> {
  const rows = await db.unit.findMany({
    where: { active: true },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  })
  return rows.map(toRecord)
}

export interface SyncResult {
  added: string[]
  updated: string[]
  deactivated: string[]
}

/**
 * Makes the stored units match a roster: new units added, existing ones (by key) updated,
 * units missing from the roster deactivated (kept for their history, not deleted).
 */
export async function syncUnits(db: Db, units: readonly UnitDef[]): Promise<SyncResult> {
  return writeTransaction(db, async (tx) => {
    const existing = new Map((await tx.unit.findMany()).map((u) => [u.key, u]))
    const result: SyncResult = { added: [], updated: [], deactivated: [] }
    for (const [position, u] of units.entries()) {
      const data = {
        name: u.name,
        aliases: JSON.stringify(u.aliases),
        duty: u.duty,
        clueKinds: JSON.stringify(u.clueKinds),
        fields: JSON.stringify(u.fields),
        position,
        active: true,
      }
      const old = existing.get(u.key)
      if (!old) {
        await tx.unit.create({ data: { key: u.key, ...data } })
        result.added.push(u.name)
      } else if (Object.entries(data).some(([k, v]) => old[k as keyof typeof old] !== v)) {
        await tx.unit.update({ where: { key: u.key }, data })
        result.updated.push(u.name)
      }
    }
    const keys = new Set(units.map((u) => u.key))
    for (const old of existing.values()) {
      if (!keys.has(old.key) && old.active) {
        await tx.unit.update({ where: { id: old.id }, data: { active: false } })
        result.deactivated.push(old.name)
      }
    }
    return result
  })
}

/** Seeds the roster's units into an empty database; leaves an edited one alone. */
export async function seedUnitsIfEmpty(db: Db, units: readonly UnitDef[]): Promise<boolean> {
  if ((await db.unit.count()) > 0) return false
  await syncUnits(db, units)
  return true
}
