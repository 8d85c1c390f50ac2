// `npm start`: reads config, opens the database, connects Redis, starts the bot and the sender.
// Without WECHATY_PUPPET it opens a terminal chat that plays the liaison group.
import './load-env.ts'
import './chat/quiet.ts'
import { dirname, join } from 'node:path'
import QRCode from 'qrcode'
import qrcodeTerminal from 'qrcode-terminal'
import { messages } from '../prompts/messages.ts'
import { createApp } from './app.ts'
import { runTerminalChat } from './chat/terminal.ts'
import { loadOffices, readEnv } from './config.ts'
import { systemClock } from './domain/clock.ts'
import { createLogger, type Logger } from './log.ts'
import { ensureRedis } from './redis-local.ts'
import { type StartStage, startFailure } from './startup-errors.ts'
import { databasePath } from './store/db.ts'

const USAGE = messages.usageStart()

/** Stops the private Redis, if one was started, when the start fails. */
let stopRedis: () => Promise<void> = async () => undefined
/** How far the start got, and its settings so far: for the operator's hint when it fails. */
let stage: StartStage = 'config'
let settings = { DATABASE_URL: '', REDIS_URL: '', ROSTER_FILE: '' }
let startLog: Logger | undefined

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const configured = readEnv()
  settings = configured
  // In the terminal chat the screen belongs to the conversation: only errors are logged.
  const log = createLogger(configured.WECHATY_PUPPET ? configured.LOG_LEVEL : 'error')
  startLog = createLogger(configured.LOG_LEVEL)
  stage = 'roster'
  const offices = loadOffices(configured)
  stage = 'redis'
  const redis = await ensureRedis({
    url: configured.REDIS_URL,
    databaseUrl: configured.DATABASE_URL,
    say: (line) => process.stderr.write(`${line}\n`),
  })
  const env = { ...configured, REDIS_URL: redis.url }
  stopRedis = redis.stop
  settings = env
  stage = 'database'
  const app = await createApp({ env, offices, clock: systemClock, log })

  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    await app.stop()
    await redis.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  app.bot.on('scan', (qrcode, status) => {
    const png = join(dirname(databasePath(env.DATABASE_URL)), 'login-qr.png')
    process.stderr.write(`${messages.startup('scan', { status, png })}\n`)
    qrcodeTerminal.generate(qrcode, { small: true }, (code) => process.stderr.write(`${code}\n`))
    void QRCode.toFile(png, qrcode).catch((err) => log.warn({ err }, 'could not save the QR code picture'))
  })
  stage = 'start'
  await app.start()
  if (app.mocker) {
    await runTerminalChat({
      db: app.db,
      outbox: join(dirname(databasePath(env.DATABASE_URL)), 'outbox'),
      mocker: app.mocker,
      roomTopic: app.offices[0]?.env.ROOM_TOPIC ?? env.ROOM_TOPIC,
      now: () => systemClock.now(),
      onQuit: () => shutdown('quit'),
    })
  } else {
    log.warn(
      { puppet: env.WECHATY_PUPPET, room: app.offices.map((o) => o.env.ROOM_TOPIC).join(', ') },
      'bot started',
    )
  }
}

main().catch(async (err) => {
  const failure = startFailure(err, stage, {
    ...settings,
    DATABASE_PATH: databasePath(settings.DATABASE_URL),
  })
  process.stderr.write(`${failure.text}\n`)
  startLog?.debug({ err, stage }, 'start failed')
  // Already failing: the start's own error is the one to show; the private Redis stops with us.
  await stopRedis().catch(() => undefined)
  process.exit(1)
})
