// Identity that survives a re-login: the bot sets each bound person's remark (alias) on its own
// account to a tag of its own, `FZ-<person id> 名字`, and after a login that gave everyone new ids
// (wechat4u) finds people again by it. Only the bot's account sets its remarks, so a look-alike
// cannot take the tag. Where the puppet cannot set remarks (or the person is no friend of the
// account), nothing is tagged and 确认换号 stays the way.
import type { Contact, Wechaty } from 'wechaty'
import type { Logger } from '../log.ts'
import type { Db } from '../store/db.ts'
import { changeContactId, listPeople } from '../store/people.ts'

const TAG = /^FZ-(\d+)(?:\s|$)/

export const identityTag = (personId: number, name: string) => `FZ-${personId} ${name}`

/** The person id a remark tags, if it is one of the bot's tags. */
export function taggedPersonId(alias: string | undefined | null): number | undefined {
  const m = TAG.exec(alias ?? '')
  return m ? Number(m[1]) : undefined
}

// The puppet-service client keeps contact payloads on disk (~/.wechaty): read the remark afresh.
async function aliasOf(contact: Contact): Promise<string> {
  try {
    await contact.sync()
    return (await contact.alias()) ?? ''
  } catch {
    // The contact is gone or the puppet cannot sync it now: no remark, the name alone identifies.
    return ''
  }
}

/**
 * Moves each tagged person's rights to the contact carrying their tag, then tags every bound person
 * whose contact is not tagged yet. Returns how many were found again and how many tagged.
 */
export async function syncIdentities(
  bot: Wechaty,
  db: Db,
  log: Logger,
): Promise<{ found: number; tagged: number }> {
  const contacts = (await bot.Contact.findAll()).filter((c) => c.id !== bot.currentUser.id)
  const people = await listPeople(db)
  const contactOf = new Map(people.map((p) => [p.id, p.contactId]))
  let found = 0
  let tagged = 0
  const aliases = new Map<string, string>()
  for (const contact of contacts) {
    const alias = await aliasOf(contact)
    aliases.set(contact.id, alias)
    const person = people.find((p) => p.id === taggedPersonId(alias))
    if (person && contactOf.get(person.id) !== contact.id) {
      await changeContactId(db, person.id, contact.id)
      contactOf.set(person.id, contact.id)
      found++
    }
  }
  for (const person of people) {
    const contact = contacts.find((c) => c.id === contactOf.get(person.id))
    const tag = identityTag(person.id, person.name)
    if (!contact || aliases.get(contact.id) === tag) continue
    try {
      // Wechaty reports a refused remark only as an error event: the remark is read back.
      await contact.alias(tag)
      if ((await contact.alias()) === tag) tagged++
    } catch (err) {
      log.debug({ personId: person.id, err: (err as Error).message }, 'could not set the remark')
    }
  }
  if (found || tagged) log.info({ found, tagged }, 'identities synchronised by remark')
  return { found, tagged }
}
