// What a correction lists, and which line of a unit's free text the bulletin quotes.
import { describe, expect, it } from 'vitest'
import { type BulletinSnapshot, changesBetween, parseSnapshot } from '../../bot/domain/bulletin/changes.ts'
import { excerpt } from '../../bot/domain/bulletin/excerpt.ts'

const snapshot = (over: Partial<BulletinSnapshot> = {}): BulletinSnapshot => ({
  snapshot: 1,
  units: [
    { key: 'gaj', name: '县公安局', status: 'missing', values: { 立案数: null, 群众损失金额: null } },
    { key: 'pboc', name: '人民银行', status: 'on_time', values: { 冻结涉案账户数: 12 } },
  ],
  clues: [{ key: 'pboc', name: '人民银行', counts: { pushed: 1, closed: 0, overdue: 1 } }],
  targets: [{ name: '立案数', value: 0 }],
  ...over,
})

describe('changesBetween', () => {
  it('lists each moved figure from what to what, units first, then clues, then the county', () => {
    const before = snapshot()
    const after = snapshot({
      units: [
        { key: 'gaj', name: '县公安局', status: 'late', values: { 立案数: 3, 群众损失金额: null } },
        { key: 'pboc', name: '人民银行', status: 'on_time', values: { 冻结涉案账户数: 16 } },
      ],
      clues: [{ key: 'pboc', name: '人民银行', counts: { pushed: 1, closed: 1, overdue: 0 } }],
      targets: [{ name: '立案数', value: 3 }],
    })
    expect(changesBetween(before, after)).toEqual([
      { kind: 'status', unit: '县公安局', from: 'missing', to: 'late' },
      { kind: 'value', unit: '县公安局', label: '立案数', from: null, to: 3 },
      { kind: 'value', unit: '人民银行', label: '冻结涉案账户数', from: 12, to: 16 },
      {
        kind: 'clues',
        unit: '人民银行',
        from: { pushed: 1, closed: 0, overdue: 1 },
        to: { pushed: 1, closed: 1, overdue: 0 },
      },
      { kind: 'target', name: '立案数', from: 0, to: 3 },
    ])
    expect(changesBetween(before, snapshot())).toEqual([])
  })

  it('lists tasks per unit and collections by name; a snapshot without them compares none', () => {
    const work = (completed: number, onTime: number): Partial<BulletinSnapshot> => ({
      tasks: [
        { key: 'cmcc', name: '中国移动', counts: { assigned: 1, completed, overdue: 1 - completed } },
        ...(completed
          ? []
          : [{ key: 'gaj', name: '县公安局', counts: { assigned: 0, completed: 0, overdue: 1 } }]),
      ],
      collections: [{ name: '总结报告', counts: { onTime, late: 0, missing: 3 - onTime } }],
    })
    expect(changesBetween(snapshot(work(0, 1)), snapshot(work(1, 2)))).toEqual([
      {
        kind: 'tasks',
        unit: '中国移动',
        from: { assigned: 1, completed: 0, overdue: 1 },
        to: { assigned: 1, completed: 1, overdue: 0 },
      },
      {
        kind: 'tasks',
        unit: '县公安局',
        from: { assigned: 0, completed: 0, overdue: 1 },
        to: { assigned: 0, completed: 0, overdue: 0 },
      },
      {
        kind: 'collection',
        name: '总结报告',
        from: { onTime: 1, late: 0, missing: 2 },
        to: { onTime: 2, late: 0, missing: 1 },
      },
    ])
    expect(changesBetween(snapshot(), snapshot(work(1, 2)))).toEqual([])
  })

  it('reads back a stored snapshot, and nothing else', () => {
    const stored = JSON.stringify(snapshot())
    expect(parseSnapshot(stored)).toEqual(snapshot())
    expect(parseSnapshot('{"period":"2026-11","reporting":{}}')).toBeNull()
    expect(parseSnapshot('not json')).toBeNull()
  })
})

describe('excerpt', () => {
  it('quotes the first sentence, marking that more follows', () => {
    expect(excerpt('宣传覆盖不够。下月走进社区。', 40)).toBe('宣传覆盖不够…')
    expect(excerpt('  宣传覆盖不够  ', 40)).toBe('宣传覆盖不够')
    expect(excerpt('第一条\n第二条', 40)).toBe('第一条…')
  })

  it('cuts a long sentence at the limit, counting characters, not bytes', () => {
    expect(excerpt('一二三四五六七八九十', 4)).toBe('一二三四…')
  })

  it('quotes nothing for a text that says nothing', () => {
    for (const t of ['', '  ', '无', '暂无。', '没有', '/']) expect(excerpt(t, 40)).toBeNull()
  })
})
