// Not on the hot path.
// Collections (征集): documents units owe the office, the units that owe them, and their answers
// (every version kept).
import type { AnswerKind } from '../domain/roster-types.ts'
import type { Store, Tx } from './db.ts'

export interface AnswerRecord {
  id: number
  unitId: number
  version: number
  kind: 'file' | 'text'
  text: string | null
  fileName: string | null
  fileSize: number | null
  fileType: string | null
  sha256: string | null
  byName: string
  createdAt: Date
}

export interface CollectionRecord {
  id: number
  year: number
  name: string
  dueAt: Date
  accepts: AnswerKind[]
  source: string
  unitIds: number[]
  answers: AnswerRecord[]
}

const include = {
  units: { orderBy: { unitId: 'asc' as const } },
  answers: { orderBy: { id: 'asc' as const } },
}

type Row = {
  id: number
  year: number
  name: string
  dueAt: Date
  accepts: string
  source: string
  units: { unitId: number }[]
  answers: (Omit<AnswerRecord, 'kind'> & { kind: string })[]
}

const toRecord = (r: Row): CollectionRecord => ({
  id: r.id,
  year: r.year,
  name: r.name,
  dueAt: r.dueAt,
  accepts: JSON.parse(r.accepts) as AnswerKind[],
  source: r.source,
  unitIds: r.units.map((u) => u.unitId),
  answers: r.answers.map((a) => ({
    id: a.id,
    unitId: a.unitId,
    version: a.version,
    kind: a.kind as AnswerRecord['kind'],
    text: a.text,
    fileName: a.fileName,
    fileSize: a.fileSize,
    fileType: a.fileType,
    sha256: a.sha256,
    byName: a.byName,
    createdAt: a.createdAt,
  })),
})

export async function collectionsOfYear(tx: Store, year: number): Promise<CollectionRecord[]> {
  const rows = await tx.collection.findMany({
    where: { year },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    include,
  })
  return rows.map(toRecord)
}

export async function allCollections(tx: Store): Promise<CollectionRecord[]> {
  const rows = await tx.collection.findMany({
    orderBy: [{ year: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }],
    include,
  })
  return rows.map(toRecord)
}

export async function createCollection(
  tx: Store,
  o: {
    year: number
    name: string
    dueAt: Date
    accepts: readonly AnswerKind[]
    source: 'roster' | 'chat' | 'cli'
    createdBy: string
    now: Date
    unitIds: number[]
  },
): Promise<void> {
  await tx.collection.create({
    data: {
      year: o.year,
      name: o.name,
      dueAt: o.dueAt,
      accepts: JSON.stringify(o.accepts),
      source: o.source,
      createdBy: o.createdBy,
      createdAt: o.now,
      units: { create: o.unitIds.map((unitId) => ({ unitId })) },
    },
  })
}

export async function addAnswer(
  tx: Tx,
  collectionId: number,
  a: Omit<AnswerRecord, 'id' | 'version'> & { byPersonId: number | null; inboundId: number | null },
): Promise<number> {
  const last = await tx.collectionAnswer.aggregate({
    where: { collectionId, unitId: a.unitId },
    _max: { version: true },
  })
  const version = (last._max.version ?? 0) + 1
  await tx.collectionAnswer.create({ data: { ...a, collectionId, version } })
  return version
}

export async function answerOfInbound(tx: Store, inboundId: number): Promise<boolean> {
  return (await tx.collectionAnswer.count({ where: { inboundId } })) > 0
}
