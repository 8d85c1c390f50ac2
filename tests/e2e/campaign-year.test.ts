// The campaign year through the simulator: phase notices at each phase's start, reminders on
// China's working days (moved off weekends and holidays, make-up Sundays counted), the roster's
// calendar for a year the library does not know; and, live, phase notices once across restarts and
// a catch-up at night waiting for 08:00.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { writeState } from '../../bot/store/service-state.ts'
import { freshStore, startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const ROSTER = 'tests/scenarios/campaign-year.yaml'
const PEOPLE = people('王芳', '马丽', '周法官', '李强')

const reminderDays = (messages: { at: string; text: string; to: string }[], month: string) =>
  messages
    .filter((m) => m.to === 'room' && m.text.startsWith('⏰') && m.at.startsWith(month))
    .map((m) => m.at)

describe('the campaign year through the simulator', () => {
  it('January to December: a notice at each phase start, reminders only on working days', async () => {
    const r = await simulate({
      start: '2026-01-01T00:00:00+08:00',
      roster: ROSTER,
      people: PEOPLE,
      steps: [
        { at: '2026-01-05T10:00:00+08:00', from: '王芳', say: '阶段' },
        { at: '2026-04-15T10:00:00+08:00', from: '马丽', say: '阶段' },
        { until: '2026-12-31T23:00:00+08:00' },
      ],
    })
    const notices = r.messages.filter((m) => m.text.startsWith('📌') && m.text.includes('今起进入'))
    // 1月1日–3日 is the New Year holiday; Sunday 1月4日 a make-up working day.
    expect(notices.map((m) => [m.at, m.text.split('\n')[0]])).toEqual([
      [
        '2026-01-04T09:00:00+08:00',
        '📌 2026年打击治理电信网络诈骗专项行动今起进入「组织发动」阶段（1月1日至4月15日）。',
      ],
      [
        '2026-04-15T09:00:00+08:00',
        '📌 2026年打击治理电信网络诈骗专项行动今起进入「集中攻坚」阶段（4月15日至12月20日）。',
      ],
      [
        '2026-12-21T09:00:00+08:00',
        '📌 2026年打击治理电信网络诈骗专项行动今起进入「考核总结」阶段（12月21日至12月31日）。',
      ],
    ])
    expect(notices[0]?.text).toContain('4月15日前报送本单位实施方案。')
    expect(notices.every((m) => m.to === 'room')).toBe(true)

    // 阶段 on 1月5日 marks the first phase with its duties; on 4月15日 the new phase has begun.
    const [january, april] = r.messages
      .filter((m) => m.text.includes('专项行动阶段安排'))
      .map((m) => withoutMentions(m.text))
    expect(january).toContain(
      '▶ 第1阶段「组织发动」（1月1日至4月15日）——当前阶段\n4月15日前报送本单位实施方案。',
    )
    expect(january).toContain('· 第2阶段「集中攻坚」')
    expect(april).toContain('▶ 第2阶段「集中攻坚」（4月15日至12月20日）——当前阶段')

    // October: the 24th and 25th are a weekend; everything moves to Friday the 23rd, the 09:00
    // slots of the 23rd, 24th and 25th in one message, the deadline day's 16:00 list at 16:00.
    expect(reminderDays(r.messages, '2026-10')).toEqual([
      '2026-10-20T09:00:00+08:00',
      '2026-10-23T09:00:00+08:00',
      '2026-10-23T16:00:00+08:00',
    ])
    const october = r.messages.filter((m) => m.at.startsWith('2026-10-23') && m.text.startsWith('⏰'))
    for (const m of october) expect(m.text).toContain('2026年10月月报请于10月25日（周日）前报送')
    const officeOctober = r.messages.filter((m) => m.to === '李强' && m.at.startsWith('2026-10'))
    expect(officeOctober.map((m) => m.at)).toEqual(['2026-10-23T16:00:00+08:00'])
    expect(officeOctober[0]?.text).toContain(
      '10月25日（周日）截止，截止日前最后一个工作日16:00仍有3个单位未报送',
    )

    // September: Sunday the 20th is a make-up working day; 中秋 (25th–27th) moves the deadline
    // day's reminders to Thursday the 24th.
    expect(reminderDays(r.messages, '2026-09')).toEqual([
      '2026-09-20T09:00:00+08:00',
      '2026-09-23T09:00:00+08:00',
      '2026-09-24T09:00:00+08:00',
      '2026-09-24T16:00:00+08:00',
    ])
    // November has no holiday: the roster's five slots as written, the deadline day said so.
    expect(reminderDays(r.messages, '2026-11')).toEqual([
      '2026-11-20T09:00:00+08:00',
      '2026-11-23T09:00:00+08:00',
      '2026-11-24T09:00:00+08:00',
      '2026-11-25T09:00:00+08:00',
      '2026-11-25T16:00:00+08:00',
    ])
    // No reminder of the year falls on a Saturday or a Sunday other than a make-up working day.
    const weekend = r.messages
      .filter((m) => m.text.startsWith('⏰'))
      .map((m) => m.at.slice(0, 10))
      .filter((day) => [0, 6].includes(new Date(`${day}T12:00:00+08:00`).getUTCDay()))
    expect(weekend).toEqual(['2026-02-14', '2026-09-20'])
  }, 120_000)

  it('a roster calendar for 2027 is honoured: its holiday moves the phase notice, its working day keeps a reminder', async () => {
    const text = readFileSync(ROSTER, 'utf8')
    const roster = join(freshStore().dbPath, '..', 'roster-2027.yaml')
    // The roster's own days for a year chinese-days does not know (these are the test's, not the State Council's).
    writeFileSync(
      roster,
      `${text}calendar:\n  holidays: ["2027-01-01", "2027-01-20"]\n  workdays: ["2027-01-24"]\n`,
    )
    const r = await simulate({
      start: '2026-12-31T12:00:00+08:00',
      roster,
      people: PEOPLE,
      steps: [{ until: '2027-01-26T00:00:00+08:00' }],
    })
    // 2027-01-01 is a Friday the library reads as a working day; the roster says holiday.
    expect(r.messages.filter((m) => m.text.includes('今起进入')).map((m) => m.at)).toEqual([
      '2027-01-04T09:00:00+08:00',
    ])
    // The 20th (a holiday) moves to the 19th, Saturday the 23rd to Friday; Sunday the 24th is a working day.
    expect(reminderDays(r.messages, '2027-01')).toEqual([
      '2027-01-19T09:00:00+08:00',
      '2027-01-22T09:00:00+08:00',
      '2027-01-24T09:00:00+08:00',
      '2027-01-25T09:00:00+08:00',
      '2027-01-25T16:00:00+08:00',
    ])
  }, 60_000)
})

describe('live: restarts and quiet hours', () => {
  const apps: TestApp[] = []
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.stop()
  })

  async function stoppedAt(at: string, roster = ROSTER) {
    const store = freshStore()
    const seed = await startTestApp({ now: at, people: PEOPLE, store, roster })
    await writeState(seed.app.db, 'scheduler.lastCheckedAt', new Date(at).toISOString(), new Date())
    await seed.stop()
    return store
  }
  const restart = async (at: string, store: ReturnType<typeof freshStore>, roster = ROSTER) => {
    const t = await startTestApp({ now: at, people: PEOPLE, store, roster, live: true })
    apps.push(t)
    return t
  }

  it('a phase notice missed by a restart is posted once; the next restart does not repeat it', async () => {
    const store = await stoppedAt('2026-04-15T08:30:00+08:00')
    const t = await restart('2026-04-15T10:00:00+08:00', store)
    await t.app.scheduler.finished('phase-2026-04-15T09')
    await t.app.sender.drained()
    expect(t.sent.filter((s) => s.includes('今起进入「集中攻坚」'))).toHaveLength(1)
    await t.stop()
    apps.length = 0

    const again = await restart('2026-04-15T10:05:00+08:00', store)
    await again.app.sender.drained()
    expect(again.sent).toEqual([])
  })

  it('a slot missed at 21:00 and caught up at 23:30 waits for 08:00, then goes out once', async () => {
    const roster = join(freshStore().dbPath, '..', 'evening.yaml')
    writeFileSync(
      roster,
      readFileSync(ROSTER, 'utf8').replace(/reminders: \[.*\]/, 'reminders: ["0 21 20 * *"]'),
    )
    const store = await stoppedAt('2026-11-20T20:00:00+08:00', roster)
    const t = await restart('2026-11-20T23:30:00+08:00', store, roster)
    const reminders = () => t.sent.filter((s) => s.includes('⏰'))
    await t.app.scheduler.tick()
    await t.app.sender.drained()
    expect(reminders()).toEqual([])

    t.clock.set(new Date('2026-11-21T07:59:00+08:00'))
    await t.app.scheduler.tick()
    await t.app.sender.drained()
    expect(reminders()).toEqual([])

    t.clock.set(new Date('2026-11-21T08:00:00+08:00'))
    await t.app.scheduler.tick()
    await t.app.scheduler.finished('reminder-2026-11-20T21')
    await t.app.sender.drained()
    expect(reminders()).toHaveLength(1)
    await t.app.scheduler.tick()
    await t.app.sender.drained()
    expect(reminders()).toHaveLength(1)
  })

  it('from December 1 the start log warns that next year has no working-day calendar', async () => {
    const started = async (now: string) => {
      const lines: string[] = []
      const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) })
      const t = await startTestApp({ now, people: PEOPLE, roster: ROSTER, live: true, log })
      apps.push(t)
      return lines.filter((l) => l.includes('working-day calendar')).map((l) => JSON.parse(l).year)
    }
    expect(await started('2026-12-01T09:00:00+08:00')).toEqual([2027])
    expect(await started('2026-11-30T09:00:00+08:00')).toEqual([])
  })
})
