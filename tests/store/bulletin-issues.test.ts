// Issues as recorded: a bulletin recorded before previews existed (every 通报 numbered, kind
// 'requested', the full figures stored) stays an issue; the next issue continues its numbering.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { issueBulletin } from '../../bot/services/bulletin.ts'
import { listBulletins } from '../../bot/store/bulletins.ts'
import { type Db, openDatabase, writeTransaction } from '../../bot/store/db.ts'
import { seedUnitsIfEmpty } from '../../bot/store/units.ts'
import { freshStore } from '../helpers/app.ts'

const roster = loadRoster('prisma/roster.yaml')
const NOW = new Date('2026-11-26T09:00:00+08:00')
const to = { chat: 'room' as const, roomTopic: '县反诈联席会联络员群' }

let db: Db
beforeEach(async () => {
  db = await openDatabase(freshStore().url)
  await seedUnitsIfEmpty(db, roster.units)
})
afterEach(() => db.$disconnect())

describe('issues recorded before previews existed', () => {
  it('count as issues: the next one is 更正·第2版, saying the earlier details were not kept', async () => {
    await db.bulletin.create({
      data: {
        period: '2026-11',
        version: 1,
        kind: 'requested',
        corrected: false,
        figures: JSON.stringify({ period: '2026-11', reporting: { rows: [] } }),
        text: '📢 县反诈联席办 2026年11月工作通报',
        createdAt: new Date('2026-11-10T10:00:00+08:00'),
      },
    })
    const result = await writeTransaction(db, (tx) =>
      issueBulletin(tx, { period: '2026-11', now: NOW, roster, kind: 'scheduled', to }),
    )
    expect(result).toMatchObject({ issued: true, version: 2, corrected: true })
    const text = result.issued ? (result.drafts[0]?.text ?? '') : ''
    expect(text.split('\n')[0]).toBe('📢 县反诈联席办 2026年11月工作通报（更正·第2版）')
    expect(text).toContain('【更正说明】与第1版相比：\n数据有变化（第1版发布时未保存明细，请对照附件）。')
    expect((await listBulletins(db)).map((b) => b.version)).toEqual([1, 2])
  })

  it('an issue that changes nothing since the last is not made', async () => {
    const issue = () =>
      writeTransaction(db, (tx) =>
        issueBulletin(tx, { period: '2026-11', now: NOW, roster, kind: 'issued', to }),
      )
    expect(await issue()).toMatchObject({ issued: true, version: 1, corrected: false })
    expect(await issue()).toEqual({ issued: false, version: 1 })
    expect(await listBulletins(db)).toHaveLength(1)
  })
})
