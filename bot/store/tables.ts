// Not on the hot path: the record's tables as a whole (counts for tests and `cli migrate`).
import { Prisma } from '../../generated/prisma/client.ts'
import { type OnEngine, sqlOf } from './sql.ts'

/** Every table of the record, one per model (no model is mapped to another name). */
export const TABLES: readonly string[] = Object.values(Prisma.ModelName)

/** Rows per table. */
export async function tableCounts(db: OnEngine, tables = TABLES): Promise<Record<string, number>> {
  const sql = sqlOf(db)
  const counts: Record<string, number> = {}
  for (const name of tables) {
    const row = await sql.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "${name}"`)
    counts[name] = Number(row?.n ?? 0)
  }
  return counts
}
