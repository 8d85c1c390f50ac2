// Structured logs to stderr (stdout belongs to the simulator's JSON Lines and the terminal chat).
import { pino } from 'pino'
import { maskForGroup } from './domain/clues/mask.ts'

export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  // Every line passes the one masker on its way out, whatever a caller put in it.
  return pino({ level, base: undefined, hooks: { streamWrite: maskForGroup } }, pino.destination(2))
}
