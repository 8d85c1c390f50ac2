// Turning a Wechaty Message into a small typed inbound draft; the only reader of Message objects.
import type { Message, Wechaty } from 'wechaty'
import type { Clock } from '../domain/clock.ts'
import type { InboundDraft } from '../store/inbound.ts'

/** Messages older than this after a (re)login are replays of history, not new requests. */
const MAX_AGE_SECONDS = 300

export interface InboundFilter {
  roomTopic: string
}

/**
 * Returns the draft to persist, or undefined for what the bot must not act on: its own messages,
 * replayed old ones, and rooms other than the liaison room.
 */
export async function toInboundDraft(
  bot: Wechaty,
  message: Message,
  clock: Clock,
  filter: InboundFilter,
): Promise<InboundDraft | undefined> {
  if (message.self() || message.age() > MAX_AGE_SECONDS) return undefined
  const room = message.room()
  const topic = room ? await room.topic() : null
  if (room && topic !== filter.roomTopic) return undefined
  const talker = message.talker()
  const mentions = room ? (await message.mentionList()).map((c) => ({ id: c.id, name: c.name() })) : []
  let fileName: string | null = null
  let fileData: Uint8Array | null = null
  const type = message.type()
  // A picture (jpg, png) may answer a collection (征集) as a file does.
  if (
    type === bot.Message.Type.Attachment ||
    type === bot.Message.Type.Image ||
    type === bot.Message.Type.Unknown
  ) {
    try {
      const file = await message.toFileBox()
      fileName = file.name
      fileData = await file.toBuffer()
    } catch {
      // Not a file after all (an unknown message kind): keep the text only.
    }
  }
  const alias = room ? await room.alias(talker) : undefined
  return {
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
    receivedAt: clock.now(),
  }
}
