// Which WeChat group is the liaison group: bound by its id (never by its name, which any member
// may change or copy), kept in ServiceState with its topic and member names so that it can be
// found again when a re-login gives it a new id.
import { messages } from '../../prompts/messages.ts'
import type { Db } from '../store/db.ts'
import { insertOutbound } from '../store/outbound.ts'
import { findPersonByContact, listPeople } from '../store/people.ts'
import { readState, STATE_KEYS, writeState } from '../store/service-state.ts'
import { toOffice } from './office-notice.ts'

export interface BoundRoom {
  id: string
  topic: string
  /** Member names (ids change with a re-login, names mostly do not). */
  members: string[]
}

export interface RoomSeen {
  id: string
  topic: string
  members: string[]
}

export async function loadBoundRoom(db: Db): Promise<BoundRoom | undefined> {
  const value = await readState(db, STATE_KEYS.roomBound)
  return value ? (JSON.parse(value) as BoundRoom) : undefined
}

export async function saveBoundRoom(db: Db, room: BoundRoom, at: Date): Promise<void> {
  await writeState(db, STATE_KEYS.roomBound, JSON.stringify(room), at)
}

/** The share of the bound room's members found in a candidate (0–1). */
export function memberOverlap(bound: BoundRoom, candidate: RoomSeen): number {
  if (bound.members.length === 0) return 0
  const names = new Set(candidate.members)
  return bound.members.filter((m) => names.has(m)).length / bound.members.length
}

/** A re-found room must share at least this much of its membership with the bound one. */
export const MIN_OVERLAP = 0.5

/**
 * After a login: the room to act on among those the bot is in. The bound id if present; else the
 * rooms with the bound (or configured) topic, the one sharing most members (≥ MIN_OVERLAP) when
 * bound before, the only one when never bound. What happened, for the office.
 */
export function chooseRoom(
  bound: BoundRoom | undefined,
  configuredTopic: string,
  rooms: RoomSeen[],
): { room?: RoomSeen; notices: { kind: string; vars: Record<string, string> }[] } {
  const same = bound ? rooms.find((r) => r.id === bound.id) : undefined
  const topic = bound?.topic ?? configuredTopic
  const named = rooms.filter((r) => r.topic === topic && r.id !== same?.id)
  const duplicates = (chosen: RoomSeen | undefined) =>
    named
      .filter((r) => r.id !== chosen?.id)
      .map((r) => ({ kind: 'duplicate', vars: { topic: r.topic, id: r.id } }))
  if (same) return { room: same, notices: duplicates(same) }
  if (bound) {
    const best = named
      .map((r) => ({ r, overlap: memberOverlap(bound, r) }))
      .sort((a, b) => b.overlap - a.overlap)[0]
    if (!best || best.overlap < MIN_OVERLAP) return { notices: duplicates(undefined) }
    const overlap = `${Math.round(best.overlap * 100)}%`
    return {
      room: best.r,
      notices: [{ kind: 'refound', vars: { topic, id: best.r.id, overlap } }, ...duplicates(best.r)],
    }
  }
  // The first binding is what everyone expects: not worth a message.
  if (named.length === 1) return { room: named[0] as RoomSeen, notices: [] }
  if (named.length > 1)
    return { notices: [{ kind: 'ambiguous', vars: { topic, count: String(named.length) } }] }
  return { notices: [] }
}

/** Private messages to the office about the room; the ids of the outbound rows. */
export async function tellOffice(
  db: Db,
  notices: { kind: string; vars: Record<string, string> }[],
  now: Date,
): Promise<number[]> {
  if (notices.length === 0) return []
  const people = await listPeople(db)
  const drafts = notices.flatMap((n) => toOffice(people, messages.roomNotice(n.kind, n.vars)))
  return insertOutbound(db, drafts, now, null)
}

/** Whether the contact is one of the office (who may bind a room with 绑定本群). */
export async function isOffice(db: Db, contactId: string): Promise<boolean> {
  return (await findPersonByContact(db, contactId))?.role === 'office'
}
