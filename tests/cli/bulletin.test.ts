// `cli bulletin 2026-11 [--out DIR]`: the bulletin's text, workbook and chart as files.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadImage } from '@napi-rs/canvas'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { cliStore } from './cli-store.ts'

describe('cli bulletin', () => {
  it('writes the text, an Excel workbook that opens and a chart picture; nothing is recorded as issued', async () => {
    const store = cliStore()
    const out = join(store.dir, 'out')
    const r = await store.cli('bulletin', '2026-11', '--out', out)
    expect(r.code).toBe(0)
    const text = readFileSync(join(out, '2026年11月通报-预览.txt'), 'utf8')
    expect(text).toContain('县反诈联席办 2026年11月工作通报')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(join(out, '2026年11月通报-预览.xlsx'))
    expect(book.worksheets.map((w) => w.name)).toContain('报送情况')
    const png = await loadImage(readFileSync(join(out, '2026年11月通报-预览-目标进度.png')))
    expect(png.width).toBeGreaterThan(500)
    expect(store.query<{ n: number }>('SELECT COUNT(*) AS n FROM Bulletin')[0]?.n).toBe(0)
  })

  it('a bad period is refused with exit 2 and no files', async () => {
    const store = cliStore()
    const r = await store.cli('bulletin', '2026-13', '--out', join(store.dir, 'out'))
    expect(r.code).toBe(2)
    expect(r.out).toContain('请给出月份')
    expect(store.files().some((f) => f.includes('通报'))).toBe(false)
  })
})
