// People @ the bot, add punctuation and polite words: the command still matches. Addressed and
// not understood: one hint naming 帮助. Chatter that does not address the bot: nothing.
import { describe, expect, it } from 'vitest'
import { simulate } from '../helpers/simulate.ts'

const START = '2026-11-18T09:00:00+08:00'
const say = (from: string, text: string) => ({ at: '2026-11-18T10:00:00+08:00', from, say: text })
const dm = (from: string, text: string) => ({ at: '2026-11-18T10:00:00+08:00', from, dm: text })

describe('addressing the bot', () => {
  for (const text of [
    '@反诈助手 进度',
    '@反诈助手\u2005进度',
    '@反诈助手进度',
    '＠反诈助手　进度？',
    '进度？',
    '请查看一下进度。',
    '进度 @反诈助手',
    '报送情况！',
  ]) {
    it(`「${text}」 from a liaison gets the progress list`, async () => {
      const r = await simulate({ start: START, steps: [say('王芳', text)] })
      expect(r.messages).toHaveLength(1)
      expect(r.messages[0]?.text).toContain('已报送')
      expect(r.messages[0]?.mentions).toEqual(['王芳'])
    })
  }

  it('a mention with no command gets one hint naming 帮助, from anyone', async () => {
    const r = await simulate({
      start: START,
      steps: [say('赵六', '@反诈助手 你好'), say('王芳', '@反诈助手'), say('李强', '@反诈助手 在吗？')],
    })
    expect(r.messages).toHaveLength(3)
    for (const m of r.messages) expect(m.text).toContain('帮助')
  })

  it('a private message from a known person with no command gets the hint; a stranger is not answered', async () => {
    const r = await simulate({ start: START, steps: [dm('王芳', '你好'), dm('赵六', '你好')] })
    expect(r.messages.map((m) => m.to)).toEqual(['王芳'])
    expect(r.messages[0]?.text).toContain('帮助')
  })

  it('group chatter that does not address the bot stays unanswered', async () => {
    const r = await simulate({
      start: START,
      steps: [say('王芳', '今天下午开会，三点'), say('赵六', '收到'), say('李强', '@王芳 月报记得交')],
    })
    expect(r.messages).toHaveLength(0)
  })
})
