// Hot path: the units cache and the roster version are read on every inbound message; edits are not.
// Units and their forms as stored; the roster file seeds them and the office edits them later.
import { randomBytes } from 'node:crypto'
import type { FieldDef, UnitDef } from '../domain/roster.ts'
import { type Db, type Store, type Tx, writeTransaction } from './db.ts'
import { STATE_KEYS } from './service-state.ts'
import { dbDate, engineOf, lockedMemo, type Sql, sqlOf } from './sql.ts'

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
  return deepFreeze({
    id: row.id,
    key: row.key,
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    duty: row.duty,
    clues: JSON.parse(row.clueKinds) as string[],
    fields: JSON.parse(row.fields) as FieldDef[],
  })
}

/** Cached records are shared by every caller: frozen, so that none can change them for the others. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// The roster version: units and people are read on every inbound message, so they are cached per
// connection and re-read only when this ServiceState row changed. Every write to Unit or Person
// (applyUnits here, the writes of people.ts; in any process: the CLI writes from another one) sets
// it to a new random token in the same transaction. A token is never reused, so one set by a
// transaction that rolled back cannot be mistaken for a committed state. A new writer of either
// table must call bumpRosterVersion too (a hand edit with the sqlite3 shell is seen on restart).

export const ROSTER_VERSION_KEY = STATE_KEYS.rosterVersion

/**
 * The key of the version a transaction holding the write lock read (lockedMemo): only it can
 * change the version then, so the messages sharing one transaction read it once, not once per
 * message and cache.
 */
const VERSION_READ = {}

/** Marks units or people as changed; call in the transaction that changed them. */
export async function bumpRosterVersion(tx: Store, at = new Date()): Promise<void> {
  lockedMemo(tx)?.delete(VERSION_READ)
  await sqlOf(tx).run(
    `INSERT INTO "ServiceState" ("key", "value", "updatedAt") VALUES (?, ?, ?)
     ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`,
    ROSTER_VERSION_KEY,
    randomBytes(8).toString('hex'),
    dbDate(at),
  )
}

/** The current token ('' before the first write). */
async function rosterVersion(client: Store): Promise<string> {
  const held = lockedMemo(client)
  const known = held?.get(VERSION_READ) as string | undefined
  if (known !== undefined) return known
  const row = await sqlOf(client).get<{ value: string }>(
    `SELECT "value" FROM "ServiceState" WHERE "key" = ?`,
    ROSTER_VERSION_KEY,
  )
  const version = row?.value ?? ''
  held?.set(VERSION_READ, version)
  return version
}

/** A value derived from the stored roster, recomputed only when the roster version changed. */
export function rosterCache<T>(load: (sql: Sql) => Promise<T>): (client: Store) => Promise<T> {
  const owner = {}
  return async (client) => {
    const sql = sqlOf(client)
    const { memo } = engineOf(client)
    // Version first: rows read after it are at least as new, so a change in between only causes
    // one more reload, never a stale cache.
    const version = await rosterVersion(client)
    const hit = memo.get(owner) as { version: string; value: T } | undefined
    if (hit && hit.version === version) return hit.value
    const value = await load(sql)
    memo.set(owner, { version, value })
    return value
  }
}

const activeUnits = rosterCache(async (sql) =>
  (
    await sql.all<UnitRow>(
      `SELECT "id", "key", "name", "aliases", "duty", "clueKinds", "fields" FROM "Unit"
       WHERE "active" ORDER BY "position" ASC, "id" ASC`,
    )
  ).map(toRecord),
)

/** Active units in roster order (records are frozen and shared; the array is the caller's). */
export async function listUnits(db: Store): Promise<UnitRecord[]> {
  return [...(await activeUnits(db))]
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
export function syncUnits(db: Db, units: readonly UnitDef[]): Promise<SyncResult> {
  return writeTransaction(db, (tx) => applyUnits(tx, units))
}

/** syncUnits inside the caller's transaction (to write its audit row, or more, with it). */
export async function applyUnits(tx: Tx, units: readonly UnitDef[]): Promise<SyncResult> {
  const existing = new Map((await tx.unit.findMany()).map((u) => [u.key, u]))
  const result: SyncResult = { added: [], updated: [], deactivated: [] }
  for (const [position, u] of units.entries()) {
    const data = {
      name: u.name,
      aliases: JSON.stringify(u.aliases),
      duty: u.duty,
      clueKinds: JSON.stringify(u.clues),
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
  if (result.added.length + result.updated.length + result.deactivated.length > 0) await bumpRosterVersion(tx)
  return result
}

/** Deactivated units (kept for their history), with the place they had in the roster. */
export async function listRetiredUnits(db: Store): Promise<(UnitRecord & { position: number })[]> {
  const rows = await db.unit.findMany({
    where: { active: false },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  })
  return rows.map((row) => ({ ...toRecord(row), position: row.position }))
}

/** Seeds the roster's units into an empty database; leaves an edited one alone. */
export async function seedUnitsIfEmpty(db: Db, units: readonly UnitDef[]): Promise<boolean> {
  if ((await db.unit.count()) > 0) return false
  await syncUnits(db, units)
  return true
}

/** Every unit, active or not, in roster order, with its form (exports: old records name old units too). */
export async function allUnitForms(db: Store): Promise<{ id: number; name: string; fields: FieldDef[] }[]> {
  const rows = await db.unit.findMany({
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, fields: true },
  })
  return rows.map((r) => ({ ...r, fields: JSON.parse(r.fields) as FieldDef[] }))
}
