// `npm run bench -- --scale city`: the city-scale benchmark (run.ts hands over here). A city and
// its counties (scale-offices.ts) are seeded once per engine (scale-seed.ts), then on each engine,
// each in a child process of its own: the bulletins (scale-bulletin.ts), ingest across the
// counties' rooms (scale-ingest.ts) and a clue import into one county (scale-clues.ts). SQLite
// files live in a temp folder; PostgreSQL schemas (named after the run's office keys) in the
// database of BENCH_POSTGRES_URL; both are removed at the end. One JSON line per figure on stdout.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildResult } from './common.ts'
import { dropScale, ENGINES, type Engine, newSetup, type ScaleSetup, writeRosters } from './scale-offices.ts'

export type Spawn = (bench: string, variant: string, env?: NodeJS.ProcessEnv) => Promise<ChildResult>
export type Sizes = Omit<ScaleSetup, 'dir' | 'tag' | 'postgresUrl'>

const round = (v: number) => Math.round(v * 100) / 100

/** One JSON line of the scale bench's output (tests/bench/scale-smoke.test.ts reads them too). */
export interface Figure {
  metric: string
  engine: Engine | 'baseline'
  value: number
  unit: string
  baseline?: number
  /** Cost ratio, as run.ts's: bot ÷ baseline (per message for a throughput). */
  ratio?: number
  goal?: string
  met?: boolean
  notes?: Record<string, unknown>
}

function print(f: Figure): void {
  process.stdout.write(`${JSON.stringify({ bench: 'scale', ...f })}\n`)
}

/** Runs the city-scale benchmark; false when a child failed (its error is printed as a line). */
export async function runScale(sizes: Sizes, spawn: Spawn): Promise<boolean> {
  const s = newSetup(mkdtempSync(join(tmpdir(), 'fzbench-scale-')), {
    ...sizes,
    postgresUrl: process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  })
  writeRosters(s)
  const env = { BENCH_SCALE: JSON.stringify(s) }
  process.stderr.write(`scale: ${JSON.stringify(sizes)} (${s.dir}, schemas ${s.tag}_*)\n`)
  const memory: { metric: string; engine: Engine | 'baseline'; r: ChildResult }[] = []
  const run = async (bench: string, variant: string, extra: NodeJS.ProcessEnv = {}) => {
    const r = await spawn(bench, variant, { ...env, ...extra })
    memory.push({
      metric: `peak_rss_${bench}`,
      engine: (variant === 'baseline' ? 'baseline' : variant) as Engine,
      r,
    })
    return r
  }
  try {
    for (const engine of ENGINES) {
      const seed = await run('scale-seed', engine)
      print({ metric: 'seed', engine, ...pick(seed, 'seed'), notes: seed.notes ?? {} })
    }
    for (const engine of ENGINES) {
      const b = await run('scale-bulletin', engine)
      const city = pick(b, 'city')
      const sql = pick(b, 'citySql')
      const ratio = city.value / sql.value
      print({
        metric: 'city_bulletin',
        engine,
        ...city,
        baseline: sql.value,
        ratio: round(ratio),
        goal: '<= 1000 ms and <= 3x the SQL aggregate',
        met: city.value <= 1000 && ratio <= 3,
        notes: b.notes ?? {},
      })
      const county = pick(b, 'county')
      const today = pick(b, 'today')
      const r = county.value / today.value
      print({
        metric: 'county_bulletin',
        engine,
        ...county,
        baseline: today.value,
        ratio: round(r),
        goal: "<= 300 ms and <= 1.2x one year's (today's bulletin workload)",
        met: county.value <= 300 && r <= 1.2,
      })
    }
    const base = await run('ingest', 'baseline', { BENCH_MESSAGES: String(s.messages) })
    const baseRate = pick(base, 'throughput').value
    for (const engine of ENGINES) {
      const i = await run('scale-ingest', engine)
      const rate = pick(i, 'throughput')
      print({
        metric: 'ingest_throughput',
        engine,
        ...rate,
        baseline: baseRate,
        ratio: round(baseRate / rate.value),
        goal: '>= 1000 messages/s',
        met: rate.value >= 1000,
        notes: i.notes ?? {},
      })
      const p99 = pick(i, 'p99')
      const baseP99 = pick(base, 'p99').value
      print({ metric: 'ingest_p99', engine, ...p99, baseline: baseP99, ratio: round(p99.value / baseP99) })
    }
    const cluesBase = await run('clues', 'baseline', { BENCH_CLUES: String(s.importRows) })
    for (const engine of ENGINES) {
      const c = await run('scale-clues', engine)
      const time = pick(c, 'time')
      const baseTime = pick(cluesBase, 'time').value
      print({
        metric: 'clue_import',
        engine,
        ...time,
        baseline: baseTime,
        ratio: round(time.value / baseTime),
        goal: '<= 5 s',
        met: time.value <= 5,
        notes: c.notes ?? {},
      })
    }
  } catch (err) {
    process.stdout.write(`${JSON.stringify({ bench: 'scale', error: (err as Error).message })}\n`)
    return false
  } finally {
    for (const m of memory)
      if (m.r.peakRssMb > 0) print({ metric: m.metric, engine: m.engine, value: m.r.peakRssMb, unit: 'MB' })
    // Kept for profiling a child on the same record: BENCH_SCALE='<setup>' node --cpu-prof
    // --import tsx bench/child.ts scale-bulletin postgresql (then remove the folder and schemas).
    if (process.env.BENCH_SCALE_KEEP) process.stderr.write(`kept: BENCH_SCALE='${JSON.stringify(s)}'\n`)
    else await dropScale(s)
  }
  return true
}

function pick(r: ChildResult, metric: string): { value: number; unit: string } {
  const m = r.metrics[metric]
  if (!m) throw new Error(`${r.bench}: no ${metric} figure`)
  return m
}
