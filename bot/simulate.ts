// `npm run simulate -- scenario.json`: see bot/SIMULATE.md. JSON Lines on stdout, logs on stderr.
import './load-env.ts'
import './chat/quiet.ts'
import { readEnv } from './config.ts'
import { createLogger } from './log.ts'
import { ensureRedis, RedisUnavailableError } from './redis-local.ts'
import { readScenario, ScenarioError } from './scenario.ts'
import { runSimulation, scenarioDir } from './simulation.ts'

const USAGE = `用法: npm run simulate -- <scenario.json>

在模拟时钟上用真实的机器人逻辑（mock puppet、临时数据库、独立 Redis 前缀）运行剧本，
在标准输出逐行打印机器人发出的每条消息（JSON Lines），最后打印记录状态。
剧本格式与输出见 bot/SIMULATE.md。使用 REDIS_URL 的 Redis（默认 redis://127.0.0.1:6379）；
无响应且装有 redis-server 时，为本数据目录启动私有 Redis，运行结束即停止。`

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
