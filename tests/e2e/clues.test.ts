// Clues end to end: the office pushes, each unit's liaison is told (masked in the group, full in
// private), closes, transfers; strangers are refused; overdue clues are chased daily.
import { describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('马丽', '孙联', '王芳', '网信小陈', '市监老吴', '高峰', '李强', '赵六')
const at = (d: string) => `2026-11-${d}+08:00`
const say = (d: string, from: string, text: string) => ({ at: at(d), from, say: text })

// A valid-Luhn card and a valid GB 11643 ID number, made up.
const CARD = '6222021234567890128'
const PUSH = [
  '线索',
  '13912345678 冒充公检法',
  '18612345678',
  CARD,
  'www.fake-loan.cn/app',
  '某某网络科技有限公司',
  '11010519491231002X',
  '看不懂的东西',
].join('\n')

describe('the office pushes a mixed batch', () => {
  it('routes each clue to the responsible unit, one masked group notice per unit, full values in private', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [say('18T10:00:00', '李强', PUSH)],
    })
    const byCode = Object.fromEntries(
      (r.state.clues as { id: string; unit: string | null; kind: string }[]).map((c) => [
        c.id,
        [c.kind, c.unit],
      ]),
    )
    expect(byCode).toEqual({
      'XS-2026-0001': ['phone', '中国移动'],
      'XS-2026-0002': ['phone', '中国联通'],
      'XS-2026-0003': ['bank_card', '人民银行'],
      'XS-2026-0004': ['url', '县网信办'],
      'XS-2026-0005': ['company', '县市场监管局'],
      'XS-2026-0006': ['id_card', '县公安局'],
      'XS-2026-0007': ['unclear', null],
    })
    const group = r.messages.filter((m) => m.to === 'room')
    const summary = group[0]
    expect(summary?.mentions).toEqual(['李强'])
    expect(summary?.text).toContain('已登记线索 7 条')
    expect(summary?.text).toContain('以下 1 条无法自动分派')
    const notices = group.filter((m) => m.text.startsWith('📌'))
    // in roster order
    expect(notices.map((m) => m.mentions)).toEqual([
      ['网信小陈'],
      ['马丽'],
      ['孙联'],
      ['王芳'],
      ['市监老吴'],
      ['高峰'],
    ])
    const mobile = notices.find((m) => m.mentions[0] === '马丽')?.text ?? ''
    expect(mobile).toContain('XS-2026-0001 139****5678（冒充公检法）')
    expect(mobile).not.toContain('13912345678')
    expect(notices.find((m) => m.mentions[0] === '王芳')?.text).toContain('6222 **** **** 0128')
    expect(notices.find((m) => m.mentions[0] === '高峰')?.text).toContain('1101**********002X')
    // full values only privately, each to the unit's own liaison
    expect(r.textsTo('马丽')[0]).toContain('XS-2026-0001 13912345678（冒充公检法）')
    expect(r.textsTo('王芳')[0]).toContain(CARD)
    expect(r.textsTo('高峰')[0]).toContain('11010519491231002X')
    expect(r.textsTo('马丽')[0]).not.toContain(CARD)
  })

  it('a clue already open is reported as a duplicate, not routed twice', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        say('18T10:00:00', '李强', '线索\n13912345678'),
        say('18T11:00:00', '李强', '推送线索\n139-1234-5678\n13812345678'),
      ],
    })
    expect(r.state.clues).toHaveLength(2)
    expect(r.textsTo('room')[2]).toContain('以下 1 条与在办线索重复')
    expect(r.textsTo('room')[2]).toContain('XS-2026-0001')
  })

  it('a liaison cannot push clues', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [say('18T10:00:00', '马丽', '线索\n13912345678')],
    })
    expect(r.textsTo('room')).toEqual(['「推送线索」只有联席办人员可以使用。'])
    expect(r.state.clues).toEqual([])
  })
})

describe('closing clues one by one', () => {
  const pushed = [say('18T10:00:00', '李强', '线索\n13912345678\n18612345678')]

  it('the responsible liaison closes with a result; a stranger and another unit are refused', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        ...pushed,
        say('18T11:00:00', '赵六', '销号 XS-2026-0001 已关停'),
        say('18T11:01:00', '王芳', '销号 XS-2026-0001 已关停'),
        say('18T11:02:00', '马丽', '销号 XS-2026-0001 已关停'),
        say('18T11:03:00', '马丽', '销号 XS-2026-0001 已关停'),
      ],
    })
    const texts = r.textsTo('room').slice(-4)
    expect(texts[0]).toBe('只有成员单位联络员或联席办可以处理线索')
    expect(texts[1]).toBe('XS-2026-0001 不属于人民银行，只有承办单位的联络员或联席办可以处理')
    expect(texts[2]).toContain('✅ 已销号 XS-2026-0001（已关停）')
    expect(texts[3]).toContain('已于之前销号')
    const clue = (
      r.state.clues as {
        id: string
        status: string
        result: string
        history: { action: string; by: string }[]
      }[]
    )[0]
    expect(clue).toMatchObject({ status: 'closed', result: '已关停' })
    expect(clue?.history.map((h) => h.action)).toEqual(['routed', 'notified', 'closed'])
    expect(clue?.history.at(-1)?.by).toBe('马丽')
  })

  it('a wrong clue is transferred with a reason; the new unit is told and can close it', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        ...pushed,
        say('18T11:00:00', '马丽', '转办 XS-2026-0001 中国联通 携号转网'),
        say('18T12:00:00', '孙联', '销号 XS-2026-0001 已关停'),
      ],
    })
    const texts = r.textsTo('room')
    expect(texts).toContain('↪️ XS-2026-0001 已由中国移动转办至中国联通（携号转网）。')
    const notice = r.messages.find((m) => m.text.startsWith('📌 中国联通') && m.text.includes('XS-2026-0001'))
    expect(notice?.mentions).toEqual(['孙联'])
    expect(r.textsTo('孙联').some((t) => t.includes('13912345678'))).toBe(true)
    const clue = (
      r.state.clues as {
        id: string
        unit: string
        status: string
        history: { action: string; detail: string }[]
      }[]
    )[0]
    expect(clue).toMatchObject({ unit: '中国联通', status: 'closed' })
    expect(clue?.history.find((h) => h.action === 'transferred')?.detail).toBe('中国移动→中国联通：携号转网')
  })

  it('the office assigns an unclear clue and reassigns another', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        say('18T10:00:00', '李强', '线索\n看不懂的东西\n13912345678'),
        say('18T10:30:00', '马丽', '分派 XS-2026-0001 人行'),
        say('18T11:00:00', '李强', '分派 XS-2026-0001 人行'),
        say('18T11:05:00', '李强', '分派 XS-2026-0002 联通'),
      ],
    })
    expect(r.textsTo('room')).toContain('「分派」只有联席办人员可以使用。')
    const clues = r.state.clues as { id: string; unit: string; history: { action: string }[] }[]
    expect(clues.map((c) => c.unit)).toEqual(['人民银行', '中国联通'])
    expect(clues[0]?.history.map((h) => h.action)).toEqual(['created', 'assigned', 'notified'])
    expect(clues[1]?.history.map((h) => h.action)).toContain('reassigned')
  })

  it('实名不实人 reaches the police liaison privately with the full number', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [...pushed, say('18T11:00:00', '马丽', '销号 XS-2026-0001 实名不实人')],
    })
    const toPolice = r.textsTo('高峰')
    expect(toPolice).toHaveLength(1)
    expect(toPolice[0]).toContain('中国移动落查发现实名不实人')
    expect(toPolice[0]).toContain('XS-2026-0001 13912345678')
    expect(r.textsTo('room').at(-1)).toContain('已通报县公安局')
  })

  it('我的线索 comes privately with full values and due times', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [...pushed, say('18T11:00:00', '马丽', '我的线索')],
    })
    expect(r.textsTo('room').at(-1)).toBe('已私信发给您。')
    const mine = r.textsTo('马丽').at(-1) ?? ''
    expect(mine).toContain('中国移动在办线索 1 条')
    expect(mine).toContain('13912345678')
    expect(mine).toContain('截止11月21日10:00')
  })
})

describe('overdue clues are chased daily', () => {
  it('each unit with overdue clues is mentioned once a day with count and ids', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        say('18T10:00:00', '李强', `线索\n13912345678\n13912345679\n${CARD}`),
        say('20T10:00:00', '王芳', '销号 XS-2026-0003 已冻结'),
        { until: at('24T12:00:00') },
      ],
    })
    const chases = r.messages.filter((m) => m.text.startsWith('⚠️'))
    // due Saturday the 21st 10:00 → chased at 09:00 on working days: Sunday the 22nd's chase is
    // Monday the 23rd's, then the 24th; mobile only (the card was closed)
    expect(chases.map((m) => [m.at, m.mentions])).toEqual([
      [at('23T09:00:00'), ['马丽']],
      [at('24T09:00:00'), ['马丽']],
    ])
    expect(chases[0]?.text).toContain('中国移动有 2 条线索已超过落查时限未销号：\nXS-2026-0001、XS-2026-0002')
    const clue = (r.state.clues as { overdue: boolean; history: { action: string }[] }[])[0]
    expect(clue?.overdue).toBe(true)
    expect(clue?.history.filter((h) => h.action === 'overdue')).toHaveLength(2)
  })
})

describe('clue files posted in the group', () => {
  it('a CSV with a value and a remark column is taken in like a pushed list', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        {
          at: at('18T10:00:00'),
          from: '李强',
          file: { name: '线索.csv', text: `线索,备注\n13800138000,冒充客服\n${CARD},\n` },
        },
        { at: at('18T10:05:00'), from: '马丽', file: { name: '随便.csv', text: '13900000000\n' } },
      ],
    })
    const clues = r.state.clues as { id: string; unit: string; value: string }[]
    expect(clues.map((c) => [c.id, c.unit])).toEqual([
      ['XS-2026-0001', '中国移动'],
      ['XS-2026-0002', '人民银行'],
    ])
    expect(r.messages.find((m) => m.mentions[0] === '马丽')?.text).toContain('138****8000（冒充客服）')
  })
})
