// The connection to a puppet service (gRPC): a start that fails says why in one line, and a dropped
// connection is re-established by the bot itself. Wechaty reports both only as 'error' events (its
// start() resolves even when nothing connected), so they are read from there.
import type { Wechaty } from 'wechaty'
import { messages } from '../../prompts/messages.ts'
import { ConfigError } from '../config.ts'
import type { Logger } from '../log.ts'
import { logFailure } from '../log-once.ts'

const DEADLINE_EXCEEDED = 4
const UNAVAILABLE = 14
const UNAUTHENTICATED = 16

/** The gRPC status code of an error from the puppet service, if it is one. */
export function grpcCode(err: unknown): number | undefined {
  const e = err as { code?: unknown; message?: unknown } | undefined
  if (typeof e?.code === 'number') return e.code
  const m = /^(?:\w*Error: )?(\d+) [A-Z_]+:/.exec(String(e?.message ?? err))
  return m ? Number(m[1]) : undefined
}

/** A connection error of the puppet service (unreachable, refused token): WireConnection handles it. */
export const isWireError = (err: unknown) => {
  const code = grpcCode(err)
  return code === UNAVAILABLE || code === UNAUTHENTICATED || code === DEADLINE_EXCEEDED
}

/** One line naming the variable to check (Chinese and English). */
export function startFailure(err: unknown, endpoint: string): ConfigError {
  const text = String((err as Error)?.message ?? err)
  const why =
    grpcCode(err) === UNAUTHENTICATED
      ? 'token'
      : /ECONNREFUSED/.test(text)
        ? 'refused'
        : // The port answers but no connection forms: TLS on one side only ("wrong version number"
          // when the bot speaks TLS, a bare "Failed to connect" when only the service does).
          /SSL|TLS|wrong version number|Connection dropped|Failed to connect/i.test(text)
          ? 'tls'
          : 'other'
  const detail =
    text
      .replace(/^\w*Error: /, '')
      .split(/[.\n]/)[0]
      ?.slice(0, 120) ?? ''
  return new ConfigError(messages.wireStartFailed(why, { endpoint, detail }))
}

export interface WireConnectionOptions {
  bot: Wechaty
  endpoint: string
  log: Logger
  /** Waits between reconnection attempts; the last one repeats. */
  retryMs?: number[]
}

export class WireConnection {
  private stopped = false
  private reconnecting = false
  private failedAt = 0

  constructor(private readonly o: WireConnectionOptions) {
    o.bot.on('error', (err) => {
      if (!isWireError(err)) return
      this.failedAt = Date.now()
      o.log.debug({ code: grpcCode(err), err: String((err as Error).message) }, 'puppet service error')
      if (!this.stopped) void this.reconnect()
    })
  }

  /** Starts the bot; rejects with one line as soon as the service refuses the connection. */
  async start(): Promise<void> {
    this.reconnecting = true // the start is its own attempt
    let fail: ((err: unknown) => void) | undefined
    const failed = new Promise<never>((_, reject) => {
      fail = reject
    })
    // Observed by the race below; this only keeps a rejection after the race is won from going unhandled.
    failed.catch(() => undefined)
    const onError = (err: unknown) => {
      if (isWireError(err)) fail?.(startFailure(err, this.o.endpoint))
    }
    this.o.bot.on('error', onError)
    try {
      await Promise.race([this.o.bot.start(), failed])
    } catch (err) {
      this.stopped = true
      // Not awaited: Wechaty's stop waits for the start, which gives up only after its own timeout.
      void this.o.bot
        .stop()
        .catch(logFailure(this.o.log, 'stopping the bot after a failed start failed', 'debug'))
      throw err
    } finally {
      this.o.bot.off('error', onError)
      this.reconnecting = false
    }
  }

  stop(): void {
    this.stopped = true
  }

  /** Restarts the puppet (a new gRPC channel and event stream) until one attempt holds. */
  private async reconnect(): Promise<void> {
    if (this.reconnecting) return
    this.reconnecting = true
    const waits = this.o.retryMs ?? [1000, 2000, 5000, 10_000]
    this.o.log.warn({ endpoint: this.o.endpoint }, 'puppet service connection lost; reconnecting')
    try {
      for (let attempt = 0; !this.stopped; attempt++) {
        await new Promise((r) => setTimeout(r, waits[Math.min(attempt, waits.length - 1)]))
        if (this.stopped) return
        const began = Date.now()
        // Not puppet.reset(): after a failed attempt the puppet is off, and reset leaves it so.
        const { puppet } = this.o.bot
        await puppet
          .stop()
          .catch(logFailure(this.o.log, 'stopping the puppet before reconnecting failed', 'debug'))
        await puppet.start().catch((err) => {
          this.failedAt = Date.now()
          this.o.log.debug({ err }, 'reconnection attempt failed')
        })
        if (this.failedAt < began) {
          this.o.log.warn({ endpoint: this.o.endpoint, attempts: attempt + 1 }, 'puppet service reconnected')
          return
        }
      }
    } finally {
      this.reconnecting = false
    }
  }
}
