// Clues the bot could not route are never lost from sight: a push in the chat or a file imported
// on the command line lists them to the office privately (ids, masked values, why), and 待分派 lists them on request.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bindPerson } from '../../bot/store/people.ts'
import { cliStore } from '../cli/cli-store.ts'
import { simulate } from '../helpers/simulate.ts'

const at = (t: string) => `2026-11-18T${t}+08:00`

describe('unroutable clues', () => {
  it('待分派 lists each with its masked value and why; members may not ask', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      steps: [
        { at: at('10:00:00'), from: '李强', say: '线索\n看不懂的东西 13800138000\n13912345678' },
        { at: at('10:01:00'), from: '李强', say: '待分派' },
        { at: at('10:02:00'), from: '赵六', say: '待分派' },
      ],
    })
    const group = r.textsTo('room')
    expect(group[group.length - 2]).toContain(
      '待联席办分派的线索 1 条：\nXS-2026-0001 看不懂的东西 138****8000（无法识别类别）\n请回复「分派 编号 单位」，例如「分派 XS-2026-0001 人民银行」。',
    )
    expect(group.at(-1)).toContain('待分派')
    expect(group.at(-1)).not.toContain('XS-2026-0001')
  })

  it('a push in the chat tells the office privately which clues wait, and why', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      steps: [{ at: at('10:00:00'), from: '李强', say: '线索\n13912345678\n某个说不清的东西' }],
    })
    expect(r.textsTo('李强')).toEqual([
      '待联席办分派的线索 1 条：\nXS-2026-0002 某个说不清的东西（无法识别类别）\n请回复「分派 编号 单位」，例如「分派 XS-2026-0002 人民银行」。',
    ])
  })

  it('an import from the command line tells the office privately which clues wait', async () => {
    const s = cliStore()
    const db = await s.db()
    await bindPerson(db, { contactId: 'office-1', name: '李强', role: 'office', unitId: null }, new Date())
    await db.$disconnect()
    const file = join(s.dir, 'clues.csv')
    writeFileSync(file, '线索\n13912345678\n某个说不清的东西\n')
    expect((await s.cli('import-clues', file)).code).toBe(0)
    const dms = s.query<{ text: string }>(
      `SELECT text FROM OutboundMessage WHERE chat = 'dm' AND recipientName = '李强'`,
    )
    expect(dms.map((d) => d.text)).toEqual([
      '待联席办分派的线索 1 条：\nXS-2026-0002 某个说不清的东西（无法识别类别）\n请回复「分派 编号 单位」，例如「分派 XS-2026-0002 人民银行」。',
    ])
  })
})

describe('转办 with two ids', () => {
  it('is refused whole with one answer naming both, nothing transferred', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      steps: [
        { at: at('10:00:00'), from: '李强', say: '线索\n13912345678\n13912345679' },
        { at: at('10:01:00'), from: '马丽', say: '转办 XS-2026-0001 XS-2026-0002 中国联通 携号转网' },
      ],
    })
    expect(r.textsTo('room').at(-1)).toContain(
      '转办一次只转一条线索，收到 2 个编号（XS-2026-0001、XS-2026-0002），均未转办',
    )
    expect((r.state.clues as { unit: string }[]).map((c) => c.unit)).toEqual(['中国移动', '中国移动'])
  })
})
