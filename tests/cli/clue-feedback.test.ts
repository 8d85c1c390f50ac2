// `cli import-clues FILE` keeps the file's rows; `cli clues feedback <批次号|文件名>` writes the same
// rows back with each clue's result, audited.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { cliStore } from './cli-store.ts'

const phone = (i: number) => `139${String(20_000_000 + i).slice(-8)}`

describe('cli clues feedback', () => {
  it('writes the imported file back with results; a bad batch names the recent ones; the export is audited', async () => {
    const store = cliStore()
    const csv = [
      '编号,号码,说明',
      ...Array.from({ length: 12 }, (_, i) => `${i + 1},${phone(i + 1)},第${i + 1}条`),
    ]
    const file = join(store.dir, '市局推送.csv')
    writeFileSync(file, csv.join('\n'))
    const imported = await store.cli('import-clues', file)
    expect(imported.code).toBe(0)
    expect(imported.out).toContain('已记为批次 1')

    const none = await store.cli('clues', 'feedback', '7')
    expect(none.code).toBe(2)
    expect(none.out).toContain('没有找到批次或文件「7」')
    expect(none.out).toContain('批次1「市局推送.csv」')

    const out = join(store.dir, 'back.xlsx')
    const r = await store.cli('clues', 'feedback', '市局推送', '--out', out)
    expect(r.code).toBe(0)
    expect(r.out).toContain('共12行：已销号0行，未销号12行')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    const ws = wb.worksheets[0]
    if (!ws) throw new Error('no sheet')
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '编号',
      '号码',
      '说明',
      '核查单位',
      '核查结果',
      '销号时间',
      '是否实名不实人',
      '备注',
    ])
    for (let i = 1; i <= 12; i++) {
      const row = (ws.getRow(i + 1).values as unknown[]).slice(1, 6)
      expect(row).toEqual([String(i), phone(i), `第${i}条`, '中国移动', '未销号'])
    }
    const audit = store.query<{ target: string; detail: string }>(
      `SELECT target, detail FROM AuditLog WHERE action = 'export.feedback'`,
    )
    expect(audit).toEqual([
      { target: out, detail: '批次1 市局推送.csv：共12行：已销号0行，未销号12行；含完整值' },
    ])
  })
})
