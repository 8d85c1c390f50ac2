// The scale bench's bulletins, on one engine's seeded record (a child of run.ts):
//   city     通报 全市's path: cityBulletinFigures over the counties' stores, then
//            renderCityBulletin (the chat text and the workbook), against the hand-written
//            aggregate run on every county (scale-aggregate.ts; its numbers checked equal).
//   county   one county's bulletin and the year's assessment (bench/bulletin.ts's compile) over
//            its years of history, against the same on a county holding one year (today's
//            bulletin bench's workload), on the same engine.
// Runs alternate (city, its SQL, county, one-year county), so that all four see the same load.
import '../bot/chat/quiet.ts'
import { loadRoster } from '../bot/config.ts'
import { targetLabels } from '../bot/domain/bulletin/figures.ts'
import { cityBulletinFigures, renderCityBulletin } from '../bot/services/city-bulletin.ts'
import type { SubOffice } from '../bot/services/sub-office.ts'
import { closeDatabase, type Db, openDatabase } from '../bot/store/db.ts'
import { AS_OF, compile, PERIOD } from './bulletin.ts'
import { type ChildResult, cpuSeconds, median, now, PeakMemory, round } from './common.ts'
import { type CountyNumbers, countyAggregate } from './scale-aggregate.ts'
import {
  type Engine,
  officeUrl,
  type ScaleSetup,
  scaleOffices,
  todayKey,
  todayRosterFile,
} from './scale-offices.ts'

/** Times `fn`: wall milliseconds and CPU seconds. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuS: number; value: T }> {
  const c0 = cpuSeconds()
  const t0 = now()
  const value = await fn()
  return { ms: now() - t0, cpuS: cpuSeconds() - c0, value }
}

type CityRun = Awaited<ReturnType<typeof cityBulletinFigures>>

/** The city bulletin's numbers of each county, as the SQL gives them; throws on the first that differs. */
function checkEqual(city: CityRun, sql: CountyNumbers[], labels: readonly string[]): number {
  let checked = 0
  const differs: string[] = []
  city.counties.forEach((c, i) => {
    const row = city.figures.counties.find((r) => r.row.office.key === c.office.key)?.row
    const want = sql[i] as CountyNumbers
    const got: Record<string, number | null | undefined> = {
      reported: row?.reported,
      total: row?.total,
      pushed: row?.clues.pushed,
      closed: row?.clues.closed,
      openOverdue: row?.clues.openOverdue,
    }
    for (const [k, v] of Object.entries(got)) {
      checked++
      if (v !== want[k as keyof CountyNumbers])
        differs.push(`${c.office.key} ${k}: ${v} ≠ ${want[k as keyof CountyNumbers]}`)
    }
    for (const label of labels) {
      checked++
      const v = c.cityYtd[label]?.value ?? 0
      const w = want.sums[label] ?? 0
      if (Math.abs(v - w) > 1e-6 * Math.max(1, Math.abs(w)))
        differs.push(`${c.office.key} ${label}: ${v} ≠ ${w}`)
    }
  })
  if (differs.length) throw new Error(`city bulletin and SQL differ:\n${differs.slice(0, 10).join('\n')}`)
  return checked
}

export async function scaleBulletin(s: ScaleSetup, engine: Engine): Promise<ChildResult> {
  const mem = new PeakMemory()
  const [city, ...counties] = scaleOffices(s)
  if (!city || counties.length === 0) throw new Error('scale: no counties')
  const subOffices: SubOffice[] = []
  for (const c of counties)
    subOffices.push({
      office: c.office,
      roster: c.roster,
      db: await openDatabase(officeUrl(s, engine, c.office.key)),
      roomTopic: c.roomTopic,
      onOutbound: () => undefined,
    })
  const aggregate = await countyAggregate(
    engine,
    counties.map((c) => officeUrl(s, engine, c.office.key)),
  )
  const county = subOffices[0] as SubOffice
  const todayRoster = loadRoster(todayRosterFile(s))
  const today: Db = await openDatabase(officeUrl(s, engine, todayKey(s)))
  const compileCounty = compile(county.roster)
  const compileToday = compile(todayRoster)

  const times = {
    city: [] as number[],
    cityFigures: [] as number[],
    sql: [] as number[],
    county: [] as number[],
    today: [] as number[],
  }
  const cpu = { city: [] as number[], sql: [] as number[], county: [] as number[], today: [] as number[] }
  let last:
    | {
        city: CityRun
        sql: CountyNumbers[]
        text: number
        county: Awaited<ReturnType<typeof compileCounty>>
        today: Awaited<ReturnType<typeof compileToday>>
      }
    | undefined
  for (let i = 0; i < s.runs; i++) {
    let figuresMs = 0
    const c = await timed(async () => {
      const t0 = now()
      const run = await cityBulletinFigures(subOffices, { period: PERIOD, now: AS_OF, roster: city.roster })
      figuresMs = now() - t0
      const rendered = await renderCityBulletin(run.figures, run.counties)
      return { run, rendered }
    })
    const q = await timed(() => aggregate.run())
    const k = await timed(() => compileCounty(county.db))
    const t = await timed(() => compileToday(today))
    times.city.push(c.ms)
    times.cityFigures.push(figuresMs)
    times.sql.push(q.ms)
    times.county.push(k.ms)
    times.today.push(t.ms)
    cpu.city.push(c.cpuS)
    cpu.sql.push(q.cpuS)
    cpu.county.push(k.cpuS)
    cpu.today.push(t.cpuS)
    last = {
      city: c.value.run,
      sql: q.value,
      text: c.value.rendered.text.length,
      county: k.value,
      today: t.value,
    }
    process.stderr.write(
      `  ${engine} run ${i + 1}/${s.runs}: city ${round(c.ms, 0)} ms, SQL ${round(q.ms, 0)} ms, county ${round(k.ms, 0)} ms, one-year ${round(t.ms, 0)} ms\n`,
    )
  }
  if (!last) throw new Error('scale: no runs')
  const checked = checkEqual(last.city, last.sql, targetLabels(city.roster.targets))
  await aggregate.close()
  for (const o of subOffices) await closeDatabase(o.db as Db)
  await closeDatabase(today)
  const ms = (v: number[]) => ({ value: round(median(v), 2), unit: 'ms' })
  const med = (v: number[]) => round(median(v), 3)
  return {
    bench: 'scale-bulletin',
    variant: 'bot',
    metrics: {
      city: ms(times.city),
      citySql: ms(times.sql),
      county: ms(times.county),
      today: ms(times.today),
    },
    peakRssMb: round(mem.stop(), 1),
    notes: {
      engine,
      runs: s.runs,
      checked,
      cityFiguresMs: round(median(times.cityFigures), 1),
      cityFirstRunMs: round(times.city[0] as number, 1),
      cityTextChars: last.text,
      cpuS: { city: med(cpu.city), sql: med(cpu.sql), county: med(cpu.county), today: med(cpu.today) },
      countyLoadMs: round(last.county.loadMs, 1),
      todayLoadMs: round(last.today.loadMs, 1),
      countyClues: last.county.figures.clueFigures.total.pushed,
      todayClues: last.today.figures.clueFigures.total.pushed,
    },
  }
}
