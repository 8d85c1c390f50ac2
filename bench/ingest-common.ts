// What both ingest variants share: the liaisons, the report messages, and the driver that says them
// through the mock puppet and times them. Imports nothing of the bot beyond the roster's types.
import type { MockWorld } from '../bot/chat/mock-world.ts'
import { formOf, type UnitDef } from '../bot/domain/roster.ts'
import { type ChildResult, cpuSeconds, now, type PeakMemory, percentile, round } from './common.ts'

export const ROOM = '县反诈联席会联络员群'
const LIAISONS_PER_UNIT = 3

export interface Person {
  id: string
  name: string
  unit: UnitDef & { id?: number }
}

export function people(units: (UnitDef & { id?: number })[]): Person[] {
  return units.flatMap((unit) =>
    Array.from({ length: LIAISONS_PER_UNIT }, (_, k) => ({
      id: `liaison-${unit.key}-${k + 1}`,
      name: `${unit.name}联络员${k + 1}`,
      unit,
    })),
  )
}

/** Message i: a report (or correction) with every required field, unique by its values. */
function report(p: Person, i: number): string {
  const lines = formOf(p.unit)
    .filter((f) => f.required)
    .map((f) => `${f.label}：${f.kind === 'money' ? `${(i % 997) + 0.5}万元` : i}`)
  return `#月报\n${lines.join('\n')}\n其他工作：第${i}条`
}

/** say() → completion, matched by text (each message's text is unique). */
export class Tracker {
  private waiting = new Map<string, (at: number) => void>()
  private done = new Map<string, number>()
  complete(text: string): void {
    const at = now()
    const w = this.waiting.get(text)
    if (w) {
      this.waiting.delete(text)
      w(at)
    } else this.done.set(text, at)
  }
  when(text: string): Promise<number> {
    const at = this.done.get(text)
    if (at !== undefined) {
      this.done.delete(text)
      return Promise.resolve(at)
    }
    return new Promise((resolve) => this.waiting.set(text, resolve))
  }
}

export interface Driver {
  world: MockWorld
  people: Person[]
  tracker: Tracker
}

/**
 * Load phase: `liaisons` (default): every liaison keeps one report in flight, saying the next as
 * soon as the last is handled — the pipeline never runs dry, and the group never holds more
 * messages than it has people. `burst`: all N are said at once (a peak-memory stress).
 */
export type LoadMode = 'liaisons' | 'burst'

export async function drive(d: Driver, n: number, warmup: number, mode: LoadMode = 'liaisons') {
  let seq = 0
  const messageOf = (i: number, p = d.people[i % d.people.length] as Person) => ({ p, text: report(p, i) })
  // Warm-up: JIT, prepared statements, caches.
  for (let k = 0; k < warmup; k++) {
    const { p, text } = messageOf(seq++)
    d.world.say(p.name, text)
    await d.tracker.when(text)
  }

  // Throughput: n messages.
  const t0 = now()
  const cpu0 = cpuSeconds()
  const end = seq + n
  if (mode === 'burst') {
    const burst = Array.from({ length: n }, () => messageOf(seq++))
    for (const m of burst) d.world.say(m.p.name, m.text)
    await Promise.all(burst.map((m) => d.tracker.when(m.text)))
  } else {
    await Promise.all(
      d.people.map(async (p) => {
        while (seq < end) {
          const { text } = messageOf(seq++, p)
          d.world.say(p.name, text)
          await d.tracker.when(text)
        }
      }),
    )
  }
  const loadMs = now() - t0
  const loadCpuMs = (cpuSeconds() - cpu0) * 1000

  // Latency: one message at a time, n of them.
  const latencies: number[] = []
  for (let k = 0; k < n; k++) {
    const { p, text } = messageOf(seq++)
    const start = now()
    d.world.say(p.name, text)
    latencies.push((await d.tracker.when(text)) - start)
  }
  latencies.sort((a, b) => a - b)
  return {
    rate: (n / loadMs) * 1000,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    loadMs,
    loadCpuMs,
    loadN: n,
    mode,
    total: seq,
  }
}

export function result(
  variant: 'bot' | 'baseline',
  r: Awaited<ReturnType<typeof drive>>,
  mem: PeakMemory,
  notes: Record<string, unknown>,
): ChildResult {
  return {
    bench: 'ingest',
    variant,
    metrics: {
      throughput: { value: round(r.rate, 1), unit: 'messages/s' },
      p50: { value: round(r.p50, 3), unit: 'ms' },
      p99: { value: round(r.p99, 3), unit: 'ms' },
      mean: { value: round(r.mean, 3), unit: 'ms' },
    },
    peakRssMb: round(mem.stop(), 1),
    notes: {
      mode: r.mode,
      loadMs: round(r.loadMs, 1),
      // CPU of the load phase (all threads), per message: steadier than wall time on a shared machine.
      loadCpuMsPerMessage: round(r.loadCpuMs / r.loadN, 3),
      messages: r.total,
      ...notes,
    },
  }
}
