// The liaison room, by id: which room's messages the bot acts on and where group messages go.
// Bound at login (the only room with the configured topic, or the bound one found again by topic
// and members), at the first message from the only room with that topic, or by the office's
// 绑定本群 in a room; a rename is followed; a second room with the same name is ignored and reported.

import type { Room, Wechaty } from 'wechaty'
import { messages } from '../../prompts/messages.ts'
import type { Clock } from '../domain/clock.ts'
import type { Logger } from '../log.ts'
import {
  type BoundRoom,
  chooseRoom,
  isOffice,
  loadBoundRoom,
  type RoomSeen,
  saveBoundRoom,
  tellOffice,
} from '../services/room-binding.ts'
import type { Db } from '../store/db.ts'

export const BIND_ROOM_COMMAND = '绑定本群'

/** The liaison room is not among the bot's rooms: group messages wait (the office was told). */
export class RoomNotFoundError extends Error {
  constructor() {
    super('liaison room not found')
  }
}

export class RoomGuard {
  private bound?: BoundRoom
  /** Not among the bot's rooms at the last login: group messages wait until it is bound again. */
  private lost = false
  /** Rooms already reported as a second room with the name: told once per id. */
  private readonly reported = new Set<string>()

  constructor(
    private readonly o: {
      bot: Wechaty
      db: Db
      clock: Clock
      log: Logger
      topic: string
      onOutbound(ids: number[]): void
    },
  ) {}

  private async seen(room: Room): Promise<RoomSeen> {
    const members = await room.memberAll().catch((err: unknown) => {
      this.o.log.warn(
        { roomId: room.id, err: String((err as Error)?.message ?? err) },
        'room members unreadable',
      )
      return []
    })
    return { id: room.id, topic: await room.topic(), members: members.map((c) => c.name()) }
  }

  private async bind(room: RoomSeen): Promise<void> {
    this.bound = { id: room.id, topic: room.topic, members: room.members }
    this.lost = false
    await saveBoundRoom(this.o.db, this.bound, this.o.clock.now())
    this.o.log.info({ roomId: room.id }, 'liaison room bound')
  }

  private async tell(notices: { kind: string; vars: Record<string, string> }[]): Promise<void> {
    this.o.onOutbound(await tellOffice(this.o.db, notices, this.o.clock.now()))
  }

  /** After each login: the bound room found again (ids may have changed), or bound for the first time. */
  onLogin(): Promise<void> {
    this.loggingIn = this.findAfterLogin()
    return this.loggingIn
  }

  // A message can arrive while the room is being found (over a puppet service's wire it does):
  // actsOn waits for it, or it would take the room for a second one with the name.
  private loggingIn: Promise<void> = Promise.resolve()

  private async findAfterLogin(): Promise<void> {
    this.bound ??= await loadBoundRoom(this.o.db)
    const rooms = await Promise.all((await this.o.bot.Room.findAll()).map((r) => this.seen(r)))
    const { room, notices } = chooseRoom(this.bound, this.o.topic, rooms)
    if (room) await this.bind(room)
    this.lost = notices.some((n) => n.kind === 'lost')
    for (const n of notices) if (n.kind === 'duplicate') this.reported.add(n.vars.id as string)
    await this.tell(notices)
  }

  /** Whether the bot acts on a message from this room (binding it first if it is the one). */
  async actsOn(room: Room, text: string, talkerId: string): Promise<boolean> {
    // A failed look-up after login was logged by onLogin's caller; the room is then looked at here.
    await this.loggingIn.catch(() => undefined)
    this.bound ??= await loadBoundRoom(this.o.db)
    if (this.bound?.id === room.id) return true
    const seen = await this.seen(room)
    if (text.trim() === BIND_ROOM_COMMAND && (await isOffice(this.o.db, talkerId))) {
      const old = this.bound ? `${this.bound.topic}，ID ${this.bound.id}` : messages.word('room_none')
      await this.bind(seen)
      const who = (await this.o.bot.Contact.find({ id: talkerId }))?.name() ?? ''
      await this.tell([{ kind: 'bound_by_command', vars: { who, topic: seen.topic, id: seen.id, old } }])
      return false
    }
    if (!this.bound && seen.topic === this.o.topic) {
      const { room: chosen } = chooseRoom(undefined, this.o.topic, await this.roomsNamed(this.o.topic))
      if (chosen?.id === room.id) {
        await this.bind(seen)
        return true
      }
    }
    const topic = this.bound?.topic ?? this.o.topic
    if (seen.topic === topic && !this.reported.has(room.id)) {
      this.reported.add(room.id)
      await this.tell([{ kind: 'duplicate', vars: { topic, id: room.id } }])
    }
    return false
  }

  private async roomsNamed(topic: string): Promise<RoomSeen[]> {
    const rooms = await this.o.bot.Room.findAll({ topic })
    return Promise.all(rooms.map((r) => this.seen(r)))
  }

  /** Whether the room is the bound liaison room (joins and leaves elsewhere are not the bot's business). */
  async isLiaisonRoom(room: Room): Promise<boolean> {
    // As in actsOn: a failed look-up after login was logged by onLogin's caller.
    await this.loggingIn.catch(() => undefined)
    this.bound ??= await loadBoundRoom(this.o.db)
    return this.bound?.id === room.id
  }

  /** Wechaty's room-topic event: the bound room's new name is kept and the office told. */
  async onTopic(room: Room, topic: string, old: string, by?: string): Promise<void> {
    if (!this.bound || room.id !== this.bound.id) return
    this.bound = { ...this.bound, topic }
    await saveBoundRoom(this.o.db, this.bound, this.o.clock.now())
    await this.tell([
      {
        kind: 'renamed',
        vars: {
          old,
          topic,
          by: by ? messages.word('room_renamed_by', { name: by }) : messages.word('room_renamed_by_unknown'),
        },
      },
    ])
  }

  /** The room group messages go to: the bound one, else the only room with the configured topic. */
  async room(): Promise<Room> {
    if (this.lost) throw new RoomNotFoundError()
    this.bound ??= await loadBoundRoom(this.o.db)
    if (!this.bound) {
      const { room } = chooseRoom(undefined, this.o.topic, await this.roomsNamed(this.o.topic))
      if (room) await this.bind(room)
    }
    const found = this.bound ? await this.o.bot.Room.find({ id: this.bound.id }) : undefined
    if (!found) throw new RoomNotFoundError()
    return found
  }
}
