import { loadImage } from '@napi-rs/canvas'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { assessYear } from '../../bot/domain/bulletin/assessment.ts'
import { compileBulletin } from '../../bot/domain/bulletin/figures.ts'
import type { BulletinUnit, ClueRow, SubmissionRow } from '../../bot/domain/bulletin/types.ts'
import { cjkFontAvailable, moneyLabelsOf, renderBulletin } from '../../bot/services/bulletin-render.ts'
import { clue, count, money, PHASES, sub, TARGETS, t, text } from '../helpers/bulletin-fixtures.ts'

const gaj: BulletinUnit = {
  key: 'gaj',
  name: '县公安局',
  hasLiaison: true,
  fields: [
    count('立案数'),
    count('破案数'),
    count('抓获犯罪嫌疑人数'),
    money('群众损失金额'),
    count('部推线索数', false),
    count('部推线索抓获人数', false),
    text('存在问题'),
    text('其他工作'),
  ],
}
const jcy: BulletinUnit = { key: 'jcy', name: '县检察院', hasLiaison: true, fields: [count('起诉人数')] }
const cmcc: BulletinUnit = {
  key: 'cmcc',
  name: '中国移动',
  hasLiaison: true,
  fields: [count('关停涉诈号码数')],
}
const pboc: BulletinUnit = {
  key: 'pboc',
  name: '人民银行',
  hasLiaison: false,
  fields: [count('冻结涉案账户数')],
}
const UNITS = [gaj, jcy, cmcc, pboc]

const months = (year: number, through: number) =>
  Array.from({ length: through }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)

// 县公安局 reports every month: 立案 3 (33 by November: on track, ≤ 33), 破案 2 (22 < 30.25: off
// track), 抓获 2 (22 ≥ 16.5), 损失 8.5万元 (93.5 ≤ 118.25); no 部推线索 at all (a zero denominator).
const gajMonth = (period: string) =>
  sub('gaj', period, {
    立案数: 3,
    破案数: 2,
    抓获犯罪嫌疑人数: 2,
    群众损失金额: 8.5,
    部推线索数: 0,
    部推线索抓获人数: 0,
  })

// In November 县公安局 also wrote its 存在问题 (two sentences, one quoted) and 其他工作 (无: not quoted).
const ISSUES = '部分群众反诈意识薄弱，宣传覆盖不够。下月走进社区，开展集中宣传。'
const gajNovember = sub('gaj', '2026-11', { ...gajMonth('2026-11').values, 存在问题: ISSUES, 其他工作: '无' })

const SUBMISSIONS: SubmissionRow[] = [
  ...months(2026, 10).map(gajMonth),
  gajNovember,
  // Last year, complete for the same months: 立案 4/month (44), 破案 2/month (22), 抓获 1/month (11), 损失 10.
  ...months(2025, 11).map((p) =>
    sub('gaj', p, {
      立案数: 4,
      破案数: 2,
      抓获犯罪嫌疑人数: 1,
      群众损失金额: 10,
      部推线索数: 0,
      部推线索抓获人数: 0,
    }),
  ),
  ...months(2026, 11).map((p) =>
    p === '2026-11'
      ? sub('jcy', p, { 起诉人数: 2 }, { status: 'late', at: t('2026-11-26T08:00:00') })
      : sub('jcy', p, { 起诉人数: 1 }),
  ),
  // 中国移动 misses November; 人民银行 (no liaison) reports on time.
  ...months(2026, 10).map((p) => sub('cmcc', p, { 关停涉诈号码数: 5 })),
  ...months(2026, 11).map((p) => sub('pboc', p, { 冻结涉案账户数: 7 })),
]

const CLUES: ClueRow[] = [
  clue('cmcc', '2026-11-02T10:00:00', '2026-11-05T10:00:00', '2026-11-03T10:00:00'),
  clue('cmcc', '2026-11-10T10:00:00', '2026-11-13T10:00:00', '2026-11-14T10:00:00'),
  clue('cmcc', '2026-11-20T10:00:00', '2026-11-23T10:00:00'),
  clue('pboc', '2026-11-05T09:00:00', '2026-11-08T09:00:00', '2026-11-06T09:00:00'),
]

const NOVEMBER = {
  period: '2026-11',
  asOf: t('2026-11-26T09:00:00'),
  units: UNITS,
  submissions: SUBMISSIONS,
  clues: CLUES,
  targets: TARGETS,
  phases: PHASES,
  deadlineDay: 25,
}
const figures = compileBulletin(NOVEMBER)
const moneyLabels = moneyLabelsOf(UNITS)

describe('renderBulletin: text', async () => {
  const { text } = await renderBulletin(figures, { moneyLabels })
  const lines = text.split('\n')
  const lineWith = (s: string) => lines.find((l) => l.includes(s)) ?? ''

  it('has the title and the phase', () => {
    expect(lines[0]).toBe('📢 县反诈联席办 2026年11月工作通报（预览·截至11月26日 09:00，非正式通报）')
    expect(text).toContain('集中攻坚')
  })

  it('names the late and missing units and flags a unit without a liaison', () => {
    expect(lineWith('按时报送')).toContain('2')
    expect(lineWith('迟报')).toContain('县检察院')
    expect(lineWith('未报送 1 个')).toContain('中国移动')
    expect(lineWith('未绑定联络员')).toContain('人民银行')
  })

  it('marks each target on or off track, with the value expected by now', () => {
    expect(lineWith('立案数：33')).toMatch(/^✅/)
    expect(lineWith('立案数：33')).toContain('按进度应≤33')
    expect(lineWith('破案数：22')).toMatch(/^⚠️/)
    expect(lineWith('破案数：22')).toContain('按进度应≥30）')
    expect(lineWith('群众损失金额：93.5万元')).toContain('全年≤129万元')
  })

  it('shows a ratio with a zero denominator as —', () => {
    expect(lineWith('每百条部推线索抓获人数')).toContain('：—')
    expect(lineWith('每百起立案抓获人数')).toContain('66.7')
  })

  it('compares with last year', () => {
    expect(lineWith('立案数（应降）')).toContain('↓11')
    expect(lineWith('立案数（应降）')).toMatch(/^✅/)
    expect(lineWith('破案数（应升）')).toContain('持平')
    expect(lineWith('起诉人数（应升）')).toContain('无去年同期数据')
  })

  it('gives clue figures for the county and only the units with clues', () => {
    expect(lineWith('全县：')).toContain('推送4条')
    expect(lineWith('全县：')).toContain('超期未销号1条')
    expect(lineWith('全县销号率')).toContain('75%')
    expect(lineWith('· 中国移动：推送')).toContain('销号率66.7%')
    expect(text).not.toContain('· 县公安局：推送')
  })

  it("lists each unit's figures as people write them (关停涉诈号码数 5), money in 万元", () => {
    expect(lineWith('· 县公安局：')).toBe(
      '· 县公安局：立案数 3，破案数 2，抓获犯罪嫌疑人数 2，群众损失金额 8.5万元，部推线索数 0，部推线索抓获人数 0',
    )
    expect(lines).toContain('· 中国移动：未报送')
  })

  it("quotes the first sentence of each unit's 存在问题 and 其他工作, none when it says 无", () => {
    expect(text).toContain(
      '【六、存在问题与其他工作】\n· 县公安局存在问题：部分群众反诈意识薄弱，宣传覆盖不够…',
    )
    expect(text).not.toContain('县公安局其他工作')
  })

  it('keeps lines short and has no unfilled placeholder', () => {
    expect(text).not.toMatch(/\{\{|undefined|null|NaN/)
    for (const l of lines) expect(l.length).toBeLessThan(120)
  })

  it('notes the months a source unit did not report once, under the targets', async () => {
    const gappy = compileBulletin({
      ...NOVEMBER,
      submissions: SUBMISSIONS.filter(
        (x) => !(x.unitKey === 'gaj' && ['2026-03', '2026-04', '2026-06'].includes(x.period)),
      ),
    })
    const r = await renderBulletin(gappy, { moneyLabels })
    const notes = r.text.split('\n').filter((l) => l.startsWith('※'))
    expect(notes).toEqual(['※ 县公安局3—4、6月未报，累计数可能偏低'])
  })

  it('says 不足1小时 for a median time to close under an hour', async () => {
    const quick = compileBulletin({
      ...NOVEMBER,
      clues: [clue('pboc', '2026-11-05T09:00:00', '2026-11-08T09:00:00', '2026-11-05T09:20:00')],
    })
    const r = await renderBulletin(quick, { moneyLabels })
    expect(r.text).toContain('全县销号率100%，销号中位用时不足1小时')
    expect(r.text).not.toContain('0小时')
  })

  it('labels a correction with its version', async () => {
    const corrected = await renderBulletin(figures, {
      edition: { kind: 'correction', version: 2, previousVersion: 1, changes: [] },
    })
    expect(corrected.text.split('\n')[0]).toBe('📢 县反诈联席办 2026年11月工作通报（更正·第2版）')
  })
})

describe('renderBulletin: workbook', async () => {
  const { workbook } = await renderBulletin(figures, { moneyLabels })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(workbook as unknown as ArrayBuffer)

  it('has one sheet per table', () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '报送情况',
      '单位数据',
      '线索情况',
      '目标进度',
      '两降三升',
      '存在问题与其他工作',
    ])
  })

  it('has every sheet with a frozen header and an autofilter over its table', () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(ws.autoFilter, ws.name).toBeDefined()
    }
    // 单位数据: the header and one row per unit (4), every column.
    expect(wb.getWorksheet('单位数据')?.autoFilter).toBe('A1:L5')
  })

  it('has what each unit wrote in its text fields, in full, in a sheet of its own', () => {
    const ws = wb.getWorksheet('存在问题与其他工作')
    expect(ws?.getRow(1).values).toEqual([undefined, '单位', '项目', '内容'])
    expect(ws?.getRow(2).values).toEqual([undefined, '县公安局', '存在问题', ISSUES])
    expect(ws?.getRow(3).values).toEqual([undefined, '县公安局', '其他工作', '无'])
  })

  it('has a bold, frozen header row', () => {
    const ws = wb.getWorksheet('单位数据')
    expect(ws).toBeDefined()
    const header = ws?.getRow(1).values as unknown[]
    expect(header.slice(1, 4)).toEqual(['单位', '报送状态', '修订版本'])
    expect(header).toContain('群众损失金额（万元）')
    expect(header).toContain('关停涉诈号码数')
    expect(ws?.getRow(1).font?.bold).toBe(true)
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  })

  it('stores figures as numbers', () => {
    const ws = wb.getWorksheet('单位数据')
    const header = ws?.getRow(1).values as unknown[]
    const gajRow = ws?.getRow(2)
    expect(gajRow?.getCell(1).value).toBe('县公安局')
    expect(gajRow?.getCell(header.indexOf('群众损失金额（万元）')).value).toBe(8.5)
    expect(gajRow?.getCell(header.indexOf('立案数')).value).toBe(3)
    const targets = wb.getWorksheet('目标进度')
    expect(targets?.getRow(2).getCell(4).value).toBe(33)
    const clues = wb.getWorksheet('线索情况')
    const cmccRow = clues?.getRow(4)
    expect(cmccRow?.getCell(1).value).toBe('中国移动')
    expect(typeof cmccRow?.getCell(2).value).toBe('number')
  })
})

describe('renderBulletin: chart', async () => {
  const { chart } = await renderBulletin(figures, { moneyLabels })

  it('is a PNG of the expected size', async () => {
    const image = await loadImage(chart)
    expect(image.width).toBe(1000)
    expect(image.height).toBe(600)
    expect(chart.length).toBeGreaterThan(10_000)
  })

  it('finds a CJK font (the packaged Noto Sans SC at least)', () => {
    expect(cjkFontAvailable()).toBe(true)
  })
})

describe('renderBulletin: assessment', async () => {
  const december = { ...NOVEMBER, period: '2026-12', asOf: t('2026-12-22T09:00:00') }
  const assessment = assessYear({
    ...december,
    year: 2026,
    weights: { timeliness: 0.4, clueClosure: 0.4, completeness: 0.2 },
  })
  const rendered = await renderBulletin(compileBulletin(december), { assessment, moneyLabels })

  it('appends the ranking with the component scores and the weights', () => {
    const text = rendered.text
    expect(text).toContain('【2026年度考核排名】')
    expect(text).toContain('考核月份：1—11月（11个月）')
    // 县公安局 and 人民银行 reported every month on time; 人民银行 closed its clue in time.
    expect(text).toMatch(/1\. 县公安局　100\.0分/)
    expect(text).toMatch(/1\. 人民银行（无联络员）　100\.0分/)
    expect(text).toContain('及时率×40%＋按期销号率×40%＋完整率×20%')
    const cmccLine = text.split('\n').findIndex((l) => l.includes('中国移动') && l.endsWith('分'))
    expect(text.split('\n')[cmccLine + 1]).toContain('按期1/3条')
  })

  it('shows a component the unit owed nothing for as —, and prints the rule under the ranking', () => {
    const text = rendered.text
    // 县公安局 had no clue: its clue closure does not apply.
    const police = text.split('\n').findIndex((l) => l.startsWith('1. 县公安局'))
    expect(text.split('\n')[police + 1]).toContain('销号—（无考核线索）')
    expect(text).toContain(
      [
        '计分规则（每项都是该单位应做事项中做到的比例）：',
        '· 及时率＝（按时月数＋迟报月数×0.5）÷应报月数',
        '· 按期销号率＝到期前销号条数÷应考核线索条数（已销号或已超期的；未到期的不计）',
        '· 完整率＝必填项（模板中带*的项）全部填写的月数÷应报月数',
        '· 总分＝（及时率×40%＋按期销号率×40%＋完整率×20%）×100；某项无应考核内容记「—」，其权重按比例分给其他项',
      ].join('\n'),
    )
    expect(text.trimEnd().endsWith('详细表格见附件 Excel，目标进度见附图。')).toBe(true)
  })

  it('adds the 年度考核 sheet', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(rendered.workbook as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('年度考核')
    expect(ws?.getRow(1).getCell(1).value).toBe('排名')
    expect(ws?.getRow(2).getCell(3).value).toBe(100)
  })
})
