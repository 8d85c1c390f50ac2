// The city's view over its counties (全市): city office staff ask in the city's own room (or
// privately) and get each county's figures, read from that county's own store. Two counties, each
// a real SQLite file with its roster, people and reports filed through its own pipeline.
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type County, city, county } from '../helpers/city.ts'
import type { CommandHarness } from '../helpers/commands.ts'
import { people } from '../helpers/people.ts'

const NOW = '2026-11-18T10:00:00+08:00'
const CITY_STAFF = { name: '张市', role: 'office' as const }

let anping: County
let raoyang: County
let c: CommandHarness
beforeEach(async () => {
  anping = await county({
    key: 'anping',
    name: '安平县反诈联席办',
    now: NOW,
    people: people('王芳', '马丽', '高峰', '李强'),
  })
  raoyang = await county({
    key: 'raoyang',
    name: '饶阳县反诈联席办',
    now: NOW,
    people: people('王芳', '高峰', '李强'),
  })
  c = await city({
    now: NOW,
    people: [CITY_STAFF, { name: '市民小刘' }],
    counties: [anping, raoyang],
    // The city's own targets: its counties' field labels, and one no county's form has.
    rosterOf: (r) => ({
      ...r,
      targets: {
        ...r.targets,
        max: { 立案数: 72, 群众损失金额: 258, 市级专项行动数: 10 },
        min: { 破案数: 66, 抓获犯罪嫌疑人数: 36 },
      },
    }),
  })
})
afterEach(async () => {
  await c.close()
  await anping.harness.close()
  await raoyang.harness.close()
})

/** The county police's month: cases, solved, arrests and losses (万元), filed in its own room. */
const police = (k: County, cases: number, solved: number, arrests: number, loss: number) =>
  k.harness.say(
    '高峰',
    `#月报\n立案数：${cases}\n破案数：${solved}\n抓获人数：${arrests}\n损失金额：${loss}万`,
  )
const bank = (k: County) => k.harness.say('王芳', '#月报\n冻结涉案账户数：3\n清理空壳公司数：1')

/** The one answer in the city's room. */
const answer = async (from: string, text: string) => {
  const said = await c.say(from, text)
  expect(said.map((s) => s.to)).toEqual(['room'])
  return said[0]?.text ?? ''
}

describe('进度 全市', () => {
  it("city staff see each county's reporting rate this month, ranked, with who is missing", async () => {
    await bank(anping)
    await anping.harness.say('马丽', '#月报\n关停涉诈号码数：5\n发现伪基站数：0')
    await police(anping, 3, 2, 2, 12)
    await police(raoyang, 1, 1, 1, 2)

    const text = await answer('张市', '进度 全市')
    const lines = text.split('\n')
    expect(lines[0]).toBe('📋 全市2026年11月月报报送情况（2个区县，按报送率排名）')
    expect(lines[1]).toMatch(/^1\. 安平县 3\/15（20%），未报12：县委政法委、县网信办/)
    expect(lines[2]).toMatch(/^2\. 饶阳县 1\/15（6\.7%），未报14：/)
    expect(lines[1]).not.toContain('人民银行、') // reported units are not listed as missing
    expect(await answer('张市', '全市进度')).toBe(text)
  })

  it("privately too; a county's own staff, and anyone else, are told it is the city office's", async () => {
    const [dm] = await c.dm('张市', '全市进度')
    expect(dm?.to).toBe('张市')
    expect(dm?.text).toContain('1. 安平县 0/15（0%），未报15')
    expect(await answer('市民小刘', '进度 全市')).toBe(
      '「进度 全市」查看的是各区县的情况，只有市联席办人员可以使用。',
    )
    const [county] = await anping.harness.say('李强', '进度 全市')
    expect(county?.text).toBe('「进度 全市」查看的是各区县的情况，只有市联席办人员可以使用。')
  })
})

const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`)

describe('the city pushes a clue file naming the county of each row', () => {
  it("each row goes into its county through that county's own intake; the city gets one summary", async () => {
    const said = await c.file(
      '张市',
      '部推线索.csv',
      csv([
        '序号,所属区县,线索,备注',
        '1,安平县,13800138000,涉诈电话',
        '2,饶阳,6222021234567890128,收款卡',
        '3,安平县反诈联席办,www.fraud-example.com,',
        '4,深州市,13900139000,',
        '5,,13700137000,',
        '6,饶阳县,,空行',
      ]),
    )
    expect(said.map((s) => s.to)).toEqual(['room'])
    const summary = said[0]?.text ?? ''
    expect(summary).toContain('共6行，已分送3条到各区县联席办')
    expect(summary).toContain('安平县 2条（XS-2026-0001、XS-2026-0002）')
    expect(summary).toContain('饶阳县 1条（XS-2026-0001）')
    expect(summary).toContain('第5行：区县「深州市」不是本市接入的区县（可写：安平县、饶阳县）')
    expect(summary).toContain('第6行：未写区县')
    expect(summary).toContain('第7行：没有线索')
    // No full number in the city's room.
    for (const full of ['13800138000', '6222021234567890128', '13900139000', '13700137000'])
      expect(summary).not.toContain(full)

    // Numbered, classified and routed in each county's own store, per county.
    const clues = async (k: County) =>
      (await k.harness.db.clue.findMany({ include: { unit: true }, orderBy: { id: 'asc' } })).map((x) =>
        `${x.code} ${x.kind} ${x.unit?.name ?? '—'} ${x.remark ?? ''}`.trim(),
      )
    expect(await clues(anping)).toEqual([
      'XS-2026-0001 phone 中国移动 涉诈电话',
      'XS-2026-0002 domain 县网信办',
    ])
    expect(await clues(raoyang)).toEqual(['XS-2026-0001 bank_card 人民银行 收款卡'])
    expect(await c.db.clue.count()).toBe(0)

    // The notices are in each county's own room (masked), handed to that county's sender.
    const notices = await anping.handedRows()
    expect(notices.filter((n) => n.to === anping.sub.roomTopic).map((n) => n.mentions)).toContainEqual([
      '马丽',
    ])
    for (const n of notices.filter((x) => x.to === anping.sub.roomTopic))
      expect(n.text).not.toContain('13800138000')
    expect(notices.some((n) => n.to === '马丽' && n.text.includes('13800138000'))).toBe(true)
    expect(
      (await raoyang.handedRows()).some((n) => n.to === raoyang.sub.roomTopic && n.text.includes('6222')),
    ).toBe(true)
    // The county's own 反馈 finds the rows it was given.
    const feedback = await anping.harness.dm('李强', '反馈')
    expect(feedback.map((f) => f.fileName)).toContain('部推线索-反馈.xlsx')
  })

  it("a county's own clue file with a 区县 column is its own, as today", async () => {
    const said = await anping.harness.file('李强', '线索.csv', csv(['区县,线索', '饶阳县,13800138000']))
    expect(said[0]?.text).toContain('已登记线索 1 条')
    expect(await anping.harness.db.clue.count()).toBe(1)
    expect(await raoyang.harness.db.clue.count()).toBe(0)
  })
})

describe('线索 全市', () => {
  it("each county's clues by kind: open, overdue, closed", async () => {
    await c.file(
      '张市',
      '线索.csv',
      csv(['区县,线索', '安平,13800138000', '安平,13800138001', '饶阳,www.fraud-example.com']),
    )
    await anping.harness.say('马丽', '销号 0001 已关停')
    anping.harness.clock.set(new Date('2026-11-30T10:00:00+08:00'))
    c.clock.set(new Date('2026-11-30T10:00:00+08:00'))
    const text = await answer('张市', '线索 全市')
    expect(text).toContain('安平县：在办1（超期1）、已销号1\n　其中 手机号 在办1/超期1/已销号1')
    expect(text).toContain('饶阳县：在办1（超期1）、已销号0\n　其中 域名 在办1/超期1/已销号0')
    expect(await answer('张市', '全市线索')).toBe(text)
  })
})

/** The city bulletin's text in the room, and its workbook's sheets as rows of cell values. */
async function cityBulletin(text: string) {
  const said = await c.say('张市', text)
  expect(said.map((s) => [s.to, s.fileName])).toEqual([
    ['room', null],
    ['room', '全市2026年11月通报-预览.xlsx'],
  ])
  const row = await c.db.outboundMessage.findFirstOrThrow({
    where: { fileName: { not: null } },
    orderBy: { id: 'desc' },
  })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(row.fileData as unknown as ArrayBuffer)
  const sheets: Record<string, unknown[][]> = {}
  wb.eachSheet((ws) => {
    const rows: unknown[][] = []
    ws.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1))
    })
    sheets[ws.name] = rows
  })
  return { text: said[0]?.text ?? '', sheets }
}

describe('通报 全市', () => {
  it('each county side by side, ranked, and the city year to date against the city targets', async () => {
    await bank(anping)
    await police(anping, 3, 2, 2, 12)
    await police(raoyang, 1, 1, 1, 2.5)
    const { text, sheets } = await cityBulletin('通报 全市 11月')
    const lines = text.split('\n')
    expect(lines[0]).toBe('📊 全市2026年11月通报（预览·截至11月18日 10:00，非正式通报）')
    // Equal on targets (3 of 5 judged on track each): 安平县 ranks first by its reporting rate.
    const first = lines.indexOf('1. 安平县：报送2/15（13.3%），目标进度达标3/5项')
    const second = lines.indexOf('2. 饶阳县：报送1/15（6.7%），目标进度达标3/5项')
    expect(first).toBeGreaterThan(0)
    expect(second).toBeGreaterThan(first)
    // Each county against its own targets, as its own bulletin judges them.
    expect(lines[first + 1]).toBe('　✅ 立案数：3（全年≤36，按进度应≤33）')
    expect(lines[second + 2]).toBe('　✅ 群众损失金额：2.5万元（全年≤129万元，按进度应≤118.3万元）')
    expect(lines).toContain('　线索：本月推送0、销号0，超期未办0')
    // The city: the sums of the counties' same-named fields against the city roster's targets.
    expect(lines).toContain('✅ 立案数：4（全年≤72，按进度应≤66）')
    expect(lines).toContain('✅ 群众损失金额：14.5万元（全年≤258万元，按进度应≤236.5万元）')
    expect(lines).toContain('⚠️ 破案数：3（全年≥66，按进度应≥61）')
    expect(lines).toContain('✅ 每百起立案抓获人数：75（3÷4×100，目标≥20）')
    expect(lines).toContain('❔ 市级专项行动数：无数据（全年目标10）')
    expect(lines).toContain('※ 市级专项行动数：各区县的月报表中都没有这一项')
    expect(text).toContain(
      '※ 安平县（县公安局1—10月；县检察院1—11月）；饶阳县（县公安局1—10月；县检察院1—11月）未报',
    )
    expect((await cityBulletin('全市通报 11月')).text).toBe(text)
    // The workbook: the counties side by side, and the city's targets.
    const [header, ...rows] = sheets.各区县 ?? []
    expect(header?.slice(0, 8)).toEqual([
      '排名',
      '区县',
      '已报送单位',
      '成员单位数',
      '报送率',
      '目标进度达标项',
      '有数据的目标项',
      '立案数累计',
    ])
    expect(rows.map((r) => r.slice(0, 8))).toEqual([
      [1, '安平县', 2, 15, 2 / 15, 3, 5, 3],
      [2, '饶阳县', 1, 15, 1 / 15, 3, 5, 1],
    ])
    expect(sheets.全市目标?.find((r) => r[0] === '立案数')?.slice(0, 6)).toEqual([
      '立案数',
      '不超过',
      72,
      4,
      66,
      '进度正常',
    ])
    // A county's own 通报 is its own, unchanged.
    const [own] = await anping.harness.say('李强', '通报 11月')
    expect(own?.text).toContain('立案数：3')
    expect(own?.text).not.toContain('饶阳')
  })

  it('a county ahead on its targets ranks first whatever its reporting rate', async () => {
    await bank(anping)
    await police(anping, 40, 2, 2, 200)
    await police(raoyang, 1, 1, 1, 2.5)
    const { text } = await cityBulletin('全市通报 11月')
    expect(text).toContain('1. 饶阳县：报送1/15（6.7%），目标进度达标3/5项')
    expect(text).toContain('2. 安平县：报送2/15（13.3%），目标进度达标0/5项')
  })
})

describe('帮助 in a city', () => {
  it('city staff see the 全市 commands with examples; a county office does not', async () => {
    const help = await answer('张市', '帮助')
    for (const example of ['进度 全市', '通报 全市', '线索 全市', '区县」列的线索表格'])
      expect(help).toContain(example)
    const detail = await answer('张市', '帮助 全市')
    expect(detail).toContain('同名字段')
    const [county] = await anping.harness.say('李强', '帮助')
    expect(county?.text).not.toContain('全市')
  })
})
