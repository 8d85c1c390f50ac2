// Runs a scenario through the simulator in-process and returns what the bot said and the final state.
import { createLogger } from '../../bot/log.ts'
import { parseScenario } from '../../bot/scenario.ts'
import { runSimulation, type SimEvent } from '../../bot/simulation.ts'

export type SimMessage = Extract<SimEvent, { type: 'message' }>
export type Submission = {
  unit: string
  period: string
  status: string
  revision: number
  by: string
  at: string
  values: Record<string, number | string>
}

export interface SimState {
  /** With `offices`: whose state it is. */
  office?: string
  submissions: Submission[]
  clues: unknown[]
  bulletins: unknown[]
  tasks: unknown[]
  collections: unknown[]
}

export interface SimResult {
  messages: SimMessage[]
  state: SimState
  /** With `offices`: each office's state, by key. */
  states: Map<string, SimState>
  /** Texts of the messages addressed to the room (or to a person, by name). */
  textsTo(to: string): string[]
}

import { freshStore, ON_POSTGRES } from './database.ts'
import { PEOPLE, ROOM } from './people.ts'

export { PEOPLE, ROOM }

export async function simulate(scenario: {
  start: string
  steps: unknown[]
  people?: unknown[]
  room?: string
  roster?: string
  /** Several offices instead of room, people and roster (bot/SIMULATE.md). */
  offices?: unknown[]
  settings?: Record<string, unknown>
}): Promise<SimResult> {
  const events: SimEvent[] = []
  const one = scenario.offices ? {} : { room: ROOM, people: PEOPLE }
  await runSimulation(parseScenario({ ...one, ...scenario }), {
    baseDir: process.cwd(),
    log: createLogger('silent'),
    ...(ON_POSTGRES ? { databaseUrl: freshStore().url } : {}),
    emit: (e) => events.push(e),
  })
  const messages = events.filter((e): e is SimMessage => e.type === 'message')
  const last = events.at(-1)
  if (last?.type !== 'state') throw new Error('the simulation did not end with a state line')
  const states = events.filter((e) => e.type === 'state') as unknown as SimState[]
  return {
    messages,
    state: last as unknown as SimState,
    states: new Map(states.map((s) => [s.office ?? '', s])),
    textsTo: (to) => messages.filter((m) => m.to === to).map((m) => m.text),
  }
}
