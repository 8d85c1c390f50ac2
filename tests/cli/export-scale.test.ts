// The record at county scale: 200,000 clues are exported (and read for the simulator's state) a
// chunk at a time — no IN list of every id, no spread of a huge array.
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { cluesWithHistory } from '../../bot/store/clues.ts'
import { dbDate } from '../../bot/store/sql.ts'
import { cliStore } from './cli-store.ts'

const CLUES = 200_000

function fill(dbPath: string) {
  const db = new Database(dbPath)
  const at = dbDate(new Date('2026-11-18T02:00:00Z'))
  const clue = db.prepare(
    `INSERT INTO Clue (code, year, seq, kind, value, masked, status, createdAt) VALUES (?, 2026, ?, 'phone', ?, ?, 'open', ?)`,
  )
  const history = db.prepare(
    `INSERT INTO ClueHistory (clueId, at, action, actor) VALUES (?, ?, 'created', '李强')`,
  )
  db.transaction(() => {
    for (let i = 1; i <= CLUES; i++) {
      const phone = `139${String(i).padStart(8, '0')}`
      const { lastInsertRowid } = clue.run(
        `XS-2026-${String(i).padStart(6, '0')}`,
        i,
        phone,
        `139****${phone.slice(-4)}`,
        at,
      )
      history.run(lastInsertRowid, at)
    }
  })()
  db.close()
}

describe('exports at 200,000 clues', () => {
  it('the clue export holds every clue and its history; the state reader sees them all', async () => {
    const s = cliStore()
    const db = await s.db()
    await db.$disconnect()
    fill(s.dbPath)

    const started = Date.now()
    const r = await s.cli('export', 'clues', '--out', `${s.dir}/clues.xlsx`)
    const ms = Date.now() - started
    expect(r.code).toBe(0)
    expect(r.out).toContain(`${CLUES} 条线索（含完整值，请妥善保管），处理记录 ${CLUES} 条`)
    // the first rows, read back streaming
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(`${s.dir}/clues.xlsx`, {})
    for await (const sheet of reader) {
      const rows: unknown[][] = []
      for await (const row of sheet) {
        rows.push((row.values as unknown[]).slice(1, 4))
        if (rows.length === 2) break
      }
      expect(rows).toEqual([
        ['编号', '类别', '完整值'],
        ['XS-2026-000001', '手机号', '13900000001'],
      ])
      break
    }

    const prisma = await s.db()
    let seen = 0
    for await (const chunk of cluesWithHistory(prisma))
      seen += chunk.filter((c) => c.history.length === 1).length
    await prisma.$disconnect()
    expect(seen).toBe(CLUES)
    console.info(`export of ${CLUES} clues: ${ms} ms`)
  }, 240_000)
})
