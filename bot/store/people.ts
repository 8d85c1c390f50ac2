// People with rights: office staff and unit liaisons, bound to their WeChat contact.
import type { Db, Tx } from './db.ts'

export type Role = 'office' | 'liaison'

export interface PersonRecord {
  id: number
  contactId: string | null
  name: string
  role: Role
  unitId: number | null
}

export async function findPersonByContact(db: Db | Tx, contactId: string): Promise<PersonRecord | null> {
  const row = await db.person.findUnique({ where: { contactId } })
  return row ? { ...row, role: row.role as Role } : null
}

export async function listPeople(db: Db | Tx): Promise<PersonRecord[]> {
  const rows = await db.person.findMany({ orderBy: { id: 'asc' } })
  return rows.map((r) => ({ ...r, role: r.role as Role }))
}

/** Binds a contact to a role (and unit for a liaison), replacing any earlier binding of that contact. */
export async function bindPerson(
  db: Db | Tx,
  p: { contactId: string; name: string; role: Role; unitId: number | null },
  at: Date,
): Promise<PersonRecord> {
  const row = await db.person.upsert({
    where: { contactId: p.contactId },
    create: { ...p, createdAt: at },
    update: { name: p.name, role: p.role, unitId: p.unitId },
  })
  return { ...row, role: row.role as Role }
}

export async function unbindPerson(db: Db | Tx, contactId: string): Promise<PersonRecord | null> {
  const existing = await findPersonByContact(db, contactId)
  if (!existing) return null
  await db.person.delete({ where: { contactId } })
  return existing
}

export async function liaisonsOf(db: Db | Tx, unitId: number): Promise<PersonRecord[]> {
  const rows = await db.person.findMany({ where: { role: 'liaison', unitId }, orderBy: { id: 'asc' } })
  return rows.map((r) => ({ ...r, role: r.role as Role }))
}
