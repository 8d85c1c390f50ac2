// When the configured Redis does not answer at start, the bot brings its own: a private
// redis-server for this data folder (loopback only, a port of its own, AOF fsync every second,
// noeviction), stopped with the bot. Without redis-server on PATH the start stops with one line:
// a chat that cannot answer is worse than none. `cli status` finds the private one the same way.
import { type ChildProcess, spawn } from 'node:child_process'
import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { delimiter, dirname, join, relative } from 'node:path'
import { probeConnection } from '../jobs/queues.ts'
import { messages } from '../prompts/messages.ts'
import { databasePath } from './store/db.ts'
import { processAlive } from './store/run-lock.ts'

export class RedisUnavailableError extends Error {}

export interface RedisInUse {
  url: string
  /** The private server's folder, when the bot runs its own. */
  privateDir?: string
  /** Stops the private server if this process started (or took over) it; a no-op otherwise. */
  stop(): Promise<void>
}

/** What the private server's folder records while it runs. */
interface PrivateState {
  /** redis-server's pid. */
  pid: number
  port: number
  /** The process that stops it. */
  owner: number
}

const STATE_FILE = 'redis.json'

/** The private server's folder: `redis/` next to the database. */
export const privateRedisDir = (databaseUrl: string): string =>
  join(dirname(databasePath(databaseUrl)), 'redis')

/** A path as people type it: relative to the working directory when inside it. */
export function shownPath(p: string): string {
  const r = relative(process.cwd(), p)
  return r && !r.startsWith('..') ? r : p
}

const urlOf = (port: number) => `redis://127.0.0.1:${port}`

/** True when a PING gets PONG within the timeout. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const redis = probeConnection(url, timeoutMs)
  // The probe's connection errors are its answer (false below), not something to report.
  redis.on('error', () => undefined)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    const ping = redis
      .connect()
      .then(() => redis.ping())
      .then((pong) => pong === 'PONG')
    return await Promise.race([ping, timeout])
  } catch {
    // Refused, closed or not Redis: it does not answer.
    return false
  } finally {
    clearTimeout(timer)
    redis.disconnect()
  }
}

function readState(dir: string): PrivateState | undefined {
  try {
    const s = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as PrivateState
    return Number.isInteger(s.pid) && Number.isInteger(s.port) ? s : undefined
  } catch {
    // No state file (no private server yet) or a torn one: as if none ran.
    return undefined
  }
}

/** The private server of this data folder, if one is running (for `cli status`). */
export async function runningPrivateRedis(dir: string): Promise<{ url: string } | undefined> {
  const s = readState(dir)
  if (!s || !processAlive(s.pid)) return undefined
  const url = urlOf(s.port)
  return (await redisAnswers(url)) ? { url } : undefined
}

function onPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const d of path.split(delimiter)) {
    if (!d) continue
    const file = join(d, command)
    try {
      accessSync(file, constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  return undefined
}

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer()
    srv.once('error', () => resolve(false)) // EADDRINUSE and the like: not free
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })

/** Below the ephemeral range (32768 up), so that no outgoing connection takes the port while it restarts. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    if (await isFree(port)) return port
  }
}

async function stopPid(pid: number, child?: ChildProcess): Promise<void> {
  const gone = () => (child ? child.exitCode !== null || child.signalCode !== null : !processAlive(pid))
  if (gone()) return
  // SIGTERM: redis-server fsyncs the append-only file and exits.
  process.kill(pid, 'SIGTERM')
  for (let i = 0; i < 100 && !gone(); i++) await new Promise((r) => setTimeout(r, 50))
  if (!gone()) process.kill(pid, 'SIGKILL')
}

/**
 * The Redis to use: the configured one when it answers; otherwise this data folder's private
 * server (already running, or started now). `say` gets the one line that tells which.
 */
export async function ensureRedis(o: {
  url: string
  databaseUrl: string
  say(line: string): void
}): Promise<RedisInUse> {
  if (await redisAnswers(o.url)) return { url: o.url, stop: async () => undefined }
  const dir = privateRedisDir(o.databaseUrl)
  const shown = shownPath(dir)
  const stateFile = join(dir, STATE_FILE)
  const running = readState(dir)
  if (running && processAlive(running.pid) && (await redisAnswers(urlOf(running.port)))) {
    // Left by a bot that was killed, or in use by another process on this data folder.
    const owned = running.owner === process.pid || !processAlive(running.owner)
    if (owned) writeFileSync(stateFile, JSON.stringify({ ...running, owner: process.pid }))
    o.say(messages.startup('redis_reused', { url: o.url, address: `127.0.0.1:${running.port}`, dir: shown }))
    return {
      url: urlOf(running.port),
      privateDir: dir,
      stop: async () => {
        if (!owned) return
        await stopPid(running.pid)
        rmSync(stateFile, { force: true })
      },
    }
  }
  const server = onPath('redis-server')
  if (!server) throw new RedisUnavailableError(messages.startup('redis_missing'))
  mkdirSync(dir, { recursive: true })
  const port = await freePort()
  const log = join(dir, 'redis.log')
  // Its own process group: Ctrl-C in the terminal chat reaches the bot, which stops Redis last.
  const child = spawn(
    server,
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--protected-mode',
      'yes',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--logfile',
      log,
    ],
    { detached: true, stdio: 'ignore' },
  )
  child.unref()
  const pid = child.pid
  const failed = (reason: string) =>
    new RedisUnavailableError(messages.startup('redis_failed', { url: o.url, reason, log }))
  if (pid === undefined) throw failed(messages.startup('redis_no_process'))
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw failed(messages.startup('redis_exit_code', { code: child.exitCode }))
    if (await redisAnswers(urlOf(port), 500)) {
      writeFileSync(stateFile, JSON.stringify({ pid, port, owner: process.pid } satisfies PrivateState))
      o.say(messages.startup('redis_started', { url: o.url, address: `127.0.0.1:${port}`, dir: shown }))
      return {
        url: urlOf(port),
        privateDir: dir,
        stop: async () => {
          await stopPid(pid, child)
          rmSync(stateFile, { force: true })
        },
      }
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  await stopPid(pid, child)
  throw failed(messages.startup('redis_no_answer'))
}

/**
 * The Redis a worker (`npm run worker`) uses: the configured one, or the private server a bot
 * runs for this data folder. A worker never starts one: it would stop with the worker, under the bot.
 */
export async function existingRedis(o: { url: string; databaseUrl: string }): Promise<string> {
  if (await redisAnswers(o.url)) return o.url
  const running = await runningPrivateRedis(privateRedisDir(o.databaseUrl))
  if (running) return running.url
  throw new RedisUnavailableError(messages.startup('worker_no_redis', { url: o.url }))
}
