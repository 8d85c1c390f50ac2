// liaisons list/bind/unbind, office add, contacts: who may use the bot, and who has written to it.

import { messages } from '../../prompts/messages.ts'
import { systemClock } from '../domain/clock.ts'
import { findUnit } from '../domain/roster.ts'
import type { Roster } from '../domain/roster-types.ts'
import { cstTime } from '../services/status.ts'
import { audit, personLabel } from '../store/audit.ts'
import { type Db, writeTransaction } from '../store/db.ts'
import { contactsSeen, hasWritten } from '../store/inbound.ts'
import { bindPerson, findPersonByContact, listPeople, type Role, unbindPerson } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { type CliCommand, cliActor, need, UsageError } from './command.ts'

const t = messages.cliPeople

/** A contact the bot knows: one that wrote to it, or one bound already. */
async function knownContact(db: Db, contactId: string): Promise<boolean> {
  if (await findPersonByContact(db, contactId)) return true
  return hasWritten(db, contactId)
}

/**
 * Binds the contact to its role with its audit row, in one transaction, and says what changed: a
 * new binding, the one it replaced, or nothing when it was already so. An id the bot has never
 * seen is refused without --force (a typo would give rights to nobody, or to a stranger later).
 */
async function bindFromCli(
  db: Db,
  roster: Roster,
  person: { contactId: string; name: string; role: Role; unitId: number | null },
  force: boolean,
): Promise<string> {
  const units = await listUnits(db)
  const roleOf = (p: { role: Role; unitId: number | null }) =>
    roleName(roster, p.role, units.find((u) => u.id === p.unitId)?.name ?? '')
  const what = roleOf(person)
  const who = t('who', { name: person.name, contact: person.contactId })
  if (!force && !(await knownContact(db, person.contactId)))
    throw new UsageError(t('unknown_contact', { contact: person.contactId }))
  return writeTransaction(db, async (tx) => {
    const before = await findPersonByContact(tx, person.contactId)
    if (
      before &&
      before.name === person.name &&
      before.role === person.role &&
      before.unitId === person.unitId
    )
      return t('unchanged', { who, what })
    const replaced = before ? `${roleOf(before)} ${before.name}` : ''
    const now = systemClock.now()
    await bindPerson(tx, person, now)
    const detail = t('bind_detail', {
      what,
      replaced: replaced ? t('bind_detail_replaced', { before: replaced }) : '',
    })
    await audit(tx, { actor: cliActor(), action: 'bind', target: personLabel(person), detail, at: now })
    return t('bound', { who, what, replaced: replaced ? t('bound_replaced', { before: replaced }) : '' })
  })
}

/** 「人民银行联络员」 / 「县联席办人员」, with the office's name from the roster, as in the chat. */
function roleName(roster: Roster, role: Role, unit: string): string {
  return messages.role(role, { office: roster.office.name, unit })
}

export const BINDING_COMMANDS: Record<string, CliCommand> = {
  'liaisons list': {
    usage: 'liaisons list',
    summary: t('list_summary'),
    async run(db) {
      const units = await listUnits(db)
      const people = await listPeople(db)
      if (people.length === 0) return t('list_none')
      return people
        .map((p) => {
          const what = p.role === 'office' ? t('office') : (units.find((u) => u.id === p.unitId)?.name ?? '?')
          return `${p.name}\t${what}\t${p.contactId ?? ''}`
        })
        .join('\n')
    },
  },
  'liaisons bind': {
    usage: t('bind_usage'),
    summary: t('bind_summary'),
    details: t('bind_details'),
    options: {
      unit: { type: 'string' },
      contact: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean' },
    },
    async run(db, { values }, _config, roster) {
      const unitName = need(values, 'unit')
      const unit = findUnit(await listUnits(db), unitName)
      if (!unit) throw new UsageError(t('unit_not_found', { unit: unitName }))
      const person = { contactId: need(values, 'contact'), name: need(values, 'name') }
      return bindFromCli(db, roster, { ...person, role: 'liaison', unitId: unit.id }, values.force === true)
    },
  },
  'liaisons unbind': {
    usage: t('unbind_usage'),
    summary: t('unbind_summary'),
    options: { contact: { type: 'string' } },
    async run(db, { values }, _config, roster) {
      const contactId = need(values, 'contact')
      const units = await listUnits(db)
      const removed = await writeTransaction(db, async (tx) => {
        const now = systemClock.now()
        const person = await unbindPerson(tx, contactId)
        if (!person) return null
        const what = roleName(roster, person.role, units.find((u) => u.id === person.unitId)?.name ?? '')
        await audit(tx, {
          actor: cliActor(),
          action: 'unbind',
          target: personLabel(person),
          detail: t('unbind_detail', { what }),
          at: now,
        })
        return person
      })
      if (!removed) throw new UsageError(t('not_bound'))
      return t('unbound', { name: removed.name })
    },
  },
  'office add': {
    usage: t('office_usage'),
    summary: t('office_summary'),
    details: t('office_details'),
    options: { contact: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' } },
    async run(db, { values }, _config, roster) {
      const person = { contactId: need(values, 'contact'), name: need(values, 'name') }
      return bindFromCli(db, roster, { ...person, role: 'office', unitId: null }, values.force === true)
    },
  },
}

export const CONTACT_COMMANDS: Record<string, CliCommand> = {
  contacts: {
    usage: 'contacts',
    summary: t('contacts_summary'),
    async run(db) {
      const rows = await contactsSeen(db)
      if (rows.length === 0) return t('contacts_none')
      return rows
        .map(
          (r) =>
            `${r.senderName}\t${r.senderId}\t${t('contact_last', { at: r.lastAt ? cstTime(r.lastAt) : '' })}`,
        )
        .join('\n')
    },
  },
}
