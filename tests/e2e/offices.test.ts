// Two counties and their city on one deployment (one WeChat account): each county's liaisons
// report and get their clues in their own room and privately, and nothing of one county — no
// message, record or number — reaches the other. A person bound in both is asked which.
import { beforeAll, describe, expect, it } from 'vitest'
import { type SimMessage, type SimResult, type SimState, simulate } from '../helpers/simulate.ts'

const ANPING = '安平县反诈联席会联络员群'
const WUYI = '武邑县反诈联席会联络员群'
const CITY = '衡水市反诈联席会联络员群'
const at = (day: number, time: string) => `2026-11-${day}T${time}:00+08:00`

const csv = (...phones: string[]) => ({
  name: '线索.csv',
  text: `线索,备注\n${phones.map((p) => `${p},冒充客服`).join('\n')}\n`,
})

const scenario = {
  start: at(18, '09:00'),
  offices: [
    {
      roster: 'tests/scenarios/offices/anping.yaml',
      room: ANPING,
      people: [
        { name: '王芳', unit: '安平人民银行' },
        { name: '马丽', unit: '安平移动公司' },
        { name: '李强', role: 'office' },
        { name: '张双', role: 'office' },
      ],
    },
    {
      roster: 'tests/scenarios/offices/wuyi.yaml',
      room: WUYI,
      people: [
        { name: '刘敏', unit: '武邑人民银行' },
        { name: '陈移', unit: '武邑移动公司' },
        { name: '赵办', role: 'office' },
        { name: '张双', unit: '武邑县法院' },
      ],
    },
    {
      roster: 'tests/scenarios/offices/hengshui.yaml',
      room: CITY,
      people: [{ name: '孙市', role: 'office' }],
    },
  ],
  steps: [
    { at: at(18, '10:00'), from: '王芳', room: ANPING, say: '#月报\n冻结涉案账户数：12' },
    { at: at(18, '10:05'), from: '刘敏', room: WUYI, say: '#月报\n冻结涉案账户数：7' },
    { at: at(18, '10:10'), from: '李强', room: ANPING, file: csv('13800138000') },
    { at: at(18, '10:15'), from: '赵办', room: WUYI, file: csv('13900139000', '13700137000') },
    { at: at(18, '10:20'), from: '马丽', dm: '我的线索' },
    { at: at(18, '10:25'), from: '陈移', dm: '我的线索' },
    { at: at(18, '10:30'), from: '张双', dm: '进度' },
    { at: at(18, '10:35'), from: '张双', dm: '安平 进度' },
    { at: at(18, '10:40'), from: '张双', dm: '武邑 我的线索' },
    // The city's view, in the city's room: its counties side by side, and its own push split by 区县.
    { at: at(18, '11:00'), from: '孙市', room: CITY, say: '进度 全市' },
    {
      at: at(18, '11:05'),
      from: '孙市',
      room: CITY,
      file: {
        name: '市级线索.csv',
        text: '区县,线索,备注\n安平县,13600136000,冒充客服\n武邑县,13500135000,刷单\n',
      },
    },
    { at: at(18, '11:10'), from: '孙市', room: CITY, say: '线索 全市' },
    { at: at(18, '11:15'), from: '孙市', room: CITY, say: '通报 全市 11月' },
    { at: at(18, '11:20'), from: '王芳', room: ANPING, say: '进度 全市' },
    { until: at(20, '10:00') },
  ],
}

const ANPING_WORDS = ['安平', '13800138000', '13600136000', '王芳', '马丽', '李强']
const WUYI_WORDS = ['武邑', '13900139000', '13700137000', '13500135000', '刘敏', '陈移', '赵办']
/** What the city may not see of a county: its people and its full numbers (its name and units it may). */
const COUNTY_PRIVATE = [...ANPING_WORDS, ...WUYI_WORDS].filter((w) => w !== '安平' && w !== '武邑')
const mentionsAny = (m: SimMessage, words: string[]) => words.some((w) => m.text.includes(w) || m.to === w)
type Clue = { id: string; value: string; unit: string | null }

describe('two counties and their city on one deployment', () => {
  let result: SimResult
  beforeAll(async () => {
    result = await simulate(scenario)
  }, 180_000)
  const of = (office: string) => result.messages.filter((m) => m.office === office)
  const state = (office: string) => result.states.get(office) as SimState

  it('keeps each county’s reports and clues in its own record, numbered from 0001 in each', () => {
    expect([...result.states.keys()]).toEqual(['anping', 'wuyi', 'hengshui'])
    expect(state('anping').submissions.map((s) => [s.unit, s.by, s.values])).toEqual([
      ['安平人民银行', '王芳', { 冻结涉案账户数: 12 }],
    ])
    expect(state('wuyi').submissions.map((s) => [s.unit, s.by, s.values])).toEqual([
      ['武邑人民银行', '刘敏', { 冻结涉案账户数: 7 }],
    ])
    const clues = (office: string) => (state(office).clues as Clue[]).map((c) => [c.id, c.value, c.unit])
    expect(clues('anping')).toEqual([
      ['XS-2026-0001', '13800138000', '安平移动公司'],
      ['XS-2026-0002', '13600136000', '安平移动公司'], // the city's push, its 安平县 row
    ])
    expect(clues('wuyi')).toEqual([
      ['XS-2026-0001', '13900139000', '武邑移动公司'],
      ['XS-2026-0002', '13700137000', '武邑移动公司'],
      ['XS-2026-0003', '13500135000', '武邑移动公司'], // the city's push, its 武邑县 row
    ])
    expect(state('hengshui').submissions).toEqual([])
    expect(state('hengshui').clues).toEqual([])
  })

  it('answers each county in its own room and pushes its clues to its own liaisons', () => {
    const anpingRoom = of('anping').filter((m) => m.to === 'room')
    expect(anpingRoom.some((m) => m.text.includes('安平人民银行') && m.mentions.includes('王芳'))).toBe(true)
    expect(of('anping').some((m) => m.to === '马丽' && m.text.includes('13800138000'))).toBe(true)
    expect(of('wuyi').some((m) => m.to === '陈移' && m.text.includes('13900139000'))).toBe(true)
    expect(of('wuyi').some((m) => m.to === '陈移' && m.text.includes('13700137000'))).toBe(true)
  })

  it('lets no message of one county reach the other, both ways', () => {
    expect(result.messages.every((m) => m.office !== undefined)).toBe(true)
    // The one exception: the question to 张双, bound in both, names both offices.
    const question = (m: SimMessage) => m.to === '张双' && m.at === at(18, '10:30')
    expect(of('anping').filter((m) => !question(m) && mentionsAny(m, WUYI_WORDS))).toEqual([])
    expect(of('wuyi').filter((m) => mentionsAny(m, ANPING_WORDS))).toEqual([])
    // The city sees its counties by name and figure, never their people or full numbers.
    expect(of('hengshui').filter((m) => mentionsAny(m, COUNTY_PRIVATE))).toEqual([])
    expect(of('hengshui').filter((m) => /\d{11}/.test(m.text))).toEqual([])
  })

  it('lists a liaison’s own county’s clues for 我的线索, never the other county’s', () => {
    const [mali] = of('anping').filter((m) => m.to === '马丽' && m.at === at(18, '10:20'))
    expect(mali?.text).toContain('XS-2026-0001')
    expect(mali?.text).toContain('13800138000')
    const [chen] = of('wuyi').filter((m) => m.to === '陈移' && m.at === at(18, '10:25'))
    expect(chen?.text).toContain('13900139000')
    expect(chen?.text).toContain('13700137000')
    expect(chen?.text).not.toContain('13800138000')
  })

  it('asks someone bound in both counties which one, then acts on the one named', () => {
    const toZhang = result.messages.filter((m) => m.to === '张双')
    const [question, ...answers] = toZhang
    expect(question?.at).toBe(at(18, '10:30'))
    expect(question?.text).toContain('安平县反诈联席办')
    expect(question?.text).toContain('武邑县反诈联席办')
    expect(question?.text).toContain('安平 进度')
    expect(answers.map((m) => [m.at, m.office])).toEqual([
      [at(18, '10:35'), 'anping'],
      [at(18, '10:40'), 'wuyi'],
    ])
    // 安平's progress: its own units, none of 武邑's.
    expect(answers[0]?.text).toContain('安平人民银行')
    expect(answers[0]?.text).not.toContain('武邑')
    // As 武邑县法院's liaison there: no clues (武邑's clues are 武邑移动公司's).
    expect(answers[1]?.text).not.toContain('13800138000')
  })

  describe("the city's view, in the city's room", () => {
    const cityAt = (time: string) => of('hengshui').filter((m) => m.at === at(18, time))
    const textAt = (time: string) => cityAt(time).map((m) => m.text)

    it('进度 全市: each county’s reporting rate this month, with the units still missing', () => {
      expect(textAt('11:00')).toEqual([
        [
          '📋 全市2026年11月月报报送情况（2个区县，按报送率排名）',
          '1. 安平县 1/3（33.3%），未报2：安平移动公司、安平县法院',
          '1. 武邑县 1/3（33.3%），未报2：武邑移动公司、武邑县法院',
        ].join('\n'),
      ])
    })

    it('a city clue file goes, row by its 区县, to that county’s own room, numbering and liaison', () => {
      expect(textAt('11:05')).toEqual([
        [
          '📥 全市线索表「市级线索.csv」：共2行，已分送2条到各区县联席办',
          '安平县 1条（XS-2026-0002）',
          '武邑县 1条（XS-2026-0003）',
        ].join('\n'),
      ])
      const pushed = (office: string) => of(office).filter((m) => m.at === at(18, '11:05'))
      expect(pushed('anping').map((m) => m.to)).toEqual(['room', '马丽'])
      expect(pushed('anping')[0]?.text).toContain('XS-2026-0002 136****6000（冒充客服）')
      expect(pushed('anping')[1]?.text).toContain('XS-2026-0002 13600136000（冒充客服）')
      expect(pushed('wuyi').map((m) => m.to)).toEqual(['room', '陈移'])
      expect(pushed('wuyi')[1]?.text).toContain('XS-2026-0003 13500135000（刷单）')
    })

    it('线索 全市 and 通报 全市: the counties side by side, the bulletin with its workbook', () => {
      expect(textAt('11:10')[0]).toContain('安平县：在办2（超期0）、已销号0')
      expect(textAt('11:10')[0]).toContain('武邑县：在办3（超期0）、已销号0')
      const [bulletin, workbook] = cityAt('11:15')
      expect(bulletin?.text.split('\n')[0]).toBe(
        '📊 全市2026年11月通报（预览·截至11月18日 11:15，非正式通报）',
      )
      expect(bulletin?.text).toMatch(/1\. 安平县：报送1\/3（33\.3%）/)
      expect(bulletin?.text).toMatch(/1\. 武邑县：报送1\/3（33\.3%）/)
      expect(workbook?.file?.name).toBe('全市2026年11月通报-预览.xlsx')
    })

    it('is the city office’s alone: a county liaison asking gets a refusal in the county room', () => {
      expect(
        of('anping')
          .filter((m) => m.at === at(18, '11:20'))
          .map((m) => m.text),
      ).toEqual(['「进度 全市」查看的是各区县的情况，只有市联席办人员可以使用。'])
    })
  })

  it('reminds each room on the 20th of its own units only', () => {
    const reminders = result.messages.filter((m) => m.to === 'room' && m.at === at(20, '09:00'))
    expect(reminders.map((m) => m.office).sort()).toEqual(['anping', 'hengshui', 'wuyi'])
    const text = (office: string) => reminders.find((m) => m.office === office)?.text ?? ''
    expect(text('anping')).toContain('安平县法院')
    expect(text('anping')).not.toContain('武邑')
    expect(text('wuyi')).toContain('武邑县法院')
    expect(text('wuyi')).not.toContain('安平')
    expect(text('hengshui')).toContain('衡水市公安局')
    expect(text('hengshui')).not.toMatch(/安平|武邑/)
  })
})
