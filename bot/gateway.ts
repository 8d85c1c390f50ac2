// `npm run gateway`: a puppet service on loopback backed by the mock WeChat, for `npm start` to
// connect to as to a provider; this terminal plays the liaison group (the terminal chat).
import './load-env.ts'
import './chat/quiet.ts'
import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import { messages } from '../prompts/messages.ts'
import { runTerminalChat } from './chat/terminal.ts'
import { createWireServer } from './chat/wire-server.ts'
import { ConfigError, loadOffices, readEnv } from './config.ts'
import { systemClock } from './domain/clock.ts'
import { type OfficeSetup, officeSetups } from './offices.ts'
import { type StartStage, startFailure } from './startup-errors.ts'
import { closeDatabase, databasePath, openDatabase } from './store/db.ts'
import { seedUnitsIfEmpty } from './store/units.ts'

const DEFAULT_ENDPOINT = '127.0.0.1:8788'

/** How far the start got, and its settings: for the operator's hint when it fails. */
let stage: StartStage = 'config'
let settings = { DATABASE_URL: '', REDIS_URL: '', ROSTER_FILE: '' }

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${messages.gatewayUsage()}\n`)
    return
  }
  const configured = readEnv()
  settings = configured
  stage = 'roster'
  // It plays the first office's group (the only one, for a county).
  const { roster, env } = officeSetups(configured, loadOffices(configured))[0] as OfficeSetup
  const endpoint = env.WECHATY_PUPPET_SERVICE_ENDPOINT ?? DEFAULT_ENDPOINT
  const token = env.WECHATY_PUPPET_SERVICE_TOKEN ?? `insecure_${randomUUID()}`
  const noTls = env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER
  // The people of the group are the bot's bindings: the same database, as in the terminal chat.
  stage = 'database'
  const db = await openDatabase(env.DATABASE_URL)
  await seedUnitsIfEmpty(db, roster.units)
  stage = 'start'
  const server = await createWireServer({ endpoint, token, noTls })
  try {
    await server.start()
  } catch {
    // The address is taken or not this machine's: either way the endpoint is what to change.
    throw new ConfigError(messages.gateway('bind_failed', { endpoint }))
  }
  process.stdout.write(
    `${messages.gatewayStarted({
      endpoint,
      token,
      tls: messages.gateway(noTls ? 'tls_off' : 'tls_on'),
      client: noTls ? ` ${messages.gateway('client_no_tls')}` : '',
    })}\n`,
  )
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    // Stopping on a signal: a server that fails to stop is gone with the process a moment later.
    await server.stop().catch(() => undefined)
    await closeDatabase(db)
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
  await runTerminalChat({
    db,
    outbox: join(dirname(databasePath(env.DATABASE_URL)), 'outbox'),
    mocker: server.mocker,
    roomTopic: env.ROOM_TOPIC,
    now: () => systemClock.now(),
    onQuit: shutdown,
  })
}

main().catch((err) => {
  const failure = startFailure(err, stage, {
    ...settings,
    DATABASE_PATH: databasePath(settings.DATABASE_URL),
  })
  process.stderr.write(`${failure.text}\n`)
  if (process.env.LOG_LEVEL === 'debug') process.stderr.write(`${(err as Error).stack ?? err}\n`)
  process.exit(1)
})
