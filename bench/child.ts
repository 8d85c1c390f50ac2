// One benchmark in a process of its own (spawned by bench/run.ts as `node --import tsx`), so that
// its peak RSS is the bot's own and runs do not share JIT state or caches. Prints one JSON line.
import { benchDatabase, type ChildResult } from './common.ts'
import type { Engine, ScaleSetup } from './scale-offices.ts'

const [bench, variant] = process.argv.slice(2)
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? v : fallback
}

async function run(): Promise<ChildResult> {
  const base = variant === 'baseline'
  switch (bench) {
    case 'ingest': {
      const n = num('BENCH_MESSAGES', 5000)
      const warmup = Math.min(300, Math.ceil(n / 10))
      const mode = process.env.BENCH_INGEST_MODE === 'burst' ? 'burst' : 'liaisons'
      if (base) return (await import('./ingest-baseline.ts')).ingestBaseline(n, warmup, mode)
      return (await import('./ingest.ts')).ingestBot(n, warmup, mode)
    }
    case 'clues': {
      const n = num('BENCH_CLUES', 100_000)
      if (base) return (await import('./clues-baseline.ts')).cluesBaseline(n)
      return (await import('./clues.ts')).cluesBot(n, { database: benchDatabase() })
    }
    case 'bulletin-seed': {
      // Not a benchmark: writes the year of record for both bulletin variants (run.ts).
      const { seedFile } = await import('./bulletin.ts')
      await seedFile(variant as string, num('BENCH_BULLETIN_CLUES', 100_000))
      return { bench: 'bulletin-seed', variant: 'bot', metrics: {}, peakRssMb: 0 }
    }
    case 'bulletin': {
      const { bulletinBot, bulletinBaseline } = await import('./bulletin.ts')
      const n = num('BENCH_BULLETIN_CLUES', 100_000)
      const runs = num('BENCH_BULLETIN_RUNS', 5)
      return base ? bulletinBaseline(n, runs) : bulletinBot(n, runs)
    }
    case 'scale-seed':
    case 'scale-bulletin':
    case 'scale-ingest':
    case 'scale-clues': {
      // The city-scale bench (scale-run.ts): the setup as JSON, the engine as the variant.
      const s = JSON.parse(process.env.BENCH_SCALE ?? '{}') as ScaleSetup
      const engine = variant as Engine
      if (bench === 'scale-seed') return (await import('./scale-seed.ts')).seedScale(s, engine)
      if (bench === 'scale-bulletin') return (await import('./scale-bulletin.ts')).scaleBulletin(s, engine)
      if (bench === 'scale-ingest') return (await import('./scale-ingest.ts')).scaleIngest(s, engine)
      return (await import('./scale-clues.ts')).scaleClues(s, engine)
    }
    default:
      throw new Error(`unknown benchmark ${bench}`)
  }
}

run().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`)
    process.exit(0)
  },
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`)
    process.exit(1)
  },
)
