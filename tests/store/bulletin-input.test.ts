// What the bulletin is compiled from, as read from the store: the clues of this year and last, each
// with the unit now responsible and its times as epoch milliseconds (nulls where never routed or closed).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { loadBulletinInput } from '../../bot/store/bulletins.ts'
import { insertClues, type NewClue, updateClue } from '../../bot/store/clues.ts'
import { type Db, openDatabase, writeTransaction } from '../../bot/store/db.ts'
import { listUnits, seedUnitsIfEmpty } from '../../bot/store/units.ts'
import { freshStore } from '../helpers/app.ts'

const roster = loadRoster('prisma/roster.yaml')
const HOUR = 3600_000
const ROUTED = new Date('2026-03-02T10:00:00.123+08:00')
const CLOSED = new Date('2026-03-03T11:30:00.456+08:00')
const ASOF = new Date('2026-03-26T09:00:00+08:00')

let db: Db
beforeEach(async () => {
  db = await openDatabase(freshStore().url)
  await seedUnitsIfEmpty(db, roster.units)
})
afterEach(() => db.$disconnect())

const phone = (n: number, unitId: number | null): NewClue => ({
  kind: 'phone',
  value: `1390000000${n}`,
  masked: `139****000${n}`,
  remark: null,
  unitId,
})

async function addClues(year: number, clues: NewClue[], now: Date) {
  return writeTransaction(db, (tx) =>
    insertClues(tx, clues, { year, firstSeq: 1, now, dueMs: 72 * HOUR, actor: 'test', unitNames: new Map() }),
  )
}

describe('the bulletin input', () => {
  it('reads no clues from an empty record', async () => {
    const input = await loadBulletinInput(db, { period: '2026-03', asOf: ASOF, roster })
    expect(input.clues).toEqual([])
  })

  it('reads the clues of this year and last to the millisecond, and none older', async () => {
    const cmcc = (await listUnits(db)).find((u) => u.key === 'cmcc')?.id as number
    await addClues(2024, [phone(9, cmcc)], new Date('2024-06-01T10:00:00+08:00'))
    const [, closed] = await addClues(2026, [phone(1, cmcc), phone(2, cmcc), phone(3, null)], ROUTED)
    await writeTransaction(db, (tx) =>
      updateClue(tx, closed?.id as number, { status: 'closed', closedAt: CLOSED }),
    )

    const input = await loadBulletinInput(db, { period: '2026-03', asOf: ASOF, roster })
    const due = ROUTED.getTime() + 72 * HOUR
    expect(input.clues).toEqual([
      { unitKey: 'cmcc', routedAt: ROUTED.getTime(), dueAt: due, closedAt: null, status: 'open' },
      {
        unitKey: 'cmcc',
        routedAt: ROUTED.getTime(),
        dueAt: due,
        closedAt: CLOSED.getTime(),
        status: 'closed',
      },
      { unitKey: null, routedAt: null, dueAt: null, closedAt: null, status: 'open' },
    ])
  })
})
