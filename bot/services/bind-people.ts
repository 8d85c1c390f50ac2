// Binds a cast of people at once: each with a unit becomes its liaison, the office role the
// office, the rest stay ordinary members. The simulator's scenario people and the tests' people
// are bound by this one function.
import { findUnit } from '../domain/roster.ts'
import type { Store } from '../store/db.ts'
import { bindPerson } from '../store/people.ts'
import { listUnits } from '../store/units.ts'

export interface PersonToBind {
  /** The WeChat contact id. */
  id: string
  name: string
  /** A unit's name or alias, as the roster knows it. */
  unit?: string
  role?: 'office'
}

/** Throws on a unit the roster does not know (a typo would otherwise leave a liaison unbound). */
export async function bindPeople(db: Store, people: readonly PersonToBind[], now: Date): Promise<void> {
  const units = await listUnits(db)
  for (const p of people) {
    const unit = p.unit ? findUnit(units, p.unit) : undefined
    if (p.unit && !unit) throw new Error(`unknown unit 「${p.unit}」 for ${p.name}`)
    if (p.role !== 'office' && !unit) continue
    await bindPerson(
      db,
      { contactId: p.id, name: p.name, role: unit ? 'liaison' : 'office', unitId: unit?.id ?? null },
      now,
    )
  }
}
