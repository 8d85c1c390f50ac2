// Reminders before the 25th, through the simulator: the clock passes each slot and the group sees
// exactly one message per slot mentioning the liaisons of units that have not reported.
import { describe, expect, it } from 'vitest'
import { simulate } from '../helpers/simulate.ts'

const THREE = [
  { name: '王芳', unit: '人民银行' },
  { name: '马丽', unit: '中国移动' },
  { name: '周法官', unit: '县法院' },
  { name: '李强', role: 'office' as const },
]

describe('reminders before the deadline', () => {
  it('on each slot, one group message mentions exactly the liaisons still missing', async () => {
    const r = await simulate({
      start: '2026-11-18T09:00:00+08:00',
      roster: 'tests/scenarios/three-units.yaml',
      people: THREE,
      steps: [
        { at: '2026-11-19T10:00:00+08:00', from: '王芳', say: '#月报\n冻结涉案账户数：3' },
        { at: '2026-11-23T12:00:00+08:00', from: '马丽', say: '#月报\n关停涉诈号码数：5' },
        { until: '2026-11-26T00:00:00+08:00' },
      ],
    })
    const reminders = r.messages.filter((m) => m.text.startsWith('⏰'))
    expect(reminders.map((m) => [m.at, m.mentions])).toEqual([
      ['2026-11-20T09:00:00+08:00', ['马丽', '周法官']],
      ['2026-11-23T09:00:00+08:00', ['马丽', '周法官']],
      ['2026-11-24T09:00:00+08:00', ['周法官']],
      ['2026-11-25T09:00:00+08:00', ['周法官']],
      ['2026-11-25T16:00:00+08:00', ['周法官']],
    ])
    expect(reminders[2]?.text).toContain('以下1个单位尚未报送：\n县法院')
    expect(reminders[0]?.text).toContain('2026年11月月报请于11月25日（周三）前报送')
    // On the deadline day both reminders say so.
    for (const m of reminders.slice(3)) expect(m.text).toContain('2026年11月月报今天（11月25日）截止')
    expect(reminders[2]?.text).not.toContain('今天')
    expect(reminders.every((m) => m.to === 'room')).toBe(true)
  })

  it('on the deadline day’s last reminder the office also gets the missing list privately', async () => {
    const r = await simulate({
      start: '2026-11-24T10:00:00+08:00',
      roster: 'tests/scenarios/three-units.yaml',
      people: THREE,
      steps: [{ until: '2026-11-25T17:00:00+08:00' }],
    })
    const toOffice = r.textsTo('李强')
    expect(toOffice).toHaveLength(1)
    expect(toOffice[0]).toContain('截至16:00仍有3个单位未报送')
    expect(toOffice[0]).toContain('县法院（周法官）')
    expect(r.messages.find((m) => m.to === '李强')?.at).toBe('2026-11-25T16:00:00+08:00')
  })

  it('no reminder at all when every unit has reported', async () => {
    const r = await simulate({
      start: '2026-11-18T09:00:00+08:00',
      roster: 'tests/scenarios/three-units.yaml',
      people: THREE,
      steps: [
        { at: '2026-11-19T10:00:00+08:00', from: '王芳', say: '#月报\n冻结涉案账户数：3' },
        { at: '2026-11-19T10:01:00+08:00', from: '马丽', say: '#月报\n关停涉诈号码数：5' },
        { at: '2026-11-19T10:02:00+08:00', from: '周法官', say: '#月报\n审结电诈案件数：1' },
        { until: '2026-11-30T00:00:00+08:00' },
      ],
    })
    expect(r.messages.filter((m) => m.text.startsWith('⏰'))).toEqual([])
    expect(r.textsTo('李强')).toEqual([])
  })

  it('settings can move the reminder slots', async () => {
    const r = await simulate({
      start: '2026-11-18T09:00:00+08:00',
      roster: 'tests/scenarios/three-units.yaml',
      people: THREE,
      settings: { reminders: ['30 8 23 * *'] },
      steps: [{ until: '2026-11-30T00:00:00+08:00' }],
    })
    expect(r.messages.filter((m) => m.text.startsWith('⏰')).map((m) => m.at)).toEqual([
      '2026-11-23T08:30:00+08:00',
    ])
  })
})

describe('long messages', () => {
  it('a 10,000-character template arrives split into parts of at most 1800 characters, in order', async () => {
    const r = await simulate({
      start: '2026-11-18T09:00:00+08:00',
      roster: 'tests/scenarios/long-form.yaml',
      people: [{ name: '钱七', unit: '县大数据局' }],
      steps: [{ at: '2026-11-18T10:00:00+08:00', from: '钱七', say: '模板' }],
    })
    const parts = r.textsTo('room')
    const whole = parts.join('\n')
    expect([...whole].length).toBeGreaterThan(10_000)
    expect(parts.length).toBeGreaterThanOrEqual(6)
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(1800)
    expect(whole).toMatch(/^县大数据局月报模板/)
    const order = [...whole.matchAll(/第(\d{3})项/g)].map((m) => Number(m[1]))
    expect(order).toEqual(Array.from({ length: 700 }, (_, i) => i + 1))
    // the mention goes with the first part only
    expect(r.messages.map((m) => m.mentions.length)).toEqual([1, ...Array(parts.length - 1).fill(0)])
  })
})
