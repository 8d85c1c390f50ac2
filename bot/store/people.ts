// Hot path: read on every inbound message (a prepared statement behind a cache); writes are not.
// People with rights: office staff and unit liaisons, bound to their WeChat contact.
// Read on every inbound message, so read from a cache that the roster version keeps current
// (units.ts); every write here bumps that version in its own transaction.
import { type Store, writeTransaction } from './db.ts'
import { readDate } from './sql.ts'
import { bumpRosterVersion, deepFreeze, rosterCache } from './units.ts'

export type Role = 'office' | 'liaison'

export interface PersonRecord {
  id: number
  contactId: string | null
  name: string
  role: Role
  unitId: number | null
}

type PersonRow = Omit<PersonRecord, 'role'> & { role: string; createdAt: string }

const everyone = rosterCache(async (sql) => {
  const rows = await sql.all<PersonRow>(
    `SELECT "id", "contactId", "name", "role", "unitId", "createdAt" FROM "Person" ORDER BY "id" ASC`,
  )
  const list = rows.map((r) =>
    deepFreeze({ ...r, role: r.role as Role, createdAt: readDate(r.createdAt) as Date }),
  )
  const byContact = new Map(list.flatMap((p) => (p.contactId === null ? [] : [[p.contactId, p] as const])))
  return { list, byContact }
})

export async function findPersonByContact(db: Store, contactId: string): Promise<PersonRecord | null> {
  return (await everyone(db)).byContact.get(contactId) ?? null
}

/** Everyone, by id (records are frozen and shared; the array is the caller's). */
export async function listPeople(db: Store): Promise<PersonRecord[]> {
  return [...(await everyone(db)).list]
}

/** Binds a contact to a role (and unit for a liaison), replacing any earlier binding of that contact. */
export async function bindPerson(
  db: Store,
  p: { contactId: string; name: string; role: Role; unitId: number | null },
  at: Date,
): Promise<PersonRecord> {
  const bind = async (tx: Store) => {
    const row = await tx.person.upsert({
      where: { contactId: p.contactId },
      create: { ...p, createdAt: at },
      update: { name: p.name, role: p.role, unitId: p.unitId },
    })
    await bumpRosterVersion(tx, at)
    return { ...row, role: row.role as Role }
  }
  return inTransaction(db, bind)
}

export async function unbindPerson(db: Store, contactId: string): Promise<PersonRecord | null> {
  const existing = await findPersonByContact(db, contactId)
  if (!existing) return null
  await inTransaction(db, async (tx) => {
    await tx.person.delete({ where: { contactId } })
    await bumpRosterVersion(tx)
  })
  return { ...existing }
}

/** Moves a person's rights to a new contact id (a stale binding of that id gives way). */
export async function changeContactId(db: Store, personId: number, contactId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.person.deleteMany({ where: { contactId, NOT: { id: personId } } })
    await tx.person.update({ where: { id: personId }, data: { contactId } })
    await bumpRosterVersion(tx)
  })
}

export async function liaisonsOf(db: Store, unitId: number): Promise<PersonRecord[]> {
  return (await everyone(db)).list.filter((p) => p.role === 'liaison' && p.unitId === unitId)
}

/** The write and the version bump commit together: in the caller's transaction, or in one of their own. */
function inTransaction<T>(db: Store, fn: (tx: Store) => Promise<T>): Promise<T> {
  return '$transaction' in db ? writeTransaction(db, fn) : fn(db)
}
