// Benchmark 2, clues: a CSV of N mixed clues taken in as `npm run cli -- import-clues FILE` does
// (runCli in this process: read, classify, number, route, store, history rows, one notice per
// unit). The baseline is in clues-baseline.ts. On PostgreSQL (`--database=postgresql`) the import
// runs on a fresh schema; the baseline stays the SQLite one.
import '../bot/chat/quiet.ts'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../bot/cli.ts'
import { loadRoster } from '../bot/config.ts'
import { closeDatabase, openDatabase } from '../bot/store/db.ts'
import { bindPerson } from '../bot/store/people.ts'
import { listUnits, seedUnitsIfEmpty } from '../bot/store/units.ts'
import { clueCountsOf, clueCsv, ROOM } from './clue-data.ts'
import {
  type BenchDatabase,
  type ChildResult,
  cpuSeconds,
  dropStore,
  freshStore,
  now,
  PeakMemory,
  round,
} from './common.ts'

export async function cluesBot(n: number, o: { database?: BenchDatabase } = {}): Promise<ChildResult> {
  const database = o.database ?? 'sqlite'
  const store = freshStore('clues', database)
  // The office's database as it stands before the import: units seeded, one liaison per unit.
  const db = await openDatabase(store.url)
  await seedUnitsIfEmpty(db, loadRoster('prisma/roster.yaml').units)
  for (const u of await listUnits(db)) {
    await bindPerson(
      db,
      { contactId: `liaison-${u.key}`, name: `${u.name}联络员`, role: 'liaison', unitId: u.id },
      new Date(),
    )
  }
  await closeDatabase(db)
  const file = join(store.dir, 'clues.csv')
  writeFileSync(file, clueCsv(n))

  const { ms, cpu, peak } = await importClues(file, {
    ...process.env,
    DATABASE_URL: store.url,
    REDIS_PREFIX: store.prefix,
    ROOM_TOPIC: ROOM,
  })
  const c = await clueCountsOf(store)
  await dropStore(store)
  return {
    bench: 'clues',
    variant: 'bot',
    metrics: {
      time: { value: round(ms / 1000, 3), unit: 's' },
      throughput: { value: round((n / ms) * 1000, 0), unit: 'rows/s' },
    },
    peakRssMb: round(peak, 1),
    notes: { rows: n, database, cpuS: round(cpu, 2), ...c },
  }
}

/**
 * `import-clues FILE` into the office of `env` (DATABASE_URL, ROSTER_FILE…), as the command line
 * runs it: wall milliseconds, CPU seconds and the peak RSS (MB) while it ran. Throws when it fails.
 */
export async function importClues(
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; cpu: number; peak: number }> {
  const mem = new PeakMemory(10)
  const cpu0 = cpuSeconds()
  const t0 = now()
  const r = await runCli(['import-clues', file], env)
  const ms = now() - t0
  const cpu = cpuSeconds() - cpu0
  const peak = mem.stop()
  if (r.code !== 0) throw new Error(`import-clues failed: ${r.out}`)
  return { ms, cpu, peak }
}
