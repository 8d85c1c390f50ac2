// 任务 and 完成 on the fast harness: what a liaison and the office see of the open tasks. The
// month of tasks with its chase over days stays in tests/e2e/tasks.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CommandHarness, commandHarness } from '../helpers/commands.ts'
import { people } from '../helpers/people.ts'

let t: CommandHarness
beforeEach(async () => {
  t = await commandHarness({
    now: '2026-12-01T10:00:00+08:00',
    people: people('王芳', '马丽', '孙联', '李强', '赵六'),
  })
  await t.say('李强', '督办 中国移动 中国联通 对辖区物联网卡开展专项排查 12月10日前')
  await t.say('李强', '督办 人行 组织银行网点开展反诈宣传 12月5日前')
})
afterEach(() => t.close())

const room = async (from: string, text: string) =>
  (await t.say(from, text)).filter((s) => s.to === 'room').map((s) => s.text)

describe('任务', () => {
  it('an ordinary member asking 任务 is told who may see the tasks (not the 完成 refusal)', async () => {
    expect(await room('赵六', '任务')).toEqual(['只有成员单位的联络员和联席办可以查看督办任务'])
  })

  it('a liaison sees its unit’s open tasks; the office every open task with the units not done', async () => {
    expect(await room('马丽', '完成 RW-2026-001 已排查物联网卡1200张')).toEqual([
      '✅ 中国移动已完成督办 RW-2026-001：已排查物联网卡1200张\n尚未完成：中国联通',
    ])
    expect(await room('王芳', '任务')).toEqual([
      '📋 在办督办任务 1 项：\nRW-2026-002 组织银行网点开展反诈宣传 —— 12月5日（周六）前',
    ])
    expect(await room('李强', '任务')).toEqual([
      [
        '📋 在办督办任务 2 项：',
        'RW-2026-001 对辖区物联网卡开展专项排查 —— 12月10日（周四）前，未完成：中国联通',
        'RW-2026-002 组织银行网点开展反诈宣传 —— 12月5日（周六）前，未完成：人民银行',
      ].join('\n'),
    ])
  })

  it('the last unit’s 完成 closes the task: it leaves the list', async () => {
    await t.say('马丽', '完成 RW-2026-001 已排查')
    expect(await room('孙联', '完成 RW-2026-001 已排查物联网卡800张')).toEqual([
      '✅ 中国联通已完成督办 RW-2026-001：已排查物联网卡800张\n督办 RW-2026-001 各承办单位均已完成。',
    ])
    const [list = ''] = await room('李强', '任务')
    expect(list).toMatch(/^📋 在办督办任务 1 项：\nRW-2026-002/)
    expect(list).not.toContain('RW-2026-001')
  })
})
