// `npm run cli -- export reports|clues`: Excel files that open with exceljs and hold the expected
// rows; a clue export (full values) is recorded in the audit log.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { toLocal } from '../../bot/domain/period.ts'
import { findUnit } from '../../bot/domain/roster.ts'
import { addHistory, updateClue } from '../../bot/store/clues.ts'
import { writeTransaction } from '../../bot/store/db.ts'
import { listUnits, seedUnitsIfEmpty } from '../../bot/store/units.ts'
import { type CliStore, cliStore, withDb } from './cli-store.ts'

const CARD = '6222021234567890128'
const at = (s: string) => new Date(`${s}+08:00`)

async function read(path: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name)
    if (!ws) throw new Error(`no sheet ${name}`)
    const rows: unknown[][] = []
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1))
    })
    return rows
  }
  /** Each sheet's autofilter and frozen rows, as Excel will show them. */
  const layout = wb.worksheets.map((ws) => ({
    name: ws.name,
    autoFilter: ws.autoFilter,
    frozen: ws.views.map((v) => ('ySplit' in v ? [v.state, v.ySplit] : [v.state])),
    lastColumn: ws.getColumn(ws.columnCount).letter,
    rowCount: ws.rowCount,
  }))
  return { names: wb.worksheets.map((w) => w.name), sheet, layout }
}

/** Every sheet has its header row frozen and an autofilter from it (over the table, or — streamed — the header). */
const filteredAndFrozen = (
  layout: { autoFilter: unknown; frozen: unknown[]; lastColumn: string; rowCount: number }[],
) =>
  layout.every(
    (l) =>
      JSON.stringify(l.frozen) === JSON.stringify([['frozen', 1]]) &&
      [`A1:${l.lastColumn}1`, `A1:${l.lastColumn}${l.rowCount}`].includes(l.autoFilter as string),
  )

/** Rows as objects keyed by the header row. */
const records = (rows: unknown[][]) => {
  const [header, ...rest] = rows as [string[], ...unknown[][]]
  return rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? null])))
}

async function withReports(): Promise<CliStore> {
  const s = cliStore()
  await withDb(s, async (db) => {
    await seedUnitsIfEmpty(db, loadRoster('prisma/roster.yaml').units)
    const units = await listUnits(db)
    const id = (name: string) => findUnit(units, name)?.id as number
    const rows = [
      ['人民银行', '2026-10', 1, 'on_time', { 冻结涉案账户数: 5, 清理空壳公司数: 1 }, '2026-10-20T10:00:00'],
      ['人民银行', '2026-11', 1, 'on_time', { 冻结涉案账户数: 12, 清理空壳公司数: 3 }, '2026-11-18T10:00:00'],
      [
        '人民银行',
        '2026-11',
        2,
        'on_time',
        { 冻结涉案账户数: 13, 清理空壳公司数: 3, 清退违规POS机数: 1200 },
        '2026-11-19T09:30:00',
      ],
      [
        '县公安局',
        '2026-11',
        1,
        'late',
        { 立案数: 2, 破案数: 1, 抓获犯罪嫌疑人数: 3, 群众损失金额: 1.5 },
        '2026-11-26T08:00:00',
      ],
      [
        '县公安局',
        '2025-12',
        1,
        'on_time',
        { 立案数: 9, 破案数: 4, 抓获犯罪嫌疑人数: 5, 群众损失金额: 30 },
        '2025-12-20T08:00:00',
      ],
    ] as const
    for (const [unit, period, revision, status, values, time] of rows) {
      await db.submission.create({
        data: {
          unitId: id(unit),
          period,
          revision,
          status,
          byName: unit === '人民银行' ? '王芳' : '高峰',
          values: JSON.stringify(values),
          createdAt: at(time),
        },
      })
    }
  })
  return s
}

describe('export reports', () => {
  it('one month: the latest revision per unit, every field a column, numbers as numbers; all revisions on a second sheet', async () => {
    const s = await withReports()
    const out = join(s.dir, '月报.xlsx')
    const r = await s.cli('export', 'reports', '--period', '2026-11', '--out', out)
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain(`已导出月报：${out}`)
    expect(r.out).toContain('最新版本 2 份，全部版本 3 份')
    const book = await read(out)
    expect(book.names).toEqual(['月报', '全部版本'])
    expect(filteredAndFrozen(book.layout)).toBe(true)
    const latest = records(book.sheet('月报'))
    expect(latest.map((x) => [x.月份, x.单位, x.版本, x.报送情况, x.报送人])).toEqual([
      ['2026-11', '人民银行', 2, '按时', '王芳'],
      ['2026-11', '县公安局', 1, '迟报', '高峰'],
    ])
    const [pboc, police] = latest
    expect(pboc).toMatchObject({
      冻结涉案账户数: 13,
      清理空壳公司数: 3,
      清退违规POS机数: 1200,
      检查支付机构数: null,
    })
    expect(typeof pboc?.冻结涉案账户数).toBe('number')
    // money columns say their unit
    expect(police).toMatchObject({ 立案数: 2, '群众损失金额（万元）': 1.5 })
    // Beijing time as the cell shows it
    expect(pboc?.报送时间).toEqual(new Date('2026-11-19T09:30:00.000Z'))
    // every form field is a column, in roster order, units' fields included when they did not report
    const header = book.sheet('月报')[0] as string[]
    expect(header.slice(0, 6)).toEqual(['月份', '单位', '报送情况', '版本', '报送人', '报送时间'])
    expect(header).toContain('查处违规商户数')
    expect(header.indexOf('冻结涉案账户数')).toBeLessThan(header.indexOf('立案数'))
    const all = records(book.sheet('全部版本'))
    expect(all.map((x) => [x.单位, x.版本, x.冻结涉案账户数 ?? x.立案数])).toEqual([
      ['人民银行', 1, 12],
      ['人民银行', 2, 13],
      ['县公安局', 1, 2],
    ])
    const log = s.query<{ action: string; target: string }>('SELECT action, target FROM "AuditLog"')
    expect(log).toEqual([{ action: 'export.reports', target: out }])
  })

  it('a year, and everything by default into exports/ next to the database', async () => {
    const s = await withReports()
    const year = await s.cli('export', 'reports', '--year', '2026', '--out', join(s.dir, 'y.xlsx'))
    expect(year.out).toContain('最新版本 3 份，全部版本 4 份')
    const all = await s.cli('export', 'reports')
    expect(all.code, all.out).toBe(0)
    const path = join(s.dir, 'exports', '月报-全部.xlsx')
    expect(all.out).toContain(path)
    const latest = records((await read(path)).sheet('月报'))
    expect(latest.map((x) => [x.月份, x.单位])).toEqual([
      ['2025-12', '县公安局'],
      ['2026-10', '人民银行'],
      ['2026-11', '人民银行'],
      ['2026-11', '县公安局'],
    ])
    // a second default export does not overwrite the first
    const again = await s.cli('export', 'reports')
    expect(again.out).toContain(join(s.dir, 'exports', '月报-全部-2.xlsx'))
    // a relative --out goes into exports/ too, never into the working directory; the reply says where
    const named = await s.cli('export', 'reports', '--out', '十一月.xlsx')
    expect(named.out).toContain(`已导出月报：${join(s.dir, 'exports', '十一月.xlsx')}`)
    expect(existsSync(join(process.cwd(), '十一月.xlsx'))).toBe(false)
    expect(filteredAndFrozen((await read(join(s.dir, 'exports', '十一月.xlsx'))).layout)).toBe(true)
  })
})

async function withClues(): Promise<CliStore> {
  const s = cliStore({ ROOM_TOPIC: '反诈测试群' })
  const csv = join(s.dir, 'clues.csv')
  writeFileSync(csv, ['线索,备注', '13912345678,冒充公检法', `${CARD},涉案卡`, '看不懂的东西,'].join('\n'))
  expect((await s.cli('import-clues', csv)).code).toBe(0)
  await withDb(s, async (db) => {
    await writeTransaction(db, async (tx) => {
      const card = await tx.clue.findFirstOrThrow({ where: { value: CARD } })
      const closedAt = new Date()
      await updateClue(tx, card.id, { status: 'closed', result: '已冻结', closedAt })
      await addHistory(tx, card.id, 'closed', '王芳', closedAt, '已冻结')
      // the phone clue is past its due time
      const phone = await tx.clue.findFirstOrThrow({ where: { value: '13912345678' } })
      await updateClue(tx, phone.id, { dueAt: new Date(Date.now() - 3_600_000) })
    })
  })
  return s
}

describe('export clues', () => {
  it('full and masked values, unit, status, result, times, overdue flag, and the history; audited', async () => {
    const s = await withClues()
    const out = join(s.dir, '线索.xlsx')
    const r = await s.cli('export', 'clues', '--out', out)
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain('3 条线索（含完整值，请妥善保管）')
    const book = await read(out)
    expect(book.names).toEqual(['线索', '处理记录'])
    expect(filteredAndFrozen(book.layout)).toBe(true)
    const clues = records(book.sheet('线索'))
    const { year } = toLocal(new Date())
    expect(
      clues.map((c) => [
        c.编号,
        c.类别,
        c.完整值,
        c.脱敏值,
        c.备注,
        c.责任单位,
        c.状态,
        c.核查结果,
        c.是否超期,
      ]),
    ).toEqual([
      [
        `XS-${year}-0001`,
        '手机号',
        '13912345678',
        '139****5678',
        '冒充公检法',
        '中国移动',
        '在办',
        null,
        '是',
      ],
      [
        `XS-${year}-0002`,
        '银行卡',
        CARD,
        '6222 **** **** 0128',
        '涉案卡',
        '人民银行',
        '已销号',
        '已冻结',
        '否',
      ],
      [`XS-${year}-0003`, '待识别', '看不懂的东西', '看不懂的东西', null, '待分派', '在办', null, '否'],
    ])
    expect(clues[1]?.分派时间).toBeInstanceOf(Date)
    expect(clues[1]?.截止时间).toBeInstanceOf(Date)
    expect(clues[1]?.销号时间).toBeInstanceOf(Date)
    expect(clues[2]?.分派时间).toBeNull()
    const history = records(book.sheet('处理记录'))
    expect(history.filter((h) => h.编号 === `XS-${year}-0002`).map((h) => [h.动作, h.操作人])).toEqual([
      ['分派', '命令行导入'],
      ['销号', '王芳'],
    ])

    const log = s.query<{ actor: string; action: string; target: string; detail: string }>(
      `SELECT actor, action, target, detail FROM "AuditLog" WHERE action = 'export.clues'`,
    )
    expect(log).toHaveLength(1)
    expect(log[0]?.actor).toMatch(/^命令行/)
    expect(log[0]?.target).toBe(out)
    expect(log[0]?.detail).toContain(`3 条线索（XS-${year}-0001 至 XS-${year}-0003），含完整值`)
    expect(log[0]?.detail).not.toContain('13912345678')
  })

  it('--status and --period filter', async () => {
    const s = await withClues()
    const open = join(s.dir, 'open.xlsx')
    expect((await s.cli('export', 'clues', '--status', 'open', '--out', open)).out).toContain('2 条线索')
    expect(records((await read(open)).sheet('线索')).map((c) => c.状态)).toEqual(['在办', '在办'])
    // the words people see do as well; the default file is named in Chinese
    const byWord = await s.cli('export', 'clues', '--status', '已销号')
    expect(byWord.out).toContain(`已导出线索：${join(s.dir, 'exports', '线索-全部-已销号.xlsx')}`)
    expect(byWord.out).toContain('1 条线索')
    const closed = join(s.dir, 'closed.xlsx')
    expect((await s.cli('export', 'clues', '--status', 'closed', '--out', closed)).out).toContain('1 条线索')
    const other = join(s.dir, 'other.xlsx')
    const r = await s.cli('export', 'clues', '--period', '2020-01', '--out', other)
    expect(r.out).toContain('0 条线索')
    expect((await read(other)).sheet('线索')).toHaveLength(1)
    expect(s.query(`SELECT * FROM "AuditLog" WHERE action = 'export.clues'`)).toHaveLength(4)
  })

  it('bad arguments: exit code 2, no file written, nothing logged', async () => {
    const s = await withClues()
    const log = s.query('SELECT * FROM "AuditLog"')
    const files = s.files()
    const out = join(s.dir, 'x.xlsx')
    const cases: [string[], RegExp][] = [
      [['export'], /请指定子命令/],
      [['export', 'everything'], /未知命令/],
      [['export', 'reports', '--period', '2026-13', '--out', out], /--period 应为 年-月/],
      [['export', 'reports', '--period', '202611', '--out', out], /--period 应为 年-月/],
      [['export', 'reports', '--year', '26', '--out', out], /--year 应为四位年份/],
      [['export', 'reports', '--year', '2026', '--period', '2026-11', '--out', out], /只能给一个/],
      [['export', 'reports', '--out', join(s.dir, 'x.csv')], /--out 应为 .xlsx 文件/],
      [['export', 'reports', '--out', join(s.dir, 'nope', 'x.xlsx')], /目录不存在/],
      [['export', 'reports', 'extra', '--out', out], /多余的参数/],
      [
        ['export', 'clues', '--status', 'done', '--out', out],
        /--status 应为 open（在办）或 closed（已销号）/,
      ],
      [['export', 'clues', '--period', '2026-11-01', '--out', out], /--period 应为 年-月/],
      [['export', 'clues', '--unit', '人民银行', '--out', out], /参数有误/],
      [['export', 'clues', '--out'], /参数有误/],
    ]
    for (const [argv, message] of cases) {
      const r = await s.cli(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.out, argv.join(' ')).toMatch(message)
    }
    expect(s.files()).toEqual(files)
    expect(s.query('SELECT * FROM "AuditLog"')).toEqual(log)
    expect((await s.cli('export', 'clues', '--help')).out).toContain('--status open')
  })
})
