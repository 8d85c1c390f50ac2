// `units add|edit|deactivate|activate` and `forms add|edit|remove`: one unit or field at a time, by
// the roster file's rules; each change has its audit row and reaches a running bot; a bad one
// exits 2 with one clear message and leaves the database exactly as it was.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { findUnit } from '../../bot/domain/roster.ts'
import { listUnits } from '../../bot/store/units.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { type CliStore, cliStore, withDb } from './cli-store.ts'

const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop()
})

/** A store with the default roster seeded (as the first command does). */
async function seeded(): Promise<CliStore> {
  const s = cliStore()
  expect((await s.cli('units', 'list')).code).toBe(0)
  return s
}

/** Everything an edit may write. */
function snapshot(s: CliStore) {
  return {
    units: s.query('SELECT * FROM "Unit" ORDER BY id'),
    reports: s.query('SELECT * FROM "Submission" ORDER BY id'),
    state: s.query('SELECT * FROM "ServiceState" ORDER BY key'),
    audit: s.query('SELECT * FROM "AuditLog" ORDER BY id'),
  }
}

/** The command is refused: exit 2, the message, and nothing in the database changed. */
async function refused(s: CliStore, argv: string[], message: string): Promise<void> {
  const before = snapshot(s)
  const r = await s.cli(...argv)
  expect(r.code, r.out).toBe(2)
  expect(r.out).toContain(message)
  expect(snapshot(s)).toEqual(before)
}

async function ok(s: CliStore, ...argv: string[]): Promise<string> {
  const r = await s.cli(...argv)
  expect(r.code, r.out).toBe(0)
  return r.out
}

interface AuditRow {
  actor: string
  action: string
  target: string
  detail: string | null
}
const auditRows = (s: CliStore) =>
  s.query<AuditRow>('SELECT actor, action, target, detail FROM "AuditLog" ORDER BY id')
const lastAudit = (s: CliStore) => auditRows(s).at(-1)

const unitRow = (s: CliStore, key: string) =>
  s.query<{ name: string; aliases: string; duty: string; clueKinds: string; fields: string; active: number }>(
    'SELECT name, aliases, duty, clueKinds, fields, active FROM "Unit" WHERE key = ?',
    key,
  )[0]

/** The labels of a unit's form, as `units show` lists them. */
async function formLabels(s: CliStore, unit: string): Promise<string[]> {
  const out = await ok(s, 'units', 'show', unit)
  return out
    .split('表单：\n')[1]
    ?.split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '') as string[]
}

/** Reports of 县网信办 for October and November, as a liaison would have filed them. */
async function withWxbReports(s: CliStore): Promise<void> {
  await withDb(s, async (db) => {
    const wxb = findUnit(await listUnits(db), '县网信办')?.id as number
    const rows = [
      ['2026-10', { 监测预警涉诈网站APP数: 4, 拦截封堵数: 7, 关停涉诈群组数: 1, 其他工作: '宣传' }],
      ['2026-11', { 监测预警涉诈网站APP数: 5, 拦截封堵数: 9 }],
    ] as const
    for (const [period, values] of rows)
      await db.submission.create({
        data: {
          unitId: wxb,
          period,
          revision: 1,
          status: 'on_time',
          byName: '赵敏',
          values: JSON.stringify(values),
          createdAt: new Date(`${period}-20T02:00:00Z`),
        },
      })
  })
}

const storedValues = (s: CliStore) =>
  s
    .query<{ values: string }>('SELECT "values" FROM "Submission" ORDER BY id')
    .map((r) => JSON.parse(r.values) as Record<string, unknown>)

async function reportsHeader(s: CliStore): Promise<{ header: string[]; rows: unknown[][] }> {
  const out = join(s.dir, 'reports.xlsx')
  await ok(s, 'export', 'reports', '--out', out)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(out)
  const rows: unknown[][] = []
  book.getWorksheet('月报')?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1))
  })
  return { header: rows[0] as string[], rows: rows.slice(1) }
}

describe('units add', () => {
  it('adds a unit whose form starts with the common fields; audited; an open connection sees it', async () => {
    const s = await seeded()
    await withDb(s, async (db) => {
      const before = await listUnits(db)
      const out = await ok(
        s,
        'units',
        'add',
        '--key',
        'jrb',
        '--name',
        '县金融办',
        '--alias',
        '金融办, 金融局、金融办',
        '--duty',
        '非法集资宣传',
        '--clues',
        'payment_account',
      )
      expect(out).toBe(
        '已新增单位 县金融办（jrb）：名称：县金融办；别名：金融办、金融局；职责：非法集资宣传；线索类型：支付账户\n' +
          '表单：其他工作、存在问题（用 forms add 添加字段）',
      )
      // the roster version moved: the same connection (a running bot's) reads the new unit
      const after = await listUnits(db)
      expect(after).toHaveLength(before.length + 1)
      expect(after.at(-1)).toMatchObject({ key: 'jrb', name: '县金融办', aliases: ['金融办', '金融局'] })
    })
    expect(unitRow(s, 'jrb')).toMatchObject({ clueKinds: '["payment_account"]', fields: '[]', active: 1 })
    expect(await formLabels(s, '金融局')).toEqual(['其他工作', '存在问题'])
    const row = lastAudit(s)
    expect(row).toMatchObject({ action: 'units.add', target: '县金融办（jrb）' })
    expect(row?.actor.startsWith('命令行')).toBe(true)
    expect(row?.detail).toBe('名称：县金融办；别名：金融办、金融局；职责：非法集资宣传；线索类型：支付账户')
  })

  it('refuses bad arguments with one message, changing nothing', async () => {
    const s = await seeded()
    const add = (...rest: string[]) => ['units', 'add', ...rest]
    await refused(s, add('--name', '县金融办'), '缺少 --key')
    await refused(s, add('--key', 'jrb'), '缺少 --name')
    await refused(s, add('--key', 'JRB', '--name', '县金融办'), 'key「JRB」只能包含小写字母、数字和 _')
    await refused(s, add('--key', 'wxb', '--name', '县金融办'), 'key「wxb」重复')
    await refused(s, add('--key', 'jrb', '--name', '网信办'), '名称「网信办」重复（县网信办、网信办）')
    await refused(
      s,
      add('--key', 'jrb', '--name', '县金融办', '--alias', '人行'),
      '名称「人行」重复（人民银行、县金融办）',
    )
    await refused(
      s,
      add('--key', 'jrb', '--name', '县金融办', '--clues', 'phone,shell'),
      '未知的线索类型「shell」；可用：phone、landline',
    )
    await refused(s, add('--key', 'jrb', '--name', '县金融办', 'extra'), '多余的参数：extra')
    await refused(
      s,
      add('--key', 'jrb', '--name', '县金融办', '--colour', 'red'),
      "Unknown option '--colour'",
    )
    expect(auditRows(s)).toEqual([])
  })

  it('cannot take the key or the name of a deactivated unit', async () => {
    const s = await seeded()
    await ok(s, 'units', 'deactivate', '县发改局')
    await refused(
      s,
      ['units', 'add', '--key', 'fgj', '--name', '县发展改革局'],
      'key「fgj」（已停用的单位「县发改局」在用；可用 units activate 县发改局 重新启用）',
    )
    await refused(
      s,
      ['units', 'add', '--key', 'fgj2', '--name', '县发改局'],
      '名称「县发改局」（已停用的单位',
    )
  })
})

describe('units edit', () => {
  it('changes the name, aliases, duty and clue kinds given; audited with what changed', async () => {
    const s = await seeded()
    const out = await ok(
      s,
      'units',
      'edit',
      '网信办',
      '--name',
      '县委网信办',
      '--alias',
      '网信办,网信',
      '--clues',
      'url,域名,ip',
    )
    expect(out).toBe(
      '已修改 县网信办（wxb）：名称：县网信办 → 县委网信办；别名：网信办 → 网信办、网信；' +
        '线索类型：网址、APP、QQ号、微信群 → 网址、域名、IP地址',
    )
    expect(unitRow(s, 'wxb')).toMatchObject({
      name: '县委网信办',
      aliases: '["网信办","网信"]',
      clueKinds: '["url","domain","ip"]',
      duty: '涉诈网站/APP/群组监测预警、拦截封堵、移送打击',
    })
    expect(await ok(s, 'units', 'show', '县委网信办')).toContain('线索类型：网址、域名、IP地址\n')
    expect(lastAudit(s)).toMatchObject({
      action: 'units.edit',
      target: '县委网信办（wxb）',
      detail:
        '名称：县网信办 → 县委网信办；别名：网信办 → 网信办、网信；线索类型：网址、APP、QQ号、微信群 → 网址、域名、IP地址',
    })
    // an empty list clears; the form is untouched
    await ok(s, 'units', 'edit', '网信', '--alias', '', '--duty', '')
    expect(unitRow(s, 'wxb')).toMatchObject({ aliases: '[]', duty: '' })
    expect(await formLabels(s, '县委网信办')).toContain('拦截封堵数')
  })

  it('an edit that changes nothing writes nothing', async () => {
    const s = await seeded()
    const before = snapshot(s)
    expect(await ok(s, 'units', 'edit', '县网信办', '--name', '县网信办')).toBe('没有变化，未做任何修改。')
    expect(snapshot(s)).toEqual(before)
  })

  it('refuses bad arguments with one message, changing nothing', async () => {
    const s = await seeded()
    await refused(s, ['units', 'edit', '县网信办'], '请给出要修改的项：--name、--alias、--duty 或 --clues')
    await refused(s, ['units', 'edit', '--name', 'x'], '请给出单位名')
    await refused(s, ['units', 'edit', '县不存在局', '--duty', 'x'], '找不到单位「县不存在局」')
    await refused(
      s,
      ['units', 'edit', '县网信办', '--name', '人民银行'],
      '名称「人民银行」重复（人民银行、人民银行）',
    )
    await refused(s, ['units', 'edit', '县网信办', '--name', ''], '单位名称不能为空')
    await refused(
      s,
      ['units', 'edit', '县网信办', '--alias', '移动'],
      '名称「移动」重复（县网信办、中国移动）',
    )
    await refused(s, ['units', 'edit', '县网信办', '--clues', 'website'], '未知的线索类型「website」')
    expect(auditRows(s)).toEqual([])
  })
})

describe('units deactivate / activate', () => {
  it('deactivates a unit (kept, listed with --all, its liaison named) and puts it back in its place', async () => {
    const s = await seeded()
    await ok(s, 'liaisons', 'bind', '--unit', '发改局', '--contact', 'wx-1', '--name', '孙丽', '--force')
    const order = (await ok(s, 'units', 'list')).split('\n').map((l) => l.split('（')[0])
    const out = await ok(s, 'units', 'deactivate', '发改局')
    expect(out).toContain('已停用 县发改局（fgj）：不再催报、不列入通报，历史月报和线索保留')
    expect(out).toContain('联络员 孙丽 的绑定保留，重新启用前没有报送权限。')
    expect(unitRow(s, 'fgj')?.active).toBe(0)
    expect(await ok(s, 'units', 'list')).not.toContain('县发改局')
    expect(await ok(s, 'units', 'list', '--all')).toContain('县发改局（fgj）【已停用】')
    expect(lastAudit(s)).toMatchObject({
      action: 'units.deactivate',
      target: '县发改局（fgj）',
      detail: '停用（历史数据保留）',
    })

    expect(await ok(s, 'units', 'activate', '县发改局')).toBe('已重新启用 县发改局（fgj）')
    expect(lastAudit(s)).toMatchObject({ action: 'units.activate', target: '县发改局（fgj）' })
    expect((await ok(s, 'units', 'list')).split('\n').map((l) => l.split('（')[0])).toEqual(order)
    expect(await ok(s, 'units', 'list')).toContain('县发改局（fgj）别名：发改局；联络员：孙丽')
  })

  it('refuses bad arguments with one message, changing nothing', async () => {
    const s = await seeded()
    await refused(s, ['units', 'deactivate'], '请给出单位名')
    await refused(s, ['units', 'deactivate', '县不存在局'], '找不到单位「县不存在局」')
    await refused(s, ['units', 'deactivate', '县发改局', '县科教局'], '多余的参数：县科教局')
    await refused(s, ['units', 'activate', '县发改局'], '单位「县发改局」没有停用')
    await refused(s, ['units', 'activate', '县不存在局'], '找不到已停用的单位「县不存在局」')
    expect(auditRows(s)).toEqual([])
  })
})

describe('forms add', () => {
  it('adds a field before the common ones; a running bot takes reports with it at once', async () => {
    const s = cliStore()
    const t = await startTestApp({
      now: '2026-11-18T09:00:00+08:00',
      store: { dbPath: s.dbPath, prefix: s.prefix },
      people: [{ name: '赵敏', unit: '县网信办' }],
    })
    apps.push(t)
    const out = await ok(
      s,
      'forms',
      'add',
      '网信办',
      '--label',
      '约谈网站数',
      '--kind',
      'count',
      '--synonyms',
      '约谈数',
    )
    expect(out).toBe(
      '已在 县网信办 的表单中新增字段「约谈网站数」：标签：约谈网站数；类型：整数；必填：否；同义词：约谈数',
    )
    expect((await formLabels(s, '县网信办')).slice(-3)).toEqual(['约谈网站数', '其他工作', '存在问题'])
    expect(lastAudit(s)).toMatchObject({
      action: 'forms.add',
      target: '县网信办（wxb）',
      detail: '新增字段「约谈网站数」：标签：约谈网站数；类型：整数；必填：否；同义词：约谈数',
    })

    await t.say('赵敏', '#月报\n监测预警涉诈网站APP数：3\n拦截封堵数：4\n约谈数：2')
    expect(storedValues(s)).toEqual([{ 监测预警涉诈网站APP数: 3, 拦截封堵数: 4, 约谈网站数: 2 }])
  })

  it('a required field is asked for', async () => {
    const s = await seeded()
    await ok(s, 'forms', 'add', '县网信办', '--label', '处置金额', '--kind', 'money', '--required')
    expect(await ok(s, 'units', 'show', '县网信办')).toContain('  处置金额  金额(万元)  必填')
  })

  it('refuses bad arguments with one message, changing nothing', async () => {
    const s = await seeded()
    const add = (...rest: string[]) => ['forms', 'add', '县网信办', ...rest]
    await refused(s, ['forms', 'add', '--label', 'x', '--kind', 'count'], '请给出单位名')
    await refused(s, add('--kind', 'count'), '缺少 --label')
    await refused(s, add('--label', '约谈网站数'), '缺少 --kind')
    await refused(
      s,
      add('--label', '约谈网站数', '--kind', 'number'),
      '字段类型「number」无效，应为 count 整数、money 金额(万元)、text 文字',
    )
    await refused(
      s,
      add('--label', '拦截封堵数', '--kind', 'count'),
      '县网信办 的表单中已有字段「拦截封堵数」（修改请用 forms edit）',
    )
    await refused(s, add('--label', '其他工作', '--kind', 'text'), '县网信办 的表单中已有字段「其他工作」')
    await refused(
      s,
      add('--label', '约谈网站数', '--kind', 'count', '--synonyms', '封堵数'),
      '县网信办：「封堵数」同时指字段「拦截封堵数」和「约谈网站数」',
    )
    await refused(
      s,
      add('--label', '约谈网站数', '--kind', 'count', '--synonyms', '问题'),
      '县网信办：「问题」同时指字段「约谈网站数」和「存在问题」',
    )
    await refused(
      s,
      ['forms', 'add', '县不存在局', '--label', 'x', '--kind', 'count'],
      '找不到单位「县不存在局」',
    )
    expect(auditRows(s)).toEqual([])
  })
})

describe('forms edit', () => {
  it('renames a field: the old label becomes a synonym, stored reports follow, export and bulletin read them', async () => {
    const s = await seeded()
    await withWxbReports(s)
    const out = await ok(
      s,
      'forms',
      'edit',
      '县网信办',
      '拦截封堵数',
      '--label',
      '拦截封堵网站数',
      '--required',
    )
    expect(out).toBe(
      '已修改 县网信办 的字段「拦截封堵数」：标签：拦截封堵数 → 拦截封堵网站数；同义词：封堵数、拦截数 → 封堵数、拦截数、拦截封堵数；已有 2 份月报的该项数值改记在新标签下',
    )
    expect(lastAudit(s)).toMatchObject({
      action: 'forms.edit',
      target: '县网信办（wxb）',
      detail:
        '字段「拦截封堵数」：标签：拦截封堵数 → 拦截封堵网站数；同义词：封堵数、拦截数 → 封堵数、拦截数、拦截封堵数；已有 2 份月报的该项数值改记在新标签下',
    })
    // same values, same order, new label
    expect(storedValues(s).map((v) => Object.keys(v))).toEqual([
      ['监测预警涉诈网站APP数', '拦截封堵网站数', '关停涉诈群组数', '其他工作'],
      ['监测预警涉诈网站APP数', '拦截封堵网站数'],
    ])
    expect(storedValues(s).map((v) => v.拦截封堵网站数)).toEqual([7, 9])
    expect(await ok(s, 'units', 'show', '县网信办')).toContain(
      '  拦截封堵网站数  整数  必填  同义：封堵数、拦截数、拦截封堵数',
    )

    const { header, rows } = await reportsHeader(s)
    expect(header).not.toContain('拦截封堵数')
    expect(rows.map((r) => r[header.indexOf('拦截封堵网站数')])).toEqual([7, 9])
    const dir = join(s.dir, 'bulletin')
    await ok(s, 'bulletin', '2026-11', '--out', dir)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(join(dir, '2026年11月通报-预览.xlsx'))
    const sheet: unknown[][] = []
    book.getWorksheet('单位数据')?.eachRow((row) => {
      sheet.push((row.values as unknown[]).slice(1))
    })
    const columns = sheet[0] as string[]
    expect(columns).not.toContain('拦截封堵数')
    const wxb = sheet.find((r) => r[0] === '县网信办') ?? []
    expect(wxb[columns.indexOf('拦截封堵网站数')]).toBe(9)
  })

  it('changes required and synonyms; a common field made required keeps its place', async () => {
    const s = await seeded()
    await ok(
      s,
      'forms',
      'edit',
      '县网信办',
      '关停涉诈群组数',
      '--required',
      '--synonyms',
      '关停群组数,关停群数',
    )
    expect(await ok(s, 'units', 'show', '县网信办')).toContain(
      '  关停涉诈群组数  整数  必填  同义：关停群组数、关停群数',
    )
    const before = await formLabels(s, '县网信办')
    expect(await ok(s, 'forms', 'edit', '县网信办', '存在问题', '--required')).toBe(
      '已修改 县网信办 的字段「存在问题」：必填：否 → 是',
    )
    expect(await formLabels(s, '县网信办')).toEqual(before)
    expect(await ok(s, 'units', 'show', '县网信办')).toContain('  存在问题  文字  必填')
    // other units keep the common field optional
    expect(await ok(s, 'units', 'show', '人民银行')).toContain('  存在问题  文字  同义')
    expect(await ok(s, 'forms', 'edit', '县网信办', '存在问题', '--required')).toBe(
      '没有变化，未做任何修改。',
    )
    expect(auditRows(s).map((r) => r.action)).toEqual(['forms.edit', 'forms.edit'])
  })

  it('a field without reports may change its kind', async () => {
    const s = await seeded()
    await ok(s, 'forms', 'edit', '县网信办', '关停涉诈群组数', '--kind', 'text', '--optional')
    expect(await ok(s, 'units', 'show', '县网信办')).toContain('  关停涉诈群组数  文字')
  })

  it('refuses bad arguments with one message, changing nothing', async () => {
    const s = await seeded()
    await withWxbReports(s)
    const edit = (label: string, ...rest: string[]) => ['forms', 'edit', '县网信办', label, ...rest]
    await refused(s, ['forms', 'edit', '县网信办'], '请给出单位名和字段标签')
    await refused(
      s,
      edit('拦截封堵数'),
      '请给出要修改的项：--label、--kind、--required/--optional 或 --synonyms',
    )
    await refused(s, edit('拦截封堵数', '--required', '--optional'), '--required 和 --optional 只能给一个')
    await refused(
      s,
      edit('封堵总数', '--required'),
      '县网信办 的表单中没有字段「封堵总数」；现有：监测预警涉诈网站APP数、拦截封堵数',
    )
    await refused(s, edit('拦截封堵数', '--kind', 'float'), '字段类型「float」无效')
    await refused(
      s,
      edit('拦截封堵数', '--kind', 'money'),
      '县网信办 已有 2 份月报填了「拦截封堵数」，不能改类型（已填的数值会被误读）；可新增一个字段代替它',
    )
    await refused(s, edit('拦截封堵数', '--label', '关停涉诈群组数'), '县网信办：字段「关停涉诈群组数」重复')
    await refused(s, edit('拦截封堵数', '--synonyms', '关停群组数'), '「关停群组数」同时指字段')
    await refused(s, edit('其他工作', '--label', '其他情况'), '「其他工作」是每个单位共有的字段，不能改名')
    // a label still held by stored reports (of a field removed since) is not reused
    await ok(s, 'forms', 'remove', '县网信办', '关停涉诈群组数')
    await refused(
      s,
      edit('拦截封堵数', '--label', '关停涉诈群组数'),
      '县网信办 已有 1 份月报含「关停涉诈群组数」的数值（如 2026-10，可能是已删除的字段），不能改名为它',
    )
    // the sources of the roster's targets stay
    for (const change of [
      ['--label', '立案总数'],
      ['--kind', 'text'],
    ])
      await refused(
        s,
        ['forms', 'edit', '县公安局', '立案数', ...change],
        '县公安局 的字段「立案数」是名册年度目标（targets）的数据来源，不能删除、改名或改为文字；请先修改名册文件',
      )
    expect(auditRows(s).map((r) => r.action)).toEqual(['forms.remove'])
  })
})

describe('forms remove', () => {
  it('removes a field; stored values stay and still export', async () => {
    const s = await seeded()
    await withWxbReports(s)
    const out = await ok(s, 'forms', 'remove', '网信办', '关停涉诈群组数')
    expect(out).toBe(
      '已从 县网信办 的表单删除字段「关停涉诈群组数」；已有 1 份月报中的该项数值保留（导出月报时仍在），不再计入通报',
    )
    expect(await formLabels(s, '县网信办')).toEqual([
      '监测预警涉诈网站APP数',
      '拦截封堵数',
      '其他工作',
      '存在问题',
    ])
    expect(storedValues(s)[0]).toMatchObject({ 关停涉诈群组数: 1 })
    expect(lastAudit(s)).toMatchObject({
      action: 'forms.remove',
      target: '县网信办（wxb）',
      detail: '删除字段「关停涉诈群组数」；已有 1 份月报中的该项数值保留（导出月报时仍在），不再计入通报',
    })
    const { header, rows } = await reportsHeader(s)
    expect(rows.map((r) => r[header.indexOf('关停涉诈群组数')] ?? null)).toEqual([1, null])
    // the bulletin still compiles
    await ok(s, 'bulletin', '2026-11', '--out', join(s.dir, 'bulletin'))
  })

  it('refuses bad arguments with one message, changing nothing', async () => {
    const s = await seeded()
    await refused(s, ['forms', 'remove', '县网信办'], '请给出单位名和字段标签')
    await refused(s, ['forms', 'remove', '县网信办', '封堵总数'], '县网信办 的表单中没有字段「封堵总数」')
    await refused(
      s,
      ['forms', 'remove', '县网信办', '存在问题'],
      '「存在问题」是每个单位共有的字段，不能删除（可用 forms edit 修改）',
    )
    await refused(
      s,
      ['forms', 'remove', '县公安局', '群众损失金额'],
      '县公安局 的字段「群众损失金额」是名册年度目标（targets）的数据来源',
    )
    await refused(s, ['forms', 'remove', '县网信办', '拦截封堵数', 'x'], '多余的参数：x')
    expect(auditRows(s)).toEqual([])
  })
})

describe('units import', () => {
  it('applies the same rules to a whole roster file', async () => {
    const s = await seeded()
    const roster = readFileSync('prisma/roster.yaml', 'utf8')
    const bad = (name: string, from: string, to: string) => {
      expect(roster).toContain(from)
      const file = join(s.dir, name)
      writeFileSync(file, roster.replace(from, to))
      return file
    }
    await refused(
      s,
      [
        'units',
        'import',
        bad('synonym.yaml', 'synonyms: [封堵数, 拦截数]', 'synonyms: [封堵数, 关停群组数]'),
      ],
      'units.1.fields: 县网信办：「关停群组数」同时指字段「拦截封堵数」和「关停涉诈群组数」',
    )
    await refused(
      s,
      ['units', 'import', bad('clues.yaml', 'clues: [company]', 'clues: [company, shell]')],
      '未知的线索类型「shell」',
    )
    await refused(s, ['units', 'import', bad('key.yaml', 'key: fgj', 'key: zfw')], 'key「zfw」重复')
  })
})

describe('help and the audit filter', () => {
  it('lists the new commands, and audit --action takes their actions and groups', async () => {
    const s = await seeded()
    const units = await s.cli('units')
    expect(units.out).toContain('npm run cli -- units add --key <key> --name <名称>')
    expect(units.out).toContain('npm run cli -- units deactivate <单位>')
    const forms = await s.cli('forms', '--help')
    expect(forms.code).toBe(0)
    expect(forms.out).toContain('npm run cli -- forms remove <单位> <标签>')
    expect((await s.cli('forms', 'edit', '--help')).out).toContain('原标签自动保留为同义词')
    const help = await ok(s, 'audit', '--help')
    for (const action of [
      'units.add',
      'units.edit',
      'units.deactivate',
      'units.activate',
      'forms.add',
      'forms.edit',
      'forms.remove',
    ])
      expect(help).toContain(action)

    await ok(s, 'units', 'add', '--key', 'jrb', '--name', '县金融办')
    await ok(s, 'forms', 'add', '县金融办', '--label', '宣传次数', '--kind', 'count')
    await ok(s, 'forms', 'edit', '县金融办', '宣传次数', '--required')
    expect((await ok(s, 'audit', '--action', 'units')).split('\n')[0]).toBe('共 1 条：')
    expect((await ok(s, 'audit', '--action', 'forms')).split('\n')[0]).toBe('共 2 条：')
    expect(await ok(s, 'audit', '--action', '修改表单字段')).toContain('字段「宣传次数」：必填：否 → 是')
  })
})

describe('units import --dry-run', () => {
  it('prints exactly what the import then does: additions, modifications with what changed, deactivations', async () => {
    const s = await seeded()
    const roster = readFileSync('prisma/roster.yaml', 'utf8')
    const edits: [string, string][] = [
      ['name: 县网信办', 'name: 县委网信办'],
      [
        '{ label: 关停涉诈群组数, kind: count, required: false, synonyms: [关停群组数] }',
        '{ label: 关停涉诈群组数, kind: count, required: true, synonyms: [关停群组数] }',
      ],
      [
        '      - { label: 纳入失信惩戒人数, kind: count, required: true, synonyms: [失信惩戒人数] }',
        '      - { label: 纳入失信惩戒人数, kind: count, required: true, synonyms: [失信惩戒人数] }\n      - { label: 信用修复人数, kind: count, required: false }',
      ],
    ]
    let text = roster
    for (const [from, to] of edits) {
      expect(text).toContain(from)
      text = text.replace(from, to)
    }
    // 县委政法委 (the first unit) is left out, 县金融办 is new in its place
    const zfw = / {2}- key: zfw\n[\s\S]*?\n\n/.exec(text)?.[0] as string
    text = text.replace(
      zfw,
      '  - key: jrb\n    name: 县金融办\n    duty: 防范非法集资宣传\n    fields: []\n\n',
    )
    const file = join(s.dir, 'new-roster.yaml')
    writeFileSync(file, text)

    const before = snapshot(s)
    const dry = await ok(s, 'units', 'import', file, '--dry-run')
    expect(snapshot(s)).toEqual(before)
    const plan = [
      '新增 1 个：县金融办',
      '修改 2 个：',
      '  县网信办：名称：县网信办 → 县委网信办；字段「关停涉诈群组数」必填：否 → 是',
      '  县发改局：新增字段：信用修复人数',
      '停用 1 个：县委政法委',
    ]
    expect(dry.split('\n')).toEqual([
      expect.stringMatching(/^名册有效：15 个单位。导入将：$/),
      ...plan,
      '（试运行，未做任何修改）',
    ])
    const done = await ok(s, 'units', 'import', file)
    expect(done.split('\n')).toEqual([`已导入 ${file}：`, ...dry.split('\n').slice(1, -1)])
    expect(unitRow(s, 'zfw')?.active).toBe(0)
    expect(unitRow(s, 'wxb')?.name).toBe('县委网信办')
    expect(await ok(s, 'units', 'import', file, '--dry-run')).toContain(
      '新增 0 个：无\n修改 0 个：无\n停用 0 个：无',
    )
  })
})
