// liaisons list/bind/unbind, office add, contacts: who may use the bot, and who has written to it.

import { messages } from '../../prompts/messages.ts'
import { type Env, loadRoster } from '../config.ts'
import { systemClock } from '../domain/clock.ts'
import { findUnit } from '../domain/roster.ts'
import { cstTime } from '../services/status.ts'
import { audit, personLabel } from '../store/audit.ts'
import { type Db, writeTransaction } from '../store/db.ts'
import { contactsSeen, hasWritten } from '../store/inbound.ts'
import { bindPerson, findPersonByContact, listPeople, type Role, unbindPerson } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { type CliCommand, cliActor, need, UsageError } from './command.ts'

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
  config: Env,
  person: { contactId: string; name: string; role: Role; unitId: number | null },
  force: boolean,
): Promise<string> {
  const units = await listUnits(db)
  const roleOf = (p: { role: Role; unitId: number | null }) =>
    roleName(config, p.role, units.find((u) => u.id === p.unitId)?.name ?? '')
  const what = roleOf(person)
  const who = `${person.name}（${person.contactId}）`
  if (!force && !(await knownContact(db, person.contactId)))
    throw new UsageError(
      `联系人 ID「${person.contactId}」没有给机器人发过消息，也没有绑定过（npm run cli -- contacts 列出已知的联系人 ID）；确认无误请加 --force`,
    )
  return writeTransaction(db, async (tx) => {
    const before = await findPersonByContact(tx, person.contactId)
    if (
      before &&
      before.name === person.name &&
      before.role === person.role &&
      before.unitId === person.unitId
    )
      return `${who}已是${what}，未做修改`
    const replaced = before ? `${roleOf(before)} ${before.name}` : ''
    const now = systemClock.now()
    await bindPerson(tx, person, now)
    const detail = `设为${what}${replaced ? `，原为${replaced}` : ''}（命令行）`
    await audit(tx, { actor: cliActor(), action: 'bind', target: personLabel(person), detail, at: now })
    return `已将 ${who}设为${what}${replaced ? `（原为${replaced}）` : ''}`
  })
}

/** 「人民银行联络员」 / 「县联席办人员」, with the office's name from the roster, as in the chat. */
function roleName(config: Env, role: Role, unit: string): string {
  return messages.role(role, { office: loadRoster(config.ROSTER_FILE).office.name, unit })
}

export const BINDING_COMMANDS: Record<string, CliCommand> = {
  'liaisons list': {
    usage: 'liaisons list',
    summary: '列出已绑定的联络员和联席办人员',
    async run(db) {
      const units = await listUnits(db)
      const people = await listPeople(db)
      if (people.length === 0) return '还没有绑定任何人。'
      return people
        .map((p) => {
          const what = p.role === 'office' ? '联席办' : (units.find((u) => u.id === p.unitId)?.name ?? '?')
          return `${p.name}\t${what}\t${p.contactId ?? ''}`
        })
        .join('\n')
    },
  },
  'liaisons bind': {
    usage: 'liaisons bind --unit <单位> --contact <微信联系人ID> --name <姓名> [--force]',
    summary: '把一个微信联系人设为某单位联络员（ID 可用 contacts 命令查看）',
    details:
      '联系人原有的绑定被替换，输出说明原来的绑定。联系人 ID 必须给机器人发过消息或已绑定过，否则拒绝；\n确认 ID 无误（例如对方还没发过消息）时加 --force。',
    options: {
      unit: { type: 'string' },
      contact: { type: 'string' },
      name: { type: 'string' },
      force: { type: 'boolean' },
    },
    async run(db, { values }, config) {
      const unitName = need(values, 'unit')
      const unit = findUnit(await listUnits(db), unitName)
      if (!unit) throw new UsageError(`找不到单位「${unitName}」`)
      const person = { contactId: need(values, 'contact'), name: need(values, 'name') }
      return bindFromCli(db, config, { ...person, role: 'liaison', unitId: unit.id }, values.force === true)
    },
  },
  'liaisons unbind': {
    usage: 'liaisons unbind --contact <微信联系人ID>',
    summary: '取消一个联系人的联络员或联席办权限',
    options: { contact: { type: 'string' } },
    async run(db, { values }, config) {
      const contactId = need(values, 'contact')
      const units = await listUnits(db)
      const removed = await writeTransaction(db, async (tx) => {
        const now = systemClock.now()
        const person = await unbindPerson(tx, contactId)
        if (!person) return null
        const what = roleName(config, person.role, units.find((u) => u.id === person.unitId)?.name ?? '')
        await audit(tx, {
          actor: cliActor(),
          action: 'unbind',
          target: personLabel(person),
          detail: `取消${what}（命令行）`,
          at: now,
        })
        return person
      })
      if (!removed) throw new UsageError('该联系人没有绑定')
      return `已取消 ${removed.name} 的权限`
    },
  },
  'office add': {
    usage: 'office add --contact <微信联系人ID> --name <姓名> [--force]',
    summary: '把一个微信联系人设为联席办人员',
    details: '与 liaisons bind 相同：说明替换了哪个绑定；没见过的联系人 ID 需加 --force。',
    options: { contact: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' } },
    async run(db, { values }, config) {
      const person = { contactId: need(values, 'contact'), name: need(values, 'name') }
      return bindFromCli(db, config, { ...person, role: 'office', unitId: null }, values.force === true)
    },
  },
}

export const CONTACT_COMMANDS: Record<string, CliCommand> = {
  contacts: {
    usage: 'contacts',
    summary: '列出给机器人发过消息的联系人及其 ID（用于绑定）',
    async run(db) {
      const rows = await contactsSeen(db)
      if (rows.length === 0) return '还没有人给机器人发过消息。'
      return rows
        .map((r) => `${r.senderName}\t${r.senderId}\t最近 ${r.lastAt ? cstTime(r.lastAt) : ''}`)
        .join('\n')
    },
  },
}
