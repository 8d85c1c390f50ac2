// The city-scale benchmark's deployment (`npm run bench -- --scale city`): a city and its counties,
// each county a copy of prisma/roster.yaml's units and forms under an office of its own, written as
// roster files; where each office's database is on each engine; and the clean-up of both.
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { parse, stringify } from 'yaml'
import { loadOffices, type OfficeConfig } from '../bot/config.ts'
import type { UnitDef } from '../bot/domain/roster.ts'
import { officeDatabaseUrl } from '../bot/store/office-url.ts'
import { postgresTarget } from '../bot/store/postgresql.ts'
import { type Person, people } from './ingest-common.ts'

export type Engine = 'sqlite' | 'postgresql'
export const ENGINES: readonly Engine[] = ['sqlite', 'postgresql']

/** What run.ts hands every scale child (BENCH_SCALE, as JSON). */
export interface ScaleSetup {
  /** Where the rosters and the SQLite files are. */
  dir: string
  /** Prefixes the office keys, so that the run's PostgreSQL schemas are its own. */
  tag: string
  counties: number
  years: number
  /** Clues per county, spread over the years. */
  cluesPerCounty: number
  /** Clues of the one-year county the county bulletin is compared with (today's bulletin bench). */
  todayClues: number
  runs: number
  messages: number
  importRows: number
  postgresUrl: string
}

export const CITY_NAME = '衡水市'
const COUNTY_NAMES = [
  '桃城区',
  '冀州区',
  '枣强县',
  '武邑县',
  '深州市',
  '武强县',
  '饶阳县',
  '安平县',
  '故城县',
  '景县',
]
export const countyName = (i: number) => COUNTY_NAMES[i] ?? `第${i + 1}县`
export const cityKey = (s: Pick<ScaleSetup, 'tag'>) => `${s.tag}_city`
export const countyKey = (s: Pick<ScaleSetup, 'tag'>, i: number) =>
  `${s.tag}_c${String(i + 1).padStart(2, '0')}`
/** A county with one year of record, today's bulletin workload (not part of the city). */
export const todayKey = (s: Pick<ScaleSetup, 'tag'>) => `${s.tag}_today`

export function newSetup(dir: string, sizes: Omit<ScaleSetup, 'dir' | 'tag'>): ScaleSetup {
  mkdirSync(join(dir, 'rosters'), { recursive: true })
  return { dir, tag: `fzs${randomBytes(3).toString('hex')}`, ...sizes }
}

const rosterDir = (s: ScaleSetup) => join(s.dir, 'rosters')
export const rosterFile = (s: ScaleSetup, key: string) => join(rosterDir(s), `${key}.yaml`)

/** Writes the city's roster, one per county and the one-year county's (not in the deployment's folder). */
export function writeRosters(s: ScaleSetup): void {
  const base = parse(readFileSync('prisma/roster.yaml', 'utf8'), { merge: true }) as Record<string, unknown>
  const office = (name: string, key: string, parent?: string) => ({
    key,
    name: `${name}反诈联席办`,
    aliases: [name.replace(/(市|县|区)$/, '')],
    room: `${name}反诈联席会联络员群`,
    ...(parent ? { parent } : {}),
  })
  const write = (path: string, o: object) => writeFileSync(path, stringify({ ...base, office: o }))
  write(rosterFile(s, cityKey(s)), office(CITY_NAME, cityKey(s)))
  for (let i = 0; i < s.counties; i++)
    write(rosterFile(s, countyKey(s, i)), office(countyName(i), countyKey(s, i), cityKey(s)))
  mkdirSync(join(s.dir, 'today'), { recursive: true })
  write(todayRosterFile(s), office('今日县', todayKey(s)))
}

export const todayRosterFile = (s: ScaleSetup) => join(s.dir, 'today', `${todayKey(s)}.yaml`)

/** The deployment: the city first, then its counties (config.ts checks them together). */
export function scaleOffices(s: ScaleSetup): OfficeConfig[] {
  const files = [cityKey(s), ...Array.from({ length: s.counties }, (_, i) => countyKey(s, i))]
  return loadOffices({ ROSTER_FILE: files.map((k) => rosterFile(s, k)).join(','), ROOM_TOPIC: 'unused' })
}

/** DATABASE_URL of the deployment on `engine` (each office's is derived from it, office-url.ts). */
export function baseUrl(s: ScaleSetup, engine: Engine): string {
  return engine === 'sqlite' ? `file:${join(s.dir, engine, 'bot.db')}` : s.postgresUrl
}

export const officeUrl = (s: ScaleSetup, engine: Engine, key: string) =>
  officeDatabaseUrl(baseUrl(s, engine), key, true)

/** Drops the run's PostgreSQL schemas and removes its folder. */
export async function dropScale(s: ScaleSetup): Promise<void> {
  rmSync(s.dir, { recursive: true, force: true })
  const client = new pg.Client({ connectionString: postgresTarget(s.postgresUrl).connectionString })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`,
      [`${s.tag}\\_%`],
    )
    for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`)
  } finally {
    await client.end()
  }
}

/** A county's liaisons (3 per unit, as the ingest bench's), named and numbered apart from other counties'. */
export function countyPeople(key: string, name: string, units: (UnitDef & { id?: number })[]): Person[] {
  return people(units).map((p) => ({ ...p, id: `${key}-${p.id}`, name: `${name}${p.name}` }))
}
