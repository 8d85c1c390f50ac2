// Hostile files: a zip bomb, an endless sheet and a file that is no workbook at all are refused
// with one Chinese sentence before any parser holds them, and the bot goes on answering.
// The bombs are generated here, in memory, and never kept on disk.
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { GROUP_TABLE_LIMITS, readTableFile } from '../../bot/services/table-file.ts'
import { simulate } from '../helpers/simulate.ts'

const at = (t: string) => `2026-11-18T${t}+08:00`

async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('线索')
  sheet.addRow(['线索', '备注'])
  for (let i = 0; i < rows; i++) sheet.addRow([`1380013${String(i).padStart(4, '0')}`, '冒充客服'])
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** A real workbook whose sheet inflates to about `mb` MB of distinct rows (a ratio of real sheets). */
async function bomb(mb: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await workbook(1))
  const rows: string[] = []
  let bytes = 0
  for (let i = 1; bytes < mb * 1024 * 1024; i++) {
    const row = `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>1380013${String(i % 10_000).padStart(4, '0')}</t></is></c></row>`
    rows.push(row)
    bytes += row.length
  }
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } })
}

describe('a poison file posted in the group', () => {
  it('a workbook that inflates to 80 MB is refused before parsing, and the next message is answered', async () => {
    const file = await bomb(80)
    expect(file.length).toBeLessThan(GROUP_TABLE_LIMITS.maxFileBytes)
    expect(file.length * GROUP_TABLE_LIMITS.maxRatio).toBeGreaterThan(80 * 1024 * 1024) // not caught by the ratio
    const started = Date.now()
    const r = await simulate({
      start: at('09:00:00'),
      steps: [
        { at: at('10:00:00'), from: '李强', file: { name: '线索.xlsx', base64: file.toString('base64') } },
        { at: at('10:01:00'), from: '王芳', say: '进度' },
      ],
    })
    const group = r.textsTo('room')
    expect(group[0]).toContain('文件「线索.xlsx」无法读取：表格解压后超过 64 MB')
    expect(group[1]).toContain('2026年11月')
    expect(r.state.clues).toEqual([])
    expect(Date.now() - started).toBeLessThan(20_000)
  })

  it('a sheet past the row limit is refused whole, nothing half-taken in', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      steps: [
        {
          at: at('10:00:00'),
          from: '李强',
          file: {
            name: '线索.xlsx',
            base64: (await workbook(GROUP_TABLE_LIMITS.maxRows)).toString('base64'),
          },
        },
      ],
    })
    expect(r.textsTo('room')[0]).toContain(`表格超过 ${GROUP_TABLE_LIMITS.maxRows} 行，未读取`)
    expect(r.state.clues).toEqual([])
  })

  it('a file that is no workbook gets one Chinese sentence, not the library error', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      steps: [{ at: at('10:00:00'), from: '李强', file: { name: '线索.xlsx', text: '13800138000\n' } }],
    })
    expect(r.textsTo('room')[0]).toContain('文件「线索.xlsx」无法读取：文件不是有效的 Excel（xlsx）文件')
    expect(r.textsTo('room')[0]).not.toMatch(/zip|directory|Error/i)
  })
})

describe('readTableFile', () => {
  it('a classic bomb (megabytes of one character) is refused by its ratio from the directory alone', async () => {
    const zip = await JSZip.loadAsync(await workbook(1))
    zip.file('xl/sharedStrings.xml', '0'.repeat(50 * 1024 * 1024))
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    expect(file.length).toBeLessThan(200_000)
    const r = await readTableFile('x.xlsx', file, GROUP_TABLE_LIMITS)
    expect(r).toEqual({ error: expect.stringMatching(/^表格压缩比异常（约 \d+ 倍）/) })
  })

  it('a file over the size limit is refused unread; a good one is read row by row', async () => {
    const big = await readTableFile(
      'x.csv',
      new Uint8Array(GROUP_TABLE_LIMITS.maxFileBytes + 1),
      GROUP_TABLE_LIMITS,
    )
    expect(big).toEqual({ error: '文件有 10 MB，超过 10 MB 的上限；更大的文件请用命令行 import-clues 导入' })
    const good = await readTableFile('x.xlsx', await workbook(3), GROUP_TABLE_LIMITS)
    expect(good).toEqual({
      rows: [
        ['线索', '备注'],
        ['13800130000', '冒充客服'],
        ['13800130001', '冒充客服'],
        ['13800130002', '冒充客服'],
      ],
    })
  })
})
