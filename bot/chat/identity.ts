// Identity that survives a re-login: the bot sets each bound person's remark (alias) on its own
// account to a tag of its own, `FZ-<person id> 名字` (with several offices, each office's key and
// id: `FZ-anping.12+wuyi.7 名字`), and after a login that gave everyone new ids
// (wechat4u) finds people again by it. Only the bot's account sets its remarks, so a look-alike
// cannot take the tag. Where the puppet cannot set remarks (or the person is no friend of the
// account), nothing is tagged and 确认换号 stays the way.
import type { Contact, Wechaty } from 'wechaty'
import type { Logger } from '../log.ts'
import type { Db } from '../store/db.ts'
import { changeContactId, listPeople } from '../store/people.ts'

/** One person a tag names: their id in an office's record (the office's key with several offices). */
export interface TaggedId {
  office?: string
  personId: number
}

/** The offices whose people are tagged: one, or several sharing this WeChat account. */
export interface IdentityOffice {
  /** Given with several offices: the tag then names the office of each id. */
  key?: string
  db: Db
}

const TAG = /^FZ-([a-z0-9_.+]+)(?:\s|$)/
const ID = /^(?:([a-z0-9_]+)\.)?(\d+)$/

/**
 * `FZ-12 王芳` for one office; with several, each office the contact is bound in with its id:
 * `FZ-anping.12+wuyi.7 张双`.
 */
export const identityTag = (ids: readonly TaggedId[], name: string) =>
  `FZ-${ids.map((i) => (i.office ? `${i.office}.${i.personId}` : String(i.personId))).join('+')} ${name}`

/** The people a remark tags, if it is one of the bot's tags. */
export function taggedIds(alias: string | undefined | null): TaggedId[] {
  const m = TAG.exec(alias ?? '')
  if (!m) return []
  const ids: TaggedId[] = []
  for (const part of (m[1] as string).split('+')) {
    const id = ID.exec(part)
    if (!id) return []
    ids.push({ ...(id[1] ? { office: id[1] } : {}), personId: Number(id[2]) })
  }
  return ids
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
 * Moves each tagged person's rights to the contact carrying their tag (in each office the tag
 * names), then tags every bound contact not tagged as it should be. Returns how many were found
 * again and how many tagged.
 */
export async function syncIdentities(
  bot: Wechaty,
  offices: readonly IdentityOffice[],
  log: Logger,
): Promise<{ found: number; tagged: number }> {
  const contacts = (await bot.Contact.findAll()).filter((c) => c.id !== bot.currentUser.id)
  const bound = await Promise.all(
    offices.map(async (office) => {
      const people = await listPeople(office.db)
      return { office, people, contactOf: new Map(people.map((p) => [p.id, p.contactId])) }
    }),
  )
  let found = 0
  let tagged = 0
  const aliases = new Map<string, string>()
  for (const contact of contacts) {
    const alias = await aliasOf(contact)
    aliases.set(contact.id, alias)
    for (const { office, personId } of taggedIds(alias)) {
      const record = bound.find((b) => b.office.key === office)
      if (!record?.contactOf.has(personId) || record.contactOf.get(personId) === contact.id) continue
      await changeContactId(record.office.db, personId, contact.id)
      record.contactOf.set(personId, contact.id)
      found++
    }
  }
  for (const contact of contacts) {
    const mine = bound.flatMap(({ office, people, contactOf }) =>
      people
        .filter((p) => contactOf.get(p.id) === contact.id)
        .map((p) => ({ office: office.key, person: p })),
    )
    const first = mine[0]
    if (!first) continue
    const tag = identityTag(
      mine.map((m) => ({ ...(m.office ? { office: m.office } : {}), personId: m.person.id })),
      first.person.name,
    )
    if (aliases.get(contact.id) === tag) continue
    try {
      // Wechaty reports a refused remark only as an error event: the remark is read back.
      await contact.alias(tag)
      if ((await contact.alias()) === tag) tagged++
    } catch (err) {
      const personIds = mine.map((m) => m.person.id)
      log.debug({ personIds, err: (err as Error).message }, 'could not set the remark')
    }
  }
  if (found || tagged) log.info({ found, tagged }, 'identities synchronised by remark')
  return { found, tagged }
}
