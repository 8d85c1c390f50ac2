import Database from 'better-sqlite3'
import { applyMigrations } from '../bot/store/migrate.ts'
import { rmSync } from 'node:fs'
const mode = process.argv[2]
const path = '/tmp/mb/c.db'
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true })
const db = new Database(path)
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL')
applyMigrations(db as never)
db.prepare(`INSERT INTO "Unit" ("key","name","aliases","duty","clueKinds","fields","position","active") VALUES ('u','U','[]','','[]','[]',1,1)`).run()
const cols = ['code', 'year', 'seq', 'kind', 'value', 'masked', 'remark', 'unitId', 'status', 'routedAt', 'dueAt', 'createdAt', 'inboundId']
const at = new Date().toISOString().replace('Z', '+00:00')
const row = (i: number) => [`XS-2026-${String(i).padStart(5, '0')}`, 2026, i, 'phone', `1380013${String(i).padStart(4, '0')}`, '138****' + i, null, 1, 'open', at, at, at, null]
const N = 100000, T = 5000, R = 100
const t0 = performance.now()
if (mode === 'single') {
  const st = db.prepare(`INSERT INTO "Clue" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) RETURNING "id"`)
  for (let i = 0; i < N; i += T) db.transaction(() => { for (let k = i; k < i + T; k++) st.get(...row(k + 1)) })()
} else {
  const ret = mode === 'multi-ret' ? ' RETURNING "id", "seq"' : ''
  const one = `(${cols.map(() => '?').join(', ')})`
  const st = db.prepare(`INSERT INTO "Clue" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(R).fill(one).join(', ')}${ret}`)
  const params: unknown[] = new Array(R * cols.length)
  for (let i = 0; i < N; i += T) db.transaction(() => { for (let k = i; k < i + T; k += R) { for (let j = 0; j < R; j++) { const r = row(k + j + 1); for (let c = 0; c < cols.length; c++) params[j * cols.length + c] = r[c] } ret ? st.all(params) : st.run(params) } })()
}
console.log(mode, (performance.now() - t0).toFixed(0), 'ms')
