// `npm run worker`: the scheduled work without WeChat (bot/worker-app.ts), for every office of
// ROSTER_FILE as `npm start` serves them. Any number may run beside the bots on the same settings;
// the messages they write are sent by each office's bot.
import './load-env.ts'
import { messages } from '../prompts/messages.ts'
import { loadOffices, readEnv } from './config.ts'
import { systemClock } from './domain/clock.ts'
import { createLogger, type Logger } from './log.ts'
import { existingRedis } from './redis-local.ts'
import { type StartStage, startFailure } from './startup-errors.ts'
import { databasePath } from './store/db.ts'
import { createOfficeWorkers } from './worker-app.ts'

/** How far the start got, and its settings so far: for the operator's hint when it fails. */
let stage: StartStage = 'config'
let settings = { DATABASE_URL: '', REDIS_URL: '', ROSTER_FILE: '' }
let log: Logger | undefined

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${messages.usageWorker()}\n`)
    return
  }
  const configured = readEnv()
  settings = configured
  log = createLogger(configured.LOG_LEVEL)
  stage = 'roster'
  const offices = loadOffices(configured)
  stage = 'redis'
  const url = await existingRedis({ url: configured.REDIS_URL, databaseUrl: configured.DATABASE_URL })
  const env = { ...configured, REDIS_URL: url }
  settings = env
  stage = 'database'
  const worker = await createOfficeWorkers({ env, offices, clock: systemClock, log })
  stage = 'start'
  await worker.start({ live: true })
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log?.info({ signal }, 'worker shutting down')
    await worker.stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  log.warn({ pid: process.pid, offices: worker.workers.length, prefix: env.REDIS_PREFIX }, 'worker started')
}

main().catch((err) => {
  const failure = startFailure(err, stage, {
    ...settings,
    DATABASE_PATH: databasePath(settings.DATABASE_URL),
  })
  process.stderr.write(`${failure.text}\n`)
  log?.debug({ err, stage }, 'worker start failed')
  process.exit(1)
})
