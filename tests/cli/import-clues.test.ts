// `npm run cli -- import-clues FILE`: a clue file taken in from the command line, in-process on a
// fresh database per test. The units hear once per import: one group notice each.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../bot/cli.ts'
import { loadRoster } from '../../bot/config.ts'
import { bindPeople } from '../../bot/services/bind-people.ts'
import { type Db, openDatabase } from '../../bot/store/db.ts'
import { seedUnitsIfEmpty } from '../../bot/store/units.ts'
import { freshStore } from '../helpers/app.ts'

const ROOM = '反诈测试群'
// A valid-Luhn card and a valid GB 11643 ID number, made up.
const CARD = '6222021234567890128'
const ID_NUMBER = '11010519491231002X'

const MIXED = [
  '线索,备注',
  '13912345678,冒充公检法', // 中国移动
  '18612345678,', // 中国联通
  '18912345678,', // 中国电信
  `${CARD},涉案卡`,
  'www.fake-loan.cn/app,',
  '某某网络科技有限公司,',
  `${ID_NUMBER},`,
  '看不懂的东西,',
].join('\n')

interface Store {
  dbPath: string
  dir: string
  env: NodeJS.ProcessEnv
  db(): Promise<Db>
}

const opened: Db[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.$disconnect()
})

function store(): Store {
  const { dbPath, prefix } = freshStore()
  const url = `file:${dbPath}`
  return {
    dbPath,
    dir: dirname(dbPath),
    env: { ...process.env, DATABASE_URL: url, REDIS_PREFIX: prefix, ROOM_TOPIC: ROOM },
    async db() {
      const db = await openDatabase(url)
      opened.push(db)
      return db
    },
  }
}

function file(s: Store, name: string, text: string): string {
  const path = join(s.dir, name)
  writeFileSync(path, text)
  return path
}

/**
 * Liaisons for a few units, bound before the import (the units seeded as the CLI would). Closed
 * again before the CLI runs: the CLI's migration step uses another copy of better-sqlite3 than
 * Prisma's adapter, and closing it under an open Prisma connection in the same process breaks that
 * connection (disk I/O error).
 */
async function bindLiaisons(s: Store, people: Record<string, string>): Promise<void> {
  const db = await openDatabase(`file:${s.dbPath}`)
  try {
    await seedUnitsIfEmpty(db, loadRoster('prisma/roster.yaml').units)
    const cast = Object.entries(people).map(([name, unit], i) => ({ id: `c-${i + 1}`, name, unit }))
    await bindPeople(db, cast, new Date())
  } finally {
    await db.$disconnect()
  }
}

async function clues(db: Db) {
  const rows = await db.clue.findMany({ orderBy: { id: 'asc' }, include: { unit: true } })
  return rows.map((c) => ({
    code: c.code,
    seq: c.seq,
    kind: c.kind,
    value: c.value,
    unit: c.unit?.name ?? null,
  }))
}

async function groupNotices(db: Db) {
  const rows = await db.outboundMessage.findMany({ where: { chat: 'room' }, orderBy: { id: 'asc' } })
  expect(rows.every((r) => r.roomTopic === ROOM && r.inboundId === null)).toBe(true)
  return rows.filter((r) => r.text.startsWith('📌'))
}

describe('import-clues', () => {
  it('routes a mixed CSV to the responsible units and tells each unit once', async () => {
    const s = store()
    await bindLiaisons(s, { 马丽: '中国移动', 王芳: '人民银行' })
    const r = await runCli(['import-clues', file(s, 'clues.csv', MIXED)], s.env)
    expect(r.code).toBe(0)
    expect(r.out).toContain('新建线索 8 条')
    for (const unit of [
      '中国移动',
      '中国联通',
      '中国电信',
      '人民银行',
      '县网信办',
      '县市场监管局',
      '县公安局',
    ])
      expect(r.out).toContain(`${unit}\t1 条`)
    expect(r.out).toContain('待联席办分派\t1 条')
    expect(r.out).toContain('重复（未重复分派）\t0 条')
    expect(r.out).toMatch(/用时 \d+\.\d 秒/)

    const db = await s.db()
    const rows = await clues(db)
    expect(rows.map((c) => [c.seq, c.kind, c.unit])).toEqual([
      [1, 'phone', '中国移动'],
      [2, 'phone', '中国联通'],
      [3, 'phone', '中国电信'],
      [4, 'bank_card', '人民银行'],
      [5, 'url', '县网信办'],
      [6, 'company', '县市场监管局'],
      [7, 'id_card', '县公安局'],
      [8, 'unclear', null],
    ])
    expect(rows[0]?.code).toMatch(/^XS-\d{4}-0001$/)
    const history = await db.clueHistory.findMany({ orderBy: { id: 'asc' } })
    expect(new Set(history.map((h) => h.actor))).toEqual(new Set(['命令行导入']))
    expect(history.filter((h) => h.action === 'routed')).toHaveLength(7)
    expect(history.filter((h) => h.action === 'created')).toHaveLength(1)
    expect(history.filter((h) => h.action === 'notified').map((h) => h.detail)).toEqual([
      '已通知马丽',
      '已通知王芳',
    ])

    const notices = await groupNotices(db)
    expect(notices).toHaveLength(7)
    const mobile = notices.find((n) => n.text.includes('中国移动'))
    expect(mobile?.text).toContain('139****5678（冒充公检法）')
    expect(mobile?.text).not.toContain('13912345678')
    expect(JSON.parse(mobile?.mentions ?? '[]')).toEqual([{ id: 'c-1', name: '马丽' }])
    // full values privately, to the unit's own liaison
    const dms = await db.outboundMessage.findMany({ where: { chat: 'dm' }, orderBy: { id: 'asc' } })
    expect(dms.map((d) => d.recipientName)).toEqual(['马丽', '王芳'])
    expect(dms[1]?.text).toContain(CARD)
  })

  it('reports duplicates within the file and of open clues, and routes them once', async () => {
    const s = store()
    const first = await runCli(['import-clues', file(s, 'first.csv', '线索\n13912345678\n')], s.env)
    expect(first.code).toBe(0)
    const second = [
      '线索',
      '139-1234-5678', // open since the first import
      '13812345678',
      '138 1234 5678', // earlier in this file
      `${CARD}`,
      `${CARD.slice(0, 4)} ${CARD.slice(4)}`, // earlier in this file
    ].join('\n')
    const r = await runCli(['import-clues', file(s, 'second.csv', second)], s.env)
    expect(r.code).toBe(0)
    expect(r.out).toContain('新建线索 2 条')
    expect(r.out).toContain('中国移动\t1 条')
    expect(r.out).toContain('人民银行\t1 条')
    expect(r.out).toContain('重复（未重复分派）\t3 条')

    const db = await s.db()
    expect((await clues(db)).map((c) => [c.seq, c.value])).toEqual([
      [1, '13912345678'],
      [2, '13812345678'],
      [3, CARD],
    ])
    const notices = await groupNotices(db)
    // one per import and unit: 中国移动 from each import, 人民银行 from the second
    expect(notices.map((n) => n.text.split('\n')[0])).toEqual([
      expect.stringContaining('中国移动新线索 1 条'),
      expect.stringContaining('中国移动新线索 1 条'),
      expect.stringContaining('人民银行新线索 1 条'),
    ])
    expect(notices[1]?.text).toContain('XS-')
    expect(notices[1]?.text).not.toContain('0001')
  })

  it('takes a file larger than one chunk in as one import: numbering continues, duplicates across chunks, one notice per unit', async () => {
    const s = store()
    const phones = Array.from(
      { length: 12_000 },
      (_, i) => `1${i % 2 ? '39' : '86'}${String(i).padStart(8, '0')}`,
    )
    // repeats of the first rows far into the file (other chunks)
    const lines = ['线索', ...phones, phones[0], phones[1], phones[11_999]]
    const r = await runCli(['import-clues', file(s, 'big.csv', lines.join('\n'))], s.env)
    expect(r.code).toBe(0)
    expect(r.out).toContain('新建线索 12000 条')
    expect(r.out).toContain('中国移动\t6000 条')
    expect(r.out).toContain('中国联通\t6000 条')
    expect(r.out).toContain('重复（未重复分派）\t3 条')
    const db = await s.db()
    const rows = await db.clue.findMany({ select: { seq: true }, orderBy: { seq: 'asc' } })
    expect(rows.map((c) => c.seq)).toEqual(Array.from({ length: 12_000 }, (_, i) => i + 1))
    const notices = await groupNotices(db)
    expect(notices.map((n) => n.text.split('\n')[0])).toEqual([
      expect.stringContaining('中国移动新线索 6000 条'),
      expect.stringContaining('中国联通新线索 6000 条'),
    ])
  })

  it('a chunk refused after the first says which rows are in and that their notices will follow', async () => {
    const s = store()
    const phones = Array.from({ length: 12_000 }, (_, i) => `139${String(i).padStart(8, '0')}`)
    const db = await s.db()
    // The second chunk's last clue is refused by the database.
    await db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_clue AFTER INSERT ON "Clue" WHEN NEW."value" = '${phones[11_999]}'
       BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    )
    await db.$disconnect()
    const r = await runCli(['import-clues', file(s, 'big.csv', ['线索', ...phones].join('\n'))], s.env)
    expect(r.code).toBe(1)
    expect(r.out).toContain('导入在第 10000/12000 行后停止')
    expect(r.out).toContain(
      '已入库的线索还没有通知各单位；再运行一次 import-clues（同一文件即可）会先补发这些通知',
    )
    const after = await s.db()
    expect(await after.clue.count()).toBe(10_000)
    expect(await after.outboundMessage.count()).toBe(0)
    expect(await after.serviceState.count({ where: { key: { startsWith: 'clues.import:' } } })).toBe(1)
  })

  it('reads an XLSX file', async () => {
    const s = store()
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('线索')
    sheet.addRow(['序号', '线索内容', '备注'])
    sheet.addRow([1, '13912345678', '冒充客服'])
    sheet.addRow([2, CARD, ''])
    sheet.addRow([3, 'www.fake-loan.cn/app', '刷单'])
    const path = join(s.dir, 'clues.xlsx')
    await book.xlsx.writeFile(path)
    const r = await runCli(['import-clues', path], s.env)
    expect(r.code).toBe(0)
    expect(r.out).toContain('新建线索 3 条')
    const db = await s.db()
    expect((await clues(db)).map((c) => [c.kind, c.unit])).toEqual([
      ['phone', '中国移动'],
      ['bank_card', '人民银行'],
      ['url', '县网信办'],
    ])
    const remarks = await db.clue.findMany({ select: { remark: true }, orderBy: { id: 'asc' } })
    expect(remarks.map((c) => c.remark)).toEqual(['冒充客服', null, '刷单'])
    expect(await groupNotices(db)).toHaveLength(3)
  })

  it('a dry run reports what would happen and writes nothing', async () => {
    const s = store()
    const path = file(s, 'clues.csv', `${MIXED}\n13912345678,\n`)
    const r = await runCli(['import-clues', path, '--dry-run'], s.env)
    expect(r.code).toBe(0)
    expect(r.out).toContain('试运行（未做任何修改）')
    expect(r.out).toContain('将新建线索 8 条')
    expect(r.out).toContain('中国移动\t1 条')
    expect(r.out).toContain('待联席办分派\t1 条')
    expect(r.out).toContain('重复（未重复分派）\t1 条')
    const db = await s.db()
    expect(await db.clue.count()).toBe(0)
    expect(await db.clueHistory.count()).toBe(0)
    expect(await db.outboundMessage.count()).toBe(0)
  })

  it('refuses bad arguments with exit code 2 and writes nothing', async () => {
    const s = store()
    const cases: [string[], RegExp][] = [
      [['import-clues'], /请给出线索文件路径/],
      [['import-clues', join(s.dir, 'missing.csv')], /找不到文件/],
      [['import-clues', s.dir], /只能导入/],
      [['import-clues', file(s, 'clues.xls', MIXED)], /只能导入/],
      [['import-clues', file(s, 'broken.xlsx', 'not a workbook')], /无法读取/],
      [['import-clues', file(s, 'empty.csv', '线索,备注\n')], /没有找到线索/],
      [['import-clues', file(s, 'a.csv', MIXED), '--force'], /参数有误/],
    ]
    for (const [argv, message] of cases) {
      const r = await runCli(argv, s.env)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.out).toMatch(message)
    }
    const db = await s.db()
    expect(await db.clue.count()).toBe(0)
    expect(await db.outboundMessage.count()).toBe(0)
  })
})
