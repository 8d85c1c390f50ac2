// Setup file: drops the PostgreSQL schemas the test file's databases were made in (and their
// stand-in folders in ./data) once the file is done.
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import pg from 'pg'
import { afterAll } from 'vitest'
import { databasePath } from '../../bot/store/db.ts'
import { createdSchemas, TEST_POSTGRES_URL } from './database.ts'

afterAll(async () => {
  const schemas = createdSchemas.splice(0)
  if (schemas.length === 0) return
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL })
  await client.connect()
  try {
    // With several offices a test's schema t_… is also the prefix of each office's (t_…_<key>).
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY($1) OR nspname LIKE ANY($2)`,
      [schemas, schemas.map((s) => `${s}\\_%`)],
    )
    for (const { name } of rows) {
      await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)
      rmSync(dirname(databasePath(`${TEST_POSTGRES_URL}?schema=${name}`)), { recursive: true, force: true })
    }
  } finally {
    await client.end()
  }
})
