// status, backup, restore: keeping the bot and its database running.

import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { redisStatus } from '../../jobs/queue-status.ts'
import { messages } from '../../prompts/messages.ts'
import { loadRoster } from '../config.ts'
import { type WorkCalendar, workCalendar } from '../domain/calendar.ts'
import { privateRedisDir, runningPrivateRedis, shownPath } from '../redis-local.ts'
import { collectStatus, renderStatus } from '../services/status.ts'
import { audit } from '../store/audit.ts'
import {
  backupDatabase,
  freePath,
  humanSize,
  inspectDatabase,
  replaceDatabase,
  stampedName,
} from '../store/backup.ts'
import { closeDatabase, databasePath, isPostgresUrl, migrateDatabaseFile, openDatabase } from '../store/db.ts'
import { makePrivateDir } from '../store/private-files.ts'
import { runningBots } from '../store/run-lock.ts'
import { type CliCommand, cliActor, noMorePositionals, onePositional, UsageError } from './command.ts'

const say = messages.cliOperations

/** Where backups go unless told: data/backups, next to the database. */
function backupsDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups')
}

/** A checked copy of the database before it is replaced; a raw file copy if it cannot be read. */
function safetyCopy(dbPath: string, dir: string, at: Date): string {
  try {
    const b = backupDatabase(dbPath, dir, at, 'before-restore')
    if (b.ok) return say('backup_ok', { path: b.path, size: humanSize(b.bytes) })
    rmSync(b.path, { force: true })
  } catch {
    // unreadable: copy the files as they are
  }
  const dest = freePath(dir, stampedName(dbPath, at, 'before-restore-raw'))
  copyFileSync(dbPath, dest)
  if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${dest}-wal`)
  return say('copied_as_is', { path: dest })
}

/** The roster's working-day calendar; status still reports the rest when the roster cannot be read. */
function rosterCalendar(file: string): { calendar?: WorkCalendar } {
  try {
    return { calendar: workCalendar(loadRoster(file).calendar) }
  } catch {
    // An unreadable roster: status shows what it can without the calendar (start-up names the roster's problem).
    return {}
  }
}

export const OPERATION_COMMANDS: Record<string, CliCommand> = {
  status: {
    usage: 'status',
    summary: say('status_summary'),
    details: say('status_details'),
    async run(db, { positionals }, config) {
      noMorePositionals(positionals, 0)
      const dir = privateRedisDir(config.DATABASE_URL)
      const own = await runningPrivateRedis(dir)
      const dbPath = databasePath(config.DATABASE_URL)
      const redisUrl = own?.url ?? config.REDIS_URL
      const report = await collectStatus(db, {
        redisUrl,
        ...(own ? { privateRedisDir: shownPath(dir) } : {}),
        prefix: config.REDIS_PREFIX,
        redis: redisStatus(redisUrl, config.REDIS_PREFIX),
        now: new Date(),
        runningPids: runningBots(dbPath),
        privatePaths: [dbPath, `${dbPath}-wal`, backupsDir(dbPath), join(dirname(dbPath), 'exports')],
        ...rosterCalendar(config.ROSTER_FILE),
      })
      return renderStatus(report)
    },
  },
  backup: {
    usage: say('backup_usage'),
    summary: say('backup_summary'),
    details: say('backup_details'),
    options: { out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      // VACUUM INTO and integrity_check are SQLite's: PostgreSQL has pg_dump.
      if (isPostgresUrl(config.DATABASE_URL)) return { code: 1, out: say('backup_on_postgres') }
      const dbPath = databasePath(config.DATABASE_URL)
      const out = values.out as string | undefined
      if (out !== undefined && out.trim() === '') throw new UsageError(say('out_empty'))
      const dir = out === undefined ? backupsDir(dbPath) : resolve(out)
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(say('not_a_dir', { dir }))
      makePrivateDir(dir)
      const b = backupDatabase(dbPath, dir, new Date())
      const result = b.ok
        ? say('passed')
        : say('failed_with', { problems: b.integrity.slice(0, 10).join('；') })
      await audit(db, {
        actor: cliActor(),
        action: 'backup',
        target: b.path,
        detail: say('backup_detail', {
          size: humanSize(b.bytes),
          result: b.ok ? say('passed') : say('failed'),
        }),
        at: new Date(),
      })
      const text = [
        say('backup_file', { path: b.path }),
        say('backup_size', { size: humanSize(b.bytes), bytes: b.bytes }),
        say('backup_check', { result }),
        say('took', { seconds: (b.ms / 1000).toFixed(1) }),
      ].join('\n')
      return b.ok ? text : { code: 1, out: say('backup_broken', { text }) }
    },
  },
  restore: {
    usage: say('restore_usage'),
    summary: say('restore_summary'),
    details: say('restore_details'),
    options: { yes: { type: 'boolean' }, force: { type: 'boolean' } },
    async runWithoutDb({ positionals, values }, config) {
      if (isPostgresUrl(config.DATABASE_URL)) return { code: 1, out: say('restore_on_postgres') }
      const file = onePositional(positionals, say('need_file'))
      const source = resolve(file)
      const dbPath = databasePath(config.DATABASE_URL)
      if (source === dbPath) throw new UsageError(say('same_file'))
      const inspection = inspectDatabase(source)
      if (!inspection.ok) throw new UsageError(say('unchanged', { problem: inspection.problem }))
      const { info } = inspection
      const now = new Date()
      const pids = runningBots(dbPath)
      const running = pids.length > 0
      const backupDir = backupsDir(dbPath)
      const counts = Object.entries(info.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join('，')
      const current = existsSync(dbPath)
      const plan = [
        say('plan_file', { path: source, size: humanSize(statSync(source).size) }),
        say('plan_counts', { counts }),
        say('plan_migrations', {
          last: info.migrations.at(-1) ?? say('none'),
          pending: info.pendingMigrations.length
            ? say('plan_pending', { names: info.pendingMigrations.join('、') })
            : '',
        }),
        current ? say('plan_replace', { db: dbPath, dir: backupDir }) : say('plan_place', { db: dbPath }),
      ]
      if (running) plan.push(say('plan_running', { pids: pids.join('、') }))
      if (values.yes !== true) return { code: 2, out: say('plan_confirm', { plan: plan.join('\n') }) }
      if (running && values.force !== true)
        return {
          code: 2,
          out: say('plan_refused', { plan: plan.join('\n') }),
        }

      let safety = say('no_safety')
      if (current) {
        makePrivateDir(backupDir)
        safety = safetyCopy(dbPath, backupDir, now)
      } else mkdirSync(dirname(dbPath), { recursive: true })
      replaceDatabase(source, dbPath)
      const applied = migrateDatabaseFile(dbPath)
      const db = await openDatabase(config.DATABASE_URL)
      try {
        await audit(db, {
          actor: cliActor(),
          action: 'restore',
          target: source,
          detail: say('restore_detail', {
            db: dbPath,
            safety,
            applied: applied.length ? say('restore_detail_applied', { names: applied.join('、') }) : '',
            forced: running ? say('restore_detail_forced') : '',
          }),
          at: new Date(),
        })
      } finally {
        await closeDatabase(db)
      }
      return [
        say('restored', { source, db: dbPath }),
        say('restored_safety', { safety }),
        say('restored_migrations', { names: applied.join('、') || say('up_to_date') }),
        running ? say('restart_now') : say('start_now'),
      ].join('\n')
    },
  },
}
