// The terminal chat: with no WeChat puppet configured, `npm start` plays the liaison group here
// (and `npm run gateway` plays it for a bot connected over the wire). Whatever you type is said by a
// roster person through the mock puppet, so the real bot answers; what the bot says is read off the
// same mock puppet.

import { mkdirSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { createInterface } from 'node:readline'
import type { FileBoxInterface } from 'file-box'
import { types } from 'wechaty'
import type { mock } from 'wechaty-puppet-mock'
import { messages } from '../../prompts/messages.ts'
import { findUnit } from '../domain/roster.ts'
import { shownPath } from '../redis-local.ts'
import { freePath, humanSize } from '../store/backup.ts'
import type { Db } from '../store/db.ts'
import { bindPerson, listPeople } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { createMockWorld } from './mock-world.ts'

// Messages that usually span several lines: collected until an empty line.
const MULTILINE_START =
  /^(?:[#＃]\s*月报|【\s*月报\s*】|\[\s*月报\s*\]|月报(?:\s+\S+)?\s*$|(?:推送)?线索\s*$)/

interface Person {
  id: string
  name: string
  label: string
}

const t = messages.terminal

const HELP = t('help')

const DEMO_MEMBER = { id: 'demo-member', name: t('demo_member') }

/** Demo people for an empty database: the office, one liaison per unit, and one ordinary member. */
async function seedDemoPeople(db: Db, now: Date): Promise<void> {
  if ((await listPeople(db)).length > 0) return
  await bindPerson(
    db,
    { contactId: 'demo-office', name: t('demo_office'), role: 'office', unitId: null },
    now,
  )
  for (const unit of await listUnits(db)) {
    const short = unit.aliases[0] ?? unit.name
    await bindPerson(
      db,
      {
        contactId: `demo-${unit.key}`,
        name: t('demo_liaison', { unit: short }),
        role: 'liaison',
        unitId: unit.id,
      },
      now,
    )
  }
}

/**
 * The group's members: everyone bound, then the demo member unless a binding already made them
 * someone. One contact per id, whatever the bindings are now (the mock puppet refuses a second).
 */
async function groupMembers(db: Db): Promise<Person[]> {
  const units = await listUnits(db)
  const people: Person[] = []
  for (const p of await listPeople(db)) {
    if (!p.contactId) continue
    const unit = units.find((u) => u.id === p.unitId)
    people.push({
      id: p.contactId,
      name: p.name,
      label: p.role === 'office' ? t('label_office') : t('label_liaison', { unit: unit?.name ?? '' }),
    })
  }
  if (!people.some((p) => p.id === DEMO_MEMBER.id)) people.push({ ...DEMO_MEMBER, label: t('label_member') })
  return people
}

/**
 * A file the bot sent, written to the outbox folder so that it can be opened:
 * 「[文件] 2026年11月通报.xlsx（12.0 KB）→ data/outbox/2026年11月通报.xlsx」.
 */
async function saveFile(box: FileBoxInterface, outbox: string): Promise<string> {
  mkdirSync(outbox, { recursive: true })
  const path = freePath(outbox, basename(box.name) || t('attachment'))
  await box.toFile(path)
  return t('file_saved', { name: box.name, size: humanSize(statSync(path).size), path: shownPath(path) })
}

export async function runTerminalChat(o: {
  db: Db
  /** Where the files the bot sends are written (data/outbox). */
  outbox: string
  mocker: mock.Mocker
  roomTopic: string
  now: () => Date
  onQuit: () => Promise<void>
}): Promise<void> {
  const { db, mocker } = o
  await seedDemoPeople(db, o.now())
  const units = await listUnits(db)
  const people = await groupMembers(db)
  const world = createMockWorld(mocker, {
    roomTopic: o.roomTopic,
    roomId: 'terminal-room',
    botId: 'terminal-bot',
    people,
  })

  let speaker = people.find((p) => p.label.startsWith(t('first_speaker'))) ?? (people[0] as Person)
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY })
  const prompt = () => {
    rl.setPrompt(`[${speaker.name}] > `)
    rl.prompt()
  }
  const print = (line: string) => {
    process.stdout.write(`\r${line}\n`)
    prompt()
  }

  const { puppet } = mocker
  puppet.on('message', async ({ messageId }) => {
    const said = await puppet.messagePayload(messageId)
    if (said.talkerId !== puppet.currentUserId) return
    const listener = said.listenerId ? await puppet.contactPayload(said.listenerId) : undefined
    const to = said.roomId ? t('to_group') : t('to_dm', { name: listener?.name ?? '' })
    // The bot sends text and files; the mock puppet types an .xlsx as Unknown, a .png as Image.
    const text =
      said.type === types.Message.Text
        ? (said.text ?? '')
        : await puppet
            .messageFile(messageId)
            .then((box) => saveFile(box, o.outbox))
            .catch((e: Error) => t('file_failed', { error: e.message }))
    print(t('bot_said', { to, text }))
  })

  process.stdout.write(t('ready', { topic: o.roomTopic, help: HELP }))
  let draft: string[] | undefined
  let dm = false
  const send = (text: string, privately: boolean) =>
    privately ? world.dm(speaker.name, text) : world.say(speaker.name, text)

  rl.on('line', (raw) => {
    const line = raw.trimEnd()
    if (draft) {
      if (line === '') {
        send(draft.join('\n'), dm)
        draft = undefined
      } else draft.push(line)
      return prompt()
    }
    if (line.startsWith('/')) {
      const [cmd, ...rest] = line.slice(1).split(/\s+/)
      const arg = rest.join(' ')
      if (cmd === 'quit' || cmd === 'exit') return rl.close()
      if (cmd === 'help') print(HELP)
      else if (cmd === 'who')
        print(people.map((p) => t('who_line', { name: p.name, label: p.label })).join('\n'))
      else if (cmd === 'as') {
        const unit = findUnit(units, arg)
        const next =
          people.find((p) => p.name === arg) ??
          people.find((p) => unit && p.label === t('label_liaison', { unit: unit.name }))
        if (next) speaker = next
        print(
          next
            ? t('speaking_as', { name: speaker.name, label: speaker.label })
            : t('not_found', { name: arg }),
        )
      } else if (cmd === 'dm') {
        if (MULTILINE_START.test(arg) || arg === '') {
          draft = arg ? [arg] : []
          dm = true
        } else send(arg, true)
        prompt()
      } else print(t('unknown_command', { command: cmd ?? '' }))
      return
    }
    if (line === '') return prompt()
    if (MULTILINE_START.test(line)) {
      draft = [line]
      dm = false
      return prompt()
    }
    send(line, false)
    prompt()
  })
  rl.on('close', () => void o.onQuit())
  prompt()
}
