// Tasks the office assigns (督办): a notice per unit, 完成 on time and late, 任务, 延期, 取消, and
// the daily chase, where a unit's overdue tasks share its one message with its overdue clues.
import { describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('王芳', '马丽', '孙联', '高峰', '李强', '赵六')
const at = (d: string) => `2026-12-${d}+08:00`
const say = (d: string, from: string, text: string) => ({ at: at(d), from, say: text })
const CARD = '6222021234567890128'

type TaskState = {
  id: string
  title: string
  due: string
  status: string
  units: {
    unit: string
    status: string
    result: string | null
    overdue: boolean
    late?: boolean
    files?: unknown[]
  }[]
  history: { action: string; unit: string | null; detail: string | null; by: string }[]
}

const YEAR = [
  say('01T10:00:00', '李强', '督办 中国移动 中国联通 对辖区物联网卡开展专项排查 12月10日前'),
  say('01T10:01:00', '李强', '督办 人行 组织银行网点开展反诈宣传 12月5日前'),
  say('01T10:02:00', '李强', '督办 县公安局 梳理本年度涉诈案件 12月4日前'),
  say('01T10:03:00', '李强', `线索\n${CARD} 涉诈账户`),
  say('02T11:00:00', '马丽', '完成 RW-2026-001 已排查物联网卡1200张'),
  say('03T09:30:00', '李强', '延期 RW-2026-003 12月10日'),
  say('04T15:00:00', '王芳', '任务'),
  say('04T15:05:00', '李强', '任务'),
  say('05T16:00:00', '李强', '取消 RW-2026-003 已并入专项行动'),
  say('07T10:00:00', '王芳', '完成 RW-2026-002 已在12个网点开展宣传'),
  say('09T10:00:00', '孙联', '完成 RW-2026-001 已排查物联网卡800张'),
  { until: at('11T12:00:00') },
]

describe('tasks the office assigns (督办)', () => {
  it('three tasks: one done on time by both units, one done late after the chase, one extended then cancelled', async () => {
    const r = await simulate({ start: at('01T09:00:00'), people: PEOPLE, steps: YEAR })
    const room = r.messages.filter((m) => m.to === 'room')

    // One notice per unit, mentioning its liaisons, and one confirmation to the office.
    const notices = room.filter((m) => m.text.startsWith('📋 督办 RW-2026-001'))
    expect(notices.map((m) => m.mentions)).toEqual([['马丽'], ['孙联']])
    expect(notices[0]?.text).toBe(
      '📋 督办 RW-2026-001：对辖区物联网卡开展专项排查\n承办单位：中国移动\n完成时限：12月10日（周四）前\n完成后请回复「完成 RW-2026-001 完成情况」。',
    )
    expect(room.find((m) => m.text.startsWith('已立督办 RW-2026-002'))?.text).toBe(
      '已立督办 RW-2026-002：组织银行网点开展反诈宣传\n承办单位：人民银行\n完成时限：12月5日（周六）前',
    )

    // 完成: the reply names who is still open, then that all are done.
    expect(r.textsTo('room')).toContain(
      '✅ 中国移动已完成督办 RW-2026-001：已排查物联网卡1200张\n尚未完成：中国联通',
    )
    expect(r.textsTo('room')).toContain(
      '✅ 中国联通已完成督办 RW-2026-001：已排查物联网卡800张\n督办 RW-2026-001 各承办单位均已完成。',
    )
    expect(r.textsTo('room')).toContain(
      '✅ 人民银行已完成督办 RW-2026-002（超期完成）：已在12个网点开展宣传\n督办 RW-2026-002 各承办单位均已完成。',
    )

    // 任务: a liaison sees its unit's open tasks, the office every open task with the units not done.
    expect(r.textsTo('room')).toContain(
      '📋 在办督办任务 1 项：\nRW-2026-002 组织银行网点开展反诈宣传 —— 12月5日（周六）前',
    )
    expect(r.textsTo('room')).toContain(
      [
        '📋 在办督办任务 3 项：',
        'RW-2026-001 对辖区物联网卡开展专项排查 —— 12月10日（周四）前，未完成：中国联通',
        'RW-2026-002 组织银行网点开展反诈宣传 —— 12月5日（周六）前，未完成：人民银行',
        'RW-2026-003 梳理本年度涉诈案件 —— 12月10日（周四）前，未完成：县公安局',
      ].join('\n'),
    )

    // 延期 and 取消: the office is answered in the group, the unit still on it told privately.
    expect(r.textsTo('高峰')).toEqual([
      '县公安局：🕒 督办 RW-2026-003 完成时限由12月4日（周五）延至12月10日（周四）。',
      '县公安局：🚫 督办 RW-2026-003（梳理本年度涉诈案件）已由李强取消，原因：已并入专项行动。',
    ])

    // The chase: 人民银行's overdue clue and overdue task share one message a day, on working days
    // (the weekend's chase goes out on Monday the 7th); the cancelled task is never chased.
    const chases = room.filter((m) => m.text.startsWith('⚠️'))
    expect(chases.every((m) => m.mentions.join() === '王芳')).toBe(true)
    const withTask = chases.filter((m) => m.text.includes('督办'))
    expect(withTask.map((m) => m.at)).toEqual([at('07T09:00:00')])
    expect(withTask[0]?.text).toBe(
      [
        '⚠️ 人民银行有 1 条线索已超过落查时限未销号：',
        'XS-2026-0001',
        '请尽快落查并回复「销号 编号 结果」。',
        '',
        '⚠️ 人民银行有 1 项督办任务已超过时限未完成：',
        'RW-2026-002 组织银行网点开展反诈宣传 —— 12月5日（周六）前，已超期',
        '请尽快办理并回复「完成 编号 完成情况」。',
      ].join('\n'),
    )
    const perDay = new Map<string, number>()
    for (const m of chases) perDay.set(m.at, (perDay.get(m.at) ?? 0) + 1)
    expect([...perDay.values()].every((n) => n === 1)).toBe(true)
    expect(chases.some((m) => m.text.includes(CARD))).toBe(false)

    // The record: statuses per unit, late completion, and the history of each task.
    const tasks = r.state.tasks as TaskState[]
    expect(tasks.map((t) => [t.id, t.status, t.due])).toEqual([
      ['RW-2026-001', 'done', '2026-12-11T00:00:00+08:00'],
      ['RW-2026-002', 'done', '2026-12-06T00:00:00+08:00'],
      ['RW-2026-003', 'cancelled', '2026-12-11T00:00:00+08:00'],
    ])
    expect(tasks[0]?.units.map((u) => [u.unit, u.status, u.result, u.late])).toEqual([
      ['中国移动', 'done', '已排查物联网卡1200张', false],
      ['中国联通', 'done', '已排查物联网卡800张', false],
    ])
    expect(tasks[1]?.units).toMatchObject([{ unit: '人民银行', status: 'done', late: true, overdue: false }])
    expect(tasks[1]?.history.map((h) => [h.action, h.unit, h.detail])).toEqual([
      ['created', null, '人民银行；12月5日（周六）前'],
      ['notified', '人民银行', '群内通知'],
      ['overdue', '人民银行', '超期催办'],
      ['done', '人民银行', '超期完成：已在12个网点开展宣传'],
    ])
    expect(tasks[2]?.units).toMatchObject([{ unit: '县公安局', status: 'open', overdue: false }])
    expect(tasks[2]?.history.map((h) => [h.action, h.by, h.detail])).toEqual([
      ['created', '李强', '县公安局；12月4日（周五）前'],
      ['notified', '李强', '群内通知'],
      ['extended', '李强', '12月4日（周五）→12月10日（周四）'],
      ['cancelled', '李强', '已并入专项行动'],
    ])
  }, 60_000)

  it("a file right after 完成 is the task's attachment: stored, listed, refused by its content when no document", async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% 排查清单\n%%EOF\n', 'latin1')
    const exe = Buffer.concat([Buffer.from('4d5a900003000000', 'hex'), Buffer.alloc(64)])
    const file = (d: string, from: string, name: string, bytes: Buffer) => ({
      at: at(d),
      from,
      file: { name, base64: bytes.toString('base64') },
    })
    const r = await simulate({
      start: at('01T09:00:00'),
      people: PEOPLE,
      steps: [
        say('01T10:00:00', '李强', '督办 中国移动 中国联通 对辖区物联网卡开展专项排查 12月10日前'),
        say('02T11:00:00', '马丽', '完成 RW-2026-001 已排查物联网卡1200张，清单见附件'),
        file('02T11:02:00', '马丽', '排查清单.pdf', pdf),
        file('02T11:03:00', '马丽', '排查清单.docx', exe),
        // An hour later a file is no longer the task's: the unit owes no collection, so it is refused.
        file('02T12:10:00', '马丽', '补充.pdf', pdf),
        say('02T12:20:00', '李强', '任务'),
        { until: at('02T13:00:00') },
      ],
    })
    const replies = r.textsTo('room').map((t) => t.replace(/^@\S+\s/, ''))
    expect(replies).toContain(
      '📎 已收到中国移动督办 RW-2026-001 的附件「排查清单.pdf」（1 KB），该单位共 1 个附件。',
    )
    expect(replies).toContain(
      '文件「排查清单.docx」的内容不是可接受的附件类型（docx、xlsx、pdf、wps、jpg、png），未作为督办 RW-2026-001 的附件保存。',
    )
    expect(replies.some((t) => t.includes('补充.pdf') && t.includes('督办'))).toBe(false)
    expect(replies).toContain(
      '📋 在办督办任务 1 项：\nRW-2026-001 对辖区物联网卡开展专项排查 —— 12月10日（周四）前，未完成：中国联通；附件：中国移动「排查清单.pdf」',
    )
    const tasks = r.state.tasks as TaskState[]
    expect(tasks[0]?.units.map((u) => u.files)).toEqual([
      [{ name: '排查清单.pdf', bytes: pdf.length, type: 'pdf' }],
      undefined,
    ])
  }, 60_000)

  it("the month's bulletin counts tasks per unit (assigned, completed, overdue) and the open collections", async () => {
    const steps = [...YEAR]
    steps.splice(9, 0, say('06T10:00:00', '李强', '发布通报 12月'))
    steps.splice(steps.length - 1, 0, say('11T10:00:00', '李强', '发布通报 12月'))
    const r = await simulate({ start: at('01T09:00:00'), people: PEOPLE, steps })
    const section = (when: string) => {
      const text = r.messages.find((m) => m.at === at(when) && m.text.startsWith('📢'))?.text ?? ''
      return text.slice(text.indexOf('【七、督办与征集】')).split('\n\n')[0]
    }
    const collection = '· 征集「总结报告」（12月31日（周四）前）：已报送0/15（逾期0），未报送15'
    expect(section('06T10:00:00')).toBe(
      [
        '【七、督办与征集】',
        '· 中国移动：督办新派1 完成1 超期0',
        '· 中国联通：督办新派1 完成0 超期0',
        '· 人民银行：督办新派1 完成0 超期1',
        collection,
      ].join('\n'),
    )
    // The cancelled task is not counted; by the 11th every task part is done.
    expect(section('11T10:00:00')).toBe(
      [
        '【七、督办与征集】',
        '· 中国移动：督办新派1 完成1 超期0',
        '· 中国联通：督办新派1 完成1 超期0',
        '· 人民银行：督办新派1 完成1 超期0',
        collection,
      ].join('\n'),
    )
    // Issued on the 6th, issued again on the 11th: the correction lists the tasks that moved.
    const correction = r.messages.find((m) => m.at === at('11T10:00:00') && m.text.startsWith('📢'))?.text
    expect(correction).toContain('（更正·第2版）')
    expect(correction).toContain(
      [
        '【更正说明】与第1版相比：',
        '· 中国联通 督办：新派1 完成0 超期0→新派1 完成1 超期0',
        '· 人民银行 督办：新派1 完成0 超期1→新派1 完成1 超期0',
      ].join('\n'),
    )
  }, 60_000)

  it('bad input gets one specific answer and changes nothing; chatter starting with 完成 is not a command', async () => {
    const r = await simulate({
      start: at('01T09:00:00'),
      people: PEOPLE,
      steps: [
        say('01T10:00:00', '赵六', '督办 中国移动 排查 12月10日前'),
        say('01T10:01:00', '李强', '督办 中国移动 排查物联网卡'),
        say('01T10:02:00', '李强', '督办 排查物联网卡 12月10日前'),
        say('01T10:03:00', '李强', '督办 中国移动 排查物联网卡 2026年11月30日前'),
        say('01T10:04:00', '李强', '督办 中国移动 排查物联网卡 12月32日前'),
        say('01T10:05:00', '李强', '督办 中国移动 12月10日前'),
        say('01T10:06:00', '李强', '督办 中国移动 排查物联网卡 12月10日前'),
        say('01T10:07:00', '孙联', '完成 RW-2026-001 已排查'),
        say('01T10:08:00', '马丽', '完成 RW-2026-009 已排查'),
        say('01T10:09:00', '马丽', '延期 RW-2026-001 12月20日'),
        say('01T10:10:00', '李强', '延期 RW-2026-001 明天'),
        say('01T10:11:00', '马丽', '完成了，谢谢'),
        say('01T10:12:00', '李强', '完成 RW-2026-001 中国移动 代报：已排查'),
        say('01T10:13:00', '李强', '取消 RW-2026-001 重复'),
      ],
    })
    const replies = r.messages.filter((m) => m.to === 'room').map((m) => m.text)
    expect(replies).toEqual([
      '「督办」只有联席办人员可以使用。',
      `没有读到完成时限：请写日期，例如「12月10日前」\n${USAGE}`,
      `没有读到承办单位：请在「督办」后写单位名（多个用空格分开），或写「全体」\n${USAGE}`,
      `完成时限「2026年11月30日前」已过，请写今天以后的日期\n${USAGE}`,
      `「12月32日前」不是有效的日期\n${USAGE}`,
      `没有读到任务内容：请在单位和时限之间写明要做什么\n${USAGE}`,
      '已立督办 RW-2026-001：排查物联网卡\n承办单位：中国移动\n完成时限：12月10日（周四）前',
      expect.stringMatching(/^📋 督办 RW-2026-001/),
      '督办 RW-2026-001 没有交给中国联通，只有承办单位的联络员或联席办可以回复完成',
      '找不到督办任务 RW-2026-009',
      '「延期」只有联席办人员可以使用。',
      '用法：延期 RW-2026-001 12月20日',
      '✅ 中国移动已完成督办 RW-2026-001：代报：已排查\n督办 RW-2026-001 各承办单位均已完成。',
      '督办 RW-2026-001 各单位均已完成，无需延期或取消',
    ])
    expect((r.state.tasks as TaskState[]).map((t) => [t.id, t.status])).toEqual([['RW-2026-001', 'done']])
  }, 60_000)
})

const USAGE =
  '用法：督办 中国移动 中国联通 对辖区物联网卡开展专项排查 12月10日前（单位写「全体」则为全部成员单位）'
