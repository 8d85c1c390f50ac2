// Never silent to someone who addresses the bot, never noisy to a group that did not: 200 addressed
// messages (mentions in the group, private chats from known people) each get exactly one answer in
// the chat they came from; group chatter that neither addresses the bot nor is a report gets none.
import { describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('王芳', '马丽', '李强', '赵六')

// What people type after addressing the bot: commands, commands wrapped in filler, reports, bad
// reports, questions, greetings and nonsense.
const TEXTS = [
  '进度',
  '进度？',
  '请查看一下进度。',
  '报送情况',
  '帮助',
  '帮助 线索',
  '帮助 天气',
  '模板',
  '月报模板',
  '我的线索',
  '你好',
  '在吗？',
  '谢谢',
  '？',
  '。。。',
  '月报什么时候交？',
  '今天下午开会，三点',
  '冻结涉案账户15个，清理空壳公司3家，这样填对吗？',
  '#月报\n冻结涉案账户数：12\n清理空壳公司数：3',
  '#月报\n冻结涉案账户数：很多',
  '#月报',
  '销号 0001 已关停',
  '销号',
  '销号 XS-2026-9999 已关停',
  '转办 0001',
  '分派 0001 人民银行',
  '绑定',
  '确认换号',
  'asdfghjkl',
  '😀',
  '1234567',
  '@王芳 你看一下',
  '更正：冻结涉案账户数应为16个',
  '中国联通11月月报\n关停涉诈号码数：1\n发现伪基站数：1',
  '保障资金8000',
  '线索文件在哪',
  '我要报送',
  '怎么报月报',
  '通报什么时候发',
  '考核怎么算',
]
const FORMS = [
  (t: string) => ({ say: `@反诈助手 ${t}` }),
  (t: string) => ({ say: `@反诈助手\u2005${t}` }),
  (t: string) => ({ say: `${t} @反诈助手` }),
  (t: string) => ({ dm: t }),
  (t: string) => ({ say: `@反诈助手${t}` }),
  (t: string) => ({ say: `＠反诈助手　${t}` }),
]
const SENDERS = ['王芳', '李强', '马丽', '赵六']

const CHATTER = [
  '今天下午开会，三点',
  '收到',
  '好的，谢谢',
  '月报什么时候交？',
  '大家记得交月报',
  '@王芳 月报交了吗',
  '冻结涉案账户15个，清理空壳公司3家，这样填对吗？',
  '3点开会，地点302会议室',
  '本月月报\n大家抓紧',
  '👍',
  '人民银行月报',
  '这个号码13912345678是谁的？',
]

function minute(i: number): string {
  const d = new Date(Date.parse('2026-11-18T10:00:00+08:00') + i * 60_000)
  return d.toISOString()
}

describe('no silence', () => {
  it('200 addressed messages get exactly one answer each, where they were sent', async () => {
    const steps: Record<string, unknown>[] = []
    const expected: { at: string; from: string; chat: 'room' | 'dm'; text: string }[] = []
    let i = 0
    let turn = 0
    outer: for (const form of FORMS) {
      for (const text of TEXTS) {
        const from = SENDERS[turn++ % SENDERS.length] as string
        const step = form(text)
        // A stranger's private message is not acted on (only known people's are): not in the corpus.
        if ('dm' in step && from === '赵六') continue
        const at = minute(i++)
        steps.push({ at, from, ...step })
        expected.push({ at, from, chat: 'dm' in step ? 'dm' : 'room', text })
        if (expected.length === 200) break outer
      }
    }
    expect(expected).toHaveLength(200)
    const r = await simulate({ start: '2026-11-18T09:30:00+08:00', people: PEOPLE, steps })
    const silent: string[] = []
    const noisy: string[] = []
    for (const e of expected) {
      const at = new Date(e.at).getTime()
      const answers = r.messages.filter(
        (m) =>
          new Date(m.at).getTime() === at &&
          (e.chat === 'room' ? m.to === 'room' && m.mentions?.includes(e.from) : m.to === e.from),
      )
      if (answers.length === 0) silent.push(`${e.from} ${e.chat}: ${e.text}`)
      if (answers.length > 1) noisy.push(`${e.from} ${e.chat}: ${e.text} → ${answers.length}`)
    }
    expect(silent).toEqual([])
    expect(noisy).toEqual([])
  })

  it('group chatter that does not address the bot and is no report gets no answer', async () => {
    const steps = CHATTER.flatMap((text, k) =>
      ['王芳', '李强', '马丽', '赵六'].map((from, j) => ({ at: minute(k * 4 + j), from, say: text })),
    )
    const r = await simulate({ start: '2026-11-18T09:30:00+08:00', people: PEOPLE, steps })
    expect(r.messages.map((m) => m.text)).toEqual([])
  })
})
