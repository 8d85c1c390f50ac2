// Delivering an outbound row through Wechaty: the only place that sends.
import { FileBox } from 'file-box'
import type { Contact, Room, Wechaty } from 'wechaty'
import type { OutboundRecord } from '../store/outbound.ts'
import { isWireError } from './connection.ts'
import { RoomNotFoundError } from './room-guard.ts'

// Base64 file boxes serialize across every puppet (a Buffer one does not).
const fileBox = (f: { name: string; data: Uint8Array }) =>
  FileBox.fromBase64(Buffer.from(f.data).toString('base64'), f.name)

export interface Transport {
  deliver(message: OutboundRecord): Promise<void>
  /** The failure was the connection's (logged out, the wire down, the room not found), not the message's. */
  isConnectionError?(err: unknown): boolean
}

export class WechatyTransport implements Transport {
  private cached?: Room

  /** `liaisonRoom`: the bound room (by id, never by a name another group could take). */
  constructor(
    private readonly bot: Wechaty,
    private readonly liaisonRoom: () => Promise<Room>,
  ) {}

  isConnectionError(err: unknown): boolean {
    return !this.bot.isLoggedIn || isWireError(err) || err instanceof RoomNotFoundError
  }

  /** After a (re)login ids can change (wechat4u): the room is looked up again. */
  forget(): void {
    this.cached = undefined
  }

  private async room(): Promise<Room> {
    this.cached ??= await this.liaisonRoom()
    return this.cached
  }

  private async contact(id: string): Promise<Contact> {
    const contact = await this.bot.Contact.find({ id })
    if (!contact) throw new Error(`contact not found: ${id}`)
    return contact
  }

  async deliver(m: OutboundRecord): Promise<void> {
    if (!this.bot.isLoggedIn) throw new Error('bot is not logged in')
    if (m.to.chat === 'room') {
      const room = await this.room()
      const mentioned: Contact[] = []
      for (const mention of m.mentions) {
        const c = await this.bot.Contact.find({ id: mention.id })
        if (c) mentioned.push(c)
      }
      if (m.text) await room.say(m.text, ...mentioned)
      if (m.file) await room.say(fileBox(m.file))
      return
    }
    const contact = await this.contact(m.to.contactId)
    if (m.text) await contact.say(m.text)
    if (m.file) await contact.say(fileBox(m.file))
  }
}
