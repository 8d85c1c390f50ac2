// Documents units owe (征集): files judged by their content and stored by their sha256 beside the
// database, a re-send as a new version, text answers, the bot asking which collection, 进度 名称,
// and the record. Real files are made here: a docx, a pdf, a png, an exe renamed .docx, a big pdf.

import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { FileBox } from 'file-box'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../bot/cli.ts'
import { startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('王芳', '马丽', '高峰', '李强', '赵六')
const at = (d: string) => new Date(`2026-12-${d}+08:00`)

async function docx(text: string): Promise<Buffer> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  )
  zip.file(
    'word/document.xml',
    `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

function pdf(text: string, padTo = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${text}\n`
  const pad = padTo > body.length ? `%${'0'.repeat(padTo - body.length - 8)}\n` : ''
  return Buffer.from(`${body}${pad}%%EOF\n`, 'latin1')
}

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
// The start of a Windows executable (MZ header), named as a Word file.
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(200)])

let t: TestApp
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

async function post(from: string, name: string, bytes: Buffer, when: Date) {
  t.clock.set(when)
  const settled = t.app.pipeline.nextSettled()
  t.world.contacts
    .get(from)
    ?.say(FileBox.fromBase64(bytes.toString('base64'), name))
    .to(t.world.room)
  await settled
}
async function say(from: string, text: string, when: Date) {
  t.clock.set(when)
  await t.say(from, text)
}
const lastReply = async () => {
  await t.app.sender.drained()
  return withoutMentions(t.sent.at(-1) ?? '')
}

describe('collections (征集) by file and by text', () => {
  const roster = join(tmpdir(), `roster-collections-${process.pid}.yaml`)
  beforeAll(async () => {
    // A 1 MB limit, so that the oversized file stays small for the test.
    writeFileSync(
      roster,
      readFileSync('prisma/roster.yaml', 'utf8').replace(
        'collection_file_max_mb: 20',
        'collection_file_max_mb: 1',
      ),
    )
    t = await startTestApp({ now: '2026-12-01T09:00:00+08:00', people: PEOPLE, roster })
  })
  afterAll(async () => t?.stop())

  it('takes a docx, a pdf, a png and a text; refuses a renamed exe and an oversized file; asks which collection', async () => {
    await say('李强', '征集 防范宣传材料 12月10日前 全体', at('01T10:00:00'))
    expect(await lastReply()).toBe(
      '📂 征集「防范宣传材料」：请各成员单位于12月10日（周四）前报送。\n报送方式：在群里发文件（docx、xlsx、pdf、wps、jpg、png），或发送「报送 防范宣传材料 内容」。',
    )

    // Three collections are open to 人民银行 (实施方案 still missing, 总结报告, 防范宣传材料): it asks.
    const leaflet = await docx('防范电信网络诈骗宣传单')
    await post('王芳', '宣传单.docx', leaflet, at('01T10:05:00'))
    expect(await lastReply()).toBe(
      '收到文件「宣传单.docx」。目前有多项征集：「实施方案」、「防范宣传材料」、「总结报告」。\n请回复「报送 名称」说明这个文件报送哪一项（30分钟内有效），或把名称写进文件名后重发。',
    )
    await say('王芳', '报送 防范宣传材料', at('01T10:06:00'))
    expect(await lastReply()).toBe(
      `📥 已收到人民银行报送的「防范宣传材料」：文件「宣传单.docx」（${kb(leaflet)}）（第1版）。`,
    )

    // The file's name says which; a re-send is version 2, both kept.
    const report1 = pdf('2026年工作总结 第一稿')
    const report2 = pdf('2026年工作总结 第二稿')
    await post('王芳', '人民银行总结报告.pdf', report1, at('02T09:00:00'))
    expect(await lastReply()).toBe(
      `📥 已收到人民银行报送的「总结报告」：文件「人民银行总结报告.pdf」（${kb(report1)}）（第1版）。`,
    )
    await post('王芳', '人民银行总结报告（修改）.pdf', report2, at('03T09:00:00'))
    expect(await lastReply()).toContain('（第2版）')

    // Past its deadline, 实施方案 is taken as late.
    await post('马丽', '实施方案.png', PNG, at('03T10:00:00'))
    expect(await lastReply()).toBe(
      `📥 已收到中国移动报送的「实施方案」：文件「实施方案.png」（1 KB）（第1版，逾期）。`,
    )

    // Judged by content, not by name; too big is refused before anything is stored.
    await post('马丽', '总结报告.docx', EXE, at('03T10:10:00'))
    expect(await lastReply()).toBe(
      '文件「总结报告.docx」的内容不是「总结报告」可接受的类型（docx、xlsx、pdf、wps、jpg、png），未保存。',
    )
    const big = pdf('附件很多', 1_500_000)
    await post('高峰', '总结报告.pdf', big, at('03T10:20:00'))
    expect(await lastReply()).toBe(
      '文件「总结报告.pdf」有 1.4 MB，超过 1 MB 的上限，未保存。请压缩或拆分后重发。',
    )
    const kept = await t.app.db.inboundMessage.findMany({
      where: { fileName: { in: ['总结报告.docx', '总结报告.pdf'] } },
    })
    expect(kept.map((m) => m.fileData)).toEqual([null, null])

    // By text, lines kept as written.
    await say('高峰', '报送 总结报告 一、全年立案３６起\n二、破案33起', at('03T11:00:00'))
    expect(await lastReply()).toBe('📥 已收到县公安局报送的「总结报告」：文字说明 17 字（第1版）。')

    // A member's file is chat: no answer.
    const before = t.sent.length
    await post('赵六', '总结报告.pdf', report1, at('03T11:10:00'))
    await t.app.sender.drained()
    expect(t.sent.length).toBe(before)

    await say('赵六', '进度 总结报告', at('03T12:00:00'))
    const progress = await lastReply()
    expect(progress.split('\n').slice(0, 2)).toEqual([
      '📂 「总结报告」报送情况（12月31日（周四）前）：',
      '已报送 2/15：人民银行（12月2日，2版）、县公安局（12月3日，1版）',
    ])
    expect(progress.split('\n')[2]).toMatch(/^未报送 13：.*中国移动/)

    // Stored once per content under data/files/, folders 0700 and files 0600; the record names them.
    const files = join(dirname(t.dbPath), 'files')
    for (const bytes of [leaflet, report1, report2, PNG]) {
      const path = join(files, sha(bytes).slice(0, 2), sha(bytes))
      expect(readFileSync(path).equals(bytes)).toBe(true)
      expect(statSync(path).mode & 0o777).toBe(0o600)
      expect(statSync(dirname(path)).mode & 0o777).toBe(0o700)
    }
    expect(statSync(files).mode & 0o777).toBe(0o700)
    const answers = await t.app.db.collectionAnswer.findMany({ orderBy: { id: 'asc' } })
    expect(answers.map((a) => [a.version, a.kind, a.fileName, a.fileType, a.fileSize, a.byName])).toEqual([
      [1, 'file', '宣传单.docx', 'docx', leaflet.length, '王芳'],
      [1, 'file', '人民银行总结报告.pdf', 'pdf', report1.length, '王芳'],
      [2, 'file', '人民银行总结报告（修改）.pdf', 'pdf', report2.length, '王芳'],
      [1, 'file', '实施方案.png', 'png', PNG.length, '马丽'],
      [1, 'text', null, null, null, '高峰'],
    ])
    expect(answers[4]?.text).toBe('一、全年立案３６起\n二、破案33起')

    // The command line takes 总结报告 out: a folder per unit with its versions, and an index sheet.
    const out = join(mkdtempSync(join(tmpdir(), 'fzexport-')), '总结报告')
    const env = { ...process.env, DATABASE_URL: `file:${t.dbPath}`, ROSTER_FILE: roster }
    const r = await runCli(['collections', 'export', '总结报告', '--out', out, '--year', '2026'], env)
    expect(r.code, r.out).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['人民银行', '县公安局', '索引.xlsx'])
    expect(readdirSync(join(out, '人民银行')).sort()).toEqual([
      'v1-人民银行总结报告.pdf',
      'v2-人民银行总结报告（修改）.pdf',
    ])
    expect(readFileSync(join(out, '人民银行', 'v2-人民银行总结报告（修改）.pdf')).equals(report2)).toBe(true)
    expect(readFileSync(join(out, '县公安局', 'v1-文字说明.txt'), 'utf8')).toBe(
      '一、全年立案３６起\n二、破案33起',
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(out, '索引.xlsx'))
    const rows = (wb.getWorksheet('索引')?.getSheetValues() ?? []).slice(1) as unknown[][]
    expect(rows[0]?.slice(1, 6)).toEqual(['单位', '状态', '版本数', '版本', '文件'])
    const indexed = rows.slice(1).map((row) => row.slice(1, 5))
    expect(indexed).toHaveLength(2 + 1 + 13)
    expect(indexed.filter((row) => row[1] !== '未报送')).toEqual([
      ['人民银行', '按时', 2, 1],
      ['人民银行', '按时', 2, 2],
      ['县公安局', '按时', 1, 1],
    ])
    expect(indexed.filter((row) => row[1] === '未报送')).toHaveLength(13)
  }, 60_000)
})

describe('collection reminders and the record', () => {
  it('the missing units are reminded 7, 3 and 1 days before and on the day (09:00 and 16:00, the office privately then), on working days', async () => {
    const day = (d: string) => `2026-12-${d}+08:00`
    const r = await simulate({
      start: day('01T09:30:00'),
      people: PEOPLE,
      steps: [
        { at: day('01T10:00:00'), from: '李强', say: '征集 防范宣传材料 12月10日前 人民银行 移动 县公安局' },
        { at: day('02T10:00:00'), from: '王芳', say: '报送 防范宣传材料 已在12个网点张贴海报' },
        { at: day('08T10:00:00'), from: '高峰', say: '报送 防范宣传材料 见附件说明' },
        { at: day('08T10:05:00'), from: '高峰', say: '报送 防范宣传材料 更正：见附件说明（第二稿）' },
        // Due Monday the 14th: the day before is a Sunday, its reminder goes out on Friday the 11th.
        { at: day('08T11:00:00'), from: '李强', say: '征集 安全检查表 12月14日前 县法院' },
        { until: day('15T12:00:00') },
      ],
    })
    const reminders = r.messages.filter(
      (m) => m.text.includes('征集「防范宣传材料」') && m.text.startsWith('⏰'),
    )
    expect(reminders.map((m) => [m.at, m.mentions])).toEqual([
      [day('03T09:00:00'), ['马丽', '高峰']],
      [day('07T09:00:00'), ['马丽', '高峰']],
      [day('09T09:00:00'), ['马丽']],
      [day('10T09:00:00'), ['马丽']],
      [day('10T16:00:00'), ['马丽']],
    ])
    expect(reminders[2]?.text).toContain('⏰ 征集「防范宣传材料」明天（12月10日（周四））截止')
    expect(reminders[0]?.text).toBe(
      '⏰ 征集「防范宣传材料」将于12月10日（周四）截止，以下单位尚未报送（2）：中国移动、县公安局\n请发送文件或「报送 防范宣传材料 内容」。',
    )
    expect(reminders[3]?.text).toContain('⏰ 征集「防范宣传材料」今天截止，以下单位尚未报送（1）：中国移动')
    expect(r.messages.filter((m) => m.to === '李强' && m.text.includes('防范宣传材料'))).toMatchObject([
      { at: day('10T16:00:00'), text: '征集「防范宣传材料」今天截止，尚未报送（1）：中国移动' },
    ])
    const checks = r.messages.filter((m) => m.text.startsWith('⏰ 征集「安全检查表」'))
    expect(checks.map((m) => m.at)).toEqual([day('11T09:00:00'), day('14T09:00:00'), day('14T16:00:00')])
    expect(checks[0]?.text).toContain('将于12月14日（周一）截止')
    const collections = r.state.collections as { name: string; due: string; units: unknown[] }[]
    expect(collections.map((c) => [c.name, c.due])).toEqual([
      ['实施方案', '2026-04-16T00:00:00+08:00'],
      ['防范宣传材料', '2026-12-11T00:00:00+08:00'],
      ['安全检查表', '2026-12-15T00:00:00+08:00'],
      ['总结报告', '2027-01-01T00:00:00+08:00'],
    ])
    expect(collections[1]?.units).toEqual([
      { unit: '中国移动', status: 'missing', versions: 0 },
      { unit: '人民银行', status: 'on_time', versions: 1 },
      { unit: '县公安局', status: 'on_time', versions: 2 },
    ])
    expect(collections[3]?.units).toHaveLength(15)
  }, 60_000)
})

const kb = (b: Buffer) => `${Math.max(1, Math.ceil(b.length / 1024))} KB`
