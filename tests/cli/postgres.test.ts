// The office's command line on a PostgreSQL database: it opens (and migrates) the office's schema,
// and the SQLite-only file operations say in Chinese what to use instead, changing nothing.
import { describe, expect, it } from 'vitest'
import { runCli } from '../../bot/cli.ts'
import { closeDatabase, openDatabase } from '../../bot/store/db.ts'
import { tableCounts } from '../../bot/store/tables.ts'
import { freshPostgresUrl } from '../helpers/database.ts'

describe('the CLI on PostgreSQL', () => {
  it('backup and restore point to pg_dump and pg_restore, and write nothing', async () => {
    const env = { ...process.env, DATABASE_URL: freshPostgresUrl() }
    const backup = await runCli(['backup'], env)
    expect(backup.code).toBe(1)
    expect(backup.out).toContain('pg_dump')
    const restore = await runCli(['restore', 'data/backups/bot-x.db', '--yes'], env)
    expect(restore.code).toBe(1)
    expect(restore.out).toContain('pg_restore')
    const db = await openDatabase(env.DATABASE_URL)
    try {
      expect((await tableCounts(db, ['AuditLog'])).AuditLog).toBe(0)
    } finally {
      await closeDatabase(db)
    }
  })
})
