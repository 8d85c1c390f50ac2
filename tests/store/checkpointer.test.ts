// The running bot's commits leave the WAL checkpoint to a thread of its own; a bulk write (a file
// of clues) holds its checkpoints back until it is done.
import { statSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../bot/log.ts'
import { startCheckpointer, withCheckpointsDeferred } from '../../bot/store/checkpointer.ts'
import { type Db, openDatabase } from '../../bot/store/db.ts'
import { freshStore } from '../helpers/app.ts'

const log = createLogger('silent')
let db: Db | undefined

afterEach(async () => {
  await db?.$disconnect()
  db = undefined
})

async function openFresh(): Promise<{ db: Db; path: string }> {
  const { dbPath } = freshStore()
  db = await openDatabase(`file:${dbPath}`)
  return { db, path: dbPath }
}

/** About 2 MB of audit rows in one commit: ~500 pages, half SQLite's default checkpoint threshold. */
async function writeAboutTwoMegabytes(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
     INSERT INTO "AuditLog" ("at", "actor", "action", "target", "detail")
     SELECT '2026-11-28T00:00:00.000+00:00', 'test', 'bind', i, printf('%.2000c', 'x') FROM n`,
  )
}

const fileSize = (path: string) => statSync(path).size

describe('WAL checkpoints', () => {
  it('a commit does not copy the log into the database file; stopping the thread checkpoints what is left', async () => {
    const { db, path } = await openFresh()
    const checkpointer = await startCheckpointer(db, path, log, 60_000)
    const before = fileSize(path)
    await writeAboutTwoMegabytes(db)
    await writeAboutTwoMegabytes(db)
    expect(fileSize(path)).toBe(before)
    await checkpointer.stop()
    expect(fileSize(path)).toBeGreaterThan(before + 3_000_000)
  })

  it('the thread copies committed pages into the database file while the bot keeps running', async () => {
    const { db, path } = await openFresh()
    const checkpointer = await startCheckpointer(db, path, log, 50)
    const before = fileSize(path)
    await writeAboutTwoMegabytes(db)
    await expect
      .poll(() => fileSize(path), { timeout: 5000, interval: 50 })
      .toBeGreaterThan(before + 1_500_000)
    await checkpointer.stop()
  })

  it('a bulk write copies nothing into the database file until ~40 MB of log or its end; the next commit does', async () => {
    const { db, path } = await openFresh()
    const before = fileSize(path)
    await expect(
      withCheckpointsDeferred(db, async () => {
        // Four times SQLite's default threshold of 1,000 pages.
        for (let i = 0; i < 8; i++) await writeAboutTwoMegabytes(db)
        expect(fileSize(path)).toBe(before)
        throw new Error('the import failed half-way')
      }),
    ).rejects.toThrow('half-way')
    await writeAboutTwoMegabytes(db)
    expect(fileSize(path)).toBeGreaterThan(before + 15_000_000)
  })

  it('a bulk write still copies its log into the database file every ~40 MB (the log stays bounded)', async () => {
    const { db, path } = await openFresh()
    const before = fileSize(path)
    await withCheckpointsDeferred(db, async () => {
      for (let i = 0; i < 22; i++) await writeAboutTwoMegabytes(db)
      expect(fileSize(path)).toBeGreaterThan(before + 30_000_000)
      expect(fileSize(`${path}-wal`)).toBeLessThan(50_000_000)
    })
  })
})
