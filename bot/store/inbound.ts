// Hot path: every inbound message (prepared statements); the look-ups at the end are not.
// Inbound messages: stored raw before anything else happens to them.
import type { Db, Store, Tx } from './db.ts'
import { dbDate, dialectOf, engineOf, readDate, sqlOf } from './sql.ts'

export interface Mention {
  id: string
  name: string
}

export interface InboundDraft {
  wechatId: string
  chat: 'room' | 'dm'
  roomId: string | null
  roomTopic: string | null
  senderId: string
  senderName: string
  text: string
  mentions: Mention[]
  fileName: string | null
  /** The file's bytes, or null when it was too big to take (then fileSize says how big). */
  fileData: Uint8Array | null
  fileSize?: number | null
  receivedAt: Date
}

/** A stored message as its handler sees it, file included (read once, with the message). */
export interface InboundRecord extends InboundDraft {
  id: number
}

/** other_room: from a group the bot does not act on (stored so that the office can find it). */
export type Outcome = 'handled' | 'ignored' | 'failed' | 'other_room'

const COLUMNS = `"wechatId", "chat", "roomId", "roomTopic", "senderId", "senderName", "text", "mentions", "fileName", "fileData", "fileSize"`

/** The values of COLUMNS for a draft. */
const columns = (m: InboundDraft) => [
  m.wechatId,
  m.chat,
  m.roomId,
  m.roomTopic,
  m.senderId,
  m.senderName,
  m.text,
  JSON.stringify(m.mentions),
  m.fileName,
  m.fileData ? Buffer.from(m.fileData) : null,
  m.fileSize ?? null,
]

/**
 * Stores messages, each once, in one transaction of their own; the row id of each, or undefined for
 * a message stored before (a replay). The rows are written only while the shared connection is
 * outside any transaction (a row written inside another would vanish if that one rolled back);
 * `idle` waits for that (by default a 1 ms poll).
 */
export async function persistInbounds(
  db: Db,
  drafts: readonly InboundDraft[],
  idle?: () => Promise<unknown>,
): Promise<(number | undefined)[]> {
  // A replay conflicts on "wechatId" and writes nothing: no row comes back for it, the others stand.
  const rows = await engineOf(db).batch<{ id: number }>(
    db,
    `INSERT INTO "InboundMessage" (${COLUMNS}, "receivedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("wechatId") DO NOTHING RETURNING "id"`,
    drafts.map((m) => [...columns(m), dbDate(m.receivedAt)]),
    idle,
  )
  return rows.map((r) => r?.id)
}

/** Stores a message once; returns its row id, or undefined if the same message was stored before. */
export async function persistInbound(db: Db, m: InboundDraft): Promise<number | undefined> {
  return (await persistInbounds(db, [m]))[0]
}

type InboundRow = Omit<InboundRecord, 'mentions' | 'receivedAt' | 'fileData'> & {
  fileData: Buffer | null
  mentions: string
  receivedAt: string
  handledAt: string | null
  outcome: string | null
}

export async function loadInbound(
  db: Store,
  id: number,
): Promise<(InboundRecord & { handled: boolean }) | null> {
  const row = await sqlOf(db).get<InboundRow>(
    `SELECT "id", "wechatId", "chat", "roomId", "roomTopic", "senderId", "senderName", "text", "mentions",
            "fileName", "fileData", "fileSize", "receivedAt", "handledAt", "outcome"
     FROM "InboundMessage" WHERE "id" = ?`,
    id,
  )
  if (!row) return null
  const record = {
    ...row,
    chat: row.chat as 'room' | 'dm',
    mentions: JSON.parse(row.mentions) as Mention[],
    receivedAt: readDate(row.receivedAt) as Date,
    handledAt: readDate(row.handledAt),
    handled: row.handledAt !== null,
  }
  return record
}

/** Messages stored and not handled (after a crash or restart), with how often they were tried. */
export async function unhandledInbounds(db: Db): Promise<{ id: number; attempts: number }[]> {
  return sqlOf(db).all<{ id: number; attempts: number }>(
    `SELECT "id", "attempts" FROM "InboundMessage" WHERE "handledAt" IS NULL ORDER BY "id" ASC`,
  )
}

/** Counts an attempt at handling these messages, committed before the handling starts. */
export async function countAttempts(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return
  await engineOf(db).runAlone(
    db,
    `UPDATE "InboundMessage" SET "attempts" = "attempts" + 1
     WHERE ${dialectOf(db).inJson('"id"', 'integer')} AND "handledAt" IS NULL`,
    [JSON.stringify(ids)],
  )
}

/** Marks a message handled; false if another handler got there first. */
export async function markHandled(tx: Store, id: number, outcome: Outcome, at: Date): Promise<boolean> {
  const changes = await sqlOf(tx).run(
    `UPDATE "InboundMessage" SET "handledAt" = ?, "outcome" = ? WHERE "id" = ? AND "handledAt" IS NULL`,
    dbDate(at),
    outcome,
    id,
  )
  return changes === 1
}

/** Stores a message the bot will not act on as handled with that outcome (its file left out). */
export async function storeNotActedOn(db: Db, m: InboundDraft, outcome: Outcome): Promise<void> {
  const at = dbDate(m.receivedAt)
  await engineOf(db).runAlone(
    db,
    `INSERT INTO "InboundMessage" (${COLUMNS}, "receivedAt", "handledAt", "outcome")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("wechatId") DO NOTHING`,
    [...columns({ ...m, fileData: null, fileSize: null }), at, at, outcome],
  )
}

/** The stored message with this puppet id (a recall names the message it withdraws by it). */
export function inboundByWechatId(
  db: Db | Tx,
  wechatId: string,
): Promise<{ id: number; senderId: string } | null> {
  return db.inboundMessage.findUnique({ where: { wechatId }, select: { id: true, senderId: true } })
}

/** Drops the bytes of a stored message's file (one refused: too big, or of a type not taken). */
export async function dropInboundFile(tx: Tx, id: number): Promise<void> {
  await tx.inboundMessage.update({ where: { id }, data: { fileData: null } })
}

/** The sender's latest message with a file, since `since` and before message `beforeId`. */
export async function latestFileFrom(
  tx: Store,
  o: { senderId: string; since: Date; beforeId: number },
): Promise<{ id: number; fileName: string; fileData: Uint8Array } | null> {
  const row = await tx.inboundMessage.findFirst({
    where: {
      senderId: o.senderId,
      fileName: { not: null },
      fileData: { not: null },
      receivedAt: { gte: o.since },
      id: { lt: o.beforeId },
    },
    orderBy: { id: 'desc' },
    select: { id: true, fileName: true, fileData: true },
  })
  return row?.fileData ? { id: row.id, fileName: row.fileName ?? '', fileData: row.fileData } : null
}

/** Whether the contact ever wrote to the bot. */
export async function hasWritten(db: Store, contactId: string): Promise<boolean> {
  return (await db.inboundMessage.count({ where: { senderId: contactId }, take: 1 })) > 0
}

/** Everyone who wrote to the bot (by id and the name they wrote under), with their latest message's time. */
export async function contactsSeen(
  db: Store,
): Promise<{ senderId: string; senderName: string; lastAt: Date | null }[]> {
  const rows = await db.inboundMessage.groupBy({
    by: ['senderId', 'senderName'],
    _max: { receivedAt: true },
    orderBy: { senderName: 'asc' },
  })
  return rows.map((r) => ({ senderId: r.senderId, senderName: r.senderName, lastAt: r._max.receivedAt }))
}

/** How many messages ended with this outcome, and the latest of them. */
export async function outcomeSummary(
  db: Store,
  outcome: Outcome,
): Promise<{ count: number; last: { receivedAt: Date; roomTopic: string | null } | null }> {
  const [count, last] = await Promise.all([
    db.inboundMessage.count({ where: { outcome } }),
    db.inboundMessage.findFirst({
      where: { outcome },
      orderBy: { id: 'desc' },
      select: { receivedAt: true, roomTopic: true },
    }),
  ])
  return { count, last }
}

/** When the latest message came in. */
export async function lastReceivedAt(db: Store): Promise<Date | null> {
  return (await db.inboundMessage.aggregate({ _max: { receivedAt: true } }))._max.receivedAt
}
