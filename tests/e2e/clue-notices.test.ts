// Who is told when a clue changes hands: the receiving unit learns who handed it on and why, the unit
// a clue leaves is told when the office reassigns or closes it, and a liaison may hand a clue back
// to the office.
import { describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

const PEOPLE = people('马丽', '孙联', '李强')
const at = (d: string) => `2026-11-${d}+08:00`
const say = (d: string, from: string, text: string) => ({ at: at(d), from, say: text })
const PUSHED = [say('18T10:00:00', '李强', '线索\n13912345678 冒充客服\n13812345678')]

type Clue = {
  id: string
  value: string
  unit: string | null
  status: string
  history: { action: string; detail: string }[]
}

describe('clue notices', () => {
  it('after a 转办 the receiving unit reads who handed it on and why, in the group and privately', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [...PUSHED, say('18T11:00:00', '马丽', '转办 XS-2026-0001 中国联通 携号转网')],
    })
    const handedOn = '↪️ 由中国移动（马丽）转来，原因：携号转网'
    const notice = r.messages.find((m) => m.to === 'room' && m.text.startsWith('📌 中国联通'))
    expect(notice?.text.split('\n').at(-1)).toBe(handedOn)
    expect(notice?.mentions).toEqual(['孙联'])
    const dm = r.textsTo('孙联').find((t) => t.includes('13912345678'))
    expect(dm?.split('\n').at(-1)).toBe(handedOn)
    // A liaison handing on its own clue is not told about it again.
    expect(r.textsTo('马丽').filter((t) => t.includes('无需再落查'))).toEqual([])
  })

  it('the unit is told privately when the office reassigns or closes its clue, not when it closes its own', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        ...PUSHED,
        say('18T11:00:00', '李强', '分派 XS-2026-0001 联通'),
        say('18T11:05:00', '李强', '销号 XS-2026-0002 已关停'),
        say('18T11:10:00', '孙联', '销号 XS-2026-0001 已关停'),
      ],
    })
    const told = r.messages.filter((m) => m.to === '马丽' && m.at > at('18T10:59:00')).map((m) => m.text)
    expect(told).toEqual([
      '↪️ 中国移动的线索 XS-2026-0001 139****5678 已由李强转至中国联通，中国移动无需再落查。',
      '✅ 中国移动的线索 XS-2026-0002 已由李强销号（已关停），无需再落查。',
    ])
    expect(r.messages.filter((m) => m.to === '孙联' && m.text.includes('无需再落查'))).toEqual([])
  })

  it('a liaison hands a clue back to the office with a reason; the office is told and assigns it again', async () => {
    const r = await simulate({
      start: at('18T09:00:00'),
      people: PEOPLE,
      steps: [
        ...PUSHED,
        say('18T11:00:00', '马丽', '转办 XS-2026-0001 联席办 号码已销户'),
        say('18T11:30:00', '李强', '分派 XS-2026-0001 联通'),
      ],
    })
    expect(r.textsTo('room')).toContain('↪️ XS-2026-0001 已由中国移动转办至县联席办（号码已销户）。')
    expect(r.textsTo('李强')).toEqual([
      '↩️ 中国移动（马丽）将线索 XS-2026-0001 139****5678 退回联席办，原因：号码已销户\n请重新「分派 XS-2026-0001 单位名」。',
    ])
    const clue = (r.state.clues as Clue[])[0]
    expect(clue).toMatchObject({ unit: '中国联通', status: 'open' })
    expect(clue?.history.filter((h) => h.action !== 'notified').map((h) => [h.action, h.detail])).toEqual([
      ['routed', expect.any(String)],
      ['transferred', '中国移动→县联席办：号码已销户'],
      ['assigned', '分派至中国联通'],
    ])
  })
})
