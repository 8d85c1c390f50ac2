// The import graph of bot/, jobs/ and prompts/: no cycles, and arrows only downward
// (chat → commands → services → domain/store, jobs/ beside chat on top; prompts/ a leaf). One
// check for both, on TypeScript's own reading of the imports (it took over the rules of
// tests/domain/layering.test.ts, which read them with a regular expression).
import { describe, expect, it } from 'vitest'
import { type ImportGraph, importCycles, importGraph } from './import-graph.ts'

/** The wiring and the entry points, with jobs/ and chat/ beside them on top. */
const TOP = [
  'jobs/',
  'bot/chat/',
  'bot/cli/',
  'bot/app.ts',
  'bot/pipeline.ts',
  'bot/main.ts',
  'bot/cli.ts',
  'bot/gateway.ts',
  'bot/simulate.ts',
  'bot/simulation.ts',
]

/** Where files of a folder may import from (`may`: only these) or not (`mayNot`). */
const LAYERS: { from: string; may?: string[]; mayNot?: string[] }[] = [
  // prompts/ is the bottom layer beside the domain: wording only, importing nothing of bot/ or jobs/.
  { from: 'bot/domain/', may: ['bot/domain/', 'prompts/'] },
  { from: 'bot/store/', may: ['bot/store/', 'bot/domain/', 'bot/log.ts', 'prompts/'] },
  { from: 'prompts/', may: ['prompts/'] },
  { from: 'bot/services/', mayNot: ['bot/commands/', ...TOP] },
  { from: 'bot/commands/', mayNot: TOP },
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
    expect(importCycles(graph)).toEqual([])
  })

  it('has no arrow running back up', () => {
    expect(upwardImports(graph)).toEqual([])
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
