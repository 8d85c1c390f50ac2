// Inbound messages: stored raw before anything else happens to them.
import type { Db, Tx } from './db.ts'

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
  fileData: Uint8Array | null
  receivedAt: Date
}

export interface InboundRecord extends Omit<InboundDraft, 'fileData'> {
  id: number
}

export type Outcome = 'handled' | 'ignored' | 'failed'

/** Stores a message once; returns its row id, or undefined if the same message was stored before. */
export async function persistInbound(db: Db, m: InboundDraft): Promise<number | undefined> {
  try {
    const row = await db.inboundMessage.create({
      data: {
        ...m,
        mentions: JSON.stringify(m.mentions),
        fileData: m.fileData ? Buffer.from(m.fileData) : null,
      },
      select: { id: true },
    })
    return row.id
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return undefined
    throw err
  }
}

export async function loadInbound(
  db: Db | Tx,
  id: number,
): Promise<(InboundRecord & { handled: boolean }) | null> {
  const row = await db.inboundMessage.findUnique({ where: { id }, omit: { fileData: true } })
  if (!row) return null
  return {
    ...row,
    chat: row.chat as 'room' | 'dm',
    mentions: JSON.parse(row.mentions) as Mention[],
    handled: row.handledAt !== null,
  }
}

export async function unhandledInboundIds(db: Db): Promise<number[]> {
  const rows = await db.inboundMessage.findMany({
    where: { handledAt: null },
    select: { id: true },
    orderBy: { id: 'asc' },
  })
  return rows.map((r) => r.id)
}

/** Marks a message handled; false if another handler got there first. */
export async function markHandled(tx: Db | Tx, id: number, outcome: Outcome, at: Date): Promise<boolean> {
  const { count } = await tx.inboundMessage.updateMany({
    where: { id, handledAt: null },
    data: { handledAt: at, outcome },
  })
  return count === 1
}
