// `npm start` run the way a new office meets it: start, talk in the terminal chat, quit, start again.
import { statSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore } from '../helpers/app.ts'
import { killBots, startBot } from '../helpers/process.ts'

afterEach(killBots)

const READY = /终端群聊「.*」已就绪/

describe('npm start, terminal chat', () => {
  it('starts again on the same data after the office bound the demo member, who keeps the new rights', async () => {
    const { dbPath, prefix } = freshStore()
    const env = {
      DATABASE_URL: `file:${dbPath}`,
      REDIS_PREFIX: prefix,
      SEND_INTERVAL_MS: '0',
      SEND_PER_MINUTE: '0',
    }

    const first = startBot(env)
    await first.waitFor(READY)
    first.type('/as 联席办小李')
    first.type('绑定 @群成员小张 科教局')
    await first.waitFor(/群成员小张.*科教局/)
    first.type('/quit')
    expect(await first.exited).toBe(0)

    const second = startBot(env)
    await second.waitFor(READY)
    second.type('/who')
    const who = await second.waitFor(/群成员小张（[^）]*）/)
    expect(who.match(/群成员小张（[^）]*）/g)).toEqual(['群成员小张（县科教局联络员）'])
    second.type('/as 群成员小张')
    second.type('模板')
    await second.waitFor(/🤖 反诈助手 → 群：\n[\s\S]*科教局/)
    second.type('/quit')
    expect(await second.exited).toBe(0)
    expect(second.errors()).not.toMatch(/already created|启动失败/)
  }, 90_000)
})

describe('npm start, files the bot sends in the terminal chat', () => {
  it('shows each as [文件] name（size）→ path and writes it to data/outbox, where it opens', async () => {
    const { dbPath, prefix } = freshStore()
    const bot = startBot({
      DATABASE_URL: `file:${dbPath}`,
      REDIS_PREFIX: prefix,
      SEND_INTERVAL_MS: '0',
      SEND_PER_MINUTE: '0',
    })
    await bot.waitFor(READY)
    bot.type('/as 联席办小李')
    bot.type('通报 2026-11')
    const out = await bot.waitFor(/\[文件\] .+\.xlsx（[\d.]+ KB）→ .+\n[\s\S]*\[文件\] .+\.png（/, 60_000)
    const files = [...out.matchAll(/\[文件\] (.+?)（([\d.]+) KB）→ (.+)/g)].map((m) => ({
      name: m[1] as string,
      kb: Number(m[2]),
      path: m[3] as string,
    }))
    expect(files.map((f) => extname(f.name)).sort()).toEqual(['.docx', '.png', '.xlsx'])
    for (const f of files) {
      expect(f.path).toBe(join(dirname(dbPath), 'outbox', f.name))
      expect((statSync(f.path).size / 1024).toFixed(1)).toBe(f.kb.toFixed(1))
    }
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(files.find((f) => f.name.endsWith('.xlsx'))?.path as string)
    expect(workbook.worksheets.length).toBeGreaterThan(0)
    bot.type('/quit')
    expect(await bot.exited).toBe(0)
  }, 90_000)
})
