// Clue replies as liaisons make them: short ids, several ids with Chinese separators, ids of two
// units in one message, and a quoted reply to the bot's own clue notice.
import { describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('马丽', '孙联', '李强')
const at = (d: string) => `2026-11-${d}+08:00`
const say = (d: string, from: string, text: string) => ({ at: at(d), from, say: text })
// 0001, 0003 and 0004 are 中国移动's, 0002 中国联通's.
const pushed = [say('18T10:00:00', '李强', '线索\n13912345678\n18612345678\n13812345678\n13712345678')]
type Clue = { id: string; status: string; result: string | null; unit: string }
const clues = (r: { state: { clues: unknown[] } }) =>
  Object.fromEntries((r.state.clues as Clue[]).map((c) => [c.id, c]))

async function play(...steps: ReturnType<typeof say>[]) {
  const r = await simulate({ start: at('18T09:00:00'), people: PEOPLE, steps: [...pushed, ...steps] })
  return { r, last: r.textsTo('room').at(-1) ?? '', byId: clues(r) }
}

describe('short ids mean this year’s clue', () => {
  for (const id of ['0001', '1', 'XS-0001', 'xs-1', 'XS-2026-1']) {
    it(`销号 ${id} 已关停 closes XS-2026-0001`, async () => {
      const { last, byId } = await play(say('18T11:00:00', '马丽', `销号 ${id} 已关停`))
      expect(last).toContain('✅ 已销号 XS-2026-0001（已关停）')
      expect(byId['XS-2026-0001']).toMatchObject({ status: 'closed', result: '已关停' })
    })
  }

  it('转办 and 分派 take short ids too', async () => {
    const { byId } = await play(
      say('18T11:00:00', '马丽', '转办 1 中国联通 携号转网，已核实'),
      say('18T11:05:00', '李强', '分派 0003、0004 人民银行'),
    )
    expect(byId['XS-2026-0001']?.unit).toBe('中国联通')
    expect(byId['XS-2026-0003']?.unit).toBe('人民银行')
    expect(byId['XS-2026-0004']?.unit).toBe('人民银行')
  })
})

describe('several ids at once', () => {
  for (const sep of ['、', '，', ',', ';', '；', ' ', ' 、 ']) {
    it(`separated by 「${sep}」: both closed, the result stored as written`, async () => {
      const { last, byId } = await play(
        say('18T11:00:00', '马丽', `销号 XS-2026-0001${sep}XS-2026-0003 已关停，号码已停机`),
      )
      expect(last).toContain('✅ 已销号 XS-2026-0001、XS-2026-0003（已关停，号码已停机）')
      expect(byId['XS-2026-0001']).toMatchObject({ status: 'closed', result: '已关停，号码已停机' })
      expect(byId['XS-2026-0003']).toMatchObject({ status: 'closed', result: '已关停，号码已停机' })
    })
  }

  it('ids of two units: the sender’s are closed, the other is answered for, in one reply', async () => {
    const { r, last, byId } = await play(say('18T11:00:00', '马丽', '销号 0001 0002 0003 已关停'))
    expect(r.textsTo('room').slice(-1)).toHaveLength(1)
    expect(last).toContain('✅ 已销号 XS-2026-0001、XS-2026-0003（已关停）')
    expect(last).toContain('未处理')
    expect(last).toContain('XS-2026-0002 不属于中国移动')
    expect(byId['XS-2026-0001']?.status).toBe('closed')
    expect(byId['XS-2026-0002']?.status).toBe('open')
    expect(byId['XS-2026-0003']?.status).toBe('closed')
  })

  it('an id closed before and one that does not exist are named; the rest is closed', async () => {
    const { last } = await play(
      say('18T11:00:00', '马丽', '销号 1 已关停'),
      say('18T11:05:00', '马丽', '销号 1、3、99 已冻结'),
    )
    expect(last).toContain('✅ 已销号 XS-2026-0003（已冻结）')
    expect(last).toContain('XS-2026-0001 已于之前销号（已关停）')
    expect(last).toContain('找不到线索 XS-2026-0099')
  })
})

describe('a quoted reply to the bot’s clue notice', () => {
  const quote = (inner: string, reply: string) =>
    `「反诈助手：${inner}」\n- - - - - - - - - - - - - - -\n${reply}`

  it('names one open clue of the sender’s unit: it is closed', async () => {
    const { last, byId } = await play(
      say('18T11:00:00', '孙联', quote('@孙联 中国联通 新线索1条 XS-2026-0002 186****5678', '已关停')),
    )
    expect(last).toContain('✅ 已销号 XS-2026-0002（已关停）')
    expect(byId['XS-2026-0002']).toMatchObject({ status: 'closed', result: '已关停' })
  })

  it('names several: asks which one, closes nothing', async () => {
    const { last, byId } = await play(
      say(
        '18T11:00:00',
        '马丽',
        quote('@马丽 中国移动 新线索3条 XS-2026-0001 XS-2026-0003 XS-2026-0004', '已关停'),
      ),
    )
    expect(last).toContain('请写明编号')
    expect(last).toContain('XS-2026-0001、XS-2026-0003、XS-2026-0004')
    expect(byId['XS-2026-0001']?.status).toBe('open')
  })

  it('names only another unit’s clue: told so, nothing closed', async () => {
    const { last, byId } = await play(say('18T11:00:00', '马丽', quote('XS-2026-0002 186****5678', '已关停')))
    expect(last).toContain('没有您可销号的在办线索')
    expect(byId['XS-2026-0002']?.status).toBe('open')
  })

  it('a quoted reply with 销号 and an id closes that id', async () => {
    const { byId } = await play(
      say('18T11:00:00', '马丽', quote('XS-2026-0001 XS-2026-0003', '销号 0003 已关停')),
    )
    expect(byId['XS-2026-0003']?.status).toBe('closed')
    expect(byId['XS-2026-0001']?.status).toBe('open')
  })

  it('a quoted notice answered with a question is not a closing: the hint, nothing closed', async () => {
    const { last, byId } = await play(say('18T11:00:00', '马丽', quote('XS-2026-0001', '这个号码是谁的？')))
    expect(last).toContain('帮助')
    expect(byId['XS-2026-0001']?.status).toBe('open')
  })
})

describe('分派 several ids', () => {
  it('assigns what it can and names each id refused, in one reply', async () => {
    const { r, byId } = await play(say('18T11:00:00', '李强', '分派 0001、0002、77 人民银行'))
    const last = r.textsTo('room').find((t) => t.includes('找不到线索')) ?? ''
    expect(last).toContain('XS-2026-0001、XS-2026-0002')
    expect(last).toContain('人民银行')
    expect(last).toContain('找不到线索 XS-2026-0077')
    expect(byId['XS-2026-0001']?.unit).toBe('人民银行')
    expect(byId['XS-2026-0002']?.unit).toBe('人民银行')
  })
})

describe('free text on clues is kept as written', () => {
  it('a pushed remark and a transfer reason keep their full-width punctuation', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        say('18T10:00:00', '李强', '线索\n13912345678 冒充客服，要求转账（急）'),
        say('18T11:00:00', '马丽', '转办 1 中国联通 携号转网，已核实（见工单）'),
      ],
    })
    expect(r.textsTo('马丽').join('\n')).toContain('冒充客服，要求转账（急）')
    const clue = (r.state.clues as { history: { action: string; detail: string | null }[] }[])[0]
    expect(clue?.history.find((h) => h.action === 'transferred')?.detail).toBe(
      '中国移动→中国联通：携号转网，已核实（见工单）',
    )
  })
})
