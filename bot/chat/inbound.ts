// Turning a Wechaty Message into a small typed inbound draft; the only reader of Message objects.

import type { Message, Room, Wechaty } from 'wechaty'
import type { Clock } from '../domain/clock.ts'
import type { UnreadableKind } from '../domain/message-kind.ts'
import type { InboundDraft } from '../store/inbound.ts'
import { readFileCapped } from './file-bytes.ts'

/** Messages older than this after a (re)login are replays of history, not new requests. */
const MAX_AGE_SECONDS = 300

/**
 * What kind of message it is, as far as the bot cares: text and files (pictures included) go to the
 * commands; kinds it cannot read are answered by services/unreadable-message.ts; a recall withdraws
 * what the recalled message did (services/recall.ts).
 */
export type InboundKind =
  | { kind: 'text' }
  | { kind: 'unreadable'; what: UnreadableKind }
  | { kind: 'recalled'; originalId: string }

function kindOf(bot: Wechaty, message: Message): InboundKind {
  const T = bot.Message.Type
  switch (message.type()) {
    case T.Text:
    case T.Attachment:
    case T.Image:
    case T.Unknown:
      return { kind: 'text' }
    case T.Recalled:
      return { kind: 'recalled', originalId: message.text() ?? '' }
    case T.Audio:
      return { kind: 'unreadable', what: 'voice' }
    case T.Emoticon:
      return { kind: 'unreadable', what: 'emoticon' }
    case T.Url:
      return { kind: 'unreadable', what: 'link' }
    case T.MiniProgram:
      return { kind: 'unreadable', what: 'miniprogram' }
    case T.Video:
      return { kind: 'unreadable', what: 'video' }
    default:
      return { kind: 'unreadable', what: 'other' }
  }
}

export interface InboundFilter {
  /** Whether the bot acts on messages from this room (the liaison room, by id). */
  actsOn(room: Room, text: string, talkerId: string): Promise<boolean>
}

/**
 * Returns the draft to persist, or undefined for what the bot must not see: its own messages and
 * replayed old ones. `actOn` is false for a room other than the liaison room (stored, not acted on).
 */
export async function toInboundDraft(
  bot: Wechaty,
  message: Message,
  clock: Clock,
  filter: InboundFilter,
  /** A file bigger than this is not loaded (see file-bytes.ts). */
  maxFileBytes = Number.POSITIVE_INFINITY,
): Promise<{ draft: InboundDraft; actOn: boolean; kind: InboundKind } | undefined> {
  if (message.self() || message.age() > MAX_AGE_SECONDS) return undefined
  const room = message.room()
  const topic = room ? await room.topic() : null
  const talker = message.talker()
  const actOn = room ? await filter.actsOn(room, message.text() ?? '', talker.id) : true
  const mentions = room ? (await message.mentionList()).map((c) => ({ id: c.id, name: c.name() })) : []
  let fileName: string | null = null
  let fileData: Uint8Array | null = null
  let fileSize: number | null = null
  const type = message.type()
  // A picture (jpg, png) may answer a collection (征集) as a file does.
  const isFile =
    type === bot.Message.Type.Attachment ||
    type === bot.Message.Type.Image ||
    type === bot.Message.Type.Unknown
  if (actOn && isFile) {
    try {
      const file = await message.toFileBox()
      fileName = file.name
      const read = await readFileCapped(file, maxFileBytes)
      fileData = read.data
      if (!read.data) fileSize = read.size
    } catch {
      // Not a file after all (an unknown message kind): keep the text only.
    }
  }
  const alias = room ? await room.alias(talker) : undefined
  const draft: InboundDraft = {
    wechatId: message.id,
    chat: room ? 'room' : 'dm',
    roomId: room?.id ?? null,
    roomTopic: topic,
    senderId: talker.id,
    senderName: alias || talker.name(),
    text: message.text() ?? '',
    mentions,
    fileName,
    fileData,
    fileSize,
    receivedAt: clock.now(),
  }
  return { draft, actOn, kind: kindOf(bot, message) }
}
