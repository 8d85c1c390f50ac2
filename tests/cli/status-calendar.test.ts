// `cli status` from December 1 on warns while next year's working-day calendar is missing (the
// library's data ends with 2026); the roster's `calendar:` for that year silences it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cliStore } from './cli-store.ts'

afterEach(() => {
  vi.useRealTimers()
})

/** Only Date is faked: the CLI reads "now" from it; Redis and timers run for real. */
const on = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(iso))
}

describe('status: the working-day calendar', () => {
  it('on December 1 it names the missing year; in November it says nothing', async () => {
    const s = cliStore()
    on('2026-12-01T09:00:00+08:00')
    const december = await s.cli('status')
    expect(december.code).toBe(0)
    expect(december.out).toContain(
      '⚠️ 工作日历：缺少2027年的节假日和调休安排，2027年的节假日会被当作工作日；请在名册（ROSTER_FILE）的 calendar 中填写 holidays 和 workdays',
    )
    on('2026-11-30T23:00:00+08:00')
    expect((await s.cli('status')).out).not.toContain('工作日历')
  })

  it('a roster listing 2027’s days: no warning', async () => {
    const base = cliStore()
    const roster = join(base.dir, 'roster.yaml')
    writeFileSync(
      roster,
      `${readFileSync('prisma/roster.yaml', 'utf8')}\ncalendar:\n  holidays: ["2027-01-01"]\n  workdays: []\n`,
    )
    const s = cliStore({ ROSTER_FILE: roster })
    on('2026-12-15T09:00:00+08:00')
    const out = await s.cli('status')
    expect(out.code).toBe(0)
    expect(out.out).not.toContain('工作日历')
  })
})
