// The city-scale record, written once per engine: per county, its units and liaisons (through the
// store's own functions), then years of monthly reports (3 revisions each, a few unit-months
// missing) and its clues spread over the years with their histories, in bulk: prepared statements
// in one transaction on SQLite, UNNEST'ed arrays (20,000 rows a statement) on PostgreSQL.
import '../bot/chat/quiet.ts'
import Database from 'better-sqlite3'
import pg from 'pg'
import { loadRoster } from '../bot/config.ts'
import { fromLocal, periodOf } from '../bot/domain/period.ts'
import { formOf } from '../bot/domain/roster.ts'
import { closeDatabase, databasePath, openDatabase } from '../bot/store/db.ts'
import { bindPerson } from '../bot/store/people.ts'
import { postgresTarget } from '../bot/store/postgresql.ts'
import { listUnits, seedUnitsIfEmpty } from '../bot/store/units.ts'
import { AS_OF, iso, monthReports, YEAR } from './bulletin.ts'
import { clueGenerator, rng } from './clue-data.ts'
import { type ChildResult, now, PeakMemory, round } from './common.ts'
import {
  countyKey,
  countyName,
  countyPeople,
  type Engine,
  officeUrl,
  rosterFile,
  type ScaleSetup,
  todayKey,
  todayRosterFile,
} from './scale-offices.ts'

const HOUR = 3600_000
type Type = 'int' | 'text' | 'ts'
const TABLES = {
  Submission: {
    unitId: 'int',
    period: 'text',
    revision: 'int',
    status: 'text',
    byName: 'text',
    values: 'text',
    createdAt: 'ts',
  },
  Clue: {
    id: 'int',
    code: 'text',
    year: 'int',
    seq: 'int',
    kind: 'text',
    value: 'text',
    masked: 'text',
    unitId: 'int',
    status: 'text',
    routedAt: 'ts',
    dueAt: 'ts',
    closedAt: 'ts',
    createdAt: 'ts',
  },
  ClueHistory: { clueId: 'int', at: 'ts', action: 'text', actor: 'text', detail: 'text' },
} satisfies Record<string, Record<string, Type>>
type Table = keyof typeof TABLES
const columnsOf = (t: Table) => Object.keys(TABLES[t])

/** Where the rows go: buffered per table, written `CHUNK` at a time. */
interface Sink {
  write(table: Table, rows: unknown[][]): Promise<void>
  end(): Promise<void>
}
const CHUNK = 20_000

function sqliteSink(path: string): Sink {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  const statements = Object.fromEntries(
    (Object.keys(TABLES) as Table[]).map((t) => [
      t,
      db.prepare(
        `INSERT INTO "${t}" (${columnsOf(t)
          .map((c) => `"${c}"`)
          .join(', ')}) VALUES (${columnsOf(t)
          .map(() => '?')
          .join(', ')})`,
      ),
    ]),
  ) as Record<Table, Database.Statement>
  db.exec('BEGIN')
  return {
    async write(table, rows) {
      const st = statements[table]
      for (const row of rows) st.run(row)
    },
    async end() {
      db.exec('COMMIT')
      db.close()
    },
  }
}

async function postgresSink(url: string): Promise<Sink> {
  const { connectionString, schema } = postgresTarget(url)
  const client = new pg.Client({ connectionString })
  await client.connect()
  await client.query(`SET search_path TO "${schema}"`)
  await client.query('BEGIN')
  const sqlType = { int: 'integer', text: 'text', ts: 'timestamptz' } as const
  const text = Object.fromEntries(
    (Object.keys(TABLES) as Table[]).map((t) => {
      const types = Object.values(TABLES[t] as Record<string, Type>)
      return [
        t,
        `INSERT INTO "${t}" (${columnsOf(t)
          .map((c) => `"${c}"`)
          .join(
            ', ',
          )}) SELECT * FROM unnest(${types.map((ty, i) => `$${i + 1}::${sqlType[ty]}[]`).join(', ')})`,
      ]
    }),
  ) as Record<Table, string>
  return {
    async write(table, rows) {
      const columns = columnsOf(table).map((_, i) => rows.map((r) => r[i]))
      await client.query(text[table], columns)
    },
    async end() {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('"Clue"', 'id'), (SELECT max("id") FROM "Clue"))`,
      )
      await client.query('COMMIT')
      await client.query('ANALYZE')
      await client.end()
    },
  }
}

/**
 * Buffers rows per table and hands them to the sink a chunk at a time: every table's rows at once,
 * in TABLES' order, so that a history row never goes in before its clue.
 */
function buffered(sink: Sink) {
  const buffers = new Map((Object.keys(TABLES) as Table[]).map((t) => [t, [] as unknown[][]]))
  const counts: Record<string, number> = {}
  const flush = async () => {
    for (const [table, rows] of buffers)
      if (rows.length) {
        buffers.set(table, [])
        await sink.write(table, rows)
      }
  }
  return {
    counts,
    async add(table: Table, row: unknown[]) {
      const b = buffers.get(table) as unknown[][]
      b.push(row)
      counts[table] = (counts[table] ?? 0) + 1
      if (b.length >= CHUNK) await flush()
    },
    async end() {
      await flush()
      await sink.end()
    },
  }
}

/**
 * One county's record on `engine`: `years` years to December of YEAR, `clues` clues spread over
 * them (numbered per year, XS-YYYY-NNNN, as the bot numbers them). Returns the rows written.
 */
async function seedCounty(
  engine: Engine,
  url: string,
  o: { key: string; name: string; roster: string; years: number; clues: number; seed: number },
): Promise<Record<string, number>> {
  const roster = loadRoster(o.roster)
  const db = await openDatabase(url)
  await seedUnitsIfEmpty(db, roster.units)
  const units = await listUnits(db)
  const bound = fromLocal(YEAR - o.years, 12, 1)
  for (const p of countyPeople(o.key, o.name, units))
    await bindPerson(db, { contactId: p.id, name: p.name, role: 'liaison', unitId: p.unit.id ?? null }, bound)
  await closeDatabase(db)

  const out = buffered(engine === 'sqlite' ? sqliteSink(databasePath(url)) : await postgresSink(url))
  const r = rng(o.seed)
  const firstYear = YEAR - o.years + 1
  for (const u of units) {
    const numeric = formOf(u).filter((f) => f.kind !== 'text')
    for (let year = firstYear; year <= YEAR; year++) {
      for (let month = 1; month <= 12; month++) {
        // A few unit-months never reported: gaps in the year to date.
        if (r() < 0.03) continue
        const period = periodOf(year, month)
        for (const { revision, status, values, at } of monthReports(r, numeric, period, roster))
          await out.add('Submission', [
            u.id,
            period,
            revision,
            status,
            `${u.name}联络员`,
            JSON.stringify(values),
            iso(at),
          ])
      }
    }
  }
  const next = clueGenerator(o.seed + 1)
  const start = fromLocal(firstYear, 1, 1).getTime()
  const span = AS_OF.getTime() - start
  const unitIds = units.map((u) => u.id)
  // In order of creation, so that each year's numbers follow the order received.
  const created = Array.from({ length: o.clues }, () => start + Math.floor(r() * span)).sort((a, b) => a - b)
  const seqs = new Map<number, number>()
  for (let i = 0; i < created.length; i++) {
    const id = i + 1
    const at = new Date(created[i] as number)
    // The year as the office counts it (China Standard Time).
    const year = new Date(at.getTime() + 8 * HOUR).getUTCFullYear()
    const seq = (seqs.get(year) ?? 0) + 1
    seqs.set(year, seq)
    const routed = r() < 0.92
    const unitId = routed ? (unitIds[Math.floor(r() * unitIds.length)] as number) : null
    const due = routed ? new Date(at.getTime() + 72 * HOUR) : null
    const closedAt = routed && r() < 0.85 ? new Date(at.getTime() + (1 + Math.floor(r() * 110)) * HOUR) : null
    const closed = closedAt !== null && closedAt.getTime() <= AS_OF.getTime()
    const value = next(id)
    await out.add('Clue', [
      id,
      `XS-${year}-${String(seq).padStart(4, '0')}`,
      year,
      seq,
      'phone',
      value,
      value,
      unitId,
      closed ? 'closed' : 'open',
      routed ? iso(at) : null,
      due ? iso(due) : null,
      closed ? iso(closedAt as Date) : null,
      iso(at),
    ])
    await out.add('ClueHistory', [
      id,
      iso(at),
      routed ? 'routed' : 'created',
      '联席办',
      routed ? '分派' : '待联席办分派',
    ])
    if (routed) await out.add('ClueHistory', [id, iso(at), 'notified', '联席办', '已通知'])
    if (closed) await out.add('ClueHistory', [id, iso(closedAt as Date), 'closed', '联络员', '已核查'])
  }
  await out.end()
  return out.counts
}

/** Seeds every county of the city and the one-year county on `engine` (a child of run.ts). */
export async function seedScale(s: ScaleSetup, engine: Engine): Promise<ChildResult> {
  const mem = new PeakMemory()
  const t0 = now()
  const rows: Record<string, number> = {}
  const add = (counts: Record<string, number>) => {
    for (const [k, v] of Object.entries(counts)) rows[k] = (rows[k] ?? 0) + v
  }
  for (let i = 0; i < s.counties; i++) {
    const key = countyKey(s, i)
    add(
      await seedCounty(engine, officeUrl(s, engine, key), {
        key,
        name: countyName(i),
        roster: rosterFile(s, key),
        years: s.years,
        clues: s.cluesPerCounty,
        seed: 1000 + i,
      }),
    )
    process.stderr.write(
      `  ${engine}: county ${i + 1}/${s.counties} seeded (${round((now() - t0) / 1000, 1)} s)\n`,
    )
  }
  const cityS = (now() - t0) / 1000
  await seedCounty(engine, officeUrl(s, engine, todayKey(s)), {
    key: todayKey(s),
    name: '今日县',
    roster: todayRosterFile(s),
    years: 1,
    clues: s.todayClues,
    seed: 7,
  })
  return {
    bench: 'scale-seed',
    variant: 'bot',
    metrics: { seed: { value: round(cityS, 1), unit: 's' } },
    peakRssMb: round(mem.stop(), 1),
    notes: { engine, ...rows, todayS: round((now() - t0) / 1000 - cityS, 1) },
  }
}
