// Not on the hot path.
// The audit log: append-only. Rows are inserted (in the transaction of what they record) and read;
// nothing here or anywhere else updates or deletes them, and the database refuses both (triggers).
// A display of full clue values records the codes shown and to whom, never the values.
import type { Db, Store } from './db.ts'

export const AUDIT_ACTIONS = {
  bind: '绑定',
  unbind: '解绑',
  'units.import': '导入名册',
  'units.add': '新增单位',
  'units.edit': '修改单位',
  'units.deactivate': '停用单位',
  'units.activate': '启用单位',
  'forms.add': '新增表单字段',
  'forms.edit': '修改表单字段',
  'forms.remove': '删除表单字段',
  'clue.close': '线索销号',
  'clue.show': '显示完整线索',
  'task.create': '督办立项',
  'task.done': '督办完成',
  'task.extend': '督办延期',
  'task.cancel': '督办取消',
  'export.reports': '导出月报',
  'export.clues': '导出线索',
  'export.feedback': '导出线索反馈表',
  'export.collection': '导出征集',
  backup: '备份',
  restore: '恢复',
} as const

export type AuditAction = keyof typeof AUDIT_ACTIONS

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
