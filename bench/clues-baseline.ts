// Benchmark 2's baseline: the same CSV read and parsed the same way (csv-parse), its rows inserted
// into Clue by one prepared better-sqlite3 statement in one transaction: no classification, routing,
// numbering rules, duplicates, history or notices.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parse as parseCsv } from 'csv-parse/sync'
import { applyMigrations } from '../bot/store/migrate.ts'
import { clueCsv, clueCounts as counts } from './clue-data.ts'
import { type ChildResult, cpuSeconds, dropStore, freshStore, now, PeakMemory, round } from './common.ts'

export async function cluesBaseline(n: number): Promise<ChildResult> {
  const store = freshStore('clues-base')
  const path = store.dbPath
  const file = join(store.dir, 'clues.csv')
  writeFileSync(file, clueCsv(n))
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  applyMigrations(db)

  const mem = new PeakMemory(10)
  const cpu0 = cpuSeconds()
  const t0 = now()
  const rows = (
    parseCsv(readFileSync(file, 'utf8'), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][]
  ).slice(1)
  const parsed = now()
  const insert = db.prepare(
    `INSERT INTO "Clue" ("code", "year", "seq", "kind", "value", "masked", "remark", "unitId", "status", "createdAt")
     VALUES (?, ?, ?, 'unclear', ?, ?, ?, NULL, 'open', ?)`,
  )
  const at = new Date().toISOString().replace('Z', '+00:00')
  db.transaction(() => {
    rows.forEach((r, i) => {
      const seq = i + 1
      insert.run(`XS-2026-${String(seq).padStart(4, '0')}`, 2026, seq, r[0], r[0], r[1] || null, at)
    })
  })()
  const ms = now() - t0
  const cpu = cpuSeconds() - cpu0
  const peak = mem.stop()
  const c = counts(path)
  db.close()
  await dropStore(store)
  return {
    bench: 'clues',
    variant: 'baseline',
    metrics: {
      time: { value: round(ms / 1000, 3), unit: 's' },
      throughput: { value: round((n / ms) * 1000, 0), unit: 'rows/s' },
    },
    peakRssMb: round(peak, 1),
    notes: {
      rows: n,
      cpuS: round(cpu, 2),
      parseMs: round(parsed - t0, 1),
      insertMs: round(ms - (parsed - t0), 1),
      ...c,
    },
  }
}
