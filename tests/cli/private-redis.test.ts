// A fresh machine where nothing answers on the configured Redis: `npm start` and `npm run simulate`
// start a private redis-server for the data folder (and stop it with themselves), or stop with one
// line when there is no redis-server; never a chat that cannot answer.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../bot/cli.ts'
import { processAlive } from '../../bot/store/run-lock.ts'
import { freshStore } from '../helpers/app.ts'
import { killBots, startBot } from '../helpers/process.ts'

/** Data folders of this file's tests: a private Redis left by a failed test is stopped after it. */
const folders: string[] = []
afterEach(() => {
  killBots()
  for (const dir of folders.splice(0)) {
    try {
      const { pid } = JSON.parse(readFileSync(join(dir, 'redis', 'redis.json'), 'utf8')) as { pid: number }
      process.kill(pid, 'SIGKILL')
    } catch {
      // none running
    }
  }
})

function store() {
  const s = freshStore()
  folders.push(dirname(s.dbPath))
  return s
}

/** A loopback port nothing listens on. */
const deadPort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })

const READY = /终端群聊「.*」已就绪/

describe('no Redis answering at the configured address', () => {
  it('npm start runs a private redis-server for the data folder, answers in the chat, cli status names it, /quit stops it', async () => {
    const { dbPath, prefix } = store()
    const env = {
      DATABASE_URL: `file:${dbPath}`,
      REDIS_PREFIX: prefix,
      REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
      SEND_INTERVAL_MS: '0',
      SEND_PER_MINUTE: '0',
    }
    const bot = startBot(env)
    await bot.waitFor(READY)
    expect(bot.errors()).toMatch(
      /^Redis 未响应（redis:\/\/127\.0\.0\.1:\d+）：已为本数据目录启动私有 Redis（127\.0\.0\.1:\d+，数据在 .*redis，随机器人停止）\n$/,
    )
    bot.type('进度')
    await bot.waitFor(/🤖 反诈助手 → 群：\n.*报送情况|🤖 反诈助手 → 群：\n[\s\S]*已报/)

    const redisDir = join(dirname(dbPath), 'redis')
    const state = JSON.parse(readFileSync(join(redisDir, 'redis.json'), 'utf8')) as {
      pid: number
      port: number
    }
    const status = await runCli(['status'], { ...process.env, ...env })
    expect(status.out).toContain(
      `Redis：可连接（本数据目录的私有 Redis redis://127.0.0.1:${state.port}，数据在 ${redisDir}`,
    )
    expect(existsSync(join(redisDir, 'appendonlydir'))).toBe(true)

    bot.type('/quit')
    expect(await bot.exited).toBe(0)
    expect(processAlive(state.pid)).toBe(false)
    expect(existsSync(join(redisDir, 'redis.json'))).toBe(false)
  }, 90_000)

  it('a bot killed with kill -9 leaves its private Redis; the next start on the folder uses it and stops it', async () => {
    const { dbPath, prefix } = store()
    const env = {
      DATABASE_URL: `file:${dbPath}`,
      REDIS_PREFIX: prefix,
      REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
      SEND_INTERVAL_MS: '0',
      SEND_PER_MINUTE: '0',
    }
    const first = startBot(env)
    await first.waitFor(READY)
    const stateFile = join(dirname(dbPath), 'redis', 'redis.json')
    const { pid, port } = JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number; port: number }
    first.kill()
    await first.exited
    expect(processAlive(pid)).toBe(true)

    const second = startBot(env)
    await second.waitFor(READY)
    expect(second.errors()).toContain(`使用本数据目录的私有 Redis（127.0.0.1:${port}`)
    second.type('进度')
    await second.waitFor(/🤖 反诈助手 → 群：/)
    second.type('/quit')
    expect(await second.exited).toBe(0)
    for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 50))
    expect(processAlive(pid)).toBe(false)
  }, 90_000)

  it('without redis-server on PATH, npm start stops with one line and opens no chat', async () => {
    const { dbPath, prefix } = store()
    const bot = startBot({
      DATABASE_URL: `file:${dbPath}`,
      REDIS_PREFIX: prefix,
      REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
      PATH: mkdtempSync(join(tmpdir(), 'fz-empty-path-')),
    })
    expect(await bot.exited).toBe(1)
    expect(bot.errors()).toBe(
      'Redis 未运行：apt-get install redis-server，或设置 REDIS_URL / Redis is not running: install redis-server (apt-get install redis-server) or set REDIS_URL\n',
    )
    expect(bot.output()).not.toMatch(READY)
  }, 60_000)

  it('npm run simulate does the same: the scenario runs on a private Redis, stopped afterwards', async () => {
    const { dbPath } = store()
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bot/simulate.ts', 'tests/scenarios/example-month.json'],
      {
        env: {
          ...process.env,
          DATABASE_URL: `file:${dbPath}`,
          REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
          LOG_LEVEL: 'silent',
        },
      },
    )
    expect(stderr).toMatch(/已为本数据目录启动私有 Redis/)
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string })
    expect(events.filter((e) => e.type === 'message').length).toBeGreaterThan(0)
    expect(events.at(-1)?.type).toBe('state')
    expect(existsSync(join(dirname(dbPath), 'redis', 'redis.json'))).toBe(false)
  }, 90_000)
})
