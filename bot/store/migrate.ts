// Not on the hot path: runs when a database is opened.
// Applies prisma/migrations/*/migration.sql in order, recording them in Prisma's own
// _prisma_migrations table, so `prisma migrate deploy` and this agree on what is applied.
// Done in-process because spawning the Prisma CLI for every fresh test database is slow.
import { createHash, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'prisma', 'migrations')

export function applyMigrations(db: Database.Database, dir = MIGRATIONS_DIR): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`)
  const applied = new Set(
    db
      .prepare('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL')
      .all()
      .map((r) => (r as { name: string }).name),
  )
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  const done: string[] = []
  for (const name of names) {
    if (applied.has(name)) continue
    const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
    const checksum = createHash('sha256').update(sql).digest('hex')
    db.transaction(() => {
      db.exec(sql)
      db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES (?, ?, ?, ?, 1)`,
      ).run(randomUUID(), checksum, new Date().toISOString(), name)
    })()
    done.push(name)
  }
  return done
}
