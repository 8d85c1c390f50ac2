// Not on the hot path.
// The audit log: append-only. Rows are inserted (in the transaction of what they record) and read;
// nothing here or anywhere else updates or deletes them, and the database refuses both (triggers).
// A display of full clue values records the codes shown and to whom, never the values.
import { messages } from '../../prompts/messages.ts'
import type { Db, Store } from './db.ts'

const ACTIONS = [
  'bind',
  'unbind',
  'units.import',
  'units.add',
  'units.edit',
  'units.deactivate',
  'units.activate',
  'forms.add',
  'forms.edit',
  'forms.remove',
  'clue.close',
  'clue.show',
  'task.create',
  'task.done',
  'task.file',
  'task.extend',
  'task.cancel',
  'export.reports',
  'export.clues',
  'export.feedback',
  'export.collection',
  'backup',
  'restore',
  'migrate',
] as const

export type AuditAction = (typeof ACTIONS)[number]

/** Each action's name as `cli audit` shows it (prompts/audit-actions.txt), in this order. */
export const AUDIT_ACTIONS = Object.fromEntries(ACTIONS.map((a) => [a, messages.auditAction(a)])) as Record<
  AuditAction,
  string
>

export interface AuditEntry {
  actor: string
  action: AuditAction
  target: string
  detail?: string | null
  at: Date
}

export interface AuditRecord extends AuditEntry {
  id: number
  detail: string | null
}

export async function audit(tx: Store, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: { at: e.at, actor: e.actor, action: e.action, target: e.target, detail: e.detail ?? null },
  })
}

/** "王芳（wxid_123）": a person as the log names them. */
export const personLabel = (p: { name: string; contactId?: string | null }) =>
  p.contactId ? `${p.name}（${p.contactId}）` : p.name

/** Records that full values of these clues were shown privately to someone (codes only). */
export async function auditClueDisplay(
  tx: Store,
  o: {
    actor: string
    at: Date
    to: { name: string; contactId?: string | null }
    codes: string[]
    why: string
  },
): Promise<void> {
  if (o.codes.length === 0) return
  await audit(tx, {
    actor: o.actor,
    action: 'clue.show',
    target: personLabel(o.to),
    detail: `${o.why}：${o.codes.join('、')}`,
    at: o.at,
  })
}

/** The latest `limit` entries matching, oldest first, and how many matched in all. */
export async function listAudit(
  db: Db,
  o: { since?: Date; actions?: readonly string[]; limit: number },
): Promise<{ rows: AuditRecord[]; total: number }> {
  const where = {
    ...(o.since ? { at: { gte: o.since } } : {}),
    ...(o.actions ? { action: { in: [...o.actions] } } : {}),
  }
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: o.limit }),
    db.auditLog.count({ where }),
  ])
  return {
    rows: rows.reverse().map((r) => ({ ...r, action: r.action as AuditAction })),
    total,
  }
}
