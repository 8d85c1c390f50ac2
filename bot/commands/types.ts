// What a chat command sees and returns. Commands never call Wechaty: they return outbound drafts.
import type { OfficeRef } from '../domain/office.ts'
import type { Roster } from '../domain/roster-types.ts'
import type { Logger } from '../log.ts'
import type { SubOffice } from '../services/sub-office.ts'
import type { Tx } from '../store/db.ts'
import type { InboundRecord } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'
import type { UnitRecord } from '../store/units.ts'

export type SenderRole = 'office' | 'liaison' | 'member'

export interface Sender {
  contactId: string
  name: string
  role: SenderRole
  person?: PersonRecord
  /** The liaison's unit. */
  unit?: UnitRecord
}

export interface CommandContext {
  tx: Tx
  now: Date
  /** The message text, normalized (half-width, no invisible characters), trimmed. */
  text: string
  /** A value read from `text`, as the person wrote it (for free text that is stored). */
  written(value: string): string
  /** The bot's own message this one replies to by quoting it. */
  quoted?: string
  inbound: InboundRecord
  sender: Sender
  units: UnitRecord[]
  roster: Roster
  roomTopic: string
  /** The office this message is handled for. */
  office: OfficeRef
  /** The offices under it (a city's counties), each with its own store; empty for a county. */
  subOffices: readonly SubOffice[]
  /** Details a reply leaves out (a library's error) go here. */
  log?: Logger
}

/**
 * What a command is chosen by: the text, a file's name, the bot's message it quotes, and the
 * sender's unit (a liaison's figures are a report without a marker) among the units.
 */
export type CommandInput = Pick<InboundRecord, 'fileName'> & {
  quoted?: string
  senderUnit?: UnitRecord
  units?: readonly UnitRecord[]
}

export interface Command {
  name: string
  matches(text: string, inbound: CommandInput): boolean
  run(ctx: CommandContext): Promise<OutboundDraft[]>
}

/** A reply in the chat the message came from: @-mentioning the sender in the group, or privately. */
export function reply(ctx: CommandContext, text: string): OutboundDraft {
  const { inbound } = ctx
  if (inbound.chat === 'room') {
    return {
      to: { chat: 'room', roomTopic: inbound.roomTopic ?? ctx.roomTopic },
      text,
      mentions: [{ id: inbound.senderId, name: inbound.senderName }],
    }
  }
  return { to: { chat: 'dm', contactId: inbound.senderId, name: inbound.senderName }, text }
}

/** Matches "word" or "word <args>" at the start of a message. */
export function startsWithWord(text: string, words: readonly string[]): string | undefined {
  for (const word of words) {
    if (text === word) return ''
    if (text.startsWith(word) && /^[\s:]/.test(text.slice(word.length))) return text.slice(word.length).trim()
  }
  return undefined
}
