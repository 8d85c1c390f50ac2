// Hot path: every reply is inserted by a prepared statement; delivery bookkeeping is Prisma.
// Outbound messages: every message the bot sends is a row first, delivered by the one sender.

import { maskForGroup } from '../domain/clues/mask.ts'
import { splitMessage } from '../domain/split.ts'
import type { Db, Store } from './db.ts'
import type { Mention } from './inbound.ts'
import { dbDate, sqlOf } from './sql.ts'

export type Recipient = { chat: 'room'; roomTopic: string } | { chat: 'dm'; contactId: string; name: string }

export interface OutboundDraft {
  to: Recipient
  text: string
  mentions?: Mention[]
  file?: { name: string; data: Uint8Array }
}

export interface OutboundRecord {
  id: number
  to: Recipient
  text: string
  mentions: Mention[]
  file: { name: string; data: Uint8Array } | null
  sentAt: Date | null
  state: OutboundState
  attempts: number
}

/** pending: not tried yet; retrying: a send failed, tried again with backoff; failed: given up. */
export type OutboundState = 'pending' | 'sent' | 'retrying' | 'failed'

/** Rows still to deliver: neither sent nor given up. */
const UNSENT = { sentAt: null, state: { not: 'failed' } }

/**
 * Long texts become several rows (≤ 1800 characters, split on lines): mentions on the first, a
 * file on the last. This is the one exit to the group: its texts are masked here, whoever wrote
 * them (values, remarks, results, reasons, quoted input); private messages keep full values.
 */
function splitDraft(d: OutboundDraft): OutboundDraft[] {
  const parts = splitMessage(d.to.chat === 'room' ? maskForGroup(d.text) : d.text)
  return parts.map((text, i) => ({
    to: d.to,
    text,
    ...(i === 0 && d.mentions ? { mentions: d.mentions } : {}),
    ...(i === parts.length - 1 && d.file ? { file: d.file } : {}),
  }))
}

/** Writes the drafts as outbound rows (in the caller's transaction); their ids, in order. */
export async function insertOutbound(
  tx: Store,
  drafts: OutboundDraft[],
  at: Date,
  inboundId: number | null,
): Promise<number[]> {
  if (drafts.length === 0) return []
  const sql = sqlOf(tx)
  const insert = `INSERT INTO "OutboundMessage" ("inboundId", "chat", "roomTopic", "contactId", "recipientName", "text",
                                    "mentions", "fileName", "fileData", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`
  const createdAt = dbDate(at)
  const ids: number[] = []
  for (const d of drafts.flatMap(splitDraft)) {
    const row = await sql.get<{ id: number }>(
      insert,
      inboundId,
      d.to.chat,
      d.to.chat === 'room' ? d.to.roomTopic : null,
      d.to.chat === 'dm' ? d.to.contactId : null,
      d.to.chat === 'dm' ? d.to.name : d.to.roomTopic,
      d.text,
      JSON.stringify(d.mentions ?? []),
      d.file?.name ?? null,
      d.file ? Buffer.from(d.file.data) : null,
      createdAt,
    )
    ids.push(row?.id as number)
  }
  return ids
}

export async function loadOutbound(db: Db, id: number): Promise<OutboundRecord | null> {
  const row = await db.outboundMessage.findUnique({ where: { id } })
  if (!row) return null
  const to: Recipient =
    row.chat === 'room'
      ? { chat: 'room', roomTopic: row.roomTopic ?? '' }
      : { chat: 'dm', contactId: row.contactId ?? '', name: row.recipientName }
  return {
    id: row.id,
    to,
    text: row.text,
    mentions: JSON.parse(row.mentions) as Mention[],
    file: row.fileName && row.fileData ? { name: row.fileName, data: row.fileData } : null,
    sentAt: row.sentAt,
    state: row.state as OutboundState,
    attempts: row.attempts,
  }
}

export async function undeliveredOutboundIds(db: Db): Promise<number[]> {
  const rows = await db.outboundMessage.findMany({
    where: UNSENT,
    select: { id: true },
    orderBy: { id: 'asc' },
  })
  return rows.map((r) => r.id)
}

export async function markSent(db: Db, id: number, at: Date): Promise<void> {
  await db.outboundMessage.update({
    where: { id },
    data: { sentAt: at, state: 'sent', attempts: { increment: 1 }, lastError: null },
  })
}

/** A failed send: retrying, or given up. The attempt count after it. */
export async function markAttemptFailed(
  db: Db,
  id: number,
  error: string,
  giveUp: (attempts: number) => boolean,
): Promise<{ attempts: number; state: OutboundState }> {
  const row = await db.outboundMessage.findUnique({ where: { id }, select: { attempts: true } })
  const attempts = (row?.attempts ?? 0) + 1
  const state: OutboundState = giveUp(attempts) ? 'failed' : 'retrying'
  await db.outboundMessage.update({
    where: { id },
    data: { attempts, state, lastError: error.slice(0, 500) },
  })
  return { attempts, state }
}

/** How many rows are still to deliver (neither sent nor given up). */
export function countUnsent(db: Db): Promise<number> {
  return db.outboundMessage.count({ where: UNSENT })
}

export interface OutboundSummary {
  counts: Record<OutboundState, number>
  /** The oldest row still to deliver. */
  oldestUnsent?: {
    id: number
    createdAt: Date
    state: OutboundState
    attempts: number
    lastError: string | null
  }
}

/** Delivery states at a glance (cli status). */
export async function outboundSummary(db: Db): Promise<OutboundSummary> {
  const groups = await db.outboundMessage.groupBy({ by: ['state'], _count: { _all: true } })
  const counts: Record<OutboundState, number> = { pending: 0, sent: 0, retrying: 0, failed: 0 }
  for (const g of groups) counts[g.state as OutboundState] = g._count._all
  const oldest = await db.outboundMessage.findFirst({
    where: UNSENT,
    orderBy: { id: 'asc' },
    select: { id: true, createdAt: true, state: true, attempts: true, lastError: true },
  })
  return {
    counts,
    ...(oldest ? { oldestUnsent: { ...oldest, state: oldest.state as OutboundState } } : {}),
  }
}

/** How many rows are not delivered yet, and how many of those failed at least once. */
export async function undelivered(db: Store): Promise<{ pending: number; failing: number }> {
  const [pending, failing] = await Promise.all([
    db.outboundMessage.count({ where: UNSENT }),
    db.outboundMessage.count({ where: { sentAt: null, state: 'retrying' } }),
  ])
  return { pending, failing }
}

/** Whether any row is not delivered yet (the sender's drained(): simulator and tests). */
export async function anyUndelivered(db: Db): Promise<boolean> {
  return (await db.outboundMessage.count({ where: UNSENT })) > 0
}

/** The rows after `afterId` in order, as the simulator prints them. */
export async function outboundAfter(db: Db, afterId: number) {
  return db.outboundMessage.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' } })
}
