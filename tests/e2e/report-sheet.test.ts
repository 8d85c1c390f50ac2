// Reports sent as files: a liaison posts an Excel or CSV sheet in the group or privately and it is
// filed like a typed report; 模板's workbook goes out, is filled in and comes back.
import ExcelJS from 'exceljs'
import { FileBox } from 'file-box'
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../../bot/scenario.ts'
import { startTestApp } from '../helpers/app.ts'
import { PEOPLE, ROOM, simulate } from '../helpers/simulate.ts'

const START = '2026-11-18T09:00:00+08:00'
const at = (time: string) => `2026-11-18T${time}:00+08:00`

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Sheet1')
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}

describe('a liaison sends the report as a sheet', () => {
  it('an Excel sheet in the group: stored, echoed to the group like a typed report', async () => {
    const base64 = await xlsx([
      ['人民银行11月反诈工作情况'],
      ['项目', '本月', '备注'],
      ['冻结账户数', 12, ''],
      ['清理空壳公司数', '3家', ''],
      ['检查支付机构数', 2, '现场检查'],
    ])
    const r = await simulate({
      start: START,
      steps: [{ at: at('10:00'), from: '王芳', file: { name: '人行11月.xlsx', base64 } }],
    })
    expect(r.messages).toHaveLength(1)
    expect(r.messages[0]).toMatchObject({ to: 'room', mentions: ['王芳'] })
    expect(r.messages[0]?.text).toContain('✅ 已收到人民银行2026年11月月报')
    expect(r.messages[0]?.text).toContain('· 检查支付机构数：2')
    expect(r.state.submissions).toEqual([
      expect.objectContaining({
        unit: '人民银行',
        revision: 1,
        status: 'on_time',
        values: { 冻结涉案账户数: 12, 清理空壳公司数: 3, 检查支付机构数: 2 },
      }),
    ])
    expect(r.state.clues).toEqual([])
  })

  it('a CSV privately: answered privately; a second one is a correction', async () => {
    const r = await simulate({
      start: START,
      steps: [
        {
          at: at('10:00'),
          from: '高峰',
          dmFile: { name: '月报.csv', text: '字段,数值\n立案数,2\n破案数,1\n抓获人数,3\n损失金额,15000元\n' },
        },
        {
          at: at('11:00'),
          from: '高峰',
          dmFile: { name: '月报.csv', text: '立案数,3\n破案数,1\n抓获人数,3\n损失金额,1.5\n' },
        },
      ],
    })
    expect(r.textsTo('room')).toEqual([])
    const [first, second] = r.textsTo('高峰')
    expect(first).toContain('✅ 已收到县公安局2026年11月月报')
    expect(first).toContain('群众损失金额：1.5万元')
    expect(second).toContain('（更正，第2版）')
    expect(r.state.submissions).toEqual([
      expect.objectContaining({
        unit: '县公安局',
        revision: 2,
        values: { 立案数: 3, 破案数: 1, 抓获犯罪嫌疑人数: 3, 群众损失金额: 1.5 },
      }),
    ])
  })

  it('an unknown label and a bad value: every problem named, nothing stored', async () => {
    const base64 = await xlsx([
      ['字段', '数值'],
      ['冻结涉案账户数', '十几个'],
      ['宣传场次', 4],
      ['清理空壳公司数', -1],
    ])
    const r = await simulate({
      start: START,
      steps: [{ at: at('10:00'), from: '王芳', dmFile: { name: '月报.xlsx', base64 } }],
    })
    const [answer] = r.textsTo('王芳')
    expect(answer).toContain('❌ 人民银行月报未保存')
    expect(answer).toContain('「冻结涉案账户数」的值「十几个」不是数字')
    expect(answer).toContain('本单位表单没有「宣传场次」这一项')
    expect(answer).toContain('「清理空壳公司数」不能为负数，收到「-1」')
    expect(r.state.submissions).toEqual([])
  })

  it("another unit's sheet from a liaison is refused; a sheet that is no report is answered privately and not in the group", async () => {
    const r = await simulate({
      start: START,
      steps: [
        {
          at: at('10:00'),
          from: '王芳',
          dmFile: { name: 'a.csv', text: '单位,中国移动\n关停涉诈号码数,4\n发现伪基站数,0\n' },
        },
        { at: at('10:01'), from: '王芳', dmFile: { name: '名单.csv', text: '姓名,电话\n张三,1\n' } },
        { at: at('10:02'), from: '王芳', file: { name: '名单.csv', text: '姓名,电话\n张三,1\n' } },
        {
          at: at('10:03'),
          from: '赵六',
          file: { name: '月报.csv', text: '冻结涉案账户数,1\n清理空壳公司数,1\n' },
        },
      ],
    })
    const said = r.textsTo('王芳')
    expect(said[0]).toContain('中国移动')
    expect(said[0]).toContain('人民银行')
    expect(said[1]).toContain('文件「名单.csv」不像月报表')
    expect(said).toHaveLength(2)
    expect(r.textsTo('room')).toEqual([])
    expect(r.state.submissions).toEqual([])
  })

  it("the office: a sheet naming its unit is that unit's report, a clue list stays a clue list", async () => {
    const r = await simulate({
      start: START,
      steps: [
        {
          at: at('10:00'),
          from: '李强',
          file: { name: '移动.csv', text: '单位,中国移动\n关停涉诈号码数,40\n发现伪基站数,1\n' },
        },
        {
          at: at('10:01'),
          from: '李强',
          file: { name: '线索.csv', text: '线索,备注\n13800138000,冒充客服\n' },
        },
      ],
    })
    const room = r.textsTo('room')
    expect(room[0]).toContain('✅ 已收到中国移动2026年11月月报')
    expect(r.state.submissions).toEqual([
      expect.objectContaining({
        unit: '中国移动',
        by: '李强',
        values: { 关停涉诈号码数: 40, 发现伪基站数: 1 },
      }),
    ])
    expect(r.state.clues).toEqual([expect.objectContaining({ id: 'XS-2026-0001', value: '13800138000' })])
  })
})

describe('the template workbook', () => {
  it('the simulator prints the attachment of 模板, sent in the chat it was asked in', async () => {
    const r = await simulate({ start: START, steps: [{ at: at('10:00'), from: '王芳', dm: '模板' }] })
    expect(r.messages).toHaveLength(1)
    expect(r.messages[0]).toMatchObject({ to: '王芳', file: { name: '人民银行月报模板.xlsx' } })
    expect(r.messages[0]?.file?.bytes).toBeGreaterThan(1000)
    expect(r.messages[0]?.text).toContain('#月报\n*冻结涉案账户数：0')
  })

  it('a dmFile step without a file name is refused, naming the step', () => {
    const scenario = (dmFile: unknown) => ({
      start: START,
      room: ROOM,
      people: PEOPLE,
      steps: [
        { at: at('10:00'), from: '王芳', dm: '模板' },
        { at: at('10:01'), from: '王芳', dmFile },
      ],
    })
    expect(() => parseScenario(scenario({ text: 'a,b' }))).toThrow(/^step 2: /)
    expect(parseScenario(scenario({ name: 'a.csv', text: 'a,b' })).steps).toHaveLength(2)
  })

  it('模板 attaches the form; filled in and posted back in the group, it is the report', async () => {
    const t = await startTestApp({
      now: '2026-11-18T10:00:00+08:00',
      people: [{ name: '马丽', unit: '移动' }],
    })
    try {
      const settled = t.app.pipeline.nextSettled()
      t.world.dm('马丽', '模板')
      await settled
      const row = await t.app.db.outboundMessage.findFirstOrThrow({ where: { fileName: { not: null } } })
      expect(row.fileName).toBe('中国移动月报模板.xlsx')
      expect(row.text).toContain('也可填写附件「中国移动月报模板.xlsx」')

      const book = new ExcelJS.Workbook()
      await book.xlsx.load(row.fileData as unknown as ArrayBuffer)
      const sheet = book.worksheets[0] as ExcelJS.Worksheet
      const rows: string[][] = []
      sheet.eachRow((r) => {
        rows.push(Array.from((r.values as unknown[]).slice(1), (v) => String(v ?? '')))
      })
      expect(rows[0]).toEqual(['字段', '数值', '说明'])
      expect(rows[1]?.slice(0, 2)).toEqual(['单位', '中国移动'])
      expect(rows).toContainEqual(['关停涉诈号码数', '', '必填；整数'])
      expect(rows).toContainEqual(['物联网卡GOIP排查数', '', '选填；整数'])
      expect(rows).toContainEqual(['其他工作', '', '选填；文字'])

      // Fill the 数值 column the way a liaison does in Excel, and post the file back in the group.
      const fill: Record<string, string | number> = {
        关停涉诈号码数: 40,
        发现伪基站数: '2个',
        其他工作: '走访营业厅5家',
      }
      sheet.eachRow((r) => {
        const value = fill[String(r.getCell(1).value)]
        if (value !== undefined) r.getCell(2).value = value
      })
      const filled = Buffer.from(await book.xlsx.writeBuffer())
      const handled = t.app.pipeline.nextSettled()
      t.world.contacts
        .get('马丽')
        ?.say(FileBox.fromBase64(filled.toString('base64'), '移动11月.xlsx'))
        .to(t.world.room)
      await handled
      const reports = await t.app.db.submission.findMany()
      expect(reports.map((s) => JSON.parse(s.values))).toEqual([
        { 关停涉诈号码数: 40, 发现伪基站数: 2, 其他工作: '走访营业厅5家' },
      ])
      const answer = await t.app.db.outboundMessage.findFirstOrThrow({ orderBy: { id: 'desc' } })
      expect(answer.chat).toBe('room')
      expect(answer.text).toContain('✅ 已收到中国移动2026年11月月报')
    } finally {
      await t.stop()
    }
  })
})
