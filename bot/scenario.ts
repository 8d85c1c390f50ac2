// The simulator's scenario file (bot/SIMULATE.md), validated so that every error names its step.

import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { messages } from '../prompts/messages.ts'

const instant = z.iso.datetime({
  offset: true,
  message: messages.word('scenario_instant'),
})

const person = z.object({
  name: z.string().min(1),
  unit: z.string().min(1).optional(),
  role: z.literal('office').optional(),
})

const file = z.union([
  z.object({ name: z.string().min(1), text: z.string() }),
  z.object({ name: z.string().min(1), base64: z.string() }),
])

const step = z.union([
  z.object({ at: instant, from: z.string().min(1), say: z.string() }).strict(),
  z.object({ at: instant, from: z.string().min(1), dm: z.string() }).strict(),
  z.object({ at: instant, from: z.string().min(1), file }).strict(),
  z.object({ at: instant, from: z.string().min(1), dmFile: file }).strict(),
  z.object({ until: instant }).strict(),
])

const scenarioSchema = z.object({
  start: instant,
  room: z.string().min(1),
  people: z.array(person),
  steps: z.array(step),
  roster: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
})

export type Scenario = z.infer<typeof scenarioSchema>
export type Step = z.infer<typeof step>

export class ScenarioError extends Error {
  override name = 'ScenarioError'
}

function where(path: PropertyKey[]): string {
  if (path[0] === 'steps' && typeof path[1] === 'number') return `step ${path[1] + 1}`
  return path.join('.') || 'scenario'
}

export function parseScenario(doc: unknown): Scenario {
  const result = scenarioSchema.safeParse(doc)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new ScenarioError(`${where(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`)
  }
  const s = result.data
  const names = new Set<string>()
  for (const p of s.people) {
    if (names.has(p.name)) throw new ScenarioError(`people: 「${p.name}」 appears twice`)
    names.add(p.name)
  }
  let last = Date.parse(s.start)
  s.steps.forEach((st, i) => {
    const at = Date.parse('until' in st ? st.until : st.at)
    if (at < last) throw new ScenarioError(`step ${i + 1}: time goes backwards`)
    last = at
    if ('from' in st && !names.has(st.from))
      throw new ScenarioError(`step ${i + 1}: unknown person 「${st.from}」`)
  })
  return s
}

export function readScenario(path: string): Scenario {
  let doc: unknown
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    throw new ScenarioError(`cannot read ${path}: ${(e as Error).message}`)
  }
  return parseScenario(doc)
}
