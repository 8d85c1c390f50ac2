// `npm run bench -- --scale city` at tiny sizes, on both engines (SQLite and the PostgreSQL of
// tests/helpers/database.ts): every figure comes out as a JSON line of the documented shape, the
// city bulletin's numbers were checked equal to the SQL aggregate's, ingest and the import stored
// what they said, and the run's files and schemas are gone. No time is asserted.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Figure } from '../../bench/scale-run.ts'
import { TEST_POSTGRES_URL } from '../helpers/database.ts'

type Line = Figure & { bench: string; error?: string }

const SIZES = [
  '--counties=2',
  '--years=2',
  '--scale-clues=400',
  '--bulletin-clues=300',
  '--runs=1',
  '--messages=60',
  '--clues=120',
]

function runBench(): Promise<{ code: number | null; lines: Line[]; err: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--scale', 'city', ...SIZES], {
      env: { ...process.env, BENCH_POSTGRES_URL: TEST_POSTGRES_URL },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    proc.stdout.on('data', (d) => {
      out += d
    })
    proc.stderr.on('data', (d) => {
      err += d
    })
    proc.on('error', reject)
    proc.on('exit', (code) => {
      const lines = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Line)
      resolve({ code, lines, err })
    })
  })
}

describe('npm run bench -- --scale city (tiny sizes)', () => {
  let run: Awaited<ReturnType<typeof runBench>>
  beforeAll(async () => {
    run = await runBench()
  }, 240_000)
  const line = (metric: string, engine: string) => {
    const found = run.lines.find((l) => l.metric === metric && l.engine === engine)
    expect(found, `${metric} on ${engine}\n${run.err}`).toBeDefined()
    return found as Line
  }

  it('exits cleanly with no error line', () => {
    expect(run.lines.filter((l) => l.error !== undefined)).toEqual([])
    expect(run.code, run.err).toBe(0)
  })

  it('gives every goal figure on both engines, each against its baseline', () => {
    for (const engine of ['sqlite', 'postgresql'])
      for (const metric of ['city_bulletin', 'county_bulletin', 'ingest_throughput', 'clue_import']) {
        const l = line(metric, engine)
        expect(l.bench).toBe('scale')
        expect(l.value).toBeGreaterThan(0)
        expect(l.baseline).toBeGreaterThan(0)
        expect(l.ratio).toBeGreaterThan(0)
        expect(typeof l.goal).toBe('string')
        expect(typeof l.met).toBe('boolean')
        expect(l.unit).toBe(
          { city_bulletin: 'ms', county_bulletin: 'ms', ingest_throughput: 'messages/s', clue_import: 's' }[
            metric
          ],
        )
      }
  })

  it('checked the city bulletin against the SQL aggregate, number by number', () => {
    for (const engine of ['sqlite', 'postgresql']) {
      const notes = line('city_bulletin', engine).notes ?? {}
      // 2 counties × (reported, total, pushed, closed, overdue + the city's target labels).
      expect(notes.checked).toBeGreaterThan(2 * 5)
      expect(notes.countyClues).toBeTypeOf('number')
    }
  })

  it('ingested in every county room and imported into a county that had clues', () => {
    for (const engine of ['sqlite', 'postgresql']) {
      const ingest = line('ingest_throughput', engine).notes ?? {}
      expect(ingest.rooms).toBe(2)
      expect(ingest.handled).toBe(ingest.messages)
      const clues = line('clue_import', engine).notes ?? {}
      expect(clues.before).toBe(400)
      expect(clues.clues).toBeGreaterThan(100)
    }
  })

  it('gives the seeding time and every child’s peak RSS', () => {
    for (const engine of ['sqlite', 'postgresql']) {
      expect(line('seed', engine).notes?.Clue).toBe(2 * 400)
      for (const child of ['scale-seed', 'scale-bulletin', 'scale-ingest', 'scale-clues'])
        expect(line(`peak_rss_${child}`, engine).value).toBeGreaterThan(0)
    }
    expect(line('peak_rss_ingest', 'baseline').unit).toBe('MB')
  })

  it('leaves no folder and no schema behind', async () => {
    const m = /scale: .* \((\S+), schemas (\w+)_\*\)/.exec(run.err)
    expect(m, run.err).not.toBeNull()
    const [, dir, tag] = m as RegExpExecArray
    expect(existsSync(dir as string)).toBe(false)
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL })
    await client.connect()
    try {
      const { rows } = await client.query('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [
        `${tag}\\_%`,
      ])
      expect(rows).toEqual([])
    } finally {
      await client.end()
    }
  })
})
