// How messages reach handleMessage (message.ts): each is stored raw first, then handled in arrival
// order, those waiting together in one shared transaction (executor.ts); the replies are handed
// to the sender once their transaction has committed. After a crash, what was left unhandled is
// handled again, each alone, under the poison rule.
import { BATCH_MAX, type ExecutorDeps, giveUp, handleAlone, handleTogether } from './executor.ts'
import type { Handled, Stored } from './message.ts'
import { countAttempts, type InboundDraft, persistInbounds, unhandledInbounds } from './store/inbound.ts'

export { MAX_COMMAND_CHARS, type Stored } from './message.ts'

export interface PipelineDeps extends ExecutorDeps {
  /** Called with the ids of outbound rows once their transaction has committed. */
  onOutbound(ids: number[]): void
}

/**
 * The poison rule: a message that was being handled when the process died at this many starts is
 * marked failed, answered once and reported to the office, never tried again.
 */
const POISON_ATTEMPTS = 2

/**
 * While messages keep coming, the replies committed are handed to the sender at least this often
 * (each hand-over is a Redis round; one per message costs more than the message's own commit);
 * when the queue runs dry, at once.
 */
const HANDOVER_MS = 50

interface Arrival {
  draft: InboundDraft
  stored(id: number | undefined): void
  failed(err: unknown): void
}

interface Turn {
  /** Undefined: a replay, stored before; settled in its turn without handling. */
  stored?: Stored
  /**
   * Handled in a transaction of its own: after a crash (a suspect has its attempt counted first;
   * a poison one is given up), or after a shared transaction it was in failed with it.
   */
  alone?: 'suspect' | 'poison' | 'retry'
  settle(error?: unknown): void
}

export class InboundPipeline {
  /** Received, not yet stored: stored before the next message is handled. */
  private arrivals: Arrival[] = []
  /** Stored, waiting for their turn, in arrival order. */
  private turns: Turn[] = []
  private running = false
  private settledListeners: ((inboundId: number | undefined) => void)[] = []
  /** Outbound rows committed and not yet handed to the sender, and since when. */
  private committed: number[] = []
  private committedSince = 0

  constructor(private readonly deps: PipelineDeps) {}

  /** Stores the message, then handles it in its turn; resolves once it is handled. */
  async receive(draft: InboundDraft): Promise<void> {
    const id = await new Promise<number | undefined>((stored, failed) => {
      this.arrivals.push({ draft, stored, failed })
      this.run()
    })
    await this.take(id === undefined ? undefined : { id, known: { ...draft, id } })
  }

  /**
   * Handles every stored message that was not handled (after a crash or restart). Each start
   * counts an attempt (committed before handling), so that a message that kills the process is
   * found: one tried before has its attempt counted again first, one tried POISON_ATTEMPTS times
   * is given up.
   */
  async recover(): Promise<number> {
    const rows = await unhandledInbounds(this.deps.db)
    await countAttempts(
      this.deps.db,
      rows.filter((r) => r.attempts === 0).map((r) => r.id),
    )
    await Promise.all(
      rows.map((r) =>
        this.take(
          { id: r.id },
          r.attempts >= POISON_ATTEMPTS ? 'poison' : r.attempts > 0 ? 'suspect' : undefined,
        ),
      ),
    )
    return rows.length
  }

  /** Resolves when the next message has been handled or dropped (tests and the simulator wait on it). */
  nextSettled(): Promise<number | undefined> {
    return new Promise((resolve) => this.settledListeners.push(resolve))
  }

  /** Resolves once the message is handled (its transaction committed), in arrival order. */
  private take(stored: Stored | undefined, alone?: Turn['alone']): Promise<void> {
    return new Promise((resolve, reject) => {
      this.turns.push({
        stored,
        alone,
        settle: (error) => {
          if (error === undefined) resolve()
          else reject(error)
          for (const l of this.settledListeners.splice(0)) l(stored?.id)
        },
      })
      this.run()
    })
  }

  /**
   * The one loop: arrivals are stored (together, outside any transaction, so that no row can
   * vanish with a handler's rollback), then the messages waiting are handled (executor.ts);
   * between turns the event loop gets its own, so that the replies just committed go to the
   * sender while a long backlog is still being handled.
   */
  private run(): void {
    if (this.running) return
    this.running = true
    void (async () => {
      try {
        for (;;) {
          if (this.arrivals.length > 0) await this.storeArrivals()
          else if (this.turns.length > 0) await this.nextTurns()
          else break
          if (performance.now() - this.committedSince >= HANDOVER_MS) this.handOver()
          await new Promise((resolve) => setImmediate(resolve))
        }
      } finally {
        this.running = false
        this.handOver()
      }
    })()
  }

  private async storeArrivals(): Promise<void> {
    const batch = this.arrivals.splice(0)
    try {
      const ids = await persistInbounds(
        this.deps.db,
        batch.map((m) => m.draft),
      )
      for (const [i, m] of batch.entries()) m.stored(ids[i])
    } catch (err) {
      for (const m of batch) m.failed(err)
    }
  }

  /**
   * The next turns, settled in order: a replay at once; a message to handle alone (recovered after
   * a crash, or retried) alone, or given up; the ordinary messages waiting together in one shared
   * transaction. If that one keeps nothing, the message that threw in it (or, when the transaction
   * itself failed, the first) is retried alone; the rest wait their turn again.
   */
  private async nextTurns(): Promise<void> {
    const head = this.turns[0] as Turn
    const { stored, alone } = head
    if (!stored || alone) {
      this.turns.shift()
      head.settle(
        await this.handleSingle(stored, alone).then(
          () => undefined,
          (e: unknown) => e ?? new Error('handling failed'),
        ),
      )
      return
    }
    const single = this.turns.findIndex((t) => !t.stored || t.alone)
    const batch = this.turns.slice(0, Math.min(BATCH_MAX, single < 0 ? BATCH_MAX : single))
    const together = await handleTogether(
      this.deps,
      batch.map((t) => t.stored as Stored),
    )
    if ('kept' in together) {
      this.turns.splice(0, together.kept.length)
      for (const [i, handled] of together.kept.entries()) {
        this.kept(batch[i]?.stored as Stored, handled)
        batch[i]?.settle()
      }
      return
    }
    ;(batch['threw' in together ? together.threw : 0] as Turn).alone = 'retry'
  }

  /** A replay (nothing to do); a message left unhandled by a crash: given up, or handled alone; a retry, alone. */
  private async handleSingle(stored: Stored | undefined, alone: Turn['alone']): Promise<void> {
    if (!stored) return
    const { db, log } = this.deps
    if (alone === 'poison') {
      log.error(
        { inboundId: stored.id },
        'message given up: the process died while handling it at two starts',
      )
      this.kept(stored, await giveUp(this.deps, stored.id, 'poison'))
      return
    }
    if (alone === 'suspect') await countAttempts(db, [stored.id])
    this.kept(stored, await handleAlone(this.deps, stored))
  }

  /** What a committed transaction wrote for a message: logged, its replies waiting to be handed over. */
  private kept(stored: Stored, handled: Handled | null): undefined {
    if (!handled) return undefined
    if (handled.command)
      this.deps.log.info(
        { inboundId: stored.id, command: handled.command, outbound: handled.outbound },
        'handled',
      )
    this.committedNow(handled.outbound)
    return undefined
  }

  private committedNow(ids: number[]): void {
    if (this.committed.length === 0) this.committedSince = performance.now()
    this.committed.push(...ids)
  }

  /** Hands the committed outbound rows to the sender: one queue call (a Redis round) for many. */
  private handOver(): void {
    if (this.committed.length > 0) this.deps.onOutbound(this.committed.splice(0))
  }
}
