// The campaign year through the simulator, January to December in one scenario: phase notices,
// monthly reports and reminders on China's working days (moved off weekends and holidays, make-up
// Sundays counted), the two documents every unit owes (实施方案, 总结报告) with their reminders,
// three tasks, the bulletin on working days and the December assessment checked by hand; the
// roster's calendar for a year the library does not know; and, live, phase notices once across
// restarts and a catch-up at night waiting for 08:00.
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
    .filter((m) => m.to === 'room' && m.text.startsWith('⏰ 提醒') && m.at.startsWith(month))
    .map((m) => m.at)

/** A small PDF (judged by its content: the %PDF signature). */
const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${text}\n%%EOF\n`, 'utf8')

describe('the campaign year through the simulator', () => {
  it('January to December: phases, monthly reports, 实施方案 and 总结报告, three tasks, working days, the assessment', async () => {
    const d = (day: string) => `2026-${day}+08:00`
    const say = (day: string, from: string, text: string) => ({ at: d(day), from, say: text })
    const file = (day: string, from: string, name: string, text: string) => ({
      at: d(day),
      from,
      file: { name, base64: pdf(text).toString('base64') },
    })
    const month = (m: number) => String(m).padStart(2, '0')
    // 人民银行 reports on the 10th of every month, 中国移动 from January to June; 县法院 never.
    const reports = [
      ...Array.from({ length: 12 }, (_, i) =>
        say(`${month(i + 1)}-10T10:00:00`, '王芳', '#月报\n冻结涉案账户数：12'),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        say(`${month(i + 1)}-10T10:05:00`, '马丽', '#月报\n关停涉诈号码数：5'),
      ),
    ]
    const steps = [
      ...reports,
      say('01-05T10:30:00', '王芳', '阶段'),
      // 实施方案 (due 4月15日, a Wednesday): 人民银行 on time by file, 中国移动 late by text, 县法院 never.
      file('04-10T10:30:00', '王芳', '人民银行实施方案.pdf', '实施方案'),
      say('04-15T10:30:00', '马丽', '阶段'),
      say('04-20T10:30:00', '马丽', '报送 实施方案 我单位实施方案：物联网卡清理、涉诈号码关停两项重点'),
      // Three tasks: one done on time (with its file), one done late after the chase, one cancelled.
      say('06-01T10:30:00', '李强', '督办 中国移动 对辖区物联网卡开展专项排查 6月30日前'),
      say('06-19T10:30:00', '马丽', '完成 RW-2026-001 已排查物联网卡1200张，清单见附件'),
      file('06-19T10:32:00', '马丽', '排查清单.pdf', '清单'),
      say('08-03T10:30:00', '李强', '督办 人民银行 组织银行网点开展反诈宣传 8月31日前'),
      say('09-08T10:30:00', '王芳', '完成 RW-2026-002 已在12个网点开展宣传'),
      say('11-02T10:30:00', '李强', '督办 县法院 梳理本年度涉诈案件 11月30日前'),
      say('11-10T10:30:00', '李强', '取消 RW-2026-003 已并入年度总结'),
      // 总结报告 (due 12月31日): 人民银行 by file, 中国移动 by text on the 30th, 县法院 never.
      file('12-22T10:30:00', '王芳', '人民银行2026年总结报告.pdf', '总结报告'),
      say('12-30T10:30:00', '马丽', '报送 总结报告 全年关停涉诈号码60个，清理物联网卡1200张'),
      { until: d('12-31T23:00:00') },
    ].sort((x, y) => ('at' in x ? x.at : x.until).localeCompare('at' in y ? y.at : y.until))
    const r = await simulate({
      start: d('01-01T00:00:00'),
      roster: ROSTER,
      people: PEOPLE,
      settings: { bulletin: '0 9 26 * *', clue_overdue_check: '0 9 * * *' },
      steps,
    })
    const room = r.messages.filter((m) => m.to === 'room')

    // Phase notices, once each; 1月1日–3日 is the New Year holiday, Sunday 1月4日 a make-up working day.
    const notices = room.filter((m) => m.text.startsWith('📌') && m.text.includes('今起进入'))
    expect(notices.map((m) => [m.at, m.text.split('\n')[0]])).toEqual([
      [
        d('01-04T09:00:00'),
        '📌 2026年打击治理电信网络诈骗专项行动今起进入「组织发动」阶段（1月1日至4月15日）。',
      ],
      [
        d('04-15T09:00:00'),
        '📌 2026年打击治理电信网络诈骗专项行动今起进入「集中攻坚」阶段（4月15日至12月20日）。',
      ],
      [
        d('12-21T09:00:00'),
        '📌 2026年打击治理电信网络诈骗专项行动今起进入「考核总结」阶段（12月21日至12月31日）。',
      ],
    ])
    expect(notices[0]?.text).toContain('4月15日前报送本单位实施方案。')
    // 阶段 on 1月5日 marks the first phase with its duties; on 4月15日 the new phase has begun.
    const [january, april] = room
      .filter((m) => m.text.includes('专项行动阶段安排'))
      .map((m) => withoutMentions(m.text))
    expect(january).toContain(
      '▶ 第1阶段「组织发动」（1月1日至4月15日）——当前阶段\n4月15日前报送本单位实施方案。',
    )
    expect(april).toContain('▶ 第2阶段「集中攻坚」（4月15日至12月20日）——当前阶段')

    // Monthly reminders on working days only. October: the 24th and 25th are a weekend, all on
    // Friday the 23rd; September: Sunday the 20th is a make-up working day, 中秋 moves the 25th to the 24th.
    expect(reminderDays(r.messages, '2026-10')).toEqual([
      d('10-20T09:00:00'),
      d('10-23T09:00:00'),
      d('10-23T16:00:00'),
    ])
    for (const m of room.filter((m) => m.at.startsWith('2026-10-23') && m.text.startsWith('⏰ 提醒')))
      expect(m.text).toContain(
        '2026年10月月报请于10月25日（周日）前报送，以下2个单位尚未报送：\n中国移动、县法院',
      )
    expect(r.messages.filter((m) => m.to === '李强' && m.at.startsWith('2026-10')).map((m) => m.at)).toEqual([
      d('10-23T16:00:00'),
    ])
    expect(reminderDays(r.messages, '2026-09')).toEqual([
      d('09-20T09:00:00'),
      d('09-23T09:00:00'),
      d('09-24T09:00:00'),
      d('09-24T16:00:00'),
    ])
    // Nothing the bot posts on its own falls on a Saturday or a Sunday but a make-up working day.
    const weekend = room
      .filter((m) => /^(⏰|⚠️|📢|📌)/u.test(m.text))
      .map((m) => m.at.slice(0, 10))
      .filter((day) => [0, 6].includes(new Date(`${day}T12:00:00+08:00`).getUTCDay()))
    expect([...new Set(weekend)]).toEqual(['2026-01-04', '2026-02-14', '2026-09-20'])

    // 实施方案: reminded 7, 3 (Sunday the 12th → Friday the 10th) and 1 days before and on the day,
    // only the units still missing; the office told privately at 16:00 on the day; 中国移动 late.
    const plan = room.filter((m) => m.text.startsWith('⏰ 征集「实施方案」'))
    expect(plan.map((m) => [m.at, m.mentions])).toEqual([
      [d('04-08T09:00:00'), ['王芳', '马丽', '周法官']],
      [d('04-10T09:00:00'), ['王芳', '马丽', '周法官']],
      [d('04-14T09:00:00'), ['马丽', '周法官']],
      [d('04-15T09:00:00'), ['马丽', '周法官']],
      [d('04-15T16:00:00'), ['马丽', '周法官']],
    ])
    expect(plan[2]?.text).toContain('明天（4月15日（周三））截止，以下单位尚未报送（2）：中国移动、县法院')
    expect(r.messages.filter((m) => m.to === '李强' && m.text.includes('实施方案'))).toMatchObject([
      { at: d('04-15T16:00:00'), text: '征集「实施方案」今天截止，尚未报送（2）：中国移动、县法院' },
    ])
    expect(r.textsTo('room').map(withoutMentions)).toContain(
      '📥 已收到中国移动报送的「实施方案」：文字说明 25 字（第1版，逾期）。',
    )

    // Tasks: the late one chased on working days from 9月1日 until it was done on the 8th.
    const chases = room.filter((m) => m.text.includes('RW-2026-002') && m.text.startsWith('⚠️'))
    expect(chases.map((m) => m.at.slice(5, 10))).toEqual([
      '09-01',
      '09-02',
      '09-03',
      '09-04',
      '09-07',
      '09-08',
    ])
    const tasks = r.state.tasks as {
      id: string
      status: string
      units: { unit: string; status: string; late?: boolean; files?: { name: string }[] }[]
    }[]
    expect(
      tasks.map((t) => [t.id, t.status, t.units.map((u) => [u.unit, u.status, u.late ?? null])]),
    ).toEqual([
      ['RW-2026-001', 'done', [['中国移动', 'done', false]]],
      ['RW-2026-002', 'done', [['人民银行', 'done', true]]],
      ['RW-2026-003', 'cancelled', [['县法院', 'open', null]]],
    ])
    expect(tasks[0]?.units[0]?.files?.map((f) => f.name)).toEqual(['排查清单.pdf'])

    // 总结报告: reminded on the 24th, 28th, 30th and 31st; at 16:00 on the 31st the office hears who is missing.
    const report = room.filter((m) => m.text.startsWith('⏰ 征集「总结报告」'))
    expect(report.map((m) => [m.at, m.mentions])).toEqual([
      [d('12-24T09:00:00'), ['马丽', '周法官']],
      [d('12-28T09:00:00'), ['马丽', '周法官']],
      [d('12-30T09:00:00'), ['马丽', '周法官']],
      [d('12-31T09:00:00'), ['周法官']],
      [d('12-31T16:00:00'), ['周法官']],
    ])
    expect(r.messages.filter((m) => m.to === '李强' && m.text.includes('总结报告'))).toMatchObject([
      { at: d('12-31T16:00:00'), text: '征集「总结报告」今天截止，尚未报送（1）：县法院' },
    ])
    const collections = r.state.collections as { name: string; units: { unit: string; status: string }[] }[]
    expect(collections.map((c) => [c.name, c.units.map((u) => `${u.unit}:${u.status}`)])).toEqual([
      ['实施方案', ['人民银行:on_time', '中国移动:late', '县法院:missing']],
      ['总结报告', ['人民银行:on_time', '中国移动:on_time', '县法院:missing']],
    ])

    // The bulletin of a non-working 26th goes out on the next working day: September's on Monday
    // the 28th (the 26th is 中秋), December's on Monday the 28th, with the year's assessment.
    const bulletins = room.filter((m) => m.text.startsWith('📢'))
    expect(bulletins.map((m) => m.at.slice(5, 10))).toEqual([
      '01-26',
      '02-26',
      '03-26',
      '04-27',
      '05-26',
      '06-26',
      '07-27',
      '08-26',
      '09-28',
      '10-26',
      '11-26',
      '12-28',
    ])
    const december = bulletins.at(-1)?.text ?? ''
    // By hand, as of 12月28日 (12 months due; no clue assessed, so 按期销号率 is — for all and its
    // 0.25 shared out: Σ of the applicable weights is 0.75, or 0.6 without the task component):
    //   人民银行 12/12 on time, 12/12 complete, task 0/1 (done late), documents 2/2 on time
    //     → (0.3×1 + 0.2×1 + 0.15×0 + 0.1×1) ÷ 0.75 = 80.0
    //   中国移动 6/12 on time, 6/12 complete, task 1/1, documents 实施方案 late (½), 总结报告 not yet due
    //     → (0.3×0.5 + 0.2×0.5 + 0.15×1 + 0.1×0.5) ÷ 0.75 = 60.0
    //   县法院 nothing reported, its task cancelled (—), 实施方案 missing → 0 ÷ 0.6 = 0.0
    const ranking = december.slice(december.indexOf('【2026年度考核排名】')).split('计分规则')[0] ?? ''
    expect(ranking.trim().split('\n')).toEqual([
      '【2026年度考核排名】',
      '考核月份：1—12月（12个月）',
      '1. 人民银行　80.0分',
      '└ 及时100%（按时12/迟0/缺0）销号—（无考核线索）完整100%（12/12月）督办0%（按期0/1项）材料100%（按时2/迟0/缺0）',
      '2. 中国移动　60.0分',
      '└ 及时50%（按时6/迟0/缺6）销号—（无考核线索）完整50%（6/12月）督办100%（按期1/1项）材料50%（按时0/迟1/缺0）',
      '3. 县法院　0.0分',
      '└ 及时0%（按时0/迟0/缺12）销号—（无考核线索）完整0%（0/12月）督办—（无考核督办）材料0%（按时0/迟0/缺1）',
    ])
  }, 300_000)

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
