// The daily chase stays short however much is overdue: one message per unit with the count and
// the oldest ids (the rest by 我的线索), and at most MAX_UNIT_MESSAGES unit messages a day —
// the units with fewest overdue share one more line.
import { describe, expect, it } from 'vitest'
import { MAX_UNIT_MESSAGES, OLDEST_SHOWN } from '../../jobs/clue-overdue.processor.ts'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const at = (d: string) => `2026-11-${d}+08:00`
const PEOPLE = people('马丽', '孙联', '电信小周', '王芳', '网信小陈', '市监老吴', '高峰', '李强')
// 400 mobile numbers for 中国移动, and one clue each for six other units
const mobiles = Array.from({ length: 400 }, (_, i) => `1391234${String(i).padStart(4, '0')}`)
const others = [
  '18612345678',
  '057187654321',
  '6222021234567890128',
  'www.fake-loan.cn',
  '某某网络科技有限公司',
  '11010519491231002X',
]

describe('the overdue chase with a large backlog', () => {
  it('posts at most one short message per unit and a capped number a day', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        {
          at: at('18T10:00:00'),
          from: '李强',
          file: { name: '线索.csv', text: `线索\n${[...mobiles, ...others].join('\n')}\n` },
        },
        { until: at('23T12:00:00') },
      ],
    })
    // Due on Saturday the 21st; the weekend's chase goes out on Monday the 23rd.
    const chase = r.messages.filter(
      (m) => m.to === 'room' && m.at === at('23T09:00:00') && m.text.startsWith('⚠️'),
    )
    expect(chase).toHaveLength(MAX_UNIT_MESSAGES + 1)
    const mobile = chase.find((m) => m.mentions[0] === '马丽')?.text ?? ''
    expect(mobile).toContain(`中国移动有 400 条线索已超过落查时限未销号（最早的 ${OLDEST_SHOWN} 条如下）：`)
    expect(mobile).toContain('XS-2026-0001、XS-2026-0002')
    expect(mobile).not.toContain(`XS-2026-00${String(OLDEST_SHOWN + 1).padStart(2, '0')}`)
    expect(mobile).toContain('全部超期线索请私聊发送「我的线索」查看')
    expect(mobile.length).toBeLessThan(400)
    expect(chase.at(-1)?.text).toMatch(/^⚠️ 另有\S+、\S+共 2 条线索超期未销号/)
    expect(chase.at(-1)?.mentions).toHaveLength(2)
  })
})
