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

/** With several offices, the topic of the room a group step is in. */
const room = z.string().min(1).optional()

const step = z.union([
  z.object({ at: instant, from: z.string().min(1), say: z.string(), room }).strict(),
  z.object({ at: instant, from: z.string().min(1), dm: z.string() }).strict(),
  z.object({ at: instant, from: z.string().min(1), file, room }).strict(),
  z.object({ at: instant, from: z.string().min(1), dmFile: file }).strict(),
  z.object({ until: instant }).strict(),
])

/** One office of a scenario with several: its roster (naming its office), liaison room and people. */
const office = z
  .object({ roster: z.string().min(1), room: z.string().min(1), people: z.array(person) })
  .strict()

/** Either one office (`room`, `people`, optional `roster`) or several (`offices`). */
const scenarioSchema = z.object({
  start: instant,
  room: z.string().min(1).optional(),
  people: z.array(person).optional(),
  offices: z.array(office).min(1).optional(),
  steps: z.array(step),
  roster: z.string().optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
})

type Parsed = z.infer<typeof scenarioSchema>
export type ScenarioOffice = z.infer<typeof office>
/**
 * A scenario, its offices always listed (one, from `room`/`people`/`roster`, when it names none;
 * its roster then `undefined`: the default).
 */
export type Scenario = Omit<Parsed, 'offices'> & {
  offices: (Omit<ScenarioOffice, 'roster'> & { roster?: string })[]
  several: boolean
}
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
  const parsed = result.data
  const several = parsed.offices !== undefined
  if (several && (parsed.room !== undefined || parsed.people !== undefined || parsed.roster !== undefined))
    throw new ScenarioError('offices: give either offices or room/people/roster, not both')
  if (!parsed.offices && parsed.room === undefined) throw new ScenarioError('room: required (or offices)')
  if (!parsed.offices && parsed.people === undefined) throw new ScenarioError('people: required (or offices)')
  const offices = parsed.offices ?? [
    {
      room: parsed.room ?? '',
      people: parsed.people ?? [],
      ...(parsed.roster ? { roster: parsed.roster } : {}),
    },
  ]
  const names = new Set<string>()
  const rooms = new Set<string>()
  offices.forEach((o, i) => {
    const here = new Set<string>()
    const where = several ? `offices ${i + 1} people` : 'people'
    for (const p of o.people) {
      if (here.has(p.name)) throw new ScenarioError(`${where}: 「${p.name}」 appears twice`)
      here.add(p.name)
      names.add(p.name)
    }
    if (rooms.has(o.room)) throw new ScenarioError(`offices ${i + 1}: room 「${o.room}」 appears twice`)
    rooms.add(o.room)
  })
  let last = Date.parse(parsed.start)
  parsed.steps.forEach((st, i) => {
    const at = Date.parse('until' in st ? st.until : st.at)
    if (at < last) throw new ScenarioError(`step ${i + 1}: time goes backwards`)
    last = at
    if ('from' in st && !names.has(st.from))
      throw new ScenarioError(`step ${i + 1}: unknown person 「${st.from}」`)
    const inRoom = 'say' in st || 'file' in st
    if (inRoom && st.room !== undefined && !rooms.has(st.room))
      throw new ScenarioError(`step ${i + 1}: unknown room 「${st.room}」`)
    if (inRoom && several && offices.length > 1 && st.room === undefined)
      throw new ScenarioError(`step ${i + 1}: several offices: name the room ("room": "<topic>")`)
  })
  return { ...parsed, offices, several }
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
