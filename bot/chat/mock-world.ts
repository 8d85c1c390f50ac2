// A WeChat world played by the mock puppet: the bot's account logged in, people, the liaison room.
// Used by the terminal chat, the simulator and tests.
import { randomUUID } from 'node:crypto'
import { FileBox } from 'file-box'
import type { types } from 'wechaty'
import type { mock } from 'wechaty-puppet-mock'
import { messages } from '../../prompts/messages.ts'

export interface MockWorld {
  botUser: mock.ContactMock
  /** The liaison room (the first, when there are several). */
  room: mock.RoomMock
  /** Every room by its topic. */
  rooms: Map<string, mock.RoomMock>
  contacts: Map<string, mock.ContactMock>
  /** A person says something in the room (or the room of that topic); `@名字` in the text mentions that member. */
  say(from: string, text: string, topic?: string): void
  /** A person writes to the bot privately. */
  dm(from: string, text: string): void
  /** A person posts a file in the room (or the room of that topic). */
  sayFile(from: string, file: { name: string; data: Uint8Array }, topic?: string): void
  /**
   * A message of another kind (voice, an emoticon, a link, a recall: Wechaty's Recalled carries the
   * recalled message's id as its text), in the room or privately, as a puppet reports it. Its id.
   */
  sayKind(from: string, type: types.Message, text: string, where: 'room' | 'dm'): string
}

export function createMockWorld(
  mocker: mock.Mocker,
  o: {
    roomTopic: string
    roomId: string
    botId: string
    people: { id: string; name: string }[]
    /** Who of `people` is in the room (by name); all of them unless given. */
    roomMembers?: string[]
    /** More rooms (several offices' liaison rooms), each with the people of it by name. */
    moreRooms?: { topic: string; id: string; members: string[] }[]
  },
): MockWorld {
  const botUser = mocker.createContact({ id: o.botId, name: messages.word('bot_name') })
  mocker.login(botUser)
  const contacts = new Map<string, mock.ContactMock>()
  for (const p of o.people) contacts.set(p.name, mocker.createContact({ id: p.id, name: p.name }))
  const chatroom = (id: string) => (id.endsWith('@chatroom') ? id : `${id}@chatroom`)
  const person = (name: string) => {
    const c = contacts.get(name)
    if (!c) throw new Error(`no such person in the mock world: ${name}`)
    return c
  }
  const room = mocker.createRoom({
    id: chatroom(o.roomId),
    topic: o.roomTopic,
    memberIdList: [
      botUser.id,
      ...(o.roomMembers?.map((name) => person(name)) ?? [...contacts.values()]).map((c) => c.id),
    ],
  })
  const rooms = new Map([[o.roomTopic, room]])
  for (const r of o.moreRooms ?? [])
    rooms.set(
      r.topic,
      mocker.createRoom({
        id: chatroom(r.id),
        topic: r.topic,
        memberIdList: [botUser.id, ...r.members.map((name) => person(name).id)],
      }),
    )
  const roomOf = (topic?: string) => {
    const r = topic === undefined ? room : rooms.get(topic)
    if (!r) throw new Error(`no such room in the mock world: ${topic}`)
    return r
  }
  return {
    botUser,
    room,
    rooms,
    contacts,
    say(from, text, topic) {
      const mentioned = [...contacts.entries()]
        .filter(([name]) => text.includes(`@${name}`))
        .map(([, c]) => c)
      person(from).say(text, mentioned).to(roomOf(topic))
    },
    dm(from, text) {
      person(from).say(text).to(botUser)
    },
    sayKind(from, type, text, where) {
      const id = randomUUID()
      const base = { id, talkerId: person(from).id, timestamp: Date.now(), type, text }
      mocker.MessageMock.create(
        where === 'room'
          ? { ...base, roomId: room.id, mentionIdList: [] }
          : { ...base, listenerId: botUser.id },
      )
      mocker.puppet.emit('message', { messageId: id })
      return id
    },
    sayFile(from, file, topic) {
      person(from)
        .say(FileBox.fromBase64(Buffer.from(file.data).toString('base64'), file.name))
        .to(roomOf(topic))
    },
  }
}
