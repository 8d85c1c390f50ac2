// Not on the hot path: runs when a database is opened.
// Applies each engine's migrations in order (SQLite: prisma/migrations; PostgreSQL:
// prisma/postgresql/migrations, per schema), recording them in Prisma's own _prisma_migrations
// table, so `prisma migrate deploy` and this agree on what is applied.
// Done in-process because spawning the Prisma CLI for every fresh test database is slow.
import { createHash, randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type pg from 'pg'

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'prisma', 'migrations')
export const POSTGRES_MIGRATIONS_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  'prisma',
  'postgresql',
  'migrations',
)

/** The migrations in `dir`, in the order they apply. */
function migrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
}

const checksumOf = (sql: string) => createHash('sha256').update(sql).digest('hex')

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
  const done: string[] = []
  for (const name of migrationNames(dir)) {
    if (applied.has(name)) continue
    const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
    const checksum = checksumOf(sql)
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

/**
 * PostgreSQL: creates `schema` if need be and applies what it lacks, each migration in a
 * transaction of its own; an advisory lock keeps two processes from migrating one schema at once.
 * `conn`'s search_path is the schema.
 */
export async function applyPostgresMigrations(
  conn: pg.ClientBase,
  schema: string,
  dir = POSTGRES_MIGRATIONS_DIR,
): Promise<string[]> {
  const lock = `fzbot-migrate:${schema}`
  await conn.query('SELECT pg_advisory_lock(hashtext($1))', [lock])
  try {
    await conn.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`)
    await conn.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`)
    const { rows } = await conn.query<{ name: string }>(
      'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
    )
    const applied = new Set(rows.map((r) => r.name))
    const done: string[] = []
    for (const name of migrationNames(dir)) {
      if (applied.has(name)) continue
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8')
      await conn.query('BEGIN')
      try {
        await conn.query(sql)
        await conn.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksumOf(sql), name],
        )
        await conn.query('COMMIT')
      } catch (error) {
        await conn.query('ROLLBACK')
        throw error
      }
      done.push(name)
    }
    return done
  } finally {
    await conn.query('SELECT pg_advisory_unlock(hashtext($1))', [lock])
  }
}
