// Not on the hot path. SQLite's own, like sqlite.ts: a second engine backs up its own way.
// Backups and restores of the SQLite file. A backup is VACUUM INTO: one read transaction, so it is
// a consistent snapshot while the bot keeps writing (WAL lets the writer go on), and it never
// restarts the way the page-by-page backup API does when another connection writes.

import { closeSync, existsSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import Database from 'better-sqlite3'
import { messages } from '../../prompts/messages.ts'
import { MIGRATIONS_DIR } from './migrate.ts'
import { makePrivate } from './private-files.ts'

const say = messages.cliOperations

const BUSY_TIMEOUT_MS = 5000

/** Tables a database of this bot has (the first migration's, and Prisma's migration record). */
export const REQUIRED_TABLES = [
  '_prisma_migrations',
  'Unit',
  'Person',
  'InboundMessage',
  'OutboundMessage',
  'Submission',
] as const

const HEADER = 'SQLite format 3\0'

/** Whether the file starts with the SQLite header. */
export function isSqliteFile(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(HEADER.length)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return n === HEADER.length && buf.toString('latin1') === HEADER
  } finally {
    closeSync(fd)
  }
}

/** PRAGMA integrity_check on a connection: ['ok'] when sound, else the problems found. */
function integrityOf(db: Database.Database): string[] {
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]
    return rows.map((r) => r.integrity_check)
  } catch (e) {
    return [(e as Error).message]
  }
}

export function integrityCheck(path: string): string[] {
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    return integrityOf(db)
  } catch (e) {
    return [(e as Error).message]
  } finally {
    db?.close()
  }
}

export const integrityOk = (result: string[]) => result.length === 1 && result[0] === 'ok'

/** "bot-20261118-100000.db" for a database file "bot.db" (the stamp in China Standard Time). */
export function stampedName(dbPath: string, at: Date, label?: string): string {
  const stem = basename(dbPath, extname(dbPath)) || 'bot'
  const l = new Date(at.getTime() + 8 * 3600_000).toISOString()
  const stamp = `${l.slice(0, 10).replaceAll('-', '')}-${l.slice(11, 19).replaceAll(':', '')}`
  return `${label ? `${label}-` : ''}${stem}-${stamp}.db`
}

/** A file name in `dir` not taken yet: name.db, else name-2.db, name-3.db, … */
export function freePath(dir: string, name: string): string {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  let path = join(dir, name)
  for (let i = 2; existsSync(path); i++) path = join(dir, `${stem}-${i}${ext}`)
  return path
}

/**
 * Copies a live database into `dest` (which must not exist) as one consistent snapshot, including
 * what is still in its WAL. Another process may be writing the whole time.
 */
export function snapshotDatabase(src: string, dest: string): void {
  const db = new Database(src, { readonly: true, fileMustExist: true })
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    db.prepare('VACUUM INTO ?').run(dest)
  } finally {
    db.close()
  }
  makePrivate(dest)
}

export interface BackupResult {
  path: string
  bytes: number
  integrity: string[]
  ok: boolean
  ms: number
}

/** A snapshot of the database in `dir`, opened again and checked with integrity_check. */
export function backupDatabase(dbPath: string, dir: string, at: Date, label?: string): BackupResult {
  const started = Date.now()
  const path = freePath(dir, stampedName(dbPath, at, label))
  snapshotDatabase(dbPath, path)
  const integrity = integrityCheck(path)
  return { path, bytes: statSync(path).size, integrity, ok: integrityOk(integrity), ms: Date.now() - started }
}

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export interface DatabaseInfo {
  integrity: string[]
  tables: string[]
  missingTables: string[]
  /** Migrations the file records as applied, and those of them this version does not know. */
  migrations: string[]
  unknownMigrations: string[]
  /** Migrations of this version the file does not have yet (applied after a restore). */
  pendingMigrations: string[]
  /** Rows per table, by the table's Chinese name (「单位」…). */
  counts: Record<string, number>
}

export type Inspection = { ok: true; info: DatabaseInfo } | { ok: false; problem: string }

/** The tables whose rows a restore's plan counts, with the names people read. */
const COUNTED: Record<string, string> = {
  Unit: say('table_Unit'),
  Person: say('table_Person'),
  Submission: say('table_Submission'),
  Clue: say('table_Clue'),
  InboundMessage: say('table_InboundMessage'),
  OutboundMessage: say('table_OutboundMessage'),
  AuditLog: say('table_AuditLog'),
}

export function knownMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}

/**
 * Whether a file is a sound database of this bot that this version can take: SQLite, passes
 * integrity_check, has our tables, and records no migration newer than this version knows.
 */
export function inspectDatabase(path: string): Inspection {
  let stat: ReturnType<typeof statSync>
  try {
    stat = statSync(path)
  } catch {
    // ENOENT, or a path that cannot be looked at: both read as "no such file" to the operator.
    return { ok: false, problem: say('no_such_file', { path }) }
  }
  if (!stat.isFile()) return { ok: false, problem: say('not_a_file', { path }) }
  if (!isSqliteFile(path)) return { ok: false, problem: say('not_sqlite', { path }) }
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    const integrity = integrityOf(db)
    if (!integrityOk(integrity))
      return {
        ok: false,
        problem: say('integrity_failed', { path, problems: integrity.slice(0, 5).join('；') }),
      }
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string
      }[]
    ).map((r) => r.name)
    const missingTables = REQUIRED_TABLES.filter((t) => !tables.includes(t))
    if (missingTables.length > 0)
      return { ok: false, problem: say('not_ours', { path, tables: missingTables.join('、') }) }
    const migrations = (
      db
        .prepare(
          'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY name',
        )
        .all() as { name: string }[]
    ).map((r) => r.name)
    const known = knownMigrations()
    const unknownMigrations = migrations.filter((m) => !known.includes(m))
    if (unknownMigrations.length > 0)
      return {
        ok: false,
        problem: say('newer', { path, names: unknownMigrations.join('、') }),
      }
    const counts: Record<string, number> = {}
    for (const [t, name] of Object.entries(COUNTED)) {
      if (tables.includes(t))
        counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n
    }
    return {
      ok: true,
      info: {
        integrity,
        tables,
        missingTables,
        migrations,
        unknownMigrations,
        pendingMigrations: known.filter((m) => !migrations.includes(m)),
        counts,
      },
    }
  } catch (e) {
    return { ok: false, problem: say('unreadable', { path, error: (e as Error).message }) }
  } finally {
    db?.close()
  }
}

const SIDE_FILES = ['-wal', '-shm', '-journal']

/**
 * Puts a copy of `src` in place of the database at `dbPath`: the copy is made next to it and checked
 * first, stale -wal/-shm/-journal files are removed (they belong to the old file), then it is
 * renamed over the old file. Migrations are the caller's next step.
 */
export function replaceDatabase(src: string, dbPath: string): void {
  const tmp = `${dbPath}.restoring-${process.pid}`
  rmSync(tmp, { force: true })
  try {
    snapshotDatabase(src, tmp)
    const integrity = integrityCheck(tmp)
    if (!integrityOk(integrity)) throw new Error(say('copy_failed', { problems: integrity.join('；') }))
    for (const side of SIDE_FILES) rmSync(`${dbPath}${side}`, { force: true })
    renameSync(tmp, dbPath)
  } finally {
    rmSync(tmp, { force: true })
  }
}
