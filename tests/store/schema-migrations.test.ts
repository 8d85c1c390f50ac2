// The migrations and schema.prisma describe the same database: a fresh database migrated the way the
// bot migrates it (store/migrate.ts) has exactly the tables, columns and indexes that Prisma would
// create from the schema alone. Catches a schema edit without its migration, and a migration that
// drifted from the schema.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { applyMigrations } from '../../bot/store/migrate.ts'

const dir = mkdtempSync(join(tmpdir(), 'fzbot-schema-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** What Prisma would create from prisma/schema.prisma on an empty database. */
function schemaScript(): string {
  const node = process.execPath
  return execFileSync(
    'npx',
    [
      'prisma',
      'migrate',
      'diff',
      '--from-empty',
      '--to-schema-datamodel',
      'prisma/schema.prisma',
      '--script',
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: node,
        PRISMA_QUERY_ENGINE_LIBRARY: node,
        DATABASE_URL: `file:${join(dir, 'cli.db')}`,
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
}

/** Every table's columns (name, type, not null, default, primary key), foreign keys and every index's definition. */
function shape(db: Database.Database) {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
       AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
    )
    .all() as { name: string }[]
  return tables.map(({ name }) => ({
    table: name,
    // By name: a migration's ADD COLUMN puts the column last, wherever the schema lists it.
    columns: (db.pragma(`table_info("${name}")`) as { name: string; cid?: number }[])
      .map(({ cid: _position, ...column }) => column)
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: db.pragma(`foreign_key_list("${name}")`),
    indexes: (
      db
        .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .all(name) as {
        sql: string
      }[]
    )
      .map((i) => i.sql)
      .sort(),
  }))
}

describe('the schema and its migrations', () => {
  it('a database built by the migrations is the one schema.prisma describes', () => {
    const fromSchema = new Database(join(dir, 'schema.db'))
    fromSchema.exec(schemaScript())
    const fromMigrations = new Database(join(dir, 'migrations.db'))
    applyMigrations(fromMigrations)
    expect(shape(fromMigrations)).toEqual(shape(fromSchema))
    fromSchema.close()
    fromMigrations.close()
  }, 60_000)
})
