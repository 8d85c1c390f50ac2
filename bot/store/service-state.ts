// Small facts about the running service, kept in SQLite so that restarts and `cli status` see them.
import type { Db } from './db.ts'

export async function readState(db: Db, key: string): Promise<string | undefined> {
  return (await db.serviceState.findUnique({ where: { key } }))?.value
}

export async function writeState(db: Db, key: string, value: string, at: Date): Promise<void> {
  await db.serviceState.upsert({
    where: { key },
    create: { key, value, updatedAt: at },
    update: { value, updatedAt: at },
  })
}
