// Who hears about clues, and how: one masked group notice per unit per batch (mentioning its
// liaisons), the full values privately to those liaisons only.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import { auditClueDisplay } from '../store/audit.ts'
import { type ClueRecord, insertHistory } from '../store/clues.ts'
import type { Tx } from '../store/db.ts'
import type { Mention } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'
import type { UnitRecord } from '../store/units.ts'

/** Beyond this many clues a notice lists the first ones and points to 我的线索. */
const GROUP_LIST_MAX = 30
const PRIVATE_LIST_MAX = 200

export function dueLabel(due: Date | null): string {
  if (!due) return messages.word('due_asap')
  const l = toLocal(due)
  return dateLabel(l, { time: '' })
}

const withRemark = (c: ClueRecord, shown: string) => `${c.code} ${shown}${c.remark ? `（${c.remark}）` : ''}`

export function clueLines(clues: ClueRecord[], full: boolean, max: number): string {
  const lines = clues.slice(0, max).map((c) => withRemark(c, full ? c.value : c.masked))
  if (clues.length > max) lines.push(messages.word('more_clues', { count: clues.length - max }))
  return lines.join('\n')
}

export function liaisonsOf(people: readonly PersonRecord[], unitId: number): PersonRecord[] {
  return people.filter((p) => p.role === 'liaison' && p.unitId === unitId && p.contactId)
}

export const mentionOf = (p: PersonRecord): Mention => ({ id: p.contactId as string, name: p.name })

export const privately = (p: PersonRecord, text: string): OutboundDraft => ({
  to: { chat: 'dm', contactId: p.contactId as string, name: p.name },
  text,
})

/** Notices for routed clues, with a `notified` history row for each clue whose unit has a liaison. */
export async function notifyRouted(
  tx: Tx,
  clues: ClueRecord[],
  o: {
    units: readonly UnitRecord[]
    people: readonly PersonRecord[]
    roomTopic: string
    now: Date
    actor: string
    /** A line the receiving unit reads under its notice, e.g. who handed the clues on and why. */
    note?: string
  },
): Promise<OutboundDraft[]> {
  // Grouped by unit once: a file from the command line brings 100,000 clues.
  const byUnit = byUnitOf(clues)
  const detailOf = new Map<number, string>()
  for (const unitId of byUnit.keys()) {
    const names = liaisonsOf(o.people, unitId).map((p) => p.name)
    if (names.length > 0) detailOf.set(unitId, messages.record('clue_notified', { names: names.join('、') }))
  }
  const notified = clues.flatMap((c) => {
    const detail = c.unitId === null ? undefined : detailOf.get(c.unitId)
    return detail ? [{ clueId: c.id, action: 'notified', detail }] : []
  })
  await insertHistory(tx, notified, o.now, o.actor)
  // The private notices show full values: the audit log records the codes each liaison is sent.
  for (const unit of o.units) {
    const codes = (byUnit.get(unit.id) ?? []).slice(0, PRIVATE_LIST_MAX).map((c) => c.code)
    for (const p of liaisonsOf(o.people, unit.id))
      await auditClueDisplay(tx, {
        actor: o.actor,
        at: o.now,
        to: p,
        codes,
        why: messages.record('why_routed_dm', { unit: unit.name }),
      })
  }
  return routedNotices(clues, o.units, o.people, o.roomTopic, o.note, byUnit)
}

/** Clues by their unit, each list in the clues' order (unassigned ones left out). */
function byUnitOf(clues: readonly ClueRecord[]): Map<number, ClueRecord[]> {
  const byUnit = new Map<number, ClueRecord[]>()
  for (const c of clues) {
    if (c.unitId === null) continue
    const mine = byUnit.get(c.unitId)
    if (mine) mine.push(c)
    else byUnit.set(c.unitId, [c])
  }
  return byUnit
}

/**
 * Private notices to a unit's liaisons about its clues changed by someone else (the office
 * reassigning or closing them): the unit is never left chasing a clue that is no longer its own.
 */
export function tellUnit(
  people: readonly PersonRecord[],
  unitId: number | null,
  text: string,
): OutboundDraft[] {
  return unitId === null ? [] : liaisonsOf(people, unitId).map((p) => privately(p, text))
}

/** Notices for clues newly routed (or transferred, or assigned) to their units: one group notice per unit. */
export function routedNotices(
  clues: ClueRecord[],
  units: readonly UnitRecord[],
  people: readonly PersonRecord[],
  roomTopic: string,
  note?: string,
  byUnit = byUnitOf(clues),
): OutboundDraft[] {
  const drafts: OutboundDraft[] = []
  const noted = (text: string) => (note ? `${text}\n${note}` : text)
  for (const unit of units) {
    const mine = byUnit.get(unit.id) ?? []
    if (mine.length === 0) continue
    const liaisons = liaisonsOf(people, unit.id)
    const due = dueLabel(mine[0]?.dueAt ?? null)
    drafts.push({
      to: { chat: 'room', roomTopic },
      text: noted(
        messages.clueRoutedGroup({
          unit: unit.name,
          count: mine.length,
          due,
          lines: clueLines(mine, false, GROUP_LIST_MAX),
        }),
      ),
      mentions: liaisons.map(mentionOf),
    })
    const text = noted(
      messages.clueRoutedDm({
        unit: unit.name,
        count: mine.length,
        due,
        lines: clueLines(mine, true, PRIVATE_LIST_MAX),
      }),
    )
    for (const p of liaisons) drafts.push(privately(p, text))
  }
  return drafts
}
