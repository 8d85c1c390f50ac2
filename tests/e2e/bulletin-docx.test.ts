// The office's documents: the monthly 通报 and the 考核评比结果通报 as .docx, read back the way a
// clerk would check them — the banner, the 期号, the title, 主送, the six sections, the tables'
// figures, 落款 and 成文日期, the page layout, the fonts — and, where LibreOffice is installed,
// printed to PDF.
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { dm, docxToPdf, sentFile, sentFiles, sentTexts, sofficeAvailable } from '../helpers/documents.ts'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'
import { docxParagraphs, docxTables, unzip } from '../helpers/zip.ts'

const FULL_NAME = '县打击治理电信网络新型违法犯罪工作联席会议办公室'
const PEOPLE = people('王芳', '高峰', '马丽', '李强')

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

async function november(): Promise<TestApp> {
  const app = await startTestApp({ now: '2026-11-18T09:00:00+08:00', people: PEOPLE })
  await app.say('王芳', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3\n存在问题：部分网点配合不够')
  await app.say('李强', '线索\n13912345678\n6222021234567890128')
  await app.say('马丽', '销号 XS-2026-0001 已关停')
  app.clock.set(new Date('2026-11-26T10:00:00+08:00'))
  return app
}

const xml = (data: Buffer, part: string) => unzip(data).get(part)?.toString('utf8') ?? ''

describe('the monthly 通报 as a .docx', () => {
  it('the scheduled bulletin on the 26th carries 2026年第1期通报.docx beside the workbook and the chart', async () => {
    const r = await simulate({
      start: '2026-11-18T09:00:00+08:00',
      people: PEOPLE,
      steps: [
        {
          at: '2026-11-18T10:00:00+08:00',
          from: '王芳',
          say: '#月报\n冻结涉案账户数：12\n清理空壳公司数：3',
        },
        { until: '2026-11-26T12:00:00+08:00' },
      ],
    })
    const posted = r.messages.filter((m) => m.at === '2026-11-26T09:00:00+08:00' && m.to === 'room')
    expect(
      posted
        .find((m) => !m.file)
        ?.text.split('\n')
        .slice(0, 2),
    ).toEqual(['📢 县反诈联席办 2026年11月工作通报（第1版）', '期号：2026年第1期'])
    const files = posted.filter((m) => m.file).map((m) => m.file)
    expect(files.map((f) => f?.name)).toEqual([
      '2026年第1期通报.docx',
      '2026年11月通报.xlsx',
      '2026年11月通报-目标进度.png',
    ])
    expect(files[0]?.bytes).toBeGreaterThan(5000)
  })

  it('发布通报: banner, 期号, title, 主送, six sections with the figures in tables, 落款 and 成文日期, A4 with the standard margins and page numbers', async () => {
    t = await november()
    await dm(t, '李强', '发布通报 11月')
    const doc = sentFile(t.dbPath, '2026年第1期通报.docx')
    expect(doc.chat).toBe('room')
    const paragraphs = docxParagraphs(doc.data).filter((p) => p !== '')
    expect(paragraphs.slice(0, 4)).toEqual([
      FULL_NAME,
      '2026年第1期',
      '关于2026年11月全县打击治理电信网络诈骗工作情况的通报',
      '各成员单位：',
    ])
    const headings = paragraphs.filter((p) => /^[一二三四五六七]、/.test(p))
    expect(headings).toEqual([
      '一、总体情况',
      '二、报送情况',
      '三、线索核查',
      '四、目标进度',
      '五、存在问题',
      '六、下步要求',
    ])
    expect(paragraphs.slice(-2)).toEqual([FULL_NAME, '2026年11月26日'])
    // 一、总体情况 counts what the tables list.
    expect(paragraphs).toContainEqual(
      expect.stringMatching(/全县15个成员单位中，按时报送1个、迟报0个、未报送14个；本月推送线索2条、销号1条/),
    )
    // 五、存在问题 names the missing units and quotes what a unit wrote; 六、下步要求 is the roster's text.
    expect(paragraphs).toContain('人民银行：部分网点配合不够')
    expect(paragraphs.some((p) => p.startsWith('（一）各成员单位要严格落实月报制度'))).toBe(true)

    const [status, figures, clues, targets] = docxTables(doc.data)
    expect(status?.[0]).toEqual(['序号', '单位', '报送情况', '首次报送时间', '版本'])
    expect(status?.find((r) => r[1] === '人民银行')?.slice(2)).toEqual(['按时', '11月18日 09:00', '1'])
    expect(status?.find((r) => r[1] === '县公安局')?.slice(2)).toEqual(['未报送', '—', '—'])
    expect(figures?.find((r) => r[1] === '人民银行')?.[2]).toMatch(/^冻结涉案账户数 12；清理空壳公司数 3；/)
    expect(clues?.find((r) => r[0] === '人民银行')).toEqual(['人民银行', '1', '0', '1', '0%', '—'])
    expect(clues?.find((r) => r[0] === '中国移动')?.slice(0, 5)).toEqual(['中国移动', '1', '1', '0', '100%'])
    expect(clues?.at(-1)?.slice(0, 4)).toEqual(['全县合计', '2', '1', '1'])
    expect(targets?.[0]).toEqual(['指标', '年度目标', '累计', '按进度应', '情况'])

    const body = xml(doc.data, 'word/document.xml')
    // A4 (210 × 297 mm) with margins 上37 下35 左28 右26 mm, in twips.
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(body).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/)
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312'])
      expect(body).toContain(`w:eastAsia="${font}"`)
    // Page numbers "— 1 —": odd pages on the right, even pages on the left.
    const footers = [xml(doc.data, 'word/footer1.xml'), xml(doc.data, 'word/footer2.xml')].join('')
    expect(footers).toContain('PAGE')
    expect(footers).toContain('— ')
    expect(xml(doc.data, 'word/settings.xml')).toContain('<w:evenAndOddHeaders')
  })

  it('a correction is its own document: 2026年第1期通报（更正·第2版）.docx listing what changed; the next period issued is 第2期', async () => {
    t = await november()
    await t.say('李强', '发布通报 11月')
    await t.say('高峰', '#月报 11月\n立案数：3\n破案数：2\n抓获人数：2\n损失金额：12万')
    await t.say('李强', '发布通报 11月')
    const correction = sentFile(t.dbPath, '2026年第1期通报（更正·第2版）.docx')
    const paragraphs = docxParagraphs(correction.data)
    expect(paragraphs[1]).toBe('2026年第1期（更正·第2版）')
    const note = paragraphs.indexOf('【更正说明】与第1版相比：')
    expect(note).toBeGreaterThan(0)
    expect(paragraphs.slice(note + 1, note + 3)).toEqual([
      '· 县公安局：未报送→迟报',
      '· 县公安局 立案数：—→3',
    ])
    const [status] = docxTables(correction.data)
    expect(status?.find((r) => r[1] === '县公安局')?.[2]).toBe('迟报')

    await t.say('李强', '发布通报 10月')
    expect(docxParagraphs(sentFile(t.dbPath, '2026年第2期通报.docx').data)[1]).toBe('2026年第2期')
    expect(
      sentTexts(t.dbPath)
        .filter((s) => s.includes('期号：'))
        .map((s) => /期号：\S+/.exec(s)?.[0]),
    ).toEqual(['期号：2026年第1期', '期号：2026年第1期', '期号：2026年第2期'])
  })

  it('a preview (通报) attaches the document marked 预览, without a 期号', async () => {
    t = await startTestApp({ now: '2026-11-10T09:00:00+08:00', people: PEOPLE })
    await dm(t, '李强', '通报 11月')
    const preview = sentFile(t.dbPath, '2026年11月通报-预览.docx')
    expect(preview.chat).toBe('dm')
    expect(docxParagraphs(preview.data)[1]).toBe('预览·截至11月10日 09:00（非正式通报，不编期号）')
    expect(sentFiles(t.dbPath).some((f) => /第\d+期/.test(f.name))).toBe(false)
  })

  it.skipIf(!sofficeAvailable)(
    'prints as A4 pages numbered — 1 — onwards, the banner on page 1 and the signature on the last (LibreOffice)',
    async () => {
      t = await november()
      await t.say('李强', '发布通报 11月')
      const pdf = docxToPdf(sentFile(t.dbPath, '2026年第1期通报.docx').data)
      expect(pdf.pages).toBeGreaterThanOrEqual(2)
      const pages = pdf.text.split('\f').filter((p) => p.trim() !== '')
      expect(pages).toHaveLength(pdf.pages)
      expect(pages.map((page) => /—(\d+)—/.exec(page)?.[1])).toEqual(pages.map((_, i) => String(i + 1)))
      expect(pages[0]).toContain('2026年第1期')
      expect(pages.at(-1)).toContain('2026年11月26日')
    },
    180_000,
  )
})
if (!sofficeAvailable)
  console.warn('LibreOffice (soffice) is not installed: the PDF check of the .docx is skipped')

describe('the 考核评比结果通报', () => {
  it('考核 attaches the document (ranking, each component, the rule, the units proposed for 表彰) and the workbook with the same table', async () => {
    t = await november()
    await dm(t, '李强', '考核')
    const doc = sentFile(t.dbPath, '2026年度考核评比结果通报.docx')
    expect(doc.chat).toBe('dm')
    const paragraphs = docxParagraphs(doc.data).filter((p) => p !== '')
    expect(paragraphs.slice(0, 4)).toEqual([
      FULL_NAME,
      '2026年度（统计截至11月26日 10:00）',
      '关于2026年度成员单位打击治理电信网络诈骗工作考核评比结果的通报',
      '各成员单位：',
    ])
    expect(paragraphs.filter((p) => /^[一二三]、/.test(p))).toEqual([
      '一、考核排名',
      '二、评分规则',
      '三、拟表彰单位',
    ])
    const [ranking] = docxTables(doc.data)
    expect(ranking?.[0]).toEqual(['名次', '单位', '得分', '报送及时率', '线索按期销号率', '报送完整率'])
    const first = ranking?.[1]
    expect(first?.[1]).toBe('中国移动')
    expect(first?.[4]).toBe('100%\n按期1/1条')
    expect(paragraphs).toContain('按考核办法，拟对得分前3名的单位予以通报表彰：')
    const commended = paragraphs[paragraphs.indexOf('按考核办法，拟对得分前3名的单位予以通报表彰：') + 1]
    const top = (ranking ?? [])
      .slice(1)
      .filter((r) => Number(r[0]) <= 3)
      .map((r) => r[1])
    expect(commended).toBe(`${top.join('、')}。`)
    expect(paragraphs.some((p) => p.startsWith('· 总分＝'))).toBe(true)

    const book = new ExcelJS.Workbook()
    await book.xlsx.load(sentFile(t.dbPath, '2026年度考核评比结果.xlsx').data as unknown as ArrayBuffer)
    const sheet = book.getWorksheet('年度考核')
    if (!sheet) throw new Error('no 年度考核 sheet')
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header.at(-1)).toBe('拟表彰')
    const marked: string[] = []
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(header.length).value === '是') marked.push(String(row.getCell(2).value))
    })
    expect(marked).toEqual(top)
  })

  it('at year end (考核总结) the issued December bulletin carries the assessment document too', async () => {
    const r = await simulate({
      start: '2026-12-21T09:00:00+08:00',
      people: PEOPLE,
      steps: [
        { at: '2026-12-28T10:00:00+08:00', from: '李强', say: '发布通报 12月' },
        { until: '2026-12-28T12:00:00+08:00' },
      ],
    })
    const files = r.messages.filter((m) => m.file).map((m) => m.file?.name)
    expect(files).toContain('2026年度考核评比结果通报.docx')
    expect(files).toContain('2026年第1期通报.docx')
  })
})
