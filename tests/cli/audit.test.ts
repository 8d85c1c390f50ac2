// The audit log, and `npm run cli -- audit`: bindings, clue closes, exports and every private
// message with full clue values are recorded (codes and recipients, never the values); the log
// cannot be changed.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { writeTransaction } from '../../bot/store/db.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { cliStore, withDb } from './cli-store.ts'

const PHONE = '13912345678'
const ID = '11010519491231002X'
const CARD = '6222021234567890128'

const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop()
})

interface Row {
  actor: string
  action: string
  target: string
  detail: string | null
}

describe('the audit log', () => {
  it('records chat bindings, routed clues, 我的线索, a close with the police notice, and a clue export', async () => {
    const s = cliStore()
    const t = await startTestApp({
      now: '2026-11-18T09:00:00+08:00',
      store: { dbPath: s.dbPath, prefix: s.prefix },
      people: [
        { name: '李强', role: 'office' },
        { name: '马丽', unit: '中国移动' },
        { name: '高峰', unit: '县公安局' },
        { name: '王芳' },
      ],
    })
    apps.push(t)
    const id = (name: string) => `${name}（person-${['李强', '马丽', '高峰', '王芳'].indexOf(name) + 1}）`

    await t.say('李强', '绑定 @王芳 人民银行')
    await t.say('李强', `线索\n${PHONE} 冒充公检法\n${ID}\n${CARD}`)
    await t.say('马丽', '我的线索')
    await t.say('马丽', '销号 XS-2026-0001 实名不实人')
    await t.say('李强', '解绑 @王芳')
    await t.app.sender.drained()
    apps.splice(0)
    await t.stop()

    const rows = s.query<Row>('SELECT actor, action, target, detail FROM "AuditLog" ORDER BY id')
    expect(rows).toEqual([
      { actor: id('李强'), action: 'bind', target: id('王芳'), detail: '设为人民银行联络员（聊天命令）' },
      // the private routed notices: one row per liaison, with the codes they were sent
      {
        actor: '李强',
        action: 'clue.show',
        target: id('马丽'),
        detail: '中国移动线索分派私信：XS-2026-0001',
      },
      {
        actor: '李强',
        action: 'clue.show',
        target: id('王芳'),
        detail: '人民银行线索分派私信：XS-2026-0003',
      },
      {
        actor: '李强',
        action: 'clue.show',
        target: id('高峰'),
        detail: '县公安局线索分派私信：XS-2026-0002',
      },
      {
        actor: id('马丽'),
        action: 'clue.show',
        target: id('马丽'),
        detail: '「我的线索」私信：XS-2026-0001',
      },
      { actor: id('马丽'), action: 'clue.close', target: 'XS-2026-0001', detail: '实名不实人' },
      {
        actor: id('马丽'),
        action: 'clue.show',
        target: id('高峰'),
        detail: '实名不实人通报私信：XS-2026-0001',
      },
      { actor: id('李强'), action: 'unbind', target: id('王芳'), detail: '取消人民银行联络员（聊天命令）' },
    ])
    // chat entries carry the bot's (simulated) time
    expect(s.query<{ at: string }>('SELECT at FROM "AuditLog" ORDER BY id')[0]?.at).toBe(
      '2026-11-18T01:00:00.000+00:00',
    )

    const out = join(s.dir, 'clues.xlsx')
    expect((await s.cli('export', 'clues', '--out', out)).code).toBe(0)
    const r = await s.cli('audit')
    expect(r.code).toBe(0)
    const lines = r.out.split('\n')
    expect(lines[0]).toBe('共 9 条：')
    expect(lines[1]).toBe(
      `2026-11-18 09:00:00\t${id('李强')}\t绑定\t${id('王芳')}\t设为人民银行联络员（聊天命令）`,
    )
    expect(lines[6]).toBe(`2026-11-18 09:00:00\t${id('马丽')}\t线索销号\tXS-2026-0001\t实名不实人`)
    expect(lines[9]).toMatch(
      new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\t命令行.*\\t导出线索\\t${out}\\t3 条线索`),
    )
    // never the values themselves
    for (const value of [PHONE, ID, CARD]) expect(r.out).not.toContain(value)

    const shown = await s.cli('audit', '--action', 'clue.show')
    expect(shown.out.split('\n')[0]).toBe('共 5 条：')
    expect((await s.cli('audit', '--action', '显示完整线索')).out).toBe(shown.out)
    const clueGroup = await s.cli('audit', '--action', 'clue')
    expect(clueGroup.out.split('\n')[0]).toBe('共 6 条：')
    const exports = await s.cli('audit', '--action', 'export')
    expect(exports.out.split('\n')).toHaveLength(2)
    // the words people see in the chat and in this log
    const closes = await s.cli('audit', '--action', '销号')
    expect(closes.out.split('\n')).toEqual(['共 1 条：', lines[6]])
    expect((await s.cli('audit', '--action', '导出')).out).toBe(exports.out)
    const limited = await s.cli('audit', '--limit', '2')
    expect(limited.out.split('\n')[0]).toBe('共 9 条，显示最近 2 条：')
    expect(limited.out.split('\n')[2]).toBe(lines[9])
    const since = await s.cli('audit', '--since', '2026-11-19')
    expect(since.out.split('\n')[0]).toBe('共 1 条：')
    expect((await s.cli('audit', '--since', '2099-01-01')).out).toBe('没有符合条件的审计记录。')
  })

  it('records command-line bindings and roster imports', async () => {
    const s = cliStore()
    expect(
      (await s.cli('liaisons', 'bind', '--unit', '人行', '--contact', 'wx-1', '--name', '王芳', '--force'))
        .code,
    ).toBe(0)
    expect((await s.cli('office', 'add', '--contact', 'wx-2', '--name', '李强', '--force')).code).toBe(0)
    expect((await s.cli('liaisons', 'unbind', '--contact', 'wx-1')).code).toBe(0)
    expect((await s.cli('units', 'import', 'prisma/roster.yaml', '--dry-run')).code).toBe(0)
    expect((await s.cli('units', 'import', 'prisma/roster.yaml')).code).toBe(0)
    const rows = s.query<Row>('SELECT actor, action, target, detail FROM "AuditLog" ORDER BY id')
    expect(rows.map((r) => [r.action, r.target, r.detail])).toEqual([
      ['bind', '王芳（wx-1）', '设为人民银行联络员（命令行）'],
      ['bind', '李强（wx-2）', '设为县联席办人员（命令行）'],
      ['unbind', '王芳（wx-1）', '取消人民银行联络员（命令行）'],
      ['units.import', join(process.cwd(), 'prisma/roster.yaml'), '15 个单位；新增 无；修改 无；停用 无'],
    ])
    expect(rows.every((r) => r.actor.startsWith('命令行'))).toBe(true)
    // a bad binding is not logged
    expect((await s.cli('liaisons', 'unbind', '--contact', 'wx-9')).code).toBe(2)
    expect(
      (await s.cli('liaisons', 'bind', '--unit', '不存在', '--contact', 'wx-3', '--name', '某')).code,
    ).toBe(2)
    expect(s.query('SELECT * FROM "AuditLog"')).toHaveLength(4)
  })

  it('is append-only: the database refuses to change or delete a row', async () => {
    const s = cliStore()
    await s.cli('office', 'add', '--contact', 'wx-2', '--name', '李强', '--force')
    await withDb(s, async (db) => {
      // (Prisma words the trigger's refusal as a constraint violation)
      await expect(db.auditLog.updateMany({ data: { actor: '别人' } })).rejects.toThrow()
      await expect(db.auditLog.deleteMany({})).rejects.toThrow()
      await expect(
        writeTransaction(db, (tx) => tx.$executeRawUnsafe('DELETE FROM "AuditLog"')),
      ).rejects.toThrow()
    })
    const raw = new Database(s.dbPath)
    expect(() => raw.exec(`UPDATE "AuditLog" SET "detail" = 'x'`)).toThrow('AuditLog is append-only')
    expect(() => raw.exec('DELETE FROM "AuditLog"')).toThrow('AuditLog is append-only')
    raw.close()
    expect(s.query('SELECT actor FROM "AuditLog"')).toEqual([{ actor: expect.stringMatching(/^命令行/) }])
  })

  it('bad arguments: exit code 2', async () => {
    const s = cliStore()
    const cases: [string[], RegExp][] = [
      [['audit', '--since', '2026-13-01'], /--since 应为日期/],
      [['audit', '--since', '2026-02-30'], /--since 应为日期/],
      [['audit', '--since', 'yesterday'], /--since 应为日期/],
      [['audit', '--action', 'delete'], /未知的 --action「delete」；可用：bind（绑定）/],
      [['audit', '--limit', '0'], /--limit 应为 1 到 10000 的整数/],
      [['audit', '--limit', 'ten'], /--limit 应为 1 到 10000 的整数/],
      [['audit', '--limit', '20000'], /--limit 应为 1 到 10000 的整数/],
      [['audit', 'all'], /多余的参数/],
      [['audit', '--user', 'x'], /参数有误/],
    ]
    for (const [argv, message] of cases) {
      const r = await s.cli(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.out, argv.join(' ')).toMatch(message)
    }
    expect((await s.cli('audit', '--help')).out).toContain('只追加')
  })
})
