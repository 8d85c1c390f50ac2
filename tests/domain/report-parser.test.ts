import { describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { findField, isReport, parseReport, type ReportParse } from '../../bot/domain/report-parser.ts'
import { formOf, type UnitDef } from '../../bot/domain/roster.ts'
import { normalizeText } from '../../bot/domain/text.ts'

const { units } = loadRoster('prisma/roster.yaml')
const now = new Date('2026-11-20T10:00:00+08:00')

function unit(key: string): UnitDef {
  const found = units.find((u) => u.key === key)
  if (!found) throw new Error(`no unit ${key} in the roster`)
  return found
}

const pboc = unit('pboc') // 人民银行: 冻结涉案账户数*, 清理空壳公司数*, 清退违规POS机数, 检查支付机构数
const gaj = unit('gaj') // 县公安局: 立案数*, 破案数*, 抓获犯罪嫌疑人数*, 群众损失金额* (money), 部推线索…
const czj = unit('czj') // 县财政局: 保障资金* (money), 财务人员宣传人次
const cmcc = unit('cmcc') // 中国移动: 关停涉诈号码数*, 发现伪基站数*, …

/** Parses a message sent by a liaison of `sender` (null: by someone with no unit). */
function parse(text: string, sender: UnitDef | null = pboc, at: Date = now): ReportParse {
  const parsed = parseReport(text, { units, now: at, senderUnit: sender ?? undefined })
  if (!parsed) throw new Error(`not read as a report: ${JSON.stringify(text)}`)
  return parsed
}

/** The values of a report that must be accepted as it is. */
function accepted(text: string, sender: UnitDef | null = pboc) {
  const parsed = parse(text, sender)
  expect(parsed.problems).toEqual([])
  return parsed.values
}

const PBOC_BODY = '冻结涉案账户数：12\n清理空壳公司数：3'
const GAJ_REST = '破案数：1\n抓获犯罪嫌疑人数：1\n立案数：1'

describe('recognising a report', () => {
  it.each([
    ['#月报'],
    ['＃月报'],
    ['# 月报'],
    ['【月报】'],
    ['【 月报 】'],
    ['[月报]'],
    ['［月报］'],
    ['月报'],
    ['月报：'],
  ])('%s followed by fields is a report', (marker) => {
    expect(isReport(`${marker}\n${PBOC_BODY}`)).toBe(true)
    expect(parse(`${marker}\n${PBOC_BODY}`).values).toEqual({ 冻结涉案账户数: 12, 清理空壳公司数: 3 })
  })

  it('a marker on its own is a report too (an empty one)', () => {
    expect(isReport('#月报')).toBe(true)
    expect(isReport('月报')).toBe(true)
  })

  it('"月报什么时候交？" is a question, not a report', () => {
    expect(isReport('月报什么时候交？')).toBe(false)
    expect(parseReport('月报什么时候交？', { units, now, senderUnit: pboc })).toBeUndefined()
  })

  it('"月报模板" asks for the form, it is not a report', () => {
    expect(isReport('月报模板')).toBe(false)
    expect(isReport('月报模板 人民银行')).toBe(false)
    expect(isReport('月报 模板')).toBe(false)
    expect(isReport('模板')).toBe(false)
  })

  it('chatter that merely begins with 月报 over several lines is not a report', () => {
    expect(isReport('月报已经交了\n请查收')).toBe(false)
    expect(isReport('月报什么时候交？\n@王芳')).toBe(false)
  })

  it('a message that mentions 月报 later on is not a report', () => {
    expect(isReport('大家记得交月报')).toBe(false)
    expect(isReport('')).toBe(false)
    expect(isReport('\n\n')).toBe(false)
  })

  it('leading spaces, blank lines and invisible characters before the marker do not matter', () => {
    expect(isReport(`  \n\n  #月报\n${PBOC_BODY}`)).toBe(true)
    expect(isReport(`\u200b#月报\n${PBOC_BODY}`)).toBe(true)
    expect(isReport(`\ufeff【月报】\n${PBOC_BODY}`)).toBe(true)
  })
})

describe('reading what liaisons really type', () => {
  it('a plain report by the 人民银行 liaison is read field by field', () => {
    const parsed = parse(`#月报\n${PBOC_BODY}`)
    expect(parsed).toMatchObject({ unit: pboc, period: '2026-11', explicitPeriod: false, problems: [] })
    expect(parsed.namedUnit).toBeUndefined()
    expect(parsed.values).toEqual({ 冻结涉案账户数: 12, 清理空壳公司数: 3 })
  })

  it('full-width colons, spaces and digits read like half-width ones', () => {
    expect(accepted('＃月报\n冻结涉案账户数：１２\n清理空壳公司数　：　３')).toEqual({
      冻结涉案账户数: 12,
      清理空壳公司数: 3,
    })
  })

  it('half-width colons, "=" and spaces around them are fine', () => {
    expect(accepted('#月报\n冻结涉案账户数:12\n清理空壳公司数 = 3')).toEqual({
      冻结涉案账户数: 12,
      清理空壳公司数: 3,
    })
  })

  it('numbers with measure words: 12个, 3起, 5人次', () => {
    expect(accepted('#月报\n冻结涉案账户数：12个\n清理空壳公司数：3家')).toEqual({
      冻结涉案账户数: 12,
      清理空壳公司数: 3,
    })
    expect(accepted('#月报\n立案数：3起\n破案数：2起\n抓获人数：4人\n损失金额：8.6万元', gaj)).toMatchObject({
      立案数: 3,
      破案数: 2,
      抓获犯罪嫌疑人数: 4,
    })
    expect(accepted('#月报\n出国人员宣传人次：5人次', unit('crj'))).toEqual({ 出国人员宣传人次: 5 })
  })

  it('a liaison who writes 十二 gets 12 (and 一百零五 105, 两千 2000)', () => {
    expect(
      accepted('#月报\n立案数：十二\n破案数：一百零五\n抓获犯罪嫌疑人数：两千\n群众损失金额：0', gaj),
    ).toEqual({ 立案数: 12, 破案数: 105, 抓获犯罪嫌疑人数: 2000, 群众损失金额: 0 })
  })

  it('a liaison who writes 一千二 gets 1200, not 1002', () => {
    expect(accepted('#月报\n财务人员宣传人次：一千二\n保障资金：1', czj)).toEqual({
      财务人员宣传人次: 1200,
      保障资金: 1,
    })
  })

  it('thousands separators, half-width (1,200) or full-width (1，200)', () => {
    expect(accepted('#月报\n冻结涉案账户数：1,200\n清理空壳公司数：1，200')).toEqual({
      冻结涉案账户数: 1200,
      清理空壳公司数: 1200,
    })
  })

  it('1.2万人 is a count of 12000', () => {
    expect(accepted('#月报\n宣传活动次数：3\n覆盖师生家长人数：1.2万人', unit('kjj'))).toEqual({
      宣传活动次数: 3,
      覆盖师生家长人数: 12000,
    })
  })

  it.each([
    ['1.5万', 1.5],
    ['1.5万元', 1.5],
    ['15000元', 1.5],
    ['15,000元', 1.5],
    ['15，000元', 1.5],
    ['8.6', 8.6],
    ['十五万', 15],
    ['0', 0],
    ['无', 0],
    ['一万五千元', 1.5],
    ['￥15000', 1.5],
    ['8万余元', 8],
    ['１．５万元', 1.5],
  ])('保障资金：%s is stored as %s万元', (raw, wan) => {
    expect(accepted(`#月报\n保障资金：${raw}`, czj)).toEqual({ 保障资金: wan })
  })

  it('field synonyms are stored under the canonical label (冻结账户数 → 冻结涉案账户数)', () => {
    expect(accepted('#月报\n冻结账户数：5\n空壳公司数：1\n清退POS数：2')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 1,
      清退违规POS机数: 2,
    })
  })

  it('抓获人数 is 抓获犯罪嫌疑人数 and 损失金额 is 群众损失金额', () => {
    expect(accepted('【月报】\n立案数：2起\n破案数：1\n抓获人数：3人\n损失金额：8.6万元', gaj)).toEqual({
      立案数: 2,
      破案数: 1,
      抓获犯罪嫌疑人数: 3,
      群众损失金额: 8.6,
    })
  })

  it('a label with its trailing 数 left off, or with one added, still finds the field', () => {
    expect(accepted('#月报\n冻结涉案账户：5\n清理空壳公司：3')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
    expect(accepted('#月报\n立案：1\n破案：1\n抓获犯罪嫌疑人：1\n群众损失金额：1', gaj)).toMatchObject({
      抓获犯罪嫌疑人数: 1,
    })
    expect(accepted('#月报\n起诉件数：3件\n起诉人：5人', unit('jcy'))).toEqual({ 起诉案件数: 3, 起诉人数: 5 })
  })

  it('letters in a label may be in any case or width (app, ＡＰＰ)', () => {
    const wxb = unit('wxb')
    expect(accepted('#月报\n监测预警涉诈网站app数：3\n拦截封堵数：4', wxb)).toEqual({
      监测预警涉诈网站APP数: 3,
      拦截封堵数: 4,
    })
    expect(accepted('#月报\n监测预警涉诈网站ＡＰＰ数：3\n拦截封堵数：4', wxb)).toMatchObject({
      监测预警涉诈网站APP数: 3,
    })
  })

  it('a parenthetical unit in the label is ignored: 群众损失金额（万元）：8.6', () => {
    expect(accepted(`#月报\n群众损失金额（万元）：8.6\n${GAJ_REST}`, gaj)).toMatchObject({
      群众损失金额: 8.6,
    })
    expect(accepted(`#月报\n群众损失金额【万元】：8.6\n${GAJ_REST}`, gaj)).toMatchObject({
      群众损失金额: 8.6,
    })
    expect(accepted(`#月报\n立案数（起）：12\n破案数：1\n抓获人数：1\n损失金额：0`, gaj)).toMatchObject({
      立案数: 12,
    })
  })

  it('a note with its own colon in the label: 群众损失金额（单位：万元）：8.6', () => {
    expect(accepted(`#月报\n群众损失金额（单位：万元）：8.6\n${GAJ_REST}`, gaj)).toMatchObject({
      群众损失金额: 8.6,
    })
  })

  it('an amount under a label in 元 is 元: 群众损失金额（元）：5000 is 0.5万元', () => {
    expect(accepted(`#月报\n群众损失金额（元）：5000\n${GAJ_REST}`, gaj)).toMatchObject({ 群众损失金额: 0.5 })
    expect(accepted(`#月报\n群众损失金额（单位：元）：86000\n${GAJ_REST}`, gaj)).toMatchObject({
      群众损失金额: 8.6,
    })
    expect(accepted(`#月报\n群众损失金额（元）：1.5万元\n${GAJ_REST}`, gaj)).toMatchObject({
      群众损失金额: 1.5,
    })
  })

  it.each([
    ['1. ', '2. '],
    ['1、', '2、'],
    ['1)', '2)'],
    ['(1)', '(2)'],
    ['（1）', '（2）'],
    ['- ', '- '],
    ['• ', '• '],
    ['* ', '* '],
    ['①', '②'],
    ['① ', '② '],
    ['一、', '二、'],
    ['（一）', '（二）'],
  ])('list bullets %s … %s before the labels are ignored', (first, second) => {
    expect(accepted(`#月报\n${first}冻结涉案账户数：5\n${second}清理空壳公司数：3`)).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
  })

  it('"label 12" without a colon is read when the label is known', () => {
    expect(accepted('月报\n冻结账户数 5个\n清理空壳公司数3')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
    expect(accepted('#月报\n立案 12起\n破案3\n抓获人数 5人\n损失金额 8.6万元', gaj)).toEqual({
      立案数: 12,
      破案数: 3,
      抓获犯罪嫌疑人数: 5,
      群众损失金额: 8.6,
    })
  })

  it('"label 12" without a colon works with the trailing 数 left off, and with 无', () => {
    expect(accepted('#月报\n冻结涉案账户 5\n清理空壳公司 3')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
    expect(accepted('#月报\n关停号码 12\n发现伪基站 无', cmcc)).toEqual({
      关停涉诈号码数: 12,
      发现伪基站数: 0,
    })
  })

  it('fields come in any order, with blank lines anywhere', () => {
    expect(accepted('#月报\n\n\n清退违规POS机数：2\n\n清理空壳公司数：3\n\n\n冻结涉案账户数：5\n\n')).toEqual(
      {
        冻结涉案账户数: 5,
        清理空壳公司数: 3,
        清退违规POS机数: 2,
      },
    )
  })

  it('Windows line endings, indentation and tabs do not matter', () => {
    expect(accepted('#月报\r\n  冻结涉案账户数：5  \r\n\t清理空壳公司数：3\r\n')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
  })

  it('the first field may follow the marker on the same line', () => {
    expect(accepted('#月报：冻结涉案账户数：5\n清理空壳公司数：3')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
  })

  it('lines ending in Chinese punctuation (5个。 3家；) are fine', () => {
    expect(accepted('#月报\n冻结涉案账户数：5个。\n清理空壳公司数：3家；\n清退违规POS机数：2台，')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
      清退违规POS机数: 2,
    })
  })

  it('totals written as 共计5个 / 合计3家 are read', () => {
    expect(accepted('#月报\n冻结涉案账户数：共计5个\n清理空壳公司数：合计3家')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
  })

  it('无 / 没有 / 暂无 / 零 mean zero', () => {
    expect(
      accepted('#月报\n冻结涉案账户数：无\n清理空壳公司数：没有\n清退违规POS机数：暂无\n检查支付机构数：零'),
    ).toEqual({
      冻结涉案账户数: 0,
      清理空壳公司数: 0,
      清退违规POS机数: 0,
      检查支付机构数: 0,
    })
  })

  it('a zero report is a real report, not an empty one', () => {
    expect(accepted('#月报\n冻结涉案账户数：0\n清理空壳公司数：0')).toEqual({
      冻结涉案账户数: 0,
      清理空壳公司数: 0,
    })
  })

  it('invisible and bidi characters pasted inside numbers are ignored', () => {
    expect(
      accepted(
        '#月报\n冻结涉案账户数：1\u200b2\n清理空壳公司数：\u202e3\u202c\n清退违规POS机数：\u20662\u2069\n检查支付机构数：\ufeff1\u200d0',
      ),
    ).toEqual({ 冻结涉案账户数: 12, 清理空壳公司数: 3, 清退违规POS机数: 2, 检查支付机构数: 10 })
  })

  it('an Arabic letter mark or a soft hyphen inside a number is ignored too', () => {
    expect(accepted('#月报\n冻结涉案账户数：1\u061c2\n清理空壳公司数：1\u00ad5')).toEqual({
      冻结涉案账户数: 12,
      清理空壳公司数: 15,
    })
  })

  it('invisible characters inside a label do not hide the field', () => {
    expect(accepted('#月报\n冻结\u200b涉案账户数：5\n清理空壳\u200e公司数：3')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
  })

  it('a note in brackets after a value is ignored', () => {
    expect(accepted('#月报\n冻结涉案账户数：5（含2个对公账户）\n清理空壳公司数：3')).toEqual({
      冻结涉案账户数: 5,
      清理空壳公司数: 3,
    })
  })
})

describe('text fields and admin lines', () => {
  it('其他工作 runs over several lines, colons and all, until the next known field', () => {
    const values = accepted(
      '#月报\n冻结涉案账户数：5\n其他工作：开展宣传进社区3场\n走访商户：20家\n发放资料若干\n清理空壳公司数：3\n存在问题：人手不足：仅2人',
    )
    expect(values).toEqual({
      冻结涉案账户数: 5,
      其他工作: '开展宣传进社区3场\n走访商户:20家\n发放资料若干',
      清理空壳公司数: 3,
      存在问题: '人手不足:仅2人',
    })
  })

  it('a text field may start on the line after its label, as a numbered list', () => {
    expect(
      accepted(`#月报\n${PBOC_BODY}\n其他工作：\n1. 进社区宣传\n2. 培训网点员工\n\n存在问题：\n暂无`),
    ).toEqual({
      冻结涉案账户数: 12,
      清理空壳公司数: 3,
      其他工作: '1. 进社区宣传\n2. 培训网点员工',
      存在问题: '暂无',
    })
  })

  it('a colon inside a bracket in a text field stays in the text', () => {
    expect(accepted(`#月报\n${PBOC_BODY}\n其他工作：开展宣传（地点：城关社区）`)).toMatchObject({
      其他工作: '开展宣传(地点:城关社区)',
    })
  })

  it('其他工作：无 is kept as text, not turned into 0', () => {
    expect(accepted(`#月报\n${PBOC_BODY}\n其他工作：无`)).toMatchObject({ 其他工作: '无' })
  })

  it('填报人, 联系人, 联系电话 and 填报日期 lines are read and dropped', () => {
    expect(
      accepted(
        `#月报\n填报人：王芳\n${PBOC_BODY}\n联系人：王芳\n联系电话：13800000000\n填报日期：2026-11-18\n日期：11月18日`,
      ),
    ).toEqual({ 冻结涉案账户数: 12, 清理空壳公司数: 3 })
  })
})

describe('the period a report is for', () => {
  it('without a period it is for the current month', () => {
    expect(parse(`#月报\n${PBOC_BODY}`)).toMatchObject({ period: '2026-11', explicitPeriod: false })
  })

  it.each([
    ['2026年10月', '2026-10'],
    ['2026年10月份', '2026-10'],
    ['10月', '2026-10'],
    ['10月份', '2026-10'],
    ['十月', '2026-10'],
    ['2026-10', '2026-10'],
    ['2026/10', '2026-10'],
    ['2026 年 10 月', '2026-10'],
    ['2026年11月', '2026-11'],
    ['1月', '2026-01'],
  ])('on the marker line: #月报 %s is for %s', (written, period) => {
    const parsed = parse(`#月报 ${written}\n${PBOC_BODY}`)
    expect(parsed).toMatchObject({ period, explicitPeriod: true, problems: [] })
  })

  it.each([
    ['月份：2026年10月', '2026-10'],
    ['月份：10月份', '2026-10'],
    ['统计月份：2026-10', '2026-10'],
    ['报送月份: 十月', '2026-10'],
  ])('in a line of its own: %s is for %s', (line, period) => {
    expect(parse(`#月报\n${line}\n${PBOC_BODY}`)).toMatchObject({
      period,
      explicitPeriod: true,
      problems: [],
    })
  })

  it('in January, 12月 is last December', () => {
    const parsed = parse(`#月报 12月\n${PBOC_BODY}`, pboc, new Date('2027-01-05T10:00:00+08:00'))
    expect(parsed).toMatchObject({ period: '2026-12', problems: [] })
  })

  it('a blank 月份： line (a copied form) means the current month', () => {
    expect(parse(`#月报\n月份：\n${PBOC_BODY}`)).toMatchObject({ period: '2026-11', problems: [] })
  })
})

describe('the unit a report is for', () => {
  it("a liaison's report is for their own unit when the message names none", () => {
    const parsed = parse(`#月报\n${PBOC_BODY}`, pboc)
    expect(parsed.unit).toBe(pboc)
    expect(parsed.namedUnit).toBeUndefined()
  })

  it.each([
    ['#月报 人民银行'],
    ['#月报 人行'],
    ['#月报 县人行'],
    ['【月报】人民银行'],
    ['#月报（人民银行）'],
    ['#月报-人民银行'],
    ['#月报 人民银行 2026年11月'],
    ['#月报 2026年11月 人民银行'],
    ['#月报 人民银行11月'],
    ['#月报 人民银行、11月份'],
    ['月报 人民银行'],
  ])('the unit named on the marker line: %s', (header) => {
    const parsed = parse(`${header}\n${PBOC_BODY}`, null)
    expect(parsed).toMatchObject({ namedUnit: pboc, unit: pboc, period: '2026-11', problems: [] })
  })

  it.each([['单位：人民银行'], ['报送单位：县人行'], ['填报单位: 人行'], ['单位：人民银行（王芳）']])(
    'the unit named in a line of its own: %s',
    (line) => {
      const parsed = parse(`#月报\n${line}\n${PBOC_BODY}`, null)
      expect(parsed).toMatchObject({ namedUnit: pboc, unit: pboc, problems: [] })
    },
  )

  it("a named unit's form is used even when the sender belongs to another (rights are checked later)", () => {
    const parsed = parse('#月报 县公安局\n立案数：1\n破案数：1\n抓获人数：1\n损失金额：1', pboc)
    expect(parsed).toMatchObject({ namedUnit: gaj, unit: gaj, problems: [] })
  })

  it("a blank 单位： line (a copied form) means the sender's unit", () => {
    expect(parse(`#月报\n单位：\n${PBOC_BODY}`, pboc)).toMatchObject({ unit: pboc, problems: [] })
  })
})

describe('reports that are refused, each with the exact reason', () => {
  it('a missing required field is named', () => {
    const parsed = parse('#月报\n冻结涉案账户数：5')
    expect(parsed.problems).toEqual([{ kind: 'missing', label: '清理空壳公司数' }])
  })

  it('every missing required field is named, and optional ones are not asked for', () => {
    const parsed = parse('#月报\n立案数：1', gaj)
    expect(parsed.problems).toEqual([
      { kind: 'missing', label: '破案数' },
      { kind: 'missing', label: '抓获犯罪嫌疑人数' },
      { kind: 'missing', label: '群众损失金额' },
    ])
  })

  it('a required field left blank is missing', () => {
    expect(parse('#月报\n冻结涉案账户数：\n清理空壳公司数：3').problems).toEqual([
      { kind: 'missing', label: '冻结涉案账户数' },
    ])
  })

  it('a value that is not a number is quoted back', () => {
    const parsed = parse('#月报\n冻结涉案账户数：很多\n清理空壳公司数：3')
    expect(parsed.problems).toEqual([{ kind: 'not_number', label: '冻结涉案账户数', raw: '很多' }])
    expect(parsed.values).toEqual({ 清理空壳公司数: 3 })
  })

  it('an amount that is not a number is refused too', () => {
    expect(parse('#月报\n保障资金：待统计', czj).problems).toEqual([
      { kind: 'not_number', label: '保障资金', raw: '待统计' },
    ])
  })

  it('a decimal for a count is refused as not a whole number', () => {
    expect(parse('#月报\n冻结涉案账户数：2.5\n清理空壳公司数：3').problems).toEqual([
      { kind: 'not_integer', label: '冻结涉案账户数', raw: '2.5' },
    ])
  })

  it('a negative number is refused, half- or full-width minus', () => {
    expect(parse('#月报\n冻结涉案账户数：-2\n清理空壳公司数：－1').problems).toEqual([
      { kind: 'negative', label: '冻结涉案账户数', raw: '-2' },
      { kind: 'negative', label: '清理空壳公司数', raw: '-1' },
    ])
    expect(parse('#月报\n保障资金：-1.5万', czj).problems).toEqual([
      { kind: 'negative', label: '保障资金', raw: '-1.5万' },
    ])
  })

  it('a field given twice (even once by a synonym) is a duplicate', () => {
    const parsed = parse('#月报\n冻结涉案账户数：2\n清理空壳公司数：3\n冻结账户数：3')
    expect(parsed.problems).toEqual([{ kind: 'duplicate', label: '冻结涉案账户数' }])
    expect(parsed.values).toMatchObject({ 冻结涉案账户数: 2 })
  })

  it("a field of another unit's form is unknown", () => {
    expect(parse(`#月报\n${PBOC_BODY}\n宣传次数：4`).problems).toEqual([
      { kind: 'unknown_field', label: '宣传次数' },
    ])
  })

  it('a line that is no field at all is a stray line', () => {
    expect(parse(`#月报\n${PBOC_BODY}\n今天天气不错`).problems).toEqual([
      { kind: 'stray_line', line: '今天天气不错' },
    ])
  })

  it('a unit that is not in the roster is unknown, on the marker line or in a 单位 line', () => {
    expect(parse('#月报 农业局\n冻结涉案账户数：5', null).problems).toEqual([
      { kind: 'unknown_unit', text: '农业局' },
    ])
    expect(parse('#月报\n单位：农业局\n冻结涉案账户数：5', null).problems).toEqual([
      { kind: 'unknown_unit', text: '农业局' },
    ])
  })

  it('an unknown unit is reported even when the sender has a unit of their own', () => {
    expect(parse(`#月报 农业局\n${PBOC_BODY}`, pboc).problems).toContainEqual({
      kind: 'unknown_unit',
      text: '农业局',
    })
  })

  it('someone with no unit who names none is asked for one', () => {
    const parsed = parse(`#月报\n${PBOC_BODY}`, null)
    expect(parsed.problems).toEqual([{ kind: 'no_unit' }])
    expect(parsed.unit).toBeUndefined()
    expect(parsed.values).toEqual({})
  })

  it('a period in the future is refused', () => {
    expect(parse(`#月报 2026年12月\n${PBOC_BODY}`).problems).toEqual([
      { kind: 'period_future', text: '2026年12月' },
    ])
    expect(parse(`#月报\n月份：2027-01\n${PBOC_BODY}`).problems).toEqual([
      { kind: 'period_future', text: '2027-01' },
    ])
  })

  it('in November, 12月 is next month (refused), not December a year ago', () => {
    const parsed = parse(`#月报 12月\n${PBOC_BODY}`)
    expect(parsed.problems).toEqual([{ kind: 'period_future', text: '12月' }])
  })

  it('a period that is no month is refused as invalid', () => {
    expect(parse(`#月报\n月份：2026年13月\n${PBOC_BODY}`).problems).toEqual([
      { kind: 'period_invalid', text: '2026年13月' },
    ])
    expect(parse(`#月报\n月份：上个月\n${PBOC_BODY}`).problems).toEqual([
      { kind: 'period_invalid', text: '上个月' },
    ])
    expect(parse(`#月报 2026年13月\n${PBOC_BODY}`).problems).toEqual([
      { kind: 'period_invalid', text: '2026年13月' },
    ])
  })

  it('a marker with nothing after it is empty (and says what is required)', () => {
    expect(parse('#月报').problems).toEqual([
      { kind: 'empty' },
      { kind: 'missing', label: '冻结涉案账户数' },
      { kind: 'missing', label: '清理空壳公司数' },
    ])
    expect(parse('【月报】\n\n\n').problems[0]).toEqual({ kind: 'empty' })
  })

  it('a report with only admin lines is empty', () => {
    expect(parse('#月报\n填报人：王芳\n联系电话：13800000000').problems[0]).toEqual({ kind: 'empty' })
  })

  it('every problem is named at once, not just the first', () => {
    const parsed = parse('#月报 2026年12月\n冻结涉案账户数：很多\n冻结账户数：3\n宣传次数：4\n你好')
    expect(parsed.problems).toEqual([
      { kind: 'period_future', text: '2026年12月' },
      { kind: 'not_number', label: '冻结涉案账户数', raw: '很多' },
      { kind: 'duplicate', label: '冻结涉案账户数' },
      { kind: 'unknown_field', label: '宣传次数' },
      { kind: 'stray_line', line: '你好' },
      { kind: 'missing', label: '清理空壳公司数' },
    ])
  })
})

describe('finding the field a label means', () => {
  const form = formOf(gaj)
  it.each([
    ['抓获犯罪嫌疑人数', '抓获犯罪嫌疑人数'],
    ['抓获人数', '抓获犯罪嫌疑人数'],
    ['抓获嫌疑人', '抓获犯罪嫌疑人数'],
    ['立案', '立案数'],
    ['发案数', '立案数'],
    ['群众损失金额（万元）', '群众损失金额'],
    ['群众损失(元)', '群众损失金额'],
    ['损失 金额', '群众损失金额'],
    ['部推线索', '部推线索数'],
    ['其他', '其他工作'],
    ['问题', '存在问题'],
  ])('%s → %s', (label, field) => {
    expect(findField(form, label)?.label).toBe(field)
  })

  it('an unknown or empty label finds nothing', () => {
    expect(findField(form, '冻结涉案账户数')).toBeUndefined()
    expect(findField(form, '')).toBeUndefined()
    expect(findField(form, '（万元）')).toBeUndefined()
  })
})

describe('normalizing what people paste', () => {
  it('full-width digits, letters, colons and spaces become half-width', () => {
    expect(normalizeText('冻结涉案账户数：１２　ＡＰＰ')).toBe('冻结涉案账户数:12 APP')
  })

  it('zero-width and bidi control characters are removed', () => {
    expect(normalizeText('1\u200b2\u200c3\u200d4\u200e5\u200f6\u202a7\u202e8\u2066\u20699\ufeff0')).toBe(
      '1234567890',
    )
    expect(normalizeText('1\u061c2\u00ad3')).toBe('123')
  })

  it('non-breaking spaces become spaces and CRLF becomes LF', () => {
    expect(normalizeText('a\u00a0b\r\nc\rd')).toBe('a b\nc\nd')
  })
})
