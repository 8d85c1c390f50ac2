// The scale bench's clue import, on one engine (a child of run.ts): bench/clues.ts's `import-clues`
// of a 100,000-row CSV into the first county, whose record already holds its years of clues.
import '../bot/chat/quiet.ts'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { closeDatabase, openDatabase } from '../bot/store/db.ts'
import { clueCsv } from './clue-data.ts'
import { importClues } from './clues.ts'
import { type ChildResult, dropStore, freshStore, round } from './common.ts'
import {
  countyKey,
  type Engine,
  officeUrl,
  rosterFile,
  type ScaleSetup,
  scaleOffices,
} from './scale-offices.ts'

async function countsOf(url: string) {
  const db = await openDatabase(url)
  try {
    return {
      clues: await db.clue.count(),
      history: await db.clueHistory.count(),
      outbound: await db.outboundMessage.count(),
    }
  } finally {
    await closeDatabase(db)
  }
}

export async function scaleClues(s: ScaleSetup, engine: Engine): Promise<ChildResult> {
  const key = countyKey(s, 0)
  const url = officeUrl(s, engine, key)
  const county = scaleOffices(s).find((o) => o.office.key === key)
  if (!county) throw new Error('scale: no county')
  const redis = freshStore('scale-clues')
  const file = join(redis.dir, 'clues.csv')
  writeFileSync(file, clueCsv(s.importRows))
  const before = await countsOf(url)
  const { ms, cpu, peak } = await importClues(file, {
    ...process.env,
    DATABASE_URL: url,
    ROSTER_FILE: rosterFile(s, key),
    ROOM_TOPIC: county.roomTopic,
    REDIS_PREFIX: redis.prefix,
  })
  const after = await countsOf(url)
  await dropStore(redis)
  const added = {
    clues: after.clues - before.clues,
    history: after.history - before.history,
    outbound: after.outbound - before.outbound,
  }
  // A few rows repeat an open clue (not a new one): most, never all, become clues.
  if (added.clues < s.importRows * 0.9 || added.clues > s.importRows)
    throw new Error(`scale clues: ${s.importRows} rows gave ${added.clues} new clues`)
  return {
    bench: 'scale-clues',
    variant: 'bot',
    metrics: {
      time: { value: round(ms / 1000, 3), unit: 's' },
      throughput: { value: round((s.importRows / ms) * 1000, 0), unit: 'rows/s' },
    },
    peakRssMb: round(peak, 1),
    notes: { engine, rows: s.importRows, cpuS: round(cpu, 2), before: before.clues, ...added },
  }
}
