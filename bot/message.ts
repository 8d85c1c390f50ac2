// The flow of one stored message, inside the transaction it is handled in: who it addresses, who
// sent it, which command (or dialogue) it is, what that command writes, the handled mark, and the
// replies as outbound rows. When a message cannot be handled, `failMessage` is its one answer.
// How messages get here (stored first, in arrival order, recovered after a crash): pipeline.ts;
// the transactions they run in: executor.ts.
import { messages } from '../prompts/messages.ts'
import { findCommand } from './commands/index.ts'
import { routeToDialogue } from './commands/report-guided.ts'
import { type CommandContext, reply, type Sender } from './commands/types.ts'
import { type Contact, readAddressing } from './domain/addressing.ts'
import type { OfficeRef } from './domain/office.ts'
import { afterOfficeWord, officeOf } from './domain/office-names.ts'
import type { Roster } from './domain/roster-types.ts'
import { normalizeText, writtenIn } from './domain/text.ts'
import type { Logger } from './log.ts'
import { reportFailure } from './services/failed-message.ts'
import { askToConfirmNewId } from './services/rebind.ts'
import type { SubOffice } from './services/sub-office.ts'
import type { Tx } from './store/db.ts'
import { type InboundRecord, loadInbound, markHandled } from './store/inbound.ts'
import { insertOutbound, type OutboundDraft } from './store/outbound.ts'
import { findPersonByContact, listPeople } from './store/people.ts'
import { listUnits, type UnitRecord } from './store/units.ts'

/** A command longer than this is refused, not handled (a month's report is under 2,000). */
export const MAX_COMMAND_CHARS = 8_000

export interface MessageDeps {
  roster: Roster
  roomTopic: string
  log: Logger
  /** The bot's own account once logged in (a mention of it addresses the bot). */
  self?: () => Contact | undefined
  /** The office the messages are handled for; without it, the roster's (today's one county). */
  office?: OfficeRef
  /** The offices under it (a city's counties); none without. */
  subOffices?: readonly SubOffice[]
  /**
   * With several offices: words naming this office, which a private message may begin with
   * (「安平 进度」, the answer to "which office?"); the command is the rest.
   */
  officeWords?: readonly string[]
}

/** A stored message to handle: its row id, and its record when the receiver has it (not read back). */
export interface Stored {
  id: number
  known?: InboundRecord
}

/** What handling wrote: the command's name (none for chatter) and the outbound rows to send. */
export interface Handled {
  command?: string
  outbound: number[]
}

/** Handles one stored message; null when there was nothing to do (gone, or handled before). */
export async function handleMessage(
  tx: Tx,
  deps: MessageDeps,
  stored: Stored,
  now: Date,
): Promise<Handled | null> {
  const inbound = stored.known ?? (await loadInbound(tx, stored.id))
  if (!inbound || ('handled' in inbound && inbound.handled)) return null

  // Addressing: a mention of the bot (or a quote of it) and the command text without it.
  const addressing = readAddressing(normalizeText(inbound.text), {
    self: deps.self?.(),
    mentions: inbound.mentions,
  })
  const { mentioned, quoted } = addressing
  const named =
    inbound.chat === 'dm' && deps.officeWords ? afterOfficeWord(addressing.text, deps.officeWords) : undefined
  const text = named ?? addressing.text
  const addressed = mentioned || (inbound.chat === 'dm' && text !== '')

  // The sender, by contact id (never by name), and the command: a dialogue open privately wins.
  const units = await listUnits(tx)
  const sender = await identify(tx, inbound, units)
  const ctx = commandContext(tx, deps, inbound, sender, units, now, text, quoted)
  const command = await routeToDialogue(
    tx,
    { inbound, sender, now },
    findCommand(text, { fileName: inbound.fileName, quoted, senderUnit: sender.unit, units }),
  )
  // Private chats are acted on only with known people; the group ignores chatter.
  const ignored = inbound.chat === 'dm' && sender.role === 'member'

  // The command's records, and its replies as drafts.
  const drafts: OutboundDraft[] = []
  // In characters, not UTF-16 units (counted only when the units say it could be too long).
  const length = text.length > MAX_COMMAND_CHARS ? [...text].length : text.length
  if (!ignored && command && length > MAX_COMMAND_CHARS)
    drafts.push(reply(ctx, messages.textTooLong({ length, limit: MAX_COMMAND_CHARS })))
  else if (!ignored && command) drafts.push(...(await command.run(ctx)))
  // Addressed and no command: one hint naming 帮助, never silence.
  else if (!ignored && addressed) drafts.push(reply(ctx, messages.unknownCommand()))
  // An unknown id with a bound person's name (a re-login changed it): the office confirms first.
  if (!sender.person && inbound.chat === 'room')
    drafts.push(...(await askToConfirmNewId(tx, { inbound, people: await listPeople(tx), units, now })))

  // The handled mark, then the replies as outbound rows (sent once the transaction commits).
  if (!(await markHandled(tx, inbound.id, command && !ignored ? 'handled' : 'ignored', now))) return null
  return { command: command?.name, outbound: await insertOutbound(tx, drafts, now, inbound.id) }
}

/**
 * The one answer to a message that could not be handled — its command threw, outlasted its
 * transaction, or killed the process at two starts (poison): marked failed, one apology to the
 * sender, and a private report to the office. Runs in a transaction of its own, after the failed
 * one rolled back (nothing of the command is kept). Empty if the message was handled meanwhile.
 */
export async function failMessage(
  tx: Tx,
  deps: MessageDeps,
  id: number,
  why: 'error' | 'poison',
  now: Date,
): Promise<number[]> {
  const inbound = await loadInbound(tx, id)
  if (!inbound || inbound.handled) return []
  if (!(await markHandled(tx, id, 'failed', now))) return []
  const units = await listUnits(tx)
  const sender = await identify(tx, inbound, units)
  const ctx = commandContext(tx, deps, inbound, sender, units, now, inbound.text)
  const answer = reply(ctx, why === 'poison' ? messages.messageGivenUp() : messages.apology())
  return insertOutbound(tx, [answer, ...(await reportFailure(tx, inbound, why))], now, id)
}

async function identify(tx: Tx, inbound: InboundRecord, units: UnitRecord[]): Promise<Sender> {
  const person = await findPersonByContact(tx, inbound.senderId)
  const base = { contactId: inbound.senderId, name: inbound.senderName }
  if (!person) return { ...base, role: 'member' }
  if (person.role === 'office') return { ...base, role: 'office', person }
  const unit = units.find((u) => u.id === person.unitId)
  return unit ? { ...base, role: 'liaison', person, unit } : { ...base, role: 'member', person }
}

function commandContext(
  tx: Tx,
  deps: MessageDeps,
  inbound: InboundRecord,
  sender: Sender,
  units: UnitRecord[],
  now: Date,
  text: string,
  quoted?: string,
): CommandContext {
  const { roster, roomTopic, log } = deps
  return {
    office: deps.office ?? officeOf(roster),
    subOffices: deps.subOffices ?? [],
    tx,
    now,
    text,
    written: writtenIn(inbound.text),
    quoted,
    inbound,
    sender,
    units,
    roster,
    roomTopic,
    log,
  }
}
