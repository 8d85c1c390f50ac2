// `npm run simulate -- scenario.json`: see bot/SIMULATE.md. JSON Lines on stdout, logs on stderr.
import './load-env.ts'
import './chat/quiet.ts'
import { messages } from '../prompts/messages.ts'
import { readEnv } from './config.ts'
import { createLogger } from './log.ts'
import { ensureRedis, RedisUnavailableError } from './redis-local.ts'
import { readScenario, ScenarioError } from './scenario.ts'
import { runSimulation, scenarioDir } from './simulation.ts'

const USAGE = messages.usageSimulate()

function invalid(err: unknown): number {
  if (!(err instanceof ScenarioError)) throw err
  process.stderr.write(`invalid scenario: ${err.message}\n`)
  return 1
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const path = args[0]
  if (!path) {
    process.stderr.write(`${USAGE}\n`)
    return 2
  }
  const env = readEnv()
  const log = createLogger(env.LOG_LEVEL)
  let scenario: ReturnType<typeof readScenario>
  try {
    scenario = readScenario(path)
  } catch (err) {
    return invalid(err)
  }
  let redis: Awaited<ReturnType<typeof ensureRedis>>
  try {
    redis = await ensureRedis({
      url: env.REDIS_URL,
      databaseUrl: env.DATABASE_URL,
      say: (line) => process.stderr.write(`${line}\n`),
    })
  } catch (err) {
    if (!(err instanceof RedisUnavailableError)) throw err
    process.stderr.write(`${err.message}\n`)
    return 1
  }
  try {
    await runSimulation(scenario, {
      baseDir: scenarioDir(path),
      log,
      env: { ...process.env, REDIS_URL: redis.url },
      emit: (event) => process.stdout.write(`${JSON.stringify(event)}\n`),
    })
    return 0
  } catch (err) {
    return invalid(err)
  } finally {
    await redis.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`simulate failed: ${(err as Error).message}\n`)
    process.exit(1)
  },
)
