// `npm run bench`: the four benchmarks of the performance issue, each next to its baseline measured
// in the same run. Prints one JSON line per figure on stdout; progress goes to stderr. Usage: USAGE
// below (`npm run bench -- --help`).
//
//   npm run bench                                   defaults (fit a 2-core machine in < 5 minutes)
//   npm run bench -- --messages=2000 --clues=20000 --bulletin-clues=20000 --runs=3
//   npm run bench -- --only=ingest,bulletin
//   npm run bench -- --only=clues --database=postgresql   the clue import on a fresh PostgreSQL schema
//
// The same sizes can be given as BENCH_MESSAGES, BENCH_CLUES, BENCH_BULLETIN_CLUES,
// BENCH_BULLETIN_RUNS, BENCH_REPEATS and BENCH_ONLY; BENCH_DATABASE as --database (the clue import
// only: its baseline, ingest and the bulletin stay on SQLite; BENCH_POSTGRES_URL names the
// database). Every benchmark (and every baseline) runs in a child process of its own (`node
// --import tsx bench/child.ts`, with the node flags of `npm start`), on a fresh temp SQLite file and
// its own Redis prefix; the ingest and clue children run --repeats times each, alternated, and
// their figure is the median; the highest peak RSS of the ingest and clue children is the memory
// figure.
//
// `ratio` is always a cost ratio, bot ÷ baseline: time per message for a throughput, the time
// itself for a latency or a duration, megabytes for memory. 2 means "twice the baseline's cost".
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { type ChildResult, median } from './common.ts'
import { runScale } from './scale-run.ts'

const ROOT = join(import.meta.dirname, '..')
const BENCHES = ['ingest', 'clues', 'bulletin'] as const
/** The node flags `npm start` gives the bot (package.json), so that every child runs as the bot does. */
const START_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string)
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--') && arg !== '--import')
type Bench = (typeof BENCHES)[number]

const USAGE = `npm run bench [-- options]
  (no options)                  ingest, clues and bulletin at the default sizes (< 5 min on 2 cores)
  --messages=N                  ingest: reports in the load phase and again one at a time (5000)
  --clues=N                     clues: rows of the CSV imported (100000)
  --bulletin-clues=N            bulletin: clues in the year of record (100000)
  --runs=N                      bulletin: runs, the median is the figure (5)
  --repeats=N                   ingest and clues: each child (bot and baseline) runs N times,
                                alternated; the median is the figure, the highest peak RSS the
                                memory figure (3)
  --only=ingest,clues,bulletin  some of them
  --database=postgresql         clues: the import on a fresh PostgreSQL schema (its baseline stays SQLite)
  --scale=city                  the city-scale bench instead, on SQLite and PostgreSQL in one run:
                                seeds a city and its counties, then the city bulletin, a county's
                                bulletin, ingest across the counties' rooms and a clue import;
                                --messages (2000 here), --clues (import), --bulletin-clues (the
                                one-year county) and --runs apply, and:
    --counties=N                counties of the city (10)
    --years=N                   years of monthly reports and clues per county (5)
    --scale-clues=N             clues per county, spread over the years (100000)
Sizes also come from BENCH_MESSAGES, BENCH_CLUES, BENCH_BULLETIN_CLUES, BENCH_BULLETIN_RUNS, BENCH_REPEATS,
BENCH_ONLY, BENCH_DATABASE, BENCH_SCALE_COUNTIES, BENCH_SCALE_YEARS and BENCH_SCALE_CLUES; PostgreSQL is
BENCH_POSTGRES_URL (postgresql://postgres@127.0.0.1:5432/test); BENCH_SCALE_KEEP=1 keeps the
seeded record (its files and schemas) and prints how to run one child on it, e.g. to profile it
(ingest and the import change the record).
`

const { values } = parseArgs({
  options: {
    messages: { type: 'string' },
    clues: { type: 'string' },
    'bulletin-clues': { type: 'string' },
    runs: { type: 'string' },
    repeats: { type: 'string' },
    only: { type: 'string' },
    database: { type: 'string' },
    scale: { type: 'string' },
    counties: { type: 'string' },
    years: { type: 'string' },
    'scale-clues': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

function size(flag: string | undefined, env: string, fallback: number): number {
  const text = flag ?? process.env[env]
  if (text === undefined || text === '') return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n <= 0) {
    process.stderr.write(`${env} / flag must be a positive whole number, got "${text}"\n`)
    process.exit(2)
  }
  return n
}

const sizes = {
  BENCH_MESSAGES: size(values.messages, 'BENCH_MESSAGES', 5000),
  BENCH_CLUES: size(values.clues, 'BENCH_CLUES', 100_000),
  BENCH_BULLETIN_CLUES: size(values['bulletin-clues'], 'BENCH_BULLETIN_CLUES', 100_000),
  BENCH_BULLETIN_RUNS: size(values.runs, 'BENCH_BULLETIN_RUNS', 5),
}
/**
 * Runs of each ingest and clue child. One child's run moved by up to ±20% on a shared 2-core
 * machine (each child is timed on its own, seconds apart); the median of runs alternated with the
 * other variant's follows the code instead of the neighbours.
 */
const repeats = size(values.repeats, 'BENCH_REPEATS', 3)
const database = values.database ?? process.env.BENCH_DATABASE ?? 'sqlite'
if (database !== 'sqlite' && database !== 'postgresql') {
  process.stderr.write(`--database must be sqlite or postgresql, got "${database}"\n`)
  process.exit(2)
}
const only = (values.only ?? process.env.BENCH_ONLY ?? BENCHES.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
for (const b of only) {
  if (!BENCHES.includes(b as Bench)) {
    process.stderr.write(`unknown benchmark "${b}" (ingest, clues, bulletin)\n${USAGE}`)
    process.exit(2)
  }
}

function child(bench: string, variant: string, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  // The scale bench's children are long: their progress is passed on as it comes.
  const echo = bench.startsWith('scale-')
  return new Promise((resolve, reject) => {
    const started = Date.now()
    process.stderr.write(`• ${bench} ${variant} ${echo ? '\n' : '… '}`)
    const proc = spawn(
      process.execPath,
      [...START_FLAGS, '--import', 'tsx', join('bench', 'child.ts'), bench, variant],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          ...Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, String(v)])),
          BENCH_DATABASE: database,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    let err = ''
    proc.stdout.on('data', (d) => {
      out += d
    })
    proc.stderr.on('data', (d) => {
      if (echo) process.stderr.write(d)
      else err += d
    })
    proc.on('error', reject)
    proc.on('exit', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code !== 0 || !last.startsWith('{')) {
        process.stderr.write(`failed (${seconds} s)\n${err}`)
        reject(new Error(`${bench} ${variant} exited with ${code}`))
        return
      }
      process.stderr.write(`${echo ? '  done in ' : ''}${seconds} s\n`)
      resolve(JSON.parse(last) as ChildResult)
    })
  })
}

interface Goal {
  text: string
  met(value: number, ratio: number): boolean
}

/** Per figure: whether it is a throughput (higher is better) and the goal, if any. */
const FIGURES: Record<Bench, { metric: string; higherIsBetter?: boolean; goal?: Goal }[]> = {
  ingest: [
    {
      metric: 'throughput',
      higherIsBetter: true,
      goal: { text: '>= 1000 messages/s and <= 3x baseline cost', met: (v, r) => v >= 1000 && r <= 3 },
    },
    { metric: 'p50' },
    { metric: 'p99', goal: { text: '<= 20 ms', met: (v) => v <= 20 } },
  ],
  clues: [
    { metric: 'time', goal: { text: '<= 5 s and <= 3x baseline', met: (v, r) => v <= 5 && r <= 3 } },
    { metric: 'throughput', higherIsBetter: true },
  ],
  bulletin: [
    { metric: 'time', goal: { text: '<= 300 ms and <= 3x baseline', met: (v, r) => v <= 300 && r <= 3 } },
  ],
}

const round = (v: number) => Math.round(v * 100) / 100

/**
 * One result for runs of a child: each metric's median, the highest peak RSS, the first run's
 * notes with every run's metrics beside them.
 */
function medianRun(runs: readonly ChildResult[]): ChildResult {
  const [first] = runs as [ChildResult]
  if (runs.length === 1) return first
  const metrics = Object.fromEntries(
    Object.entries(first.metrics).map(([name, m]) => [
      name,
      { value: median(runs.map((r) => r.metrics[name]?.value ?? Number.NaN)), unit: m.unit },
    ]),
  )
  return {
    ...first,
    metrics,
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    notes: {
      ...first.notes,
      runs: runs.map((r) => Object.fromEntries(Object.entries(r.metrics).map(([k, m]) => [k, m.value]))),
    },
  }
}

function print(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

if (values.scale !== undefined) {
  if (values.scale !== 'city') {
    process.stderr.write(`unknown scale "${values.scale}" (city)\n${USAGE}`)
    process.exit(2)
  }
  const ok = await runScale(
    {
      counties: size(values.counties, 'BENCH_SCALE_COUNTIES', 10),
      years: size(values.years, 'BENCH_SCALE_YEARS', 5),
      cluesPerCounty: size(values['scale-clues'], 'BENCH_SCALE_CLUES', 100_000),
      todayClues: sizes.BENCH_BULLETIN_CLUES,
      runs: sizes.BENCH_BULLETIN_RUNS,
      // Fewer than the ingest bench's 5,000: on PostgreSQL a message costs ~10× SQLite's.
      messages: size(values.messages, 'BENCH_MESSAGES', 2000),
      importRows: sizes.BENCH_CLUES,
    },
    child,
  )
  process.exit(ok ? 0 : 1)
}

let failed = false
const peaks: { bench: Bench; bot: ChildResult; base: ChildResult }[] = []
process.stderr.write(`sizes: ${JSON.stringify(sizes)}, database: ${database}\n`)
for (const bench of BENCHES) {
  if (!only.includes(bench)) continue
  let base: ChildResult
  let bot: ChildResult
  let seeded: string | undefined
  try {
    // The bulletin's year of record is written once, by a process of its own; both variants copy it.
    if (bench === 'bulletin') {
      seeded = join(mkdtempSync(join(tmpdir(), 'fzbench-seed-')), 'year.db')
      await child('bulletin-seed', seeded)
    }
    const env = seeded ? { BENCH_BULLETIN_DB: seeded } : {}
    const runs = { baseline: [] as ChildResult[], bot: [] as ChildResult[] }
    for (let i = 0; i < (bench === 'bulletin' ? 1 : repeats); i++) {
      runs.baseline.push(await child(bench, 'baseline', env))
      runs.bot.push(await child(bench, 'bot', env))
    }
    base = medianRun(runs.baseline)
    bot = medianRun(runs.bot)
  } catch (err) {
    failed = true
    print({ bench, error: (err as Error).message })
    continue
  } finally {
    if (seeded) rmSync(dirname(seeded), { recursive: true, force: true })
  }
  for (const f of FIGURES[bench]) {
    const value = bot.metrics[f.metric]
    const baseline = base.metrics[f.metric]
    if (!value || !baseline) continue
    const ratio = f.higherIsBetter ? baseline.value / value.value : value.value / baseline.value
    print({
      bench,
      ...(bench === 'clues' && database !== 'sqlite' ? { database } : {}),
      metric: f.metric,
      value: value.value,
      unit: value.unit,
      baseline: baseline.value,
      ratio: round(ratio),
      ...(f.goal ? { goal: f.goal.text, met: f.goal.met(value.value, ratio) } : {}),
    })
  }
  if (bench !== 'bulletin') peaks.push({ bench, bot, base })
  process.stderr.write(`  notes: ${JSON.stringify({ bot: bot.notes, baseline: base.notes })}\n`)
}
for (const { bench, bot, base } of peaks) {
  print({
    bench: 'memory',
    metric: `peak_rss_${bench}`,
    value: bot.peakRssMb,
    unit: 'MB',
    baseline: base.peakRssMb,
    ratio: round(bot.peakRssMb / base.peakRssMb),
    goal: '<= 300 MB',
    met: bot.peakRssMb <= 300,
  })
}
process.exit(failed ? 1 : 0)
