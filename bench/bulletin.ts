// Benchmark 3, bulletin: the December bulletin's figures and the year's assessment compiled over a
// year of data (15 units × 12 months × 3 revisions, N clues with their histories) the way
// issueBulletin does before rendering (loadBulletinInput → compileBulletin → assessYear), against
// one hand-written SQL aggregate of the same numbers (reporting status, latest values, year-to-date
// sums, the month's clue figures per unit, timeliness, completeness and clue closure for the year).
import '../bot/chat/quiet.ts'
import { copyFileSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { loadRoster } from '../bot/config.ts'
import { assessYear } from '../bot/domain/bulletin/assessment.ts'
import { compileBulletin } from '../bot/domain/bulletin/figures.ts'
import { deadlineOf, fromLocal, periodOf, splitPeriod } from '../bot/domain/period.ts'
import { type FieldDef, formOf } from '../bot/domain/roster.ts'
import type { Roster } from '../bot/domain/roster-types.ts'
import { loadBulletinInput } from '../bot/store/bulletins.ts'
import { closeDatabase, openDatabase } from '../bot/store/db.ts'
import { bindPerson } from '../bot/store/people.ts'
import { listUnits, seedUnitsIfEmpty } from '../bot/store/units.ts'
import { clueGenerator, rng } from './clue-data.ts'
import {
  type BenchStore,
  type ChildResult,
  dropStore,
  freshStore,
  median,
  now,
  PeakMemory,
  round,
} from './common.ts'

export const YEAR = 2026
export const PERIOD = '2026-12'
/** The scheduled December bulletin: the 26th, 09:00 CST. */
export const AS_OF = fromLocal(YEAR, 12, 26, 9)
const HOUR = 3600_000
export const iso = (d: Date) => d.toISOString().replace('Z', '+00:00')

/** A year of record, written straight into SQLite (the way the bot stores it). */
async function seed(store: BenchStore, roster: Roster, clues: number): Promise<void> {
  const db = await openDatabase(store.url)
  await seedUnitsIfEmpty(db, roster.units)
  const units = await listUnits(db)
  // Two units without a liaison.
  for (const u of units.slice(0, -2)) {
    await bindPerson(
      db,
      { contactId: `liaison-${u.key}`, name: `${u.name}联络员`, role: 'liaison', unitId: u.id },
      AS_OF,
    )
  }
  await closeDatabase(db)

  const r = rng(7)
  const sql = new Database(store.dbPath)
  sql.pragma('journal_mode = WAL')
  sql.pragma('synchronous = NORMAL')
  const sub = sql.prepare(
    `INSERT INTO "Submission" ("unitId", "period", "revision", "status", "byName", "values", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const clue = sql.prepare(
    `INSERT INTO "Clue" ("code", "year", "seq", "kind", "value", "masked", "remark", "unitId", "status",
                         "routedAt", "dueAt", "closedAt", "createdAt")
     VALUES (?, ?, ?, 'phone', ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
  )
  const history = sql.prepare(
    `INSERT INTO "ClueHistory" ("clueId", "at", "action", "actor", "detail") VALUES (?, ?, ?, ?, ?)`,
  )
  sql.transaction(() => {
    for (const u of units) {
      const numeric = formOf(u).filter((f) => f.kind !== 'text')
      for (let month = 1; month <= 12; month++) {
        const period = periodOf(YEAR, month)
        for (const { revision, status, values, at } of monthReports(r, numeric, period, roster))
          sub.run(u.id, period, revision, status, `${u.name}联络员`, JSON.stringify(values), iso(at))
      }
    }
    const next = clueGenerator(11)
    const yearStart = fromLocal(YEAR, 1, 1).getTime()
    const span = AS_OF.getTime() - yearStart
    const unitIds = units.map((u) => u.id)
    for (let seq = 1; seq <= clues; seq++) {
      const created = new Date(yearStart + Math.floor(r() * span))
      const routed = r() < 0.92
      const unitId = routed ? (unitIds[Math.floor(r() * unitIds.length)] as number) : null
      const due = routed ? new Date(created.getTime() + 72 * HOUR) : null
      const closedAt =
        routed && r() < 0.85 ? new Date(created.getTime() + (1 + Math.floor(r() * 110)) * HOUR) : null
      const closed = closedAt !== null && closedAt.getTime() <= AS_OF.getTime()
      const value = next(seq)
      const { lastInsertRowid } = clue.run(
        `XS-${YEAR}-${String(seq).padStart(4, '0')}`,
        YEAR,
        seq,
        value,
        value,
        unitId,
        closed ? 'closed' : 'open',
        routed ? iso(created) : null,
        due ? iso(due) : null,
        closed ? iso(closedAt as Date) : null,
        iso(created),
      )
      const id = Number(lastInsertRowid)
      history.run(id, iso(created), routed ? 'routed' : 'created', '联席办', routed ? '分派' : '待联席办分派')
      if (routed) history.run(id, iso(created), 'notified', '联席办', '已通知')
      if (closed) history.run(id, iso(closedAt as Date), 'closed', '联络员', '已核查')
    }
  })()
  sql.close()
}

/** The bulletin's figures and the year's assessment as issueBulletin compiles them (also the scale bench's county bulletin). */
export function compile(roster: Roster) {
  return async (db: Awaited<ReturnType<typeof openDatabase>>) => {
    const t0 = now()
    const input = await loadBulletinInput(db, { period: PERIOD, asOf: AS_OF, roster })
    const loaded = now()
    const figures = compileBulletin(input)
    const assessment = assessYear({ ...input, year: YEAR, weights: roster.assessment.weights })
    const done = now()
    return { ms: done - t0, loadMs: loaded - t0, figures, assessment }
  }
}

/**
 * A fresh store holding the year of record: a copy of `seeded` (a file run.ts seeded once, in a
 * process of its own, so that both variants read the same data and neither pays for the seeding's
 * garbage), or seeded here.
 */
async function yearOfRecord(name: string, roster: Roster, clues: number): Promise<BenchStore> {
  const store = freshStore(name)
  const seeded = process.env.BENCH_BULLETIN_DB
  if (seeded) copyFileSync(seeded, store.dbPath)
  else await seed(store, roster, clues)
  return store
}

/** Seeds a database file for both variants (run.ts). */
/**
 * A unit's month as the seeders write it: the first report between the 10th and the 27th (some
 * late), then two corrections a few days apart, each with random figures for the numeric fields.
 */
export function* monthReports(r: () => number, numeric: readonly FieldDef[], period: string, roster: Roster) {
  const { year, month } = splitPeriod(period)
  const deadline = deadlineOf(period, roster.schedule.deadline_day)
  let at = fromLocal(year, month, 10 + Math.floor(r() * 18), 9 + Math.floor(r() * 8))
  const status = at.getTime() >= deadline.getTime() ? 'late' : 'on_time'
  for (let revision = 1; revision <= 3; revision++) {
    const values: Record<string, number | string> = {}
    for (const f of numeric) {
      if (!f.required && r() < 0.1) continue
      values[f.label] = f.kind === 'money' ? Math.round(r() * 500) / 10 : Math.floor(r() * 40)
    }
    values.其他工作 = `第${revision}版`
    yield { revision, status, values, at }
    at = new Date(at.getTime() + (1 + Math.floor(r() * 72)) * HOUR)
  }
}

export async function seedFile(path: string, clues: number): Promise<void> {
  await seed(
    { dir: dirname(path), dbPath: path, url: `file:${path}`, prefix: 'unused' },
    loadRoster('prisma/roster.yaml'),
    clues,
  )
}

export async function bulletinBot(clues: number, runs: number): Promise<ChildResult> {
  const roster = loadRoster('prisma/roster.yaml')
  const store = await yearOfRecord('bulletin', roster, clues)
  const mem = new PeakMemory()
  const db = await openDatabase(store.url)
  const run = compile(roster)
  const times: number[] = []
  const loads: number[] = []
  let last: Awaited<ReturnType<ReturnType<typeof compile>>> | undefined
  for (let i = 0; i < runs; i++) {
    last = await run(db)
    times.push(last.ms)
    loads.push(last.loadMs)
  }
  await closeDatabase(db)
  await dropStore(store)
  const f = last?.figures
  return {
    bench: 'bulletin',
    variant: 'bot',
    metrics: { time: { value: round(median(times), 1), unit: 'ms' } },
    peakRssMb: round(mem.stop(), 1),
    notes: {
      clues,
      runs,
      firstRunMs: round(times[0] as number, 1),
      loadMs: round(median(loads), 1),
      pushed: f?.clueFigures.total.pushed,
      closed: f?.clueFigures.total.closed,
      onTime: f?.reporting.onTime,
      late: f?.reporting.late,
      topScore: last?.assessment.rows[0]?.score,
    },
  }
}

/** The same numbers in one SQL statement: one row per unit plus a row (key NULL) for every clue. */
const AGGREGATE = `
WITH
rev AS (
  SELECT "unitId", "period", "revision", "status", "values" FROM "Submission"
  WHERE "period" BETWEEN :firstPeriod AND :period AND "createdAt" <= :asOf
),
firsts AS (SELECT "unitId", "period", "status", MIN("revision") AS "revision" FROM rev GROUP BY "unitId", "period"),
latest AS (SELECT "unitId", "period", "values", MAX("revision") AS "revision" FROM rev GROUP BY "unitId", "period"),
numeric AS (
  SELECT u."id" AS "unitId", json_extract(f.value, '$.label') AS "label"
  FROM "Unit" u, json_each(u."fields") f WHERE json_extract(f.value, '$.kind') != 'text'
),
months AS (
  SELECT f."unitId",
         SUM(f."status" = 'on_time') AS "onTime",
         SUM(f."status" = 'late') AS "late",
         SUM(NOT EXISTS (SELECT 1 FROM numeric n WHERE n."unitId" = f."unitId"
                         AND COALESCE(json_type(l."values", '$."' || n."label" || '"'), 'null') NOT IN ('integer', 'real'))) AS "complete"
  FROM firsts f JOIN latest l ON l."unitId" = f."unitId" AND l."period" = f."period"
  WHERE f."period" <= :lastAssessed
  GROUP BY f."unitId"
),
ytd AS (
  SELECT "unitId", json_group_object("label", "total") AS "sums" FROM (
    SELECT l."unitId", j.key AS "label", SUM(j.value) AS "total"
    FROM latest l, json_each(l."values") j
    WHERE j.type IN ('integer', 'real') GROUP BY l."unitId", j.key
  ) GROUP BY "unitId"
),
c AS (
  SELECT "unitId", "routedAt", "dueAt", "closedAt",
         ("status" = 'closed' AND ("closedAt" IS NULL OR "closedAt" <= :asOf)) AS "closedNow",
         ("routedAt" >= :monthStart AND "routedAt" < :monthEnd AND "routedAt" <= :asOf) AS "pushed",
         ("status" = 'closed' AND "closedAt" >= :monthStart AND "closedAt" < :monthEnd AND "closedAt" <= :asOf) AS "closedInMonth",
         ("routedAt" >= :yearStart AND "routedAt" < :yearEnd AND "routedAt" <= :asOf) AS "routedInYear",
         ("dueAt" IS NULL OR "closedAt" IS NULL OR "closedAt" <= "dueAt") AS "withinDue"
  FROM "Clue" WHERE "year" >= :lastYear
  LIMIT -1 OFFSET 0 -- a co-routine, not flattened: each flag is computed once per row
),
clues AS (
  SELECT "unitId",
         SUM("pushed") AS "pushed",
         SUM("pushed" AND "closedNow") AS "pushedClosed",
         SUM("closedInMonth") AS "closed",
         SUM("closedInMonth" AND "withinDue") AS "closedWithinDue",
         SUM(NOT "closedNow" AND "dueAt" < :asOf) AS "openOverdue",
         SUM("routedInYear") AS "routed",
         SUM("routedInYear" AND "closedNow" AND "withinDue") AS "yearWithinDue",
         SUM("routedInYear" AND "closedNow" AND NOT "withinDue") AS "yearLate",
         SUM("routedInYear" AND NOT "closedNow" AND "dueAt" < :asOf) AS "yearOverdue",
         SUM("unitId" IS NULL AND NOT "closedNow") AS "unassignedOpen"
  FROM c GROUP BY "unitId"
)
SELECT u."key", f."status", l."revision", l."values", m."onTime", m."late", m."complete", y."sums", cl.*
FROM "Unit" u
LEFT JOIN firsts f ON f."unitId" = u."id" AND f."period" = :period
LEFT JOIN latest l ON l."unitId" = u."id" AND l."period" = :period
LEFT JOIN months m ON m."unitId" = u."id"
LEFT JOIN ytd y ON y."unitId" = u."id"
LEFT JOIN clues cl ON cl."unitId" = u."id"
WHERE u."active"
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       SUM("pushed"), SUM("pushedClosed"), SUM("closed"), SUM("closedWithinDue"), SUM("openOverdue"), SUM("routed"),
       SUM("yearWithinDue"), SUM("yearLate"), SUM("yearOverdue"), SUM("unassignedOpen")
FROM clues`

export async function bulletinBaseline(clues: number, runs: number): Promise<ChildResult> {
  const roster = loadRoster('prisma/roster.yaml')
  const store = await yearOfRecord('bulletin-base', roster, clues)
  const mem = new PeakMemory()
  const sql = new Database(store.dbPath, { readonly: true })
  const params = {
    firstPeriod: periodOf(YEAR, 1),
    period: PERIOD,
    lastAssessed: PERIOD,
    asOf: iso(AS_OF),
    monthStart: iso(fromLocal(YEAR, 12, 1)),
    monthEnd: iso(fromLocal(YEAR + 1, 1, 1)),
    yearStart: iso(fromLocal(YEAR, 1, 1)),
    yearEnd: iso(fromLocal(YEAR + 1, 1, 1)),
    lastYear: YEAR - 1,
  }
  const times: number[] = []
  let rows: unknown[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = now()
    rows = sql.prepare(AGGREGATE).all(params)
    times.push(now() - t0)
  }
  sql.close()
  await dropStore(store)
  const total = rows.at(-1) as Record<string, number>
  return {
    bench: 'bulletin',
    variant: 'baseline',
    metrics: { time: { value: round(median(times), 1), unit: 'ms' } },
    peakRssMb: round(mem.stop(), 1),
    notes: {
      clues,
      runs,
      firstRunMs: round(times[0] as number, 1),
      rows: rows.length,
      pushed: total.pushed,
      closed: total.closed,
    },
  }
}
