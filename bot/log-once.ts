// Errors that come again and again are logged once per distinct error, then counted: a Redis
// connection retrying while the server is down raises one 'error' per attempt (several a second),
// and the count is logged once when the connection works again.
import type { Logger } from './log.ts'

/** Distinct errors remembered at most; others are counted together. */
const MAX_KINDS = 20

export interface ErrorTally {
  /** For `.on('error', tally.error)`: logs an error not seen since the last recovery, counts a known one. */
  readonly error: (err: unknown) => void
  /** For `.on('ready', tally.recovered)`: logs how many errors came since the last recovery, if any. */
  readonly recovered: () => void
}

export function errorTally(log: Logger, fields: Record<string, unknown>, what: string): ErrorTally {
  const counts = new Map<string, number>()
  return {
    error(err) {
      const key = counts.size < MAX_KINDS ? errorKey(err) : 'other'
      const n = counts.get(key) ?? 0
      counts.set(key, n + 1)
      if (n === 0) log.warn({ ...fields, err: errorText(err) }, `${what} (repeats counted until it recovers)`)
    },
    recovered() {
      if (counts.size === 0) return
      const errors = [...counts.values()].reduce((a, b) => a + b, 0)
      log.warn({ ...fields, errors, kinds: [...counts.keys()] }, `${what}: recovered after ${errors} errors`)
      counts.clear()
    },
  }
}

/** A rejection handler that logs at the level given: for failures that need no other handling. */
export const logFailure =
  (log: Logger, what: string, level: 'debug' | 'warn' = 'warn') =>
  (err: unknown): void =>
    log[level]({ err: errorText(err) }, what)

const errorText = (err: unknown): string => String((err as Error | undefined)?.message ?? err)

function errorKey(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | undefined
  return [e?.name, e?.code, errorText(err)].filter((p) => p !== undefined && p !== '').join(' ')
}
