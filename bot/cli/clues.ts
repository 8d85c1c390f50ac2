// import-clues: a file of clues classified, numbered and assigned; each unit is told in the group.

import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { dateLabel } from '../../prompts/dates.ts'
import { messages } from '../../prompts/messages.ts'
import { systemClock } from '../domain/clock.ts'
import { toLocal } from '../domain/period.ts'
import { batchLabel, batchRef, buildFeedback } from '../services/clue-feedback.ts'
import { importClues } from '../services/clue-intake.ts'
import { readClueTable } from '../services/clue-table.ts'
import { CLI_TABLE_LIMITS, GROUP_TABLE_LIMITS } from '../services/table-file.ts'
import { findBatch, latestBatches } from '../store/clue-batches.ts'
import { listPeople } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { type CliCommand, noMorePositionals, onePositional, UsageError } from './command.ts'
import { progressReporter } from './progress.ts'
import { exportPath, writeExport } from './records.ts'

const t = messages.cliClues

/** The file's bytes, or a usage error naming the problem. */
function readInput(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UsageError(t('no_file', { file }))
    if (code === 'EISDIR') throw new UsageError(t('is_directory', { file }))
    if (code === 'EACCES') throw new UsageError(t('no_permission', { file }))
    throw new UsageError(t('unreadable', { file, error: (e as Error).message }))
  }
}

export const CLUE_COMMANDS: Record<string, CliCommand> = {
  'import-clues': {
    usage: t('import_usage'),
    summary: t('import_summary'),
    details: t('import_details', {
      fileMb: CLI_TABLE_LIMITS.maxFileBytes / 1024 / 1024,
      unzippedMb: CLI_TABLE_LIMITS.maxUnzippedBytes / 1024 / 1024,
      rows: CLI_TABLE_LIMITS.maxRows,
      groupMb: GROUP_TABLE_LIMITS.maxFileBytes / 1024 / 1024,
      groupRows: GROUP_TABLE_LIMITS.maxRows,
    }),
    options: { 'dry-run': { type: 'boolean' } },
    async run(db, { positionals, values }, config, roster) {
      const started = Date.now()
      const file = onePositional(positionals, t('need_file'))
      if (!/\.(csv|txt|xlsx)$/i.test(file)) throw new UsageError(t('wrong_type'))
      const table = await readClueTable(basename(file), readInput(file), CLI_TABLE_LIMITS)
      if ('error' in table) throw new UsageError(t('table_error', { file, error: table.error }))
      if (table.items.length === 0) throw new UsageError(t('no_clues', { file }))
      const units = await listUnits(db)
      const dryRun = values['dry-run'] === true
      const progress = progressReporter(table.items.length, t)
      let done = 0
      let r: Awaited<ReturnType<typeof importClues>>
      try {
        r = await importClues(db, table.items, {
          now: systemClock.now(),
          actor: t('actor'),
          roster,
          units,
          people: await listPeople(db),
          roomTopic: config.ROOM_TOPIC,
          dryRun,
          file: { fileName: basename(file), source: 'cli', header: table.header, rows: table.rows },
          onProgress(n) {
            done = n
            progress.update(n)
          },
        })
      } catch (e) {
        // Chunks before the failure are in: say what becomes of them.
        if (dryRun || done === 0) throw e
        throw new Error(t('stopped_midway', { done, rows: table.items.length, error: (e as Error).message }))
      } finally {
        progress.stop(done)
      }
      const lines = units
        .filter((u) => r.byUnit.has(u.id))
        .map((u) => t('unit_line', { unit: u.name, count: r.byUnit.get(u.id) ?? 0 }))
      const unassigned = r.byUnit.get(null) ?? 0
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      const earlier = r.finishedEarlier.map((f) =>
        t('finished_earlier', {
          file: f.fileName,
          at: dateLabel(toLocal(f.startedAt), { time: ' ' }),
          clues: f.clues,
          count: f.outbound,
        }),
      )
      return [
        ...earlier,
        dryRun
          ? t('dry_run', { file, rows: table.items.length, created: r.created })
          : t('imported', { file, rows: table.items.length, created: r.created }),
        ...lines,
        t('unassigned', { count: unassigned }),
        t('duplicates', { count: r.duplicates }),
        dryRun ? t('took', { seconds }) : t('sent_took', { count: r.outbound, seconds }),
        ...(r.batchId === undefined ? [] : [t('batch', { id: r.batchId })]),
      ].join('\n')
    },
  },
  'clues feedback': {
    usage: t('feedback_usage'),
    summary: t('feedback_summary'),
    details: t('feedback_details'),
    options: { out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 1)
      const recent = async () => (await latestBatches(db, 5)).map((b) => `  ${batchLabel(b)}`).join('\n')
      const ref = positionals[0]
      if (!ref) {
        const list = await recent()
        throw new UsageError(list ? t('need_batch', { list }) : t('no_batches'))
      }
      const batch = await findBatch(db, batchRef(ref))
      if (!batch) {
        const list = await recent()
        throw new UsageError(
          t('batch_not_found', {
            ref,
            rest: list ? t('batch_not_found_list', { list }) : t('batch_not_found_none'),
          }),
        )
      }
      const feedback = await buildFeedback(db, batch, systemClock.now())
      const target = exportPath(values, config, feedback.name)
      await writeExport(db, target, feedback.data, {
        action: 'export.feedback',
        detail: t('feedback_detail', { id: batch.id, file: batch.fileName, summary: feedback.summary }),
      })
      return t('feedback_done', { path: target.path, batch: batchLabel(batch), summary: feedback.summary })
    },
  },
}
