// Collections (征集): the roster's yearly ones opened when a year is first seen, each unit's status
// (on time / late / missing, by its first answer), which collection a file answers, taking an
// answer (a file checked by size and content, stored by its sha256; or a text), and the progress.
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import type { DocumentRow } from '../domain/bulletin/types.ts'
import { dueDayLabel } from '../domain/due-date.ts'
import { answerKindsOf, fileTypeOf } from '../domain/file-type.ts'
import { fromLocal, toLocal } from '../domain/period.ts'
import { nameKey } from '../domain/roster.ts'
import type { AnswerKind, Roster } from '../domain/roster-types.ts'
import {
  addAnswer,
  type CollectionRecord,
  collectionsOfYear,
  createCollection,
} from '../store/collections.ts'
import { databaseFile, type Store, type Tx } from '../store/db.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'
import type { UnitRecord } from '../store/units.ts'
import { liaisonsOf, mentionOf, privately } from './clue-notices.ts'
import { filesDirOf, storeFile } from './file-store.ts'

export type UnitStatus = 'on_time' | 'late' | 'missing'

const MB = 1024 * 1024
export const TEXT_MAX = 2000

/** The roster collection's due instant in a year: the end of its phase's last day, or of its MM-DD. */
export function rosterDue(c: Roster['collections'][number], roster: Roster, year: number): Date {
  const day = c.due ?? roster.phases.find((p) => p.name === c.phase)?.to ?? '12-31'
  const [m, d] = day.split('-').map(Number) as [number, number]
  return fromLocal(year, m, d + 1)
}

/** This year's collections, with the roster's ones opened first if the year does not have them yet. */
export async function yearCollections(
  tx: Store,
  o: { roster: Roster; units: readonly UnitRecord[]; now: Date },
): Promise<CollectionRecord[]> {
  const year = toLocal(o.now).year
  const have = await collectionsOfYear(tx, year)
  const missing = o.roster.collections.filter((c) => !have.some((h) => h.name === c.name))
  if (missing.length === 0) return have
  for (const c of missing) {
    await createCollection(tx, {
      year,
      name: c.name,
      dueAt: rosterDue(c, o.roster, year),
      accepts: c.accepts,
      source: 'roster',
      createdBy: messages.record('roster'),
      now: o.now,
      unitIds: o.units.map((u) => u.id),
    })
  }
  return collectionsOfYear(tx, year)
}

export function unitStatus(c: CollectionRecord, unitId: number): UnitStatus {
  const first = c.answers.find((a) => a.unitId === unitId)
  if (!first) return 'missing'
  return first.createdAt.getTime() < c.dueAt.getTime() ? 'on_time' : 'late'
}

export const versionsOf = (c: CollectionRecord, unitId: number) =>
  c.answers.filter((a) => a.unitId === unitId).length

/** The collections a unit may answer now: those not yet due, and past ones it has not answered. */
export function answerable(all: readonly CollectionRecord[], unitId: number, now: Date): CollectionRecord[] {
  return all.filter(
    (c) =>
      c.unitIds.includes(unitId) &&
      (c.dueAt.getTime() > now.getTime() || unitStatus(c, unitId) === 'missing'),
  )
}

/** The collection a name (a command's argument, or a file's name) names. */
export function named(all: readonly CollectionRecord[], text: string): CollectionRecord | undefined {
  const key = nameKey(text)
  return all.find((c) => nameKey(c.name) === key) ?? all.find((c) => key.includes(nameKey(c.name)))
}

export const acceptsLabel = (accepts: readonly string[]) =>
  accepts.filter((k) => k !== 'text').join('、') || messages.label('collection_none')

export const sizeLabel = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.max(1, Math.ceil(bytes / 1024))} KB`

export type FileCheck = { ok: true; type: string } | { ok: false; problem: string }

/** A file is taken when within the size limit and its content is one of the collection's types. */
export function checkFile(
  c: CollectionRecord,
  name: string,
  bytes: Uint8Array,
  maxMb: number,
  /** The file's size, when its bytes were not loaded (too big for the receiver). */
  size = bytes.length,
): FileCheck {
  const type = checkDocument(name, bytes, maxMb, c.accepts, size)
  if (typeof type !== 'object') return { ok: true, type }
  if (type.problem !== 'bad_type') return type
  return {
    ok: false,
    problem: messages.collectionProblem('bad_type', {
      file: name,
      name: c.name,
      accepts: acceptsLabel(c.accepts),
    }),
  }
}

/** A size over the limit, refused before the bytes are read: the one sentence that says so. */
export const tooBig = (name: string, size: number, maxMb: number) =>
  messages.collectionProblem('too_big', { file: name, size: sizeLabel(size), max: maxMb })

export const overLimit = (size: number, maxMb: number) => size > maxMb * MB

/**
 * The file's type by content when within the size limit and of an accepted kind; else the too-big
 * sentence, or `bad_type` for the caller to word.
 */
export function checkDocument(
  name: string,
  bytes: Uint8Array,
  maxMb: number,
  accepts: readonly string[],
  size = bytes.length,
): string | { ok: false; problem: string } {
  if (overLimit(size, maxMb)) return { ok: false, problem: tooBig(name, size, maxMb) }
  const type = fileTypeOf(bytes)
  const kinds = type ? answerKindsOf(type) : []
  if (!type || !kinds.some((k) => accepts.includes(k as AnswerKind)))
    return { ok: false, problem: 'bad_type' }
  return type
}

export interface Answerer {
  unit: UnitRecord
  byName: string
  byPersonId: number | null
  inboundId: number | null
  now: Date
}

/** Stores a checked file under data/files/ and records it as the unit's next version; the reply. */
export async function answerWithFile(
  tx: Tx,
  c: CollectionRecord,
  file: { name: string; bytes: Uint8Array; type: string },
  who: Answerer,
): Promise<string> {
  const sha256 = storeFile(filesDirOf(databaseFile(tx)), file.bytes)
  const version = await addAnswer(tx, c.id, {
    unitId: who.unit.id,
    kind: 'file',
    text: null,
    fileName: file.name,
    fileSize: file.bytes.length,
    fileType: file.type,
    sha256,
    byName: who.byName,
    byPersonId: who.byPersonId,
    inboundId: who.inboundId,
    createdAt: who.now,
  })
  const what = messages.label('collection_file', { file: file.name, size: sizeLabel(file.bytes.length) })
  return received(c, who, what, version)
}

export async function answerWithText(
  tx: Tx,
  c: CollectionRecord,
  text: string,
  who: Answerer,
): Promise<string> {
  const version = await addAnswer(tx, c.id, {
    unitId: who.unit.id,
    kind: 'text',
    text,
    fileName: null,
    fileSize: null,
    fileType: null,
    sha256: null,
    byName: who.byName,
    byPersonId: who.byPersonId,
    inboundId: who.inboundId,
    createdAt: who.now,
  })
  return received(c, who, messages.label('collection_text', { length: text.length }), version)
}

function received(c: CollectionRecord, who: Answerer, what: string, version: number): string {
  const late = unitStatusAfter(c, who) === 'late' ? messages.label('collection_late') : ''
  return messages.collectionReceived({ unit: who.unit.name, name: c.name, what, version, late })
}

/** The status the unit has once this answer is in (its first answer decides). */
function unitStatusAfter(c: CollectionRecord, who: Answerer): UnitStatus {
  const before = unitStatus(c, who.unit.id)
  if (before !== 'missing') return before
  return who.now.getTime() < c.dueAt.getTime() ? 'on_time' : 'late'
}

/** 进度 名称: who has answered (when, on time or late, how many versions) and who has not. */
export function progressText(c: CollectionRecord, units: readonly UnitRecord[], now: Date): string {
  const owing = units.filter((u) => c.unitIds.includes(u.id))
  const done: string[] = []
  const missing: string[] = []
  for (const unit of owing) {
    const status = unitStatus(c, unit.id)
    if (status === 'missing') {
      missing.push(unit.name)
      continue
    }
    const first = c.answers.find((a) => a.unitId === unit.id)
    const l = toLocal(first?.createdAt ?? now)
    done.push(
      messages.label('collection_done_item', {
        unit: unit.name,
        day: dateLabel(l),
        late: status === 'late' ? messages.label('collection_late') : '',
        versions: versionsOf(c, unit.id),
      }),
    )
  }
  return messages.collectionProgress({
    name: c.name,
    due: dueDayLabel(c.dueAt, now),
    doneCount: done.length,
    total: owing.length,
    done: done.join('、') || messages.label('collection_none'),
    missingCount: missing.length,
    missing: missing.join('、') || messages.label('collection_all_done'),
  })
}

/** A collection reminder rule: days before the collection's last day, at an hour (local time). */
export interface ReminderRule {
  before: number
  hour: number
}

/**
 * The reminders of a run that covers these roster slots (a run on a Friday covers the weekend's
 * too): for each collection with a reminder slot among them, one group message mentioning the
 * liaisons of the units still missing (none when all have answered), worded by how near the last
 * day is; when the last rule's slot (the deadline day's last) is covered, the office is told
 * privately too.
 */
export function collectionReminders(
  all: readonly CollectionRecord[],
  o: {
    units: readonly UnitRecord[]
    people: readonly PersonRecord[]
    roomTopic: string
    /** When the run fires. */
    now: Date
    covers: readonly Date[]
    rules: readonly ReminderRule[]
  },
): OutboundDraft[] {
  const covered = new Set(o.covers.map((d) => d.getTime()))
  const drafts: OutboundDraft[] = []
  const last = o.rules.at(-1)
  for (const c of all) {
    const end = toLocal(new Date(c.dueAt.getTime() - 1))
    const slotOf = (r: ReminderRule) => fromLocal(end.year, end.month, end.day - r.before, r.hour).getTime()
    const hits = o.rules.filter((r) => covered.has(slotOf(r)))
    if (hits.length === 0) continue
    const missing = o.units.filter((u) => c.unitIds.includes(u.id) && unitStatus(c, u.id) === 'missing')
    if (missing.length === 0) continue
    const left = dayNumber(new Date(c.dueAt.getTime() - 1)) - dayNumber(o.now)
    const date = dueDayLabel(c.dueAt, o.now)
    const names = missing.map((u) => u.name).join('、')
    const when = left <= 0 ? 'today' : left === 1 ? 'tomorrow' : 'later'
    drafts.push({
      to: { chat: 'room', roomTopic: o.roomTopic },
      text: messages.collectionReminder({
        name: c.name,
        deadline: messages.collectionDeadline(when, { date }),
        count: missing.length,
        missing: names,
      }),
      mentions: missing.flatMap((u) => liaisonsOf(o.people, u.id).map(mentionOf)),
    })
    if (last && hits.includes(last)) {
      const v = { name: c.name, count: missing.length, missing: names }
      const text =
        left <= 0
          ? messages.collectionReminderOffice(v)
          : messages.collectionReminderOfficeEarly({ ...v, date })
      for (const p of o.people) if (p.role === 'office' && p.contactId) drafts.push(privately(p, text))
    }
  }
  return drafts
}

const dayNumber = (at: Date) => {
  const l = toLocal(at)
  return Date.UTC(l.year, l.month - 1, l.day) / 86_400_000
}

/** What each unit owed in the year's collections, as the assessment reads them. */
export async function documentRowsOf(
  tx: Store,
  year: number,
  o: { roster: Roster; units: readonly UnitRecord[]; now: Date },
): Promise<DocumentRow[]> {
  const all = toLocal(o.now).year === year ? await yearCollections(tx, o) : await collectionsOfYear(tx, year)
  return all.flatMap((c) =>
    o.units
      .filter((u) => c.unitIds.includes(u.id))
      .map((u) => ({
        unitKey: u.key,
        name: c.name,
        dueAt: c.dueAt.getTime(),
        firstAnswerAt: c.answers.find((a) => a.unitId === u.id)?.createdAt.getTime() ?? null,
      })),
  )
}
