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
    for (const schema of schemas) {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      rmSync(dirname(databasePath(`${TEST_POSTGRES_URL}?schema=${schema}`)), { recursive: true, force: true })
    }
  } finally {
    await client.end()
  }
})
