// Which collection reminders a run carries: the roster slots it covers (a Friday's run covers the
// weekend's), worded by how near the last day is; the office told at the deadline day's last slot,
// as 截止日前最后一个工作日 when that slot moved off a non-working deadline day.
import { describe, expect, it } from 'vitest'
import { collectionReminders } from '../../bot/services/collections.ts'
import type { CollectionRecord } from '../../bot/store/collections.ts'
import type { UnitRecord } from '../../bot/store/units.ts'
import { COLLECTION_REMINDERS, scheduleTable, triggersDue } from '../../jobs/schedules.ts'

const unit = (id: number, name: string) => ({ id, key: `u${id}`, name }) as unknown as UnitRecord
const units = [unit(1, '人民银行'), unit(2, '中国移动')]
const people = [
  { id: 1, contactId: 'c1', name: '王芳', role: 'liaison' as const, unitId: 1 },
  { id: 2, contactId: 'c2', name: '马丽', role: 'liaison' as const, unitId: 2 },
  { id: 3, contactId: 'c3', name: '李强', role: 'office' as const, unitId: null },
]
// Due by the end of Sunday 2026-10-25.
const collection: CollectionRecord = {
  id: 1,
  year: 2026,
  name: '防范宣传材料',
  dueAt: new Date('2026-10-26T00:00:00+08:00'),
  accepts: ['pdf'],
  source: 'chat',
  unitIds: [1, 2],
  answers: [],
}
const schedule = {
  timezone: 'Asia/Shanghai' as const,
  deadline_day: 25,
  reminders: [],
  clue_due_hours: 72,
  catch_up_hours: 6,
}
const table = scheduleTable({ schedule, phases: [], calendar: { holidays: [], workdays: [] } })

function runsBetween(from: string, to: string) {
  return triggersDue(table, new Date(from), new Date(to))
    .filter((t) => t.name === 'collection-reminder')
    .map((t) => ({
      at: t.slot.toISOString(),
      drafts: collectionReminders([collection], {
        units,
        people,
        roomTopic: '群',
        now: t.slot,
        covers: t.covers,
        rules: COLLECTION_REMINDERS,
      }),
    }))
    .filter((r) => r.drafts.length > 0)
}

describe('collection reminders on working days', () => {
  it('a deadline on a Sunday: the weekend slots move to Friday the 23rd, one message a time, the office told at 16:00', () => {
    const runs = runsBetween('2026-10-10T00:00:00+08:00', '2026-10-27T00:00:00+08:00')
    const at = (local: string) => new Date(`${local}+08:00`).toISOString()
    // 7 days before is Sunday the 18th → Friday the 16th; 3 days before Thursday the 22nd; the
    // day before (Saturday) and the day itself (Sunday, 09:00 and 16:00) → Friday the 23rd.
    expect(runs.map((r) => [r.at, r.drafts.map((d) => (d.to.chat === 'dm' ? d.to.name : 'room'))])).toEqual([
      [at('2026-10-16T09:00:00'), ['room']],
      [at('2026-10-22T09:00:00'), ['room']],
      [at('2026-10-23T09:00:00'), ['room']],
      [at('2026-10-23T16:00:00'), ['room', '李强']],
    ])
    const friday = runs[2]?.drafts[0]
    expect(friday?.text).toBe(
      '⏰ 征集「防范宣传材料」将于10月25日（周日）截止，以下单位尚未报送（2）：人民银行、中国移动\n请发送文件或「报送 防范宣传材料 内容」。',
    )
    expect(friday?.mentions?.map((m) => m.name)).toEqual(['王芳', '马丽'])
    expect(runs[3]?.drafts[1]?.text).toBe(
      '征集「防范宣传材料」10月25日（周日）截止，截止日前最后一个工作日仍有2个单位未报送：人民银行、中国移动',
    )
  })

  it('none once every unit owing it has answered', () => {
    const answered = {
      ...collection,
      answers: [1, 2].map((unitId) => ({ unitId, createdAt: new Date('2026-10-01T10:00:00+08:00') })),
    } as unknown as CollectionRecord
    const t = triggersDue(table, new Date('2026-10-23T08:00:00+08:00'), new Date('2026-10-23T10:00:00+08:00'))
    const run = t.find((x) => x.name === 'collection-reminder')
    expect(run?.covers).toHaveLength(3)
    const drafts = collectionReminders([answered], {
      units,
      people,
      roomTopic: '群',
      now: run?.slot ?? new Date(),
      covers: run?.covers ?? [],
      rules: COLLECTION_REMINDERS,
    })
    expect(drafts).toEqual([])
  })
})
