// Who hears about clues, and how: one masked group notice per unit per batch (mentioning its
// liaisons), the full values privately to those liaisons only.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import { auditClueDisplay } from '../store/audit.ts'
import { type ClueRecord, insertHistoryByUnit } from '../store/clues.ts'
import type { Tx } from '../store/db.ts'
import type { Mention } from '../store/inbound.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'
import type { UnitRecord } from '../store/units.ts'
import { toOffice } from './office-notice.ts'

/** Beyond this many clues a notice lists the first ones and points to 我的线索. */
const GROUP_LIST_MAX = 30
const PRIVATE_LIST_MAX = 200
/** Unassigned clues listed at most this many at a time. */
export const PENDING_SHOWN = 50

export function dueLabel(due: Date | null): string {
  if (!due) return messages.word('due_asap')
  const l = toLocal(due)
  return dateLabel(l, { time: '' })
}

const withRemark = (c: ClueRecord, shown: string) => `${c.code} ${shown}${c.remark ? `（${c.remark}）` : ''}`

/** The first `max` of the clues, one a line; `count` says how many there are in all (the rest: one line). */
export function clueLines(
  clues: readonly ClueRecord[],
  full: boolean,
  max: number,
  count = clues.length,
): string {
  const lines = clues.slice(0, max).map((c) => withRemark(c, full ? c.value : c.masked))
  if (count > max) lines.push(messages.word('more_clues', { count: count - max }))
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

/** One unit's clues of a batch, as its notices need them: how many, the first ones, every id. */
export interface UnitClues {
  count: number
  /** The first PRIVATE_LIST_MAX, in order (no notice lists more). */
  shown: ClueRecord[]
  ids: number[]
}

/**
 * Clues by their unit, in the order added, and those waiting for the office: a file of 100,000
 * clues is tallied as it goes in, keeping of each clue only its id once its unit has the clues it
 * lists (and of the unassigned ones only the first listed and their count).
 */
export class ClueTally {
  readonly byUnit = new Map<number, UnitClues>()
  /** The first PENDING_SHOWN clues with no unit. */
  readonly unassigned: ClueRecord[] = []
  unassignedCount = 0
  add(c: ClueRecord): void {
    if (c.unitId === null) {
      this.unassignedCount++
      if (this.unassigned.length < PENDING_SHOWN) this.unassigned.push(c)
      return
    }
    let mine = this.byUnit.get(c.unitId)
    if (!mine) {
      mine = { count: 0, shown: [], ids: [] }
      this.byUnit.set(c.unitId, mine)
    }
    mine.count++
    if (mine.shown.length < PRIVATE_LIST_MAX) mine.shown.push(c)
    mine.ids.push(c.id)
  }
  static of(clues: readonly ClueRecord[]): ClueTally {
    const tally = new ClueTally()
    for (const c of clues) tally.add(c)
    return tally
  }
}

/** Notices for routed clues, with a `notified` history row for each clue whose unit has a liaison. */
export async function notifyRouted(
  tx: Tx,
  clues: readonly ClueRecord[] | ClueTally,
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
  const byUnit = (clues instanceof ClueTally ? clues : ClueTally.of(clues)).byUnit
  const details = new Map<number, string>()
  const told: number[] = []
  for (const [unitId, mine] of byUnit) {
    const names = liaisonsOf(o.people, unitId).map((p) => p.name)
    if (names.length === 0) continue
    details.set(unitId, messages.record('clue_notified', { names: names.join('、') }))
    for (const id of mine.ids) told.push(id)
  }
  await insertHistoryByUnit(tx, told, 'notified', details, o.now, o.actor)
  // The private notices show full values: the audit log records the codes each liaison is sent.
  for (const unit of o.units) {
    const codes = (byUnit.get(unit.id)?.shown ?? []).map((c) => c.code)
    for (const p of liaisonsOf(o.people, unit.id))
      await auditClueDisplay(tx, {
        actor: o.actor,
        at: o.now,
        to: p,
        codes,
        why: messages.record('why_routed_dm', { unit: unit.name }),
      })
  }
  return routedNotices(byUnit, o.units, o.people, o.roomTopic, o.note)
}

/**
 * The notices of a file's clues: each unit's (with their `notified` history) and, privately to the
 * office, the list of those waiting for 分派. `note` is a line under each.
 */
export async function importNotices(
  tx: Tx,
  tally: ClueTally,
  o: Parameters<typeof notifyRouted>[2],
): Promise<OutboundDraft[]> {
  const notices = await notifyRouted(tx, tally, o)
  // Nothing in the group lists what a file left unrouted: the office gets it privately.
  const pending = pendingList(tally.unassigned, tally.unassignedCount)
  if (pending) notices.push(...toOffice(o.people, o.note ? `${pending}\n${o.note}` : pending))
  return notices
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
function routedNotices(
  byUnit: ReadonlyMap<number, UnitClues>,
  units: readonly UnitRecord[],
  people: readonly PersonRecord[],
  roomTopic: string,
  note?: string,
): OutboundDraft[] {
  const drafts: OutboundDraft[] = []
  const noted = (text: string) => (note ? `${text}\n${note}` : text)
  for (const unit of units) {
    const mine = byUnit.get(unit.id)
    if (!mine || mine.count === 0) continue
    const liaisons = liaisonsOf(people, unit.id)
    const due = dueLabel(mine.shown[0]?.dueAt ?? null)
    drafts.push({
      to: { chat: 'room', roomTopic },
      text: noted(
        messages.clueRoutedGroup({
          unit: unit.name,
          count: mine.count,
          due,
          lines: clueLines(mine.shown, false, GROUP_LIST_MAX, mine.count),
        }),
      ),
      mentions: liaisons.map(mentionOf),
    })
    const text = noted(
      messages.clueRoutedDm({
        unit: unit.name,
        count: mine.count,
        due,
        lines: clueLines(mine.shown, true, PRIVATE_LIST_MAX, mine.count),
      }),
    )
    for (const p of liaisons) drafts.push(privately(p, text))
  }
  return drafts
}

/**
 * The office's list of clues waiting for 分派: ids, masked values and why each could not be
 * routed; undefined when there are none. `count`: how many there are, when `clues` holds only the
 * first ones.
 */
export function pendingList(clues: readonly ClueRecord[], count = clues.length): string | undefined {
  if (clues.length === 0) return undefined
  const why = (c: ClueRecord) =>
    c.kind === 'unclear'
      ? messages.label('pending_unclear')
      : messages.label('pending_no_unit', { kind: messages.clueKind(c.kind) })
  const lines = clues.slice(0, PENDING_SHOWN).map((c) => `${c.code} ${c.masked}（${why(c)}）`)
  if (count > PENDING_SHOWN) lines.push(messages.label('pending_more', { count: count - PENDING_SHOWN }))
  return messages.cluePending({
    count,
    lines: lines.join('\n'),
    example: (clues[0] as ClueRecord).code,
  })
}
