// kill -9 of the bot process with messages stored but not (all) handled: on restart every stored
// message is handled exactly once — no report lost, no reply doubled.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL')
})

function freshEnv() {
  const dir = mkdtempSync(join(tmpdir(), 'fzcrash-'))
  return {
    ...process.env,
    DATABASE_URL: `file:${join(dir, 'bot.db')}`,
    REDIS_PREFIX: `fztest-${randomBytes(6).toString('hex')}`,
    dbPath: join(dir, 'bot.db'),
  }
}

function start(env: NodeJS.ProcessEnv, ...args: string[]) {
  // One process (tsx as a loader, not a wrapper), so SIGKILL kills the bot itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/bot-process.ts', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, output: () => out }
}

function counts(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return {
      inbound: one('SELECT COUNT(*) AS n FROM InboundMessage'),
      handled: one('SELECT COUNT(*) AS n FROM InboundMessage WHERE handledAt IS NOT NULL'),
      submissions: one('SELECT COUNT(*) AS n FROM Submission'),
      outbound: one('SELECT COUNT(*) AS n FROM OutboundMessage'),
      undelivered: one('SELECT COUNT(*) AS n FROM OutboundMessage WHERE sentAt IS NULL'),
      repliesPerInbound: one(
        'SELECT COALESCE(MAX(c), 0) AS n FROM (SELECT COUNT(*) AS c FROM OutboundMessage GROUP BY inboundId)',
      ),
      inboundWithoutReply: one(
        'SELECT COUNT(*) AS n FROM InboundMessage i WHERE NOT EXISTS (SELECT 1 FROM OutboundMessage o WHERE o.inboundId = i.id)',
      ),
    }
  } finally {
    db.close()
  }
}

async function waitFor(check: () => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

function safeCounts(dbPath: string) {
  try {
    return counts(dbPath)
  } catch {
    return undefined
  }
}

async function recover(env: NodeJS.ProcessEnv) {
  const run = start(env, 'recover')
  expect(await run.exited).toBe(0)
  return JSON.parse(run.output().trim().split('\n').at(-1) ?? '{}') as {
    inbound: number
    handled: number
    delivered: number
  }
}

describe('a crash between storing and handling messages', () => {
  it('killed with 200 reports stored and none handled: after restart each is handled and answered once', async () => {
    const env = freshEnv()
    const burst = start(env, 'burst-hold', '200')
    await waitFor(() => (safeCounts(env.dbPath)?.inbound ?? 0) === 200)
    expect(counts(env.dbPath)).toMatchObject({ handled: 0, outbound: 0 })
    burst.child.kill('SIGKILL')
    await burst.exited

    const report = await recover(env)
    expect(report).toEqual({ inbound: 200, handled: 200, delivered: 200 })
    expect(counts(env.dbPath)).toMatchObject({
      inbound: 200,
      handled: 200,
      submissions: 200,
      outbound: 200,
      undelivered: 0,
      repliesPerInbound: 1,
      inboundWithoutReply: 0,
    })
  })

  it('killed in the middle of handling a burst: nothing lost, nothing doubled', async () => {
    const env = freshEnv()
    const burst = start(env, 'burst', '300')
    await waitFor(() => (safeCounts(env.dbPath)?.handled ?? 0) >= 60)
    burst.child.kill('SIGKILL')
    await burst.exited
    const before = counts(env.dbPath)

    await recover(env)
    const after = counts(env.dbPath)
    // Every message that reached the database is handled once: one record and one reply each.
    expect(after.inbound).toBe(before.inbound)
    expect(after.handled).toBe(after.inbound)
    expect(after.submissions).toBe(after.inbound)
    expect(after.outbound).toBe(after.inbound)
    expect(after.repliesPerInbound).toBe(1)
    expect(after.undelivered).toBe(0)
  })
})
