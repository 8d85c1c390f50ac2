// migrate --to postgresql://…: a county's SQLite record moved into PostgreSQL (bot/store/copy.ts),
// verified by reading it back; the files kept beside the database go along.

import { cpSync, existsSync, readdirSync } from 'node:fs'
import { messages } from '../../prompts/messages.ts'
import { filesDirOf } from '../services/file-store.ts'
import { inspectDatabase } from '../store/backup.ts'
import {
  ColumnsDiffer,
  CopyMismatch,
  checkRecord,
  migrateRecord,
  type TableCheck,
  TargetNotEmpty,
} from '../store/copy.ts'
import { closeDatabase, type Db, databasePath, isPostgresUrl, openDatabase } from '../store/db.ts'
import { shownPostgresUrl } from '../store/postgresql.ts'
import { makePrivateDir } from '../store/private-files.ts'
import { runningBots } from '../store/run-lock.ts'
import { type CliCommand, cliActor, need, noMorePositionals } from './command.ts'
import { progressReporter } from './progress.ts'

const say = messages.cliMigrate

/** A connection error's text: pg's refusals of several addresses come as an AggregateError without one. */
function errorText(e: unknown): string {
  const err = e as Error & { code?: string; errors?: Error[] }
  return err.message || err.errors?.map((x) => x.message).join('；') || err.code || String(e)
}

const shortSum = (sum: string) => sum.slice(0, 12)

function checksTable(checks: readonly TableCheck[]): string {
  const rows = checks.map((c) =>
    say('row', {
      table: c.table,
      sourceRows: c.sourceRows,
      targetRows: c.targetRows,
      sum:
        c.sourceSum === c.targetSum
          ? shortSum(c.sourceSum)
          : say('sums_differ', { source: shortSum(c.sourceSum), target: shortSum(c.targetSum) }),
      ok: say(c.ok ? 'ok' : 'not_ok'),
    }),
  )
  return [say('header'), ...rows].join('\n')
}

const rowsOf = (checks: readonly TableCheck[]) => checks.reduce((n, c) => n + c.sourceRows, 0)

/** Every file under `dir` (none when it is absent). */
function filesUnder(dir: string): number {
  if (!existsSync(dir)) return 0
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as { isFile(): boolean }[]).filter((d) =>
    d.isFile(),
  ).length
}

/** The content-addressed files beside the source database, into the target's folder (kept if there). */
function copyFiles(sourceDb: string, targetUrl: string): number {
  const from = filesDirOf(sourceDb)
  if (!existsSync(from)) return 0
  const to = filesDirOf(databasePath(targetUrl))
  makePrivateDir(to)
  cpSync(from, to, { recursive: true, force: false, errorOnExist: false, preserveTimestamps: true })
  return filesUnder(from)
}

async function openTarget(to: string): Promise<Db | { code: number; out: string }> {
  try {
    return await openDatabase(to)
  } catch (e) {
    return { code: 1, out: say('unreachable', { url: shownPostgresUrl(to), error: errorText(e) }) }
  }
}

export const MIGRATE_COMMANDS: Record<string, CliCommand> = {
  migrate: {
    usage: say('usage'),
    summary: say('summary'),
    details: say('details'),
    options: { to: { type: 'string' }, check: { type: 'boolean' } },
    async runWithoutDb({ positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const to = need(values, 'to')
      if (isPostgresUrl(config.DATABASE_URL))
        return { code: 1, out: say('source_not_sqlite', { url: shownPostgresUrl(config.DATABASE_URL) }) }
      if (!isPostgresUrl(to)) return { code: 2, out: say('target_not_postgres', { to }) }
      const dbPath = databasePath(config.DATABASE_URL)
      const inspection = inspectDatabase(dbPath)
      if (!inspection.ok) return { code: 1, out: say('source_problem', { problem: inspection.problem }) }
      const check = values.check === true
      const pids = runningBots(dbPath)
      if (pids.length > 0 && !check) return { code: 1, out: say('running', { pids: pids.join('、') }) }
      const url = shownPostgresUrl(to)
      const target = await openTarget(to)
      if (!('$engine' in target)) return target
      let source: Db | undefined
      let progress: ReturnType<typeof progressReporter> | undefined
      let copied = 0
      try {
        source = await openDatabase(config.DATABASE_URL)
        if (check) {
          const checks = await checkRecord(source, target)
          const table = checksTable(checks)
          const ok = checks.every((c) => c.ok)
          const v = { url, source: dbPath, tables: checks.length, rows: rowsOf(checks), table }
          return ok ? say('checked', v) : { code: 1, out: say('check_failed', v) }
        }
        let files = 0
        const checks = await migrateRecord(source, target, {
          entry: {
            actor: cliActor(),
            action: 'migrate',
            target: url,
            detail: say('audit_detail', { source: dbPath, url }),
            at: new Date(),
          },
          onStart: (total) => {
            progress = progressReporter(total, say)
          },
          onRows: (n) => {
            copied = n
            progress?.update(n)
          },
          beforeCommit: () => {
            progress?.stop(copied)
            progress = undefined
            files = copyFiles(dbPath, to)
          },
        })
        return say('migrated', {
          url,
          source: dbPath,
          tables: checks.length,
          rows: rowsOf(checks),
          files,
          table: checksTable(checks),
        })
      } catch (e) {
        // A bar left running would keep the terminal's cursor hidden.
        progress?.stop(copied)
        if (e instanceof TargetNotEmpty)
          return {
            code: 1,
            out: say('target_not_empty', {
              url,
              counts: Object.entries(e.counts)
                .map(([t, n]) => `${t} ${n}`)
                .join('，'),
            }),
          }
        if (e instanceof ColumnsDiffer)
          return {
            code: 1,
            out: say('columns_differ', {
              table: e.table,
              source: e.source.join(','),
              target: e.target.join(','),
            }),
          }
        if (e instanceof CopyMismatch)
          return { code: 1, out: say('mismatch', { table: checksTable(e.checks) }) }
        throw e
      } finally {
        if (source) await closeDatabase(source)
        await closeDatabase(target)
      }
    },
  },
}
