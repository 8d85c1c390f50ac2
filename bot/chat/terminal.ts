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

const HELP = `在这里打字，就是以当前身份在联络员群里发言。
  /as 名字或单位   切换发言人（例如 /as 人民银行）
  /who            列出群成员及其身份
  /dm 内容        以当前身份私聊机器人
  /help           显示本说明
  /quit           退出
以「#月报」「【月报】」「月报」开头的消息可以多行输入，空行结束。`

const DEMO_MEMBER = { id: 'demo-member', name: '群成员小张' }

/** Demo people for an empty database: the office, one liaison per unit, and one ordinary member. */
async function seedDemoPeople(db: Db, now: Date): Promise<void> {
  if ((await listPeople(db)).length > 0) return
  await bindPerson(db, { contactId: 'demo-office', name: '联席办小李', role: 'office', unitId: null }, now)
  for (const unit of await listUnits(db)) {
    const short = unit.aliases[0] ?? unit.name
    await bindPerson(
      db,
      { contactId: `demo-${unit.key}`, name: `${short}联络员`, role: 'liaison', unitId: unit.id },
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
      label: p.role === 'office' ? '联席办' : `${unit?.name ?? ''}联络员`,
    })
  }
  if (!people.some((p) => p.id === DEMO_MEMBER.id)) people.push({ ...DEMO_MEMBER, label: '普通成员' })
  return people
}

/**
 * A file the bot sent, written to the outbox folder so that it can be opened:
 * 「[文件] 2026年11月通报.xlsx（12.0 KB）→ data/outbox/2026年11月通报.xlsx」.
 */
async function saveFile(box: FileBoxInterface, outbox: string): Promise<string> {
  mkdirSync(outbox, { recursive: true })
  const path = freePath(outbox, basename(box.name) || '附件')
  await box.toFile(path)
  return `[文件] ${box.name}（${humanSize(statSync(path).size)}）→ ${shownPath(path)}`
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

  let speaker = people.find((p) => p.label.startsWith('人民银行')) ?? (people[0] as Person)
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
    const to = said.roomId ? '群' : `私聊 ${listener?.name ?? ''}`
    // The bot sends text and files; the mock puppet types an .xlsx as Unknown, a .png as Image.
    const text =
      said.type === types.Message.Text
        ? (said.text ?? '')
        : await puppet
            .messageFile(messageId)
            .then((box) => saveFile(box, o.outbox))
            .catch((e: Error) => `[文件] 无法保存：${e.message}`)
    print(`\n🤖 反诈助手 → ${to}：\n${text}\n`)
  })

  process.stdout.write(`\n终端群聊「${o.roomTopic}」已就绪（模拟微信，未连接真实账号）。\n${HELP}\n\n`)
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
      else if (cmd === 'who') print(people.map((p) => `  ${p.name}（${p.label}）`).join('\n'))
      else if (cmd === 'as') {
        const unit = findUnit(units, arg)
        const next =
          people.find((p) => p.name === arg) ?? people.find((p) => unit && p.label === `${unit.name}联络员`)
        if (next) speaker = next
        print(
          next ? `现在以 ${speaker.name}（${speaker.label}）发言` : `找不到「${arg}」，用 /who 查看群成员`,
        )
      } else if (cmd === 'dm') {
        if (MULTILINE_START.test(arg) || arg === '') {
          draft = arg ? [arg] : []
          dm = true
        } else send(arg, true)
        prompt()
      } else print(`未知指令 /${cmd}，输入 /help 查看`)
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
