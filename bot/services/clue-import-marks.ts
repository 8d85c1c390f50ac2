// A file from the command line goes in chunk by chunk, and its units hear of it once, at the end.
// Should the import stop between chunks (a crash, Ctrl-C, a chunk that failed), the clues already
// in would never be announced, and importing the file again would take them for duplicates. So an
// import of several chunks marks itself begun in its first chunk's transaction and finished in its
// last. The next import sends the notices of a mark whose process is gone, and `cli status` names
// such a mark.
import { hostname } from 'node:os'
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import { openCluesImportedAt } from '../store/clues.ts'
import { type Db, type Store, type Tx, writeTransaction } from '../store/db.ts'
import { insertOutbound } from '../store/outbound.ts'
import type { PersonRecord } from '../store/people.ts'
import { processAlive } from '../store/run-lock.ts'
import {
  CLUE_IMPORT_PREFIX,
  deleteState,
  readStateEntriesFrom,
  readStateEntry,
  type StateEntry,
  writeState,
} from '../store/service-state.ts'
import type { UnitRecord } from '../store/units.ts'
import { ClueTally, importNotices } from './clue-notices.ts'

/** An import begun: its clues carry its instant (`startedAt`). */
export interface ImportMark {
  key: string
  fileName: string
  startedAt: Date
  pid: number
  host: string
}

/** The mark of an import this process begins now, at `startedAt`. */
export function newImportMark(fileName: string, startedAt: Date): ImportMark {
  return {
    key: `${CLUE_IMPORT_PREFIX}${startedAt.toISOString()}:${process.pid}`,
    fileName,
    startedAt,
    pid: process.pid,
    host: hostname(),
  }
}

export async function markImportBegun(tx: Tx, mark: ImportMark): Promise<void> {
  const { fileName, pid, host } = mark
  await writeState(tx, mark.key, JSON.stringify({ fileName, pid, host }), mark.startedAt)
}

export async function markImportFinished(tx: Tx, mark: ImportMark): Promise<void> {
  await deleteState(tx, mark.key)
}

function markOf(entry: StateEntry): ImportMark | undefined {
  try {
    const v = JSON.parse(entry.value) as { fileName?: unknown; pid?: unknown; host?: unknown }
    if (typeof v.fileName !== 'string' || typeof v.pid !== 'number' || typeof v.host !== 'string')
      return undefined
    return { key: entry.key, fileName: v.fileName, startedAt: entry.updatedAt, pid: v.pid, host: v.host }
  } catch {
    // Not a mark this version wrote: left as it is.
    return undefined
  }
}

/** Whether the process that began the import has gone: known only on the machine it ran on. */
export type MarkState = 'interrupted' | 'running' | 'elsewhere'

export function markState(mark: ImportMark): MarkState {
  if (mark.host !== hostname()) return 'elsewhere'
  return processAlive(mark.pid) ? 'running' : 'interrupted'
}

/** The imports begun and not finished, oldest first. */
export async function unfinishedImports(db: Store): Promise<ImportMark[]> {
  const marks = (await readStateEntriesFrom(db, CLUE_IMPORT_PREFIX)).map(markOf)
  return marks.filter((m): m is ImportMark => m !== undefined)
}

/** What finishing an interrupted import sent. */
export interface FinishedImport {
  fileName: string
  startedAt: Date
  /** Its clues still open. */
  clues: number
  outbound: number
}

/**
 * Sends the notices of each import whose process has gone: the units hear of its clues still open
 * (a line says they come late), the office of those waiting for it. Each in one transaction that
 * also removes the mark, so they are sent once.
 */
export async function finishInterruptedImports(
  db: Db,
  o: { now: Date; actor: string; units: UnitRecord[]; people: PersonRecord[]; roomTopic: string },
): Promise<FinishedImport[]> {
  const finished: FinishedImport[] = []
  for (const mark of await unfinishedImports(db)) {
    if (markState(mark) !== 'interrupted') continue
    const done = await writeTransaction(
      db,
      async (tx) => {
        // Another import may have finished it meanwhile.
        if (!(await readStateEntry(tx, mark.key))) return undefined
        const tally = new ClueTally()
        let clues = 0
        for await (const page of openCluesImportedAt(tx, mark.startedAt)) {
          for (const c of page) tally.add(c)
          clues += page.length
        }
        const note = messages.word('clue_late_note', {
          at: dateLabel(toLocal(mark.startedAt), { time: ' ' }),
        })
        const outbound = (
          await insertOutbound(tx, await importNotices(tx, tally, { ...o, note }), o.now, null)
        ).length
        await markImportFinished(tx, mark)
        return { fileName: mark.fileName, startedAt: mark.startedAt, clues, outbound }
      },
      { timeout: 120_000 },
    )
    if (done) finished.push(done)
  }
  return finished
}
