// Not on the hot path.
// Tasks the office assigns (督办), their per-unit rows and their history.
import type { Db, Store, Tx } from './db.ts'

export const TASK_CODE = /RW-\d{4}-\d{3,}/gi

export function taskCode(year: number, seq: number): string {
  return `RW-${year}-${String(seq).padStart(3, '0')}`
}

export interface TaskUnitRecord {
  id: number
  unitId: number
  status: 'open' | 'done'
  result: string | null
  doneAt: Date | null
  doneBy: string | null
}

export interface TaskRecord {
  id: number
  code: string
  title: string
  dueAt: Date
  status: 'open' | 'cancelled'
  createdBy: string
  createdAt: Date
  cancelledAt: Date | null
  units: TaskUnitRecord[]
}

type Row = Omit<TaskRecord, 'status' | 'units'> & {
  status: string
  units: (Omit<TaskUnitRecord, 'status'> & { status: string })[]
}

const toRecord = (r: Row): TaskRecord => ({
  id: r.id,
  code: r.code,
  title: r.title,
  dueAt: r.dueAt,
  status: r.status as TaskRecord['status'],
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  cancelledAt: r.cancelledAt,
  units: r.units.map((u) => ({
    id: u.id,
    unitId: u.unitId,
    status: u.status as TaskUnitRecord['status'],
    result: u.result,
    doneAt: u.doneAt,
    doneBy: u.doneBy,
  })),
})

const withUnits = { units: { orderBy: { id: 'asc' as const } } }

export async function createTask(
  tx: Tx,
  o: { year: number; title: string; dueAt: Date; createdBy: string; now: Date; unitIds: number[] },
): Promise<TaskRecord> {
  const last = await tx.task.aggregate({ where: { year: o.year }, _max: { seq: true } })
  const seq = (last._max.seq ?? 0) + 1
  const row = await tx.task.create({
    data: {
      code: taskCode(o.year, seq),
      year: o.year,
      seq,
      title: o.title,
      dueAt: o.dueAt,
      status: 'open',
      createdBy: o.createdBy,
      createdAt: o.now,
      units: { create: o.unitIds.map((unitId) => ({ unitId, status: 'open' })) },
    },
    include: withUnits,
  })
  return toRecord(row)
}

export async function findTask(tx: Store, code: string): Promise<TaskRecord | null> {
  const row = await tx.task.findUnique({ where: { code: code.toUpperCase() }, include: withUnits })
  return row ? toRecord(row) : null
}

export async function openTasks(tx: Store): Promise<TaskRecord[]> {
  const rows = await tx.task.findMany({
    where: { status: 'open', units: { some: { status: 'open' } } },
    orderBy: { id: 'asc' },
    include: withUnits,
  })
  return rows.map(toRecord)
}

/** Open tasks (not cancelled) whose deadline has passed with some unit not done. */
export async function overdueTasks(tx: Store, at: Date): Promise<TaskRecord[]> {
  const rows = await tx.task.findMany({
    where: { status: 'open', dueAt: { lte: at }, units: { some: { status: 'open' } } },
    orderBy: { id: 'asc' },
    include: withUnits,
  })
  return rows.map(toRecord)
}

/** Every task, created in the given range when one is given, with its units (bulletin, assessment). */
export async function tasksCreated(tx: Store, range?: { from: Date; to: Date }): Promise<TaskRecord[]> {
  const rows = await tx.task.findMany({
    where: range ? { createdAt: { gte: range.from, lt: range.to } } : {},
    orderBy: { id: 'asc' },
    include: withUnits,
  })
  return rows.map(toRecord)
}

export async function markUnitDone(
  tx: Tx,
  taskUnitId: number,
  o: { result: string; at: Date; by: string },
): Promise<void> {
  await tx.taskUnit.update({
    where: { id: taskUnitId },
    data: { status: 'done', result: o.result, doneAt: o.at, doneBy: o.by },
  })
}

export async function updateTask(
  tx: Tx,
  id: number,
  data: Partial<Pick<TaskRecord, 'status' | 'dueAt' | 'cancelledAt'>>,
): Promise<void> {
  await tx.task.update({ where: { id }, data })
}

export interface NewTaskHistory {
  taskId: number
  unitId?: number | null
  action: string
  detail?: string | null
}

export async function addTaskHistory(tx: Tx, rows: NewTaskHistory[], at: Date, actor: string): Promise<void> {
  if (rows.length === 0) return
  await tx.taskHistory.createMany({
    data: rows.map((r) => ({
      taskId: r.taskId,
      unitId: r.unitId ?? null,
      action: r.action,
      detail: r.detail ?? null,
      at,
      actor,
    })),
  })
}

export async function allTasksWithHistory(db: Db) {
  return db.task.findMany({
    orderBy: { id: 'asc' },
    include: {
      units: { orderBy: { id: 'asc' }, include: { unit: true } },
      history: { orderBy: { id: 'asc' } },
    },
  })
}
