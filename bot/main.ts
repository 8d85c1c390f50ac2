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
import { ConfigError, loadRoster, readEnv } from './config.ts'
import { systemClock } from './domain/clock.ts'
import { createLogger } from './log.ts'
import { ensureRedis, RedisUnavailableError } from './redis-local.ts'
import { databasePath } from './store/db.ts'

const USAGE = messages.usageStart()

/** Stops the private Redis, if one was started, when the start fails. */
let stopRedis: () => Promise<void> = async () => undefined

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const configured = readEnv()
  const roster = loadRoster(configured.ROSTER_FILE)
  // In the terminal chat the screen belongs to the conversation: only errors are logged.
  const log = createLogger(configured.WECHATY_PUPPET ? configured.LOG_LEVEL : 'error')
  const redis = await ensureRedis({
    url: configured.REDIS_URL,
    databaseUrl: configured.DATABASE_URL,
    say: (line) => process.stderr.write(`${line}\n`),
  })
  const env = { ...configured, REDIS_URL: redis.url }
  stopRedis = redis.stop
  const app = await createApp({ env, roster, clock: systemClock, log })

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
  await app.start()
  if (app.mocker) {
    await runTerminalChat({
      db: app.db,
      outbox: join(dirname(databasePath(env.DATABASE_URL)), 'outbox'),
      mocker: app.mocker,
      roomTopic: env.ROOM_TOPIC,
      now: () => systemClock.now(),
      onQuit: () => shutdown('quit'),
    })
  } else {
    log.warn({ puppet: env.WECHATY_PUPPET, room: env.ROOM_TOPIC }, 'bot started')
  }
}

main().catch(async (err) => {
  if (err instanceof ConfigError || err instanceof RedisUnavailableError)
    process.stderr.write(`${err.message}\n`)
  else process.stderr.write(`启动失败: ${(err as Error).stack ?? err}\n`)
  await stopRedis().catch(() => undefined)
  process.exit(1)
})
