// `npm start` with each bad setting an operator meets: it stops at once (exit 1) with one line, in
// Chinese and English, naming what to check — no stack (that goes to the log at debug level).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startFailure } from '../../bot/startup-errors.ts'
import { freshStore } from '../helpers/app.ts'
import { killBots, startBot } from '../helpers/process.ts'
import { freePort, newToken } from '../wire/wire.ts'

afterEach(killBots)

const NO_STACK = /\bat .+[jt]s:\d+|\.[jt]s:\d+:\d+/

/** Starts the bot on a fresh data folder with the settings given; resolves with stderr and the exit code. */
async function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; lines: string[] }> {
  const { dbPath, prefix } = freshStore()
  const bot = startBot({ DATABASE_URL: `file:${dbPath}`, REDIS_PREFIX: prefix, ...env })
  const code = await bot.exited
  expect(bot.output()).not.toMatch(/已就绪/)
  expect(bot.errors()).not.toMatch(NO_STACK)
  return { code, lines: bot.errors().trimEnd().split('\n') }
}

describe('npm start with a setting that cannot work', () => {
  it('an invalid roster: names ROSTER_FILE, then each problem in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fz-roster-'))
    const file = join(dir, 'roster.yaml')
    writeFileSync(file, 'office: 联席办\nunits: []\n')
    const { code, lines } = await start({ ROSTER_FILE: file })
    expect(code).toBe(1)
    expect(lines[0]).toBe(
      `名册文件 ${file} 有误，请按下列问题修改该文件（ROSTER_FILE）/ the roster ${file} is invalid: fix the problems below in that file (ROSTER_FILE)`,
    )
    expect(lines.length).toBeGreaterThan(1)
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {2,}\S/)
  }, 60_000)

  it('a database folder that cannot be created: names DATABASE_URL and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fz-db-'))
    writeFileSync(join(dir, 'not-a-folder'), '')
    const path = join(dir, 'not-a-folder', 'bot.db')
    const { code, lines } = await start({ DATABASE_URL: `file:${path}` })
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^数据库 ${path} 无法创建或写入（.+），请检查 DATABASE_URL`))
    expect(lines[0]).toContain(`cannot create or write the database ${path}`)
  }, 60_000)

  it('a database another process has locked: says so, names DATABASE_URL', async () => {
    const { dbPath } = freshStore()
    const holder = new Database(dbPath)
    holder.exec('CREATE TABLE held (x); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1)')
    try {
      const { code, lines } = await start({ DATABASE_URL: `file:${dbPath}` })
      expect(code).toBe(1)
      expect(lines).toEqual([
        `数据库 ${dbPath} 被另一个进程锁住，请检查是否有别的程序正打开它，或设置另一个 DATABASE_URL / the database ${dbPath} is locked by another process: check what else has it open, or set another DATABASE_URL`,
      ])
    } finally {
      holder.close()
    }
  }, 60_000)

  it('a puppet service endpoint where nothing listens: names WECHATY_PUPPET_SERVICE_ENDPOINT', async () => {
    const endpoint = `127.0.0.1:${await freePort()}`
    const { code, lines } = await start({
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint,
      WECHATY_PUPPET_SERVICE_TOKEN: newToken(),
      WECHATY_LOG: 'silent',
    })
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(
      `连不上微信服务 ${endpoint}：连接被拒绝，请检查 WECHATY_PUPPET_SERVICE_ENDPOINT`,
    )
    expect(lines[0]).toContain('check WECHATY_PUPPET_SERVICE_ENDPOINT')
  }, 60_000)

  it('with LOG_LEVEL=debug the stack is in the log, after the hint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fz-db-'))
    writeFileSync(join(dir, 'file'), '')
    const { dbPath, prefix } = freshStore()
    const bot = startBot({
      DATABASE_URL: `file:${join(dir, 'file', 'bot.db')}`,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'debug',
    })
    expect(await bot.exited).toBe(1)
    const [hint, ...log] = bot.errors().trimEnd().split('\n')
    expect(hint).toMatch(/^数据库 .+ 无法创建或写入/)
    expect(log.map((l) => JSON.parse(l) as { msg: string; err?: { stack?: string } }).at(-1)).toMatchObject({
      msg: 'start failed',
      err: { stack: expect.stringMatching(/mkdir/) },
    })
    expect(dbPath).toBeTruthy()
  }, 60_000)
})

describe('the hint for an error it has no words for', () => {
  it('is one line with the error’s first line, pointing at LOG_LEVEL=debug', () => {
    const err = new TypeError('x is not a function\n    at f (bot/app.ts:1:1)')
    const f = startFailure(err, 'start', {
      DATABASE_PATH: '/d/bot.db',
      REDIS_URL: 'redis://x',
      ROSTER_FILE: 'r',
    })
    expect(f).toEqual({
      text: '启动失败（x is not a function），设置 LOG_LEVEL=debug 可在日志中看到详情 / start failed (x is not a function): LOG_LEVEL=debug shows the details in the log',
    })
  })
})
