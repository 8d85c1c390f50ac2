// Not on the hot path: one Prisma look-up per private message.
// Guided reports in progress (one row per person), so that a dialogue survives a restart.
import type { ReportValues } from '../domain/report-parser.ts'
import type { Store, Tx } from './db.ts'

export interface ReportDialogue {
  contactId: string
  unitId: number
  period: string
  /** Field labels in the order asked. */
  labels: string[]
  /** Index into labels of the field being asked; labels.length: waiting for 确认. */
  step: number
  values: ReportValues
  startedAt: Date
  updatedAt: Date
}

export async function findDialogue(db: Store, contactId: string): Promise<ReportDialogue | null> {
  const row = await db.reportDialogue.findUnique({ where: { contactId } })
  if (!row) return null
  return {
    ...row,
    labels: JSON.parse(row.labels) as string[],
    values: JSON.parse(row.values) as ReportValues,
  }
}

/** Writes the dialogue's state (a new one replaces any earlier one of the person). */
export async function saveDialogue(tx: Tx, d: ReportDialogue): Promise<void> {
  const data = { ...d, labels: JSON.stringify(d.labels), values: JSON.stringify(d.values) }
  await tx.reportDialogue.upsert({ where: { contactId: d.contactId }, create: data, update: data })
}

export async function dropDialogue(tx: Tx, contactId: string): Promise<void> {
  await tx.reportDialogue.deleteMany({ where: { contactId } })
}
