// The city bulletin's baseline: one hand-written SQL statement per county giving the numbers the
// city bulletin shows of it — units reporting in the month, the year to date of each of the city's
// target labels (latest revision of each unit-month), the month's clues pushed and closed and the
// clues open past their due time (of last year and this, as the county bulletin reads them). The
// same statement in each engine's SQL, run on the county's own database (file or schema).
import Database from 'better-sqlite3'
import pg from 'pg'
import { fromLocal, periodOf } from '../bot/domain/period.ts'
import { postgresTarget } from '../bot/store/postgresql.ts'
import { AS_OF, iso, PERIOD, YEAR } from './bulletin.ts'
import type { Engine } from './scale-offices.ts'

export interface CountyNumbers {
  reported: number
  total: number
  pushed: number
  closed: number
  openOverdue: number
  /** Year to date per label (only labels some unit reported). */
  sums: Record<string, number>
}

const SQLITE = `
WITH
rev AS (
  SELECT "unitId", "period", "revision", "values" FROM "Submission"
  WHERE "period" >= @firstPeriod AND "period" <= @period AND "createdAt" <= @asOf
),
latest AS (SELECT "unitId", "values", MAX("revision") FROM rev GROUP BY "unitId", "period"),
sums AS (
  SELECT j.key AS "label", SUM(j.value) AS "total" FROM latest l, json_each(l."values") j
  WHERE j.type IN ('integer', 'real') GROUP BY j.key
),
c AS (
  SELECT
    SUM("routedAt" >= @monthStart AND "routedAt" < @monthEnd AND "routedAt" <= @asOf) AS "pushed",
    SUM("status" = 'closed' AND "closedAt" >= @monthStart AND "closedAt" < @monthEnd AND "closedAt" <= @asOf) AS "closed",
    SUM(NOT ("status" = 'closed' AND ("closedAt" IS NULL OR "closedAt" <= @asOf)) AND "dueAt" < @asOf) AS "openOverdue"
  FROM "Clue" WHERE "year" >= @lastYear AND "status" != 'withdrawn'
)
SELECT
  (SELECT COUNT(*) FROM "Unit" WHERE "active") AS "total",
  (SELECT COUNT(DISTINCT r."unitId") FROM rev r JOIN "Unit" u ON u."id" = r."unitId"
    WHERE r."period" = @period AND u."active") AS "reported",
  (SELECT json_group_object("label", "total") FROM sums) AS "sums",
  c.* FROM c`

const POSTGRESQL = `
WITH
rev AS (
  SELECT "unitId", "period", "revision", "values" FROM "Submission"
  WHERE "period" >= $1 AND "period" <= $2 AND "createdAt" <= $3
),
latest AS (
  SELECT DISTINCT ON ("unitId", "period") "values" FROM rev ORDER BY "unitId", "period", "revision" DESC
),
sums AS (
  SELECT j.key AS "label", SUM(CAST(j.value AS numeric)) AS "total"
  FROM latest l, jsonb_each(CAST(l."values" AS jsonb)) j
  WHERE jsonb_typeof(j.value) = 'number' GROUP BY j.key
),
c AS (
  SELECT
    COUNT(*) FILTER (WHERE "routedAt" >= $4 AND "routedAt" < $5 AND "routedAt" <= $3) AS "pushed",
    COUNT(*) FILTER (WHERE "status" = 'closed' AND "closedAt" >= $4 AND "closedAt" < $5 AND "closedAt" <= $3) AS "closed",
    COUNT(*) FILTER (WHERE NOT ("status" = 'closed' AND ("closedAt" IS NULL OR "closedAt" <= $3)) AND "dueAt" < $3) AS "openOverdue"
  FROM "Clue" WHERE "year" >= $6 AND "status" != 'withdrawn'
)
SELECT
  (SELECT COUNT(*) FROM "Unit" WHERE "active") AS "total",
  (SELECT COUNT(DISTINCT r."unitId") FROM rev r JOIN "Unit" u ON u."id" = r."unitId"
    WHERE r."period" = $2 AND u."active") AS "reported",
  (SELECT CAST(json_object_agg("label", "total") AS text) FROM sums) AS "sums",
  c.* FROM c`

const params = {
  firstPeriod: periodOf(YEAR, 1),
  period: PERIOD,
  asOf: iso(AS_OF),
  monthStart: iso(fromLocal(YEAR, 12, 1)),
  monthEnd: iso(fromLocal(YEAR + 1, 1, 1)),
  lastYear: YEAR - 1,
}

function numbersOf(row: Record<string, unknown>): CountyNumbers {
  return {
    reported: Number(row.reported),
    total: Number(row.total),
    pushed: Number(row.pushed ?? 0),
    closed: Number(row.closed ?? 0),
    openOverdue: Number(row.openOverdue ?? 0),
    sums: Object.fromEntries(
      Object.entries(JSON.parse(String(row.sums ?? '{}')) as Record<string, unknown>).map(([k, v]) => [
        k,
        Number(v),
      ]),
    ),
  }
}

/** Runs the statement on each county's database (`urls`); the numbers in their order. */
export interface CountyAggregate {
  run(): Promise<CountyNumbers[]>
  close(): Promise<void>
}

export async function countyAggregate(engine: Engine, urls: readonly string[]): Promise<CountyAggregate> {
  if (engine === 'sqlite') {
    const dbs = urls.map((u) => new Database(u.replace(/^file:/, ''), { readonly: true }))
    const statements = dbs.map((db) => db.prepare(SQLITE))
    return {
      run: async () => statements.map((st) => numbersOf(st.get(params) as Record<string, unknown>)),
      close: async () => {
        for (const db of dbs) db.close()
      },
    }
  }
  // One connection per schema (search_path), as the bot's pool has per office.
  const clients = await Promise.all(
    urls.map(async (u) => {
      const { connectionString, schema } = postgresTarget(u)
      const client = new pg.Client({ connectionString })
      await client.connect()
      await client.query(`SET search_path TO "${schema}"`)
      return client
    }),
  )
  const values = [
    params.firstPeriod,
    params.period,
    params.asOf,
    params.monthStart,
    params.monthEnd,
    params.lastYear,
  ]
  return {
    run: async () => {
      const out: CountyNumbers[] = []
      for (const c of clients) out.push(numbersOf((await c.query(POSTGRESQL, values)).rows[0]))
      return out
    },
    close: async () => {
      for (const c of clients) await c.end()
    },
  }
}
