// Structured logs to stderr (stdout belongs to the simulator's JSON Lines and the terminal chat).
import { pino } from 'pino'

export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2))
}
