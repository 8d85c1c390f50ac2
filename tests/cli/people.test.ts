// `contacts`, `liaisons bind/list/unbind` and `office add`: the office finds a contact id among
// those who wrote to the bot and gives it rights from the command line.
import { describe, expect, it } from 'vitest'
import { cliStore, withDb } from './cli-store.ts'

describe('contacts and bindings on the command line', () => {
  it('lists who wrote to the bot with their ids and last message in Beijing time; binds, lists and unbinds them', async () => {
    const s = cliStore()
    expect((await s.cli('contacts')).out).toBe('还没有人给机器人发过消息。')
    await withDb(s, async (db) => {
      for (const [senderId, senderName, at] of [
        ['wx-wf', '王芳', '2026-11-20T01:00:00Z'],
        ['wx-wf', '王芳', '2026-11-21T02:30:00Z'],
        ['wx-lq', '李强', '2026-11-19T08:00:00Z'],
      ] as const)
        await db.inboundMessage.create({
          data: {
            wechatId: `${senderId}-${at}`,
            chat: 'dm',
            senderId,
            senderName,
            text: '你好',
            receivedAt: new Date(at),
          },
        })
    })

    const contacts = await s.cli('contacts')
    expect(contacts.code).toBe(0)
    expect(contacts.out.split('\n').sort()).toEqual(
      ['李强\twx-lq\t最近 2026-11-19 16:00:00', '王芳\twx-wf\t最近 2026-11-21 10:30:00'].sort(),
    )

    expect(
      (await s.cli('liaisons', 'bind', '--unit', '人行', '--contact', 'wx-wf', '--name', '王芳')).out,
    ).toBe('已将 王芳（wx-wf）设为人民银行联络员')
    expect((await s.cli('office', 'add', '--contact', 'wx-lq', '--name', '李强')).out).toBe(
      '已将 李强（wx-lq）设为县联席办人员',
    )
    const list = (await s.cli('liaisons', 'list')).out
    expect(list).toContain('王芳\t人民银行\twx-wf')
    expect(list).toContain('李强\t联席办\twx-lq')

    expect((await s.cli('liaisons', 'unbind', '--contact', 'wx-wf')).out).toBe('已取消 王芳 的权限')
    expect((await s.cli('liaisons', 'list')).out).not.toContain('王芳')
  })

  it('rebinding says which binding it replaced; the same binding again changes nothing', async () => {
    const s = cliStore()
    const bind = (unit: string) =>
      s.cli('liaisons', 'bind', '--unit', unit, '--contact', 'wx-wf', '--name', '王芳', '--force')
    expect((await bind('人民银行')).out).toBe('已将 王芳（wx-wf）设为人民银行联络员')
    expect(await bind('中国移动')).toEqual({
      code: 0,
      out: '已将 王芳（wx-wf）设为中国移动联络员（原为人民银行联络员 王芳）',
    })
    expect(await bind('移动')).toEqual({ code: 0, out: '王芳（wx-wf）已是中国移动联络员，未做修改' })
    expect((await s.cli('office', 'add', '--contact', 'wx-wf', '--name', '王芳')).out).toBe(
      '已将 王芳（wx-wf）设为县联席办人员（原为中国移动联络员 王芳）',
    )
    expect(s.query<{ detail: string }>('SELECT detail FROM "AuditLog" ORDER BY id')).toEqual([
      { detail: '设为人民银行联络员（命令行）' },
      { detail: '设为中国移动联络员，原为人民银行联络员 王芳（命令行）' },
      { detail: '设为县联席办人员，原为中国移动联络员 王芳（命令行）' },
    ])
  })

  it('refuses a contact id the bot has never seen, unless --force', async () => {
    const s = cliStore()
    const bind = (...more: string[]) =>
      s.cli('liaisons', 'bind', '--unit', '人民银行', '--contact', 'wx-wff', '--name', '王芳', ...more)
    const typo = await bind()
    expect(typo.code).toBe(2)
    expect(typo.out).toContain('联系人 ID「wx-wff」没有给机器人发过消息，也没有绑定过')
    expect(typo.out).toContain('--force')
    expect((await s.cli('office', 'add', '--contact', 'wx-lq2', '--name', '李强')).code).toBe(2)
    expect(s.query('SELECT * FROM "Person"')).toEqual([])
    expect(s.query('SELECT * FROM "AuditLog"')).toEqual([])
    const forced = await bind('--force')
    expect(forced).toEqual({ code: 0, out: '已将 王芳（wx-wff）设为人民银行联络员' })
  })

  it('bad arguments: one clear message, exit code 2, nobody bound', async () => {
    const s = cliStore()
    const missing = await s.cli('liaisons', 'bind', '--unit', '人民银行', '--name', '王芳')
    expect(missing).toEqual({ code: 2, out: expect.stringContaining('缺少 --contact') })
    const unknownUnit = await s.cli(
      'liaisons',
      'bind',
      '--unit',
      '不存在的局',
      '--contact',
      'wx-1',
      '--name',
      '某',
    )
    expect(unknownUnit.code).toBe(2)
    expect(unknownUnit.out).toContain('不存在的局')
    expect((await s.cli('office', 'add', '--contact', 'wx-1')).code).toBe(2)
    expect(s.query('SELECT * FROM "Person"')).toEqual([])
  })
})
