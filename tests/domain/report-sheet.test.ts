// Sheet rows → a report: the template's layout, other layouts people use, and what is not a report.
import { describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { sheetReport } from '../../bot/domain/report-sheet.ts'
import { findUnit, type UnitDef } from '../../bot/domain/roster.ts'

const units = loadRoster('prisma/roster.yaml').units
const unit = (name: string) => findUnit(units, name) as UnitDef
const now = new Date('2026-11-18T10:00:00+08:00')
const asLiaison = (name: string) => ({ units, now, senderUnit: unit(name) })

describe('a report sheet', () => {
  it('the template layout: 字段 | 数值 | 说明, the 单位 and 月份 rows, blank optional rows', () => {
    const sheet = sheetReport(
      [
        ['字段', '数值', '说明'],
        ['单位', '人民银行', '报送单位（勿改）'],
        ['月份', '', '留空为本月'],
        ['冻结涉案账户数', '12', '必填；整数'],
        ['清理空壳公司数', '3个', '必填；整数'],
        ['清退违规POS机数', '', '选填；整数'],
        ['其他工作', '走访商户30家', '选填；文字'],
      ],
      asLiaison('人民银行'),
    )
    expect(sheet?.parse).toMatchObject({
      period: '2026-11',
      problems: [],
      values: { 冻结涉案账户数: 12, 清理空壳公司数: 3, 其他工作: '走访商户30家' },
    })
    expect(sheet?.parse.namedUnit?.name).toBe('人民银行')
  })

  it('any layout: a title row, labels in the second column with synonyms and a 元 note, values after a gap', () => {
    const sheet = sheetReport(
      [
        ['县公安局2026年11月反诈工作月报'],
        ['序号', '项目', '', '本月'],
        ['1', '立案', '', '2'],
        ['2', '*破案数', '', '1'],
        ['3', '抓获人数', '', '3'],
        ['4', '群众损失金额（元）', '', '15000'],
        [undefined, undefined, undefined, undefined],
      ],
      asLiaison('县公安局'),
    )
    expect(sheet?.parse.problems).toEqual([])
    expect(sheet?.parse.values).toEqual({ 立案数: 2, 破案数: 1, 抓获犯罪嫌疑人数: 3, 群众损失金额: 1.5 })
  })

  it('names every problem: an unknown label, a bad value, a missing required field, a row without a label', () => {
    const sheet = sheetReport(
      [
        ['字段', '数值'],
        ['冻结涉案账户数', '很多'],
        ['宣传场次', '4'],
        ['', '7'],
      ],
      asLiaison('人民银行'),
    )
    expect(sheet?.parse.problems).toEqual([
      { kind: 'not_number', label: '冻结涉案账户数', raw: '很多' },
      { kind: 'unknown_field', label: '宣传场次' },
      { kind: 'stray_line', line: '7' },
      { kind: 'missing', label: '清理空壳公司数' },
    ])
  })

  it('a sheet with no field of any form is not a report (a clue list, a list of names)', () => {
    expect(
      sheetReport(
        [
          ['线索', '备注'],
          ['13800138000', '冒充客服'],
        ],
        asLiaison('人民银行'),
      ),
    ).toBeUndefined()
    expect(
      sheetReport(
        [
          ['姓名', '电话'],
          ['张三', '1'],
        ],
        { units, now },
      ),
    ).toBeUndefined()
    expect(sheetReport([], asLiaison('人民银行'))).toBeUndefined()
  })

  it('a sheet of hundreds of rows is not a monthly report', () => {
    const rows = Array.from({ length: 201 }, () => ['冻结涉案账户数', '1'])
    expect(sheetReport(rows, asLiaison('人民银行'))).toBeUndefined()
  })

  it('the office: the 单位 row says whose report it is', () => {
    const sheet = sheetReport(
      [
        ['单位', '中国移动'],
        ['关停涉诈号码数', '40'],
      ],
      { units, now },
    )
    expect(sheet?.parse.namedUnit?.name).toBe('中国移动')
  })
})
