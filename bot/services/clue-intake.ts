// Taking in a batch of clues (from a chat message, a CSV/XLSX file or the command line):
// classify, number, route, record history, and draft one notice per unit. A large file from the
// command line goes in chunk by chunk (importClues), its notices drafted once at the end.
import { messages } from '../../prompts/messages.ts'
import { classifyClue } from '../domain/clues/classify.ts'
import { maskClue } from '../domain/clues/mask.ts'
import { routingRules } from '../domain/clues/routing.ts'
import { toLocal } from '../domain/period.ts'
import type { Roster } from '../domain/roster-types.ts'
import { asWritten, quote } from '../domain/text.ts'
import { withCheckpointsDeferred } from '../store/checkpointer.ts'
import { insertBatch, type NewBatch } from '../store/clue-batches.ts'
import { type ClueRecord, insertClues, type NewClue, nextClueSeq, openCluesByValue } from '../store/clues.ts'
import { type Db, type Store, type Tx, writeTransaction } from '../store/db.ts'
import { insertOutbound, type OutboundDraft } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'
import type { UnitRecord } from '../store/units.ts'
import {
  type FinishedImport,
  finishInterruptedImports,
  markImportBegun,
  markImportFinished,
  newImportMark,
} from './clue-import-marks.ts'
import { ClueTally, clueLines, importNotices } from './clue-notices.ts'
import type { ClueFileRows, ClueItem } from './clue-rows.ts'

export interface IntakeResult {
  created: ClueRecord[]
  /** For each item, the code of the clue it became or repeated. */
  codes: string[]
  duplicates: { raw: string; code: string }[]
  /** Notices for the units, and a summary for whoever pushed the batch. */
  notices: OutboundDraft[]
  summary: string
}

export interface IntakeOptions {
  now: Date
  actor: string
  roster: Roster
  units: UnitRecord[]
  people: PersonRecord[]
  roomTopic: string
  /** The file the items come from: its rows are recorded with the clue each became. */
  file?: ClueFile | undefined
  /** The message that pushed the items (a recall of it withdraws the clues no one acted on). */
  inboundId?: number | null
}

const given = (r: string | null | undefined): r is string => !!r && r.trim() !== ''

/** The remark read on the clue's line and the one beside it (a remark column), joined; null if neither. */
function joinRemarks(onLine: string | null | undefined, beside: string | null | undefined): string | null {
  if (given(onLine)) return given(beside) ? `${onLine}；${beside}` : onLine
  return given(beside) ? beside : null
}

/** Marks a duplicate of an earlier item of the same batch until its code is known. */
const IN_BATCH = messages.word('in_batch')

export interface IntakePlan {
  /** The clues to create, in order. */
  fresh: NewClue[]
  /** Duplicates of open clues (their code) or of an earlier item of the batch (`（本批）`). */
  duplicates: IntakeResult['duplicates']
  /** For each item: the index of its clue in `fresh`, or the code of the clue it repeats. */
  outcomes: ({ fresh: number } | { code: string })[]
}

type PlanOptions = Pick<IntakeOptions, 'now' | 'roster' | 'units'>

/** Each item read: its classification and its remark (pure: no database). */
function classifyItems(items: readonly ClueItem[], o: PlanOptions) {
  const rules = { ...routingRules(o.units, o.roster), now: o.now }
  return items.map((item) => {
    const c = classifyClue(item.raw, rules)
    // The remark as written (the classifier reads a normalized copy of the line).
    const written = c.remark ? asWritten(item.raw, c.remark) : c.remark
    return { item, c, remark: joinRemarks(written, item.remark) }
  })
}

/**
 * What taking in these items would do, writing nothing: classification, routing, duplicates of
 * open clues and within the batch. `seen` carries the batch's values across calls (a dry run in
 * chunks).
 */
export async function planIntake(
  tx: Store,
  items: ClueItem[],
  o: PlanOptions,
  seen: Map<string, string> = new Map(),
): Promise<IntakePlan> {
  return planClassified(tx, classifyItems(items, o), o, seen)
}

async function planClassified(
  tx: Store,
  classified: ReturnType<typeof classifyItems>,
  o: PlanOptions,
  seen: Map<string, string> = new Map(),
): Promise<IntakePlan> {
  const unitByKey = new Map(o.units.map((u) => [u.key, u]))
  const open = await openCluesByValue(
    tx,
    classified.map((x) => x.c.value),
  )
  const duplicates: IntakeResult['duplicates'] = []
  const fresh: NewClue[] = []
  const outcomes: IntakePlan['outcomes'] = []
  const freshByValue = new Map<string, number>()
  for (const { item, c, remark } of classified) {
    const dup = open.get(c.value) ?? seen.get(c.value)
    if (c.value && dup) {
      duplicates.push({ raw: item.raw, code: dup })
      const earlier = freshByValue.get(c.value)
      outcomes.push(dup === IN_BATCH && earlier !== undefined ? { fresh: earlier } : { code: dup })
      continue
    }
    freshByValue.set(c.value, fresh.length)
    outcomes.push({ fresh: fresh.length })
    const unit = c.unitKey ? unitByKey.get(c.unitKey) : undefined
    const value = c.value || item.raw.trim()
    fresh.push({
      kind: c.kind,
      value,
      masked: maskClue(c.kind, value),
      remark,
      unitId: unit?.id ?? null,
    })
    seen.set(c.value, IN_BATCH)
  }
  return { fresh, duplicates, outcomes }
}

/**
 * Items planned and written together (classified, looked up, numbered, inserted with their
 * history), so that what one step allocates is short-lived: a file's 100,000 items go this many at
 * a time, and V8 copies few of their objects out of the young generation.
 */
const STEP = 500

/** What one step of createClues made: its clues, each item's code, the duplicates. */
type Step = Pick<IntakeResult, 'created' | 'codes' | 'duplicates'>

/**
 * The items' clues numbered and written (with their `routed`/`created` history), STEP items at a
 * time, each step handed to `onStep`: no file, no notices. An item repeating one of an earlier
 * step finds it as an open clue.
 */
async function createClues(
  tx: Tx,
  items: ClueItem[],
  o: IntakeOptions,
  onStep: (step: Step) => void,
): Promise<void> {
  const year = toLocal(o.now).year
  let seq = await nextClueSeq(tx, year)
  let next = classifyItems(items.slice(0, STEP), o)
  for (let i = 0; i < items.length; i += STEP) {
    const { fresh, duplicates, outcomes } = await planClassified(tx, next, o)
    const inserting = insertClues(tx, fresh, {
      year,
      firstSeq: seq,
      now: o.now,
      dueMs: o.roster.schedule.clue_due_hours * 3600_000,
      actor: o.actor,
      unitNames: new Map(o.units.map((u) => [u.id, u.name])),
      inboundId: o.inboundId ?? null,
    })
    // On PostgreSQL the server writes this step while the next one is classified (the statement is
    // sent before insertClues first waits); on SQLite the rows go in a statement at a time, the
    // first now and the rest when awaited below. Either way the next step's look-up follows this
    // step's writes on the same connection.
    inserting.catch(() => undefined) // awaited below; not unhandled should classifying throw
    if (i + STEP < items.length) next = classifyItems(items.slice(i + STEP, i + 2 * STEP), o)
    const created = await inserting
    seq += created.length
    // Codes of in-batch duplicates are known only now.
    if (duplicates.some((d) => d.code === IN_BATCH)) {
      const codeByValue = new Map(created.map((c) => [c.value, c.code]))
      const rules = { ...routingRules(o.units, o.roster), now: o.now }
      for (const d of duplicates)
        if (d.code === IN_BATCH) d.code = codeByValue.get(classifyClue(d.raw, rules).value) ?? d.code
    }
    const codes = outcomes.map((x) => ('fresh' in x ? (created[x.fresh] as ClueRecord).code : x.code))
    onStep({ created, codes, duplicates })
  }
}

export async function intakeClues(tx: Tx, items: ClueItem[], o: IntakeOptions): Promise<IntakeResult> {
  const created: ClueRecord[] = []
  const codes: string[] = []
  const duplicates: IntakeResult['duplicates'] = []
  await createClues(tx, items, o, (step) => {
    created.push(...step.created)
    codes.push(...step.codes)
    duplicates.push(...step.duplicates)
  })
  if (o.file) await recordFile(tx, o.file, codes, o)

  // The office also gets the unassigned privately, each with why it could not be routed.
  const notices = await importNotices(tx, ClueTally.of(created), o)
  const byUnit = o.units
    .map((u) => [u.name, created.filter((c) => c.unitId === u.id).length] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => messages.word('unit_count', { unit: name, count: n }))
  const unassigned = created.filter((c) => c.unitId === null)
  const extra: string[] = []
  if (unassigned.length)
    extra.push(messages.clueUnassigned({ count: unassigned.length, lines: clueLines(unassigned, false, 30) }))
  if (duplicates.length) {
    const lines = duplicates.slice(0, 30).map((d) => `${quote(maskClue('unclear', d.raw), 30)} → ${d.code}`)
    extra.push(messages.clueDuplicates({ count: duplicates.length, lines: lines.join('\n') }))
  }
  const summary = messages.clueIntakeSummary({
    count: created.length,
    byUnit: byUnit.join('、') || messages.word('none'),
    extra: extra.length ? `\n${extra.join('\n')}` : '',
  })
  return { created, codes, duplicates, notices, summary }
}

/** A file's rows as read, to hand it back with results (反馈); see clue-table.ts. */
export interface ClueFile extends ClueFileRows {
  fileName: string
  source: NewBatch['source']
}

/** Records the file's rows, each with the code of the clue its item became (`codes` per item). */
async function recordFile(
  tx: Tx,
  file: ClueFile,
  codes: readonly string[],
  o: Pick<IntakeOptions, 'actor' | 'now'>,
): Promise<number> {
  return insertBatch(tx, {
    fileName: file.fileName,
    source: file.source,
    actor: o.actor,
    header: file.header,
    createdAt: o.now,
    rows: file.rows.map((r) => ({ cells: r.cells, code: r.item === null ? null : (codes[r.item] ?? null) })),
  })
}

export interface ImportOptions extends IntakeOptions {
  /** Items per transaction. */
  chunkSize?: number
  /** Plan only: classify and look for duplicates, write nothing. */
  dryRun?: boolean
  /** Called after each chunk with the number of items handled so far. */
  onProgress?: (done: number) => void
}

export interface ImportResult {
  /** Clues created (or that would be), per unit id; null for those waiting for the office. */
  byUnit: Map<number | null, number>
  created: number
  duplicates: number
  /** Outbound rows written for the notices (0 in a dry run). */
  outbound: number
  /** The batch the file's rows were recorded as (反馈), when a file was given. */
  batchId?: number
  /** Earlier imports that had stopped between chunks, whose notices were sent first. */
  finishedEarlier: FinishedImport[]
}

/**
 * Items per transaction. Each commit writes every index page its chunk touched, and the
 * `(value, status)` index is touched all over by any chunk: 10,000 rather than 5,000 writes it
 * half as often (a 100,000-row import's commits 315–327 → 212–250 ms, 157 → 143 MB written), and
 * holds the write lock ~0.2 s a chunk (a running bot's next message waits that long at most).
 */
const IMPORT_CHUNK = 10_000

/**
 * A large batch (a file from the command line), taken in chunk by chunk with one transaction each
 * so that nothing holds the database or the event loop for long. Later chunks see the clues of
 * earlier ones as open (duplicates) and numbering continues. The units hear once for the whole
 * batch: one notice per unit, written as outbound rows in the last transaction. An import of
 * several chunks is marked begun and finished (clue-import-marks.ts); the notices of an earlier
 * one that stopped in between are sent first.
 */
export async function importClues(db: Db, items: ClueItem[], o: ImportOptions): Promise<ImportResult> {
  const size = o.chunkSize ?? IMPORT_CHUNK
  const byUnit = new Map<number | null, number>()
  const count = (unitId: number | null) => byUnit.set(unitId, (byUnit.get(unitId) ?? 0) + 1)
  const seen = new Map<string, string>()
  // Of the clues created, what the notices need: per unit its count, first clues and ids; the
  // first unassigned ones and their count.
  const tally = new ClueTally()
  const codes: string[] = []
  let duplicates = 0
  let outbound = 0
  let batchId: number | undefined
  const finishedEarlier = o.dryRun ? [] : await finishInterruptedImports(db, o)
  // A single chunk goes in whole or not at all: only several need a mark.
  const mark = items.length > size ? newImportMark(o.file?.fileName ?? '', o.now) : undefined
  await withCheckpointsDeferred(db, async () => {
    for (let i = 0; i < items.length; i += size) {
      const chunk = items.slice(i, i + size)
      const last = i + size >= items.length
      if (o.dryRun) {
        const plan = await planIntake(db, chunk, o, seen)
        for (const c of plan.fresh) count(c.unitId)
        duplicates += plan.duplicates.length
      } else {
        await writeTransaction(
          db,
          async (tx) => {
            if (mark && i === 0) await markImportBegun(tx, mark)
            await createClues(tx, chunk, o, (step) => {
              for (const c of step.created) {
                count(c.unitId)
                tally.add(c)
              }
              codes.push(...step.codes)
              duplicates += step.duplicates.length
            })
            if (last) {
              if (o.file) batchId = await recordFile(tx, o.file, codes, o)
              outbound = (await insertOutbound(tx, await importNotices(tx, tally, o), o.now, null)).length
              if (mark) await markImportFinished(tx, mark)
            }
          },
          { timeout: 120_000 },
        )
      }
      o.onProgress?.(Math.min(i + size, items.length))
      // Let timers (the progress bar) and other work run between chunks.
      await new Promise((resolve) => setImmediate(resolve))
    }
  })
  const total = [...byUnit.values()].reduce((a, b) => a + b, 0)
  return {
    byUnit,
    created: total,
    duplicates,
    outbound,
    ...(batchId === undefined ? {} : { batchId }),
    finishedEarlier,
  }
}
