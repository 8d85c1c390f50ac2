// Numbers typed in free text never reach the group in full: closing results, transfer reasons,
// report text, quoted input, remarks of clue files, unusual formats and duplicates with hidden
// characters all pass the one masker at the exit; the responsible liaison still gets full values.
import { describe, expect, it } from 'vitest'
import { leakedNumbers } from '../../bot/domain/clues/mask.ts'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('马丽', '孙联', '王芳', '高峰', '李强')
const at = (t: string) => `2026-11-18T${t}+08:00`
const say = (t: string, from: string, text: string) => ({ at: at(t), from, say: text })
const CARD = '6222021234567890128'
const ID = '320582199001011236'

describe('free text with numbers, in the group', () => {
  it('every route shows the numbers masked, and nothing in the group holds a full one', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      people: PEOPLE,
      steps: [
        say(
          '10:00:00',
          '李强',
          `线索\n${CARD} 受害人电话13900139010\n13912345678\nTEL-1380013-8002\n138/0013/8004\n138_0013_8006\n138.0013.8007`,
        ),
        say('10:01:00', '王芳', `销号 XS-2026-0001 实名不实人,实际使用人身份证${ID}`),
        say('10:02:00', '马丽', '转办 XS-2026-0002 中国联通 新号13900139002'),
        say('10:03:00', '王芳', `#月报\n冻结涉案账户数：3\n清理空壳公司数：1\n其他工作：协查账户${CARD}`),
        say('10:04:00', '王芳', `#月报\n冻结涉案账户数：3\n${ID}`),
        say('10:05:00', '李强', '线索\n139\u200b1234\u200b5678\n139\u20091234\u20095678'),
        {
          at: at('10:06:00'),
          from: '李强',
          file: {
            name: '线索.csv',
            text: `线索,备注\n13800138000,受害人电话13900139011 身份证${ID} \u202e\n`,
          },
        },
      ],
    })
    const group = r.textsTo('room')
    const all = group.join('\n')
    for (const text of group) expect(leakedNumbers(text), text).toEqual([])
    expect(all).toContain('139****9010') // the remark of a pushed clue
    expect(all).toContain('3205**********1236') // the closing result
    expect(all).toContain('139****9002') // the transfer reason
    expect(all).toContain('6222 **** **** 0128') // the report's text field
    expect(all).toContain('138****8002') // TEL-1380013-8002
    for (const tail of ['8004', '8006', '8007']) expect(all).toContain(`138****${tail}`)
    expect(all).toContain('139****9011') // a file's remark column
    expect(all).not.toContain('\u202e')
    // the duplicates were recognised whatever hid between the digit groups
    expect(all).toMatch(/139\*{4}5678.*XS-2026-0002/)
    // ...while the responsible liaison read the full number privately
    expect(r.textsTo('马丽').join('\n')).toContain('13912345678')
  })

  it('a phone number is not a count: 139 0013 9004 is refused, masked in the answer', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      people: PEOPLE,
      steps: [say('10:00:00', '王芳', '#月报\n冻结涉案账户数：139 0013 9004\n清理空壳公司数：1')],
    })
    const answer = r.textsTo('room').join('\n')
    expect(answer).toContain('「冻结涉案账户数」的值「139****9004」不是数字')
    expect(r.state.submissions).toEqual([])
  })
})

describe('a very long message', () => {
  it('is refused with one answer saying the limit, not stored as a report nor echoed in parts', async () => {
    const r = await simulate({
      start: at('09:00:00'),
      people: PEOPLE,
      steps: [
        say(
          '10:00:00',
          '王芳',
          `#月报\n冻结涉案账户数：3\n清理空壳公司数：1\n其他工作：${'开展宣传。'.repeat(20_000)}`,
        ),
      ],
    })
    expect(r.textsTo('room')).toEqual([
      expect.stringContaining('这条消息有 100029 个字，超过 8000 字的上限，未处理'),
    ])
    expect(r.state.submissions).toEqual([])
  })
})
