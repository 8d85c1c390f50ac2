// 帮助 lists every command the sender's role may use, with an example each; 帮助 线索 gives one area's
// details. Every command the bot knows has a help line whose example is that command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HELP } from '../../bot/commands/help.ts'
import { commands, findCommand } from '../../bot/commands/index.ts'
import { messages } from '../../prompts/messages.ts'
import { type CommandHarness, commandHarness } from '../helpers/commands.ts'
import { PEOPLE } from '../helpers/people.ts'

let t: CommandHarness
beforeEach(async () => {
  t = await commandHarness({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
})
afterEach(() => t.close())

/** The one answer in the room. */
const answer = async (from: string, text: string) => {
  const said = await t.say(from, text)
  expect(said.map((s) => s.to)).toEqual(['room'])
  return said[0]?.text ?? ''
}

describe('help covers the command list', () => {
  it('every command in commands/index.ts has a help entry, and every entry a command', () => {
    const helped = new Set(HELP.map((e) => e.command))
    for (const c of commands) expect(helped, `no help line for 「${c.name}」`).toContain(c.name)
    const known = new Set(commands.map((c) => c.name))
    for (const e of HELP) expect(known, `help names an unknown command 「${e.command}」`).toContain(e.command)
  })

  it('each help example, typed as written, is the command it describes', () => {
    for (const e of HELP) {
      if (e.command === '线索文件') continue // a file, not a text
      for (const l of e.lines) {
        const example =
          messages
            .helpLine(l.key)
            .split(/ —— | \/ | \+ |（/)[0]
            ?.replace(/「|」/g, '') ?? ''
        const lines = e.command === '月报' ? `${example}\n冻结涉案账户数：1` : example
        expect(findCommand(lines, { fileName: null })?.name, example).toBe(e.command)
      }
    }
  })
})

describe('帮助 by role', () => {
  it('the office sees every command it may use; a liaison their own; a member help and progress', async () => {
    const office = await answer('李强', '帮助')
    const liaison = await answer('王芳', '@反诈助手 帮助')
    const member = await answer('赵六', '帮助？')
    for (const word of [
      '销号',
      '转办',
      '我的线索',
      '线索',
      '分派',
      '通报',
      '考核',
      '绑定',
      '解绑',
      '确认换号',
      '进度',
      '模板',
      '#月报 人民银行',
    ])
      expect(office).toContain(word)
    expect(liaison).toContain('您是人民银行的联络员')
    for (const word of ['模板', '#月报', '更正', '进度', '销号 0001', '转办 0001', '我的线索'])
      expect(liaison).toContain(word)
    for (const word of ['分派', '绑定', '· 通报', '推送线索']) expect(liaison).not.toContain(word)
    expect(member).toContain('没有绑定单位')
    expect(member).toContain('进度')
    for (const word of ['销号', '#月报', '· 绑定']) expect(member).not.toContain(word)
  })

  it('帮助 线索 gives the clue details: short ids and several at once', async () => {
    const clues = await answer('王芳', '帮助 线索')
    const unknown = await answer('王芳', '帮助 天气')
    expect(clues).toContain('XS-2026-0001')
    expect(clues).toContain('销号 0001 已关停')
    expect(clues).not.toContain('进度 ——')
    expect(unknown).toContain('没有「天气」这类说明')
  })
})
