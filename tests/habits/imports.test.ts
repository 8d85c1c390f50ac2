// The import graph of bot/, jobs/ and prompts/: no cycles, and arrows only downward
// (chat → commands → services → domain/store; prompts/ a leaf).
import { describe, expect, it } from 'vitest'
import { type ImportGraph, importCycles, importGraph } from './import-graph.ts'

// TODO(wt2-store): bot/store/db.ts ⇄ bot/store/sqlite.ts goes with their rewrite; the lead removes
// this entry after merging it. Nothing else may be added here.
const KNOWN_CYCLES = [['bot/store/db.ts', 'bot/store/sqlite.ts']]

/** Where files of a folder may import from (`may`: only these) or not (`mayNot`). */
const LAYERS: { from: string; may?: string[]; mayNot?: string[] }[] = [
  { from: 'bot/domain/', may: ['bot/domain/'] },
  { from: 'bot/store/', may: ['bot/store/', 'bot/domain/', 'bot/log.ts'] },
  { from: 'prompts/', may: ['prompts/'] },
  {
    from: 'bot/services/',
    mayNot: ['jobs/', 'bot/commands/', 'bot/chat/', 'bot/cli/', 'bot/pipeline.ts', 'bot/app.ts'],
  },
  { from: 'bot/commands/', mayNot: ['jobs/', 'bot/chat/', 'bot/cli/', 'bot/pipeline.ts', 'bot/app.ts'] },
]

// Arrows that run back up today, allow-listed until wt2-arrows' branch (#17.3) is merged: the
// lead empties this list then. Nothing may be added to it.
const KNOWN_UPWARD = [
  'bot/domain/bulletin/types.ts -> bot/config.ts',
  'bot/domain/phase.ts -> bot/config.ts',
  'bot/services/session.ts -> jobs/health.ts',
  'bot/services/status.ts -> jobs/health.ts',
  'bot/services/status.ts -> jobs/queues.ts',
  'bot/store/bulletins.ts -> bot/config.ts',
  'bot/store/collections.ts -> bot/config.ts',
]

function upwardImports(graph: ImportGraph): string[] {
  const out: string[] = []
  for (const [file, targets] of graph) {
    for (const layer of LAYERS) {
      if (!file.startsWith(layer.from)) continue
      for (const t of targets) {
        const allowed = layer.may ? layer.may.some((p) => t.startsWith(p)) : true
        const denied = layer.mayNot?.some((p) => t.startsWith(p)) ?? false
        if (!allowed || denied) out.push(`${file} -> ${t}`)
      }
    }
  }
  return out.sort()
}

describe('the import graph of bot/, jobs/ and prompts/', () => {
  const graph = importGraph()

  it('reads the project: every entry point and its arrows', () => {
    expect(graph.size).toBeGreaterThan(100)
    expect(graph.get('bot/main.ts')).toContain('bot/app.ts')
    expect(graph.get('bot/app.ts')).toContain('bot/pipeline.ts')
  })

  it('has no import cycle', () => {
    const cycles = importCycles(graph).filter((c) => !KNOWN_CYCLES.some((k) => k.join() === c.join()))
    expect(cycles).toEqual([])
  })

  it('has no arrow running back up but the ones being fixed', () => {
    expect(upwardImports(graph).filter((a) => !KNOWN_UPWARD.includes(a))).toEqual([])
  })

  it('allow-lists only what is still there (a fixed arrow leaves the list)', () => {
    const found = upwardImports(graph)
    expect(KNOWN_UPWARD.filter((a) => !found.includes(a))).toEqual([])
    const cycles = importCycles(graph).map((c) => c.join())
    expect(KNOWN_CYCLES.filter((k) => !cycles.includes(k.join()))).toEqual([])
  })
})

describe('the checks themselves', () => {
  it('find a cycle of three and an arrow from the domain up to the store', () => {
    const g: ImportGraph = new Map([
      ['bot/domain/a.ts', ['bot/store/b.ts']],
      ['bot/store/b.ts', ['bot/services/c.ts']],
      ['bot/services/c.ts', ['bot/domain/a.ts', 'jobs/d.ts']],
      ['jobs/d.ts', []],
    ])
    expect(importCycles(g)).toEqual([['bot/domain/a.ts', 'bot/services/c.ts', 'bot/store/b.ts']])
    expect(upwardImports(g)).toEqual([
      'bot/domain/a.ts -> bot/store/b.ts',
      'bot/services/c.ts -> jobs/d.ts',
      'bot/store/b.ts -> bot/services/c.ts',
    ])
  })
})
