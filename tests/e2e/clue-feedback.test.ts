// Pushed clue files (部推线索) handed back with results: the office posts the city's file, the
// units close their clues, 反馈 returns the same workbook — the file's own columns untouched, in
// their order, and the results appended — privately to the office, audited.
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { insertBatch } from '../../bot/store/clue-batches.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { dm, postFile, sentFile, sentFiles, sentTexts } from '../helpers/documents.ts'
import { people } from '../helpers/people.ts'

const PEOPLE = people('马丽', '王芳', '李强')
const OFFICE_ID = 'person-3'
const HEADER = ['序号', '下发日期', '涉案号码', '号码归属', '涉案金额（元）', '受害人所在地', '备注']
const phone = (i: number) => `139${String(10_000_000 + i).slice(-8)}`

/** The city's file: 500 rows of its own 7 columns; row 250 repeats row 10, row 300 has no number. */
function cityRows(): string[][] {
  return Array.from({ length: 500 }, (_, k) => {
    const i = k + 1
    const value = i === 250 ? phone(10) : i === 300 ? '' : phone(i)
    return [
      String(i),
      '2026-11-17',
      value,
      '江苏南京',
      String(1000 + i * 7),
      `某县${i % 9}镇`,
      i % 3 ? '' : '冒充客服',
    ]
  })
}

async function workbook(rows: string[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('部推线索')
  ws.addRow(header)
  for (const r of rows) ws.addRow(r.map((c, j) => (j === 4 ? Number(c) : c)))
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

async function readSheet(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const rows: string[][] = []
  ws?.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = Array.from({ length: HEADER.length + 5 }, (_, j) => {
      const v = row.getCell(j + 1).value
      return v === null || v === undefined ? '' : String(v)
    })
  })
  return rows
}

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

describe('反馈: a pushed clue file back with results', () => {
  it('500 rows with their own 7 columns come back untouched, in order, each with its result; open rows say 未销号 and are counted', async () => {
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    const rows = cityRows()
    await postFile(t, '李强', '部推线索.xlsx', await workbook(rows))
    expect(sentTexts(t.dbPath).find((s) => s.includes('线索'))).toContain('498')

    t.clock.set(new Date('2026-11-19T15:30:00+08:00'))
    await t.say('马丽', '销号 XS-2026-0001 XS-2026-0002 XS-2026-0003 已关停')
    await t.say('马丽', '销号 XS-2026-0010 实名不实人已移交')
    t.clock.set(new Date('2026-11-20T09:00:00+08:00'))
    await dm(t, '李强', '反馈')

    const file = sentFile(t.dbPath, '部推线索-反馈.xlsx')
    expect(file).toMatchObject({ chat: 'dm', contactId: OFFICE_ID })
    const back = await readSheet(file.data)
    expect(back[0]).toEqual([...HEADER, '核查单位', '核查结果', '销号时间', '是否实名不实人', '备注'])
    // The original cells, byte for byte and in the file's order (the amount column was numbers).
    for (let i = 0; i < rows.length; i++) expect(back[i + 1]?.slice(0, 7)).toEqual(rows[i])
    expect(back[1]?.slice(7)).toEqual(['中国移动', '已关停', '2026-11-19 15:30', '否', 'XS-2026-0001'])
    expect(back[10]?.slice(7)).toEqual([
      '中国移动',
      '实名不实人已移交',
      '2026-11-19 15:30',
      '是',
      'XS-2026-0010',
    ])
    // Row 250 repeated row 10's number: it carries that clue's result.
    expect(back[250]?.slice(7)).toEqual(back[10]?.slice(7))
    expect(back[300]?.slice(7)).toEqual(['', '无线索内容', '', '', ''])
    expect(back[4]?.slice(7)).toEqual(['中国移动', '未销号', '', '', 'XS-2026-0004'])
    // Row 301 is the 300th clue: numbering skipped the repeat and the empty row.
    expect(back[301]?.[11]).toBe('XS-2026-0299')
    expect(back[502]?.[0]).toBe('共500行：已销号5行，未销号494行，无线索内容1行')

    const dms = sentTexts(t.dbPath).filter((s) => s.startsWith('📎'))
    expect(dms).toEqual([
      [
        '📎 批次1「部推线索.xlsx」（11月18日 10:00导入，500行）的反馈表：原表各列不变，后附核查单位、核查结果、销号时间、是否实名不实人、备注。',
        '共500行：已销号5行，未销号494行，无线索内容1行',
        '表中含完整号码，请妥善保管，勿转发到群里。',
      ].join('\n'),
    ])
    const db = new Database(t.dbPath, { readonly: true })
    const audited = db
      .prepare(`SELECT actor, target, detail FROM AuditLog WHERE action = 'export.feedback'`)
      .all()
    db.close()
    expect(audited).toEqual([
      {
        actor: `李强（${OFFICE_ID}）`,
        target: '批次1 部推线索.xlsx',
        detail: '共500行：已销号5行，未销号494行，无线索内容1行；含完整值，私信发送给李强',
      },
    ])
    expect(JSON.stringify(audited)).not.toMatch(/139\d{8}/)
  })

  it('反馈 <file name> or 反馈 批次N picks an older file; asked in the group the file still goes privately; an unknown name lists the recent ones', async () => {
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    await postFile(t, '李强', '部推线索.xlsx', await workbook(cityRows().slice(0, 3)))
    const csv = '线索,备注\n6222021234567890128,涉案卡\n13900009999,\n'
    await postFile(t, '李强', '第二批.csv', Buffer.from(csv), 'dm')
    await t.say('王芳', '销号 XS-2026-0004 已冻结')

    await t.say('李强', '反馈 部推线索')
    expect(
      sentFiles(t.dbPath)
        .filter((f) => f.name.endsWith('-反馈.xlsx'))
        .map((f) => [f.name, f.chat]),
    ).toEqual([['部推线索-反馈.xlsx', 'dm']])
    expect(sentTexts(t.dbPath).at(-1)).toBe('已私信发给您。')

    await dm(t, '李强', '反馈')
    const second = await readSheet(sentFile(t.dbPath, '第二批-反馈.xlsx').data)
    expect(second[0]?.slice(0, 7)).toEqual([
      '线索',
      '备注',
      '核查单位',
      '核查结果',
      '销号时间',
      '是否实名不实人',
      '备注',
    ])
    expect(second[1]?.slice(0, 7)).toEqual([
      '6222021234567890128',
      '涉案卡',
      '人民银行',
      '已冻结',
      '2026-11-18 10:00',
      '否',
      'XS-2026-0004',
    ])
    expect(second[2]?.slice(0, 4)).toEqual(['13900009999', '', '中国移动', '未销号'])

    await dm(t, '李强', '反馈 批次1')
    expect(sentFiles(t.dbPath).filter((f) => f.name === '部推线索-反馈.xlsx')).toHaveLength(2)

    await dm(t, '李强', '反馈 上月的表')
    expect(sentTexts(t.dbPath).at(-1)).toBe(
      [
        '没有找到「上月的表」对应的线索文件。最近导入的：',
        '批次2「第二批.csv」（11月18日 10:00导入，2行）',
        '批次1「部推线索.xlsx」（11月18日 10:00导入，3行）',
        '请发「反馈 批次号」或「反馈 文件名」，例如「反馈 2」。',
      ].join('\n'),
    )
    await t.say('马丽', '反馈')
    expect(sentTexts(t.dbPath).at(-1)).toBe('「反馈」只有联席办人员可以使用。')
    // Full values went to the office privately only.
    const db = new Database(t.dbPath, { readonly: true })
    const room = db.prepare(`SELECT text FROM OutboundMessage WHERE chat = 'room'`).all() as {
      text: string
    }[]
    const roomFiles = db
      .prepare(`SELECT COUNT(*) AS n FROM OutboundMessage WHERE chat = 'room' AND fileName IS NOT NULL`)
      .get() as { n: number }
    db.close()
    expect(room.map((r) => r.text).join('\n')).not.toMatch(/13900009999|6222021234567890128/)
    expect(roomFiles.n).toBe(0)
  })

  it('before any file was imported, 反馈 says how to get one', async () => {
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    await dm(t, '李强', '反馈')
    expect(sentTexts(t.dbPath)).toEqual([
      '还没有导入过线索文件。在群里或私信发来线索表格（.xlsx / .csv）后，发「反馈」可取回带核查结果的原表。',
    ])
  })
})

describe('反馈 of a file too large for the chat', () => {
  it('a batch over 5,000 rows (a command-line import) is not built in the chat: the office is told the command', async () => {
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    const app = t.app
    await app.db.$transaction((tx) =>
      insertBatch(tx, {
        fileName: '全年推送.csv',
        source: 'cli',
        actor: '命令行导入',
        header: ['号码'],
        createdAt: new Date('2026-11-18T01:00:00Z'),
        rows: Array.from({ length: 5_001 }, (_, i) => ({ cells: [phone(i)], code: null })),
      }),
    )
    await dm(t, '李强', '反馈')
    expect(sentTexts(t.dbPath)).toEqual([
      '批次1「全年推送.csv」有5001行，超过聊天中可生成的5000行。请在服务器上用命令行导出：npm run cli -- clues feedback 1',
    ])
    expect(sentFiles(t.dbPath)).toEqual([])
  })
})
