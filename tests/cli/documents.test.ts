// `cli bulletin 2026-11 [--assessment]` writes the official documents beside the text, the
// workbook and the chart: the 通报 marked 预览 and, with --assessment, the 考核评比结果通报.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docxParagraphs } from '../helpers/zip.ts'
import { cliStore } from './cli-store.ts'

describe('cli bulletin: the .docx documents', () => {
  it('writes the 通报 as a preview document, and the assessment document with --assessment', async () => {
    const store = cliStore()
    const out = join(store.dir, 'out')
    const r = await store.cli('bulletin', '2026-11', '--out', out, '--assessment')
    expect(r.code).toBe(0)
    expect(r.out).toContain('2026年11月通报-预览.docx')
    const bulletin = docxParagraphs(readFileSync(join(out, '2026年11月通报-预览.docx')))
    expect(bulletin[0]).toBe('县打击治理电信网络新型违法犯罪工作联席会议办公室')
    expect(bulletin[1]).toMatch(/^预览·截至/)
    expect(bulletin).toContain('六、下步要求')
    const assessment = docxParagraphs(readFileSync(join(out, '2026年度考核评比结果通报-预览.docx')))
    expect(assessment).toContain('三、拟表彰单位')
    expect(store.query<{ n: number }>('SELECT COUNT(*) AS n FROM Bulletin')[0]?.n).toBe(0)
  })
})
