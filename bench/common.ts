// Shared by the benchmarks: a fresh store per run, timing, percentiles, peak memory.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Redis } from 'ioredis'

export interface BenchStore {
  /** A temp directory of the run's own (the SQLite file, the files a benchmark writes). */
  dir: string
  /** The SQLite file; '' on PostgreSQL (the schema is the database). */
  dbPath: string
  url: string
  prefix: string
  /** On PostgreSQL: the run's own schema, dropped by dropStore. */
  schema?: string
}

/** Which engine a benchmark's database is on: BENCH_DATABASE (`npm run bench -- --database=postgresql`). */
export type BenchDatabase = 'sqlite' | 'postgresql'

export function benchDatabase(env = process.env): BenchDatabase {
  return env.BENCH_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite'
}

/** Where a PostgreSQL run makes its schema (BENCH_POSTGRES_URL; trust auth on this machine). */
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test'

/**
 * A fresh temp SQLite file (or, on PostgreSQL, a fresh schema `fzbench_<random>` of database
 * `test`) and a Redis prefix of its own (as tests/helpers/app.ts freshStore()).
 */
export function freshStore(name: string, database: BenchDatabase = 'sqlite'): BenchStore {
  const dir = mkdtempSync(join(tmpdir(), `fzbench-${name}-`))
  const prefix = `fzbench-${randomBytes(6).toString('hex')}`
  if (database === 'postgresql') {
    const schema = `fzbench_${randomBytes(6).toString('hex')}`
    const url = `${POSTGRES_URL}?schema=${schema}`
    return { dir, dbPath: '', url, prefix, schema }
  }
  const dbPath = join(dir, 'bot.db')
  return { dir, dbPath, url: `file:${dbPath}`, prefix }
}

/** Removes the temp directory (and the PostgreSQL schema and its stand-in folder) and every Redis key under the prefix. */
export async function dropStore(store: BenchStore, redisUrl = 'redis://127.0.0.1:6379'): Promise<void> {
  rmSync(store.dir, { recursive: true, force: true })
  if (store.schema) {
    // Loaded here only: the SQLite benchmarks' peak memory stays their own.
    const [{ default: pg }, { databasePath }] = await Promise.all([
      import('pg'),
      import('../bot/store/db.ts'),
    ])
    const client = new pg.Client({ connectionString: POSTGRES_URL })
    await client.connect()
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${store.schema}" CASCADE`)
    } finally {
      await client.end()
    }
    rmSync(dirname(databasePath(store.url)), { recursive: true, force: true })
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  redis.on('error', () => undefined)
  try {
    await redis.connect()
    // Twice: a queue call still in flight when the app stopped may land after the first sweep.
    for (const pause of [0, 200]) {
      await new Promise((r) => setTimeout(r, pause))
      let cursor = '0'
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${store.prefix}:*`, 'COUNT', 1000)
        cursor = next
        if (keys.length) await redis.del(...keys)
      } while (cursor !== '0')
    }
  } catch {
    // Redis gone: nothing to clean.
  } finally {
    redis.disconnect()
  }
}

export const now = () => performance.now()

/** CPU seconds this process has used (all its threads, user + system): steadier than wall time on a shared machine. */
export function cpuSeconds(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] as number
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}

/** Peak resident set size of this process so far, in MB (VmHWM; sampled RSS where /proc is absent). */
export class PeakMemory {
  private peak = 0
  private timer: NodeJS.Timeout
  constructor(intervalMs = 20) {
    this.sample()
    this.timer = setInterval(() => this.sample(), intervalMs)
    this.timer.unref()
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss)
  }
  stop(): number {
    clearInterval(this.timer)
    this.sample()
    let hwm = 0
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
      if (m) hwm = Number(m[1]) * 1024
    } catch {
      // not Linux
    }
    return Math.max(this.peak, hwm) / 2 ** 20
  }
}

/** What one benchmark child reports (the last line of its stdout). */
export interface ChildResult {
  bench: string
  variant: 'bot' | 'baseline'
  metrics: Record<string, { value: number; unit: string }>
  /** Peak RSS of the process, MB. */
  peakRssMb: number
  notes?: Record<string, unknown>
}

export const round = (v: number, digits = 2) => {
  const f = 10 ** digits
  return Math.round(v * f) / f
}
