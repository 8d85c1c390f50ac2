// The flow of one inbound message: persist raw → identify sender → command → one transaction
// (records + outbound rows + handled mark) → hand the outbound rows to the sender.
//
// Costs on the way are kept to SQLite's own: the row is stored by a prepared statement (messages
// arriving while a transaction is open are stored together once it ends, in one transaction of
// their own), the stored record is handed to the handler instead of being read back, units and
// people come from a cache the roster version keeps current, and the handled mark and outbound
// rows are prepared statements inside the handler's transaction. Under load, the messages waiting
// to be handled share transactions (one commit for many), each in a savepoint of its own.
import { messages } from '../prompts/messages.ts'
import { findCommand } from './commands/index.ts'
import { routeToDialogue } from './commands/report-guided.ts'
import { type CommandContext, reply, type Sender } from './commands/types.ts'
import { type Contact, readAddressing } from './domain/addressing.ts'
import type { Clock } from './domain/clock.ts'
import type { Roster } from './domain/roster-types.ts'
import { normalizeText, writtenIn } from './domain/text.ts'
import type { Logger } from './log.ts'
import { reportFailure } from './services/failed-message.ts'
import { askToConfirmNewId } from './services/rebind.ts'
import { type Db, type Tx, writeTransaction } from './store/db.ts'
import {
  countAttempts,
  type InboundDraft,
  type InboundRecord,
  loadInbound,
  markHandled,
  persistInbounds,
  unhandledInbounds,
} from './store/inbound.ts'
import { insertOutbound, type OutboundDraft } from './store/outbound.ts'
import { findPersonByContact, listPeople } from './store/people.ts'
import { inSavepoint } from './store/sqlite.ts'
import { listUnits, type UnitRecord } from './store/units.ts'

export interface PipelineDeps {
  db: Db
  clock: Clock
  roster: Roster
  roomTopic: string
  log: Logger
  /** The bot's own account once logged in (a mention of it addresses the bot). */
  self?: () => Contact | undefined
  /** Called with the ids of outbound rows once their transaction has committed. */
  onOutbound(ids: number[]): void
}

interface Incoming {
  draft: InboundDraft
  stored(id: number | undefined): void
  failed(err: unknown): void
}

/** A stored message to handle: its row id, and its record when the receiver has it (not read back). */
export interface Stored {
  id: number
  known?: InboundRecord
}

interface Queued {
  /** Undefined: a replay, stored before; settled in its turn without handling. */
  stored?: Stored
  /** After a crash: a suspect is handled alone, its attempt counted first; a poison one is given up. */
  recovered?: 'suspect' | 'poison'
  settle(error?: unknown): void
}

/**
 * The poison rule: a message that was being handled when the process died at this many starts is
 * marked failed, answered once and reported to the office, never tried again.
 */
const POISON_ATTEMPTS = 2

/** A command longer than this is refused, not handled (a month's report is under 2,000). */
export const MAX_COMMAND_CHARS = 8_000

/** At most this many messages share a transaction… */
const BATCH_MAX = 64
/** …and no more join it once it has been open this long (a slow command keeps its own time). */
const BATCH_MS = 50

export class InboundPipeline {
  /** Stored, waiting to be handled, in arrival order. */
  private ready: Queued[] = []
  private draining = false
  private settledListeners: ((inboundId: number | undefined) => void)[] = []
  /** Received, not yet stored, in arrival order. */
  private incoming: Incoming[] = []
  private storing = false
  /** While the handler's transaction is open: resolves when it ends. */
  private transactionEnd?: Promise<void>
  /** Outbound rows committed and not yet handed to the sender (handed over together). */
  private committed: number[] = []

  constructor(private readonly deps: PipelineDeps) {}

  /**
   * Stores the message, then handles it; resolves once it is handled. Messages are handled one
   * after another in arrival order (those waiting together share a transaction, see handle).
   */
  async receive(draft: InboundDraft): Promise<void> {
    const id = await this.store(draft)
    const { fileData: _, ...record } = draft
    await this.enqueue(id, id === undefined ? undefined : { ...record, id })
  }

  /**
   * Handles every stored message that was not handled (after a crash or restart). Each start
   * counts an attempt (committed before handling), so that a message that kills the process is
   * found: one tried before is handled alone, one tried POISON_ATTEMPTS times is given up.
   */
  async recover(): Promise<number> {
    const rows = await unhandledInbounds(this.deps.db)
    await countAttempts(
      this.deps.db,
      rows.filter((r) => r.attempts === 0).map((r) => r.id),
    )
    await Promise.all(
      rows.map((r) =>
        this.enqueue(
          r.id,
          undefined,
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

  /**
   * The row id (undefined: stored before). Rows are written outside any transaction, so that none
   * is lost with a handler's rollback: those arriving while one is open wait for its end and are
   * stored together then.
   */
  private store(draft: InboundDraft): Promise<number | undefined> {
    return new Promise((stored, failed) => {
      this.incoming.push({ draft, stored, failed })
      if (!this.storing) void this.storeIncoming()
    })
  }

  private async storeIncoming(): Promise<void> {
    this.storing = true
    try {
      while (this.incoming.length > 0) {
        const batch = this.incoming.splice(0)
        try {
          const ids = await persistInbounds(
            this.deps.db,
            batch.map((m) => m.draft),
            () => this.transactionEnd ?? new Promise((r) => setTimeout(r, 1)),
          )
          for (const [i, m] of batch.entries()) m.stored(ids[i])
        } catch (err) {
          for (const m of batch) m.failed(err)
        }
      }
    } finally {
      this.storing = false
    }
  }

  /** Resolves once the message is handled (its transaction committed), in arrival order. */
  private enqueue(
    id: number | undefined,
    known?: InboundRecord,
    recovered?: Queued['recovered'],
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ready.push({
        stored: id === undefined ? undefined : { id, known },
        recovered,
        settle: (error) => {
          if (error === undefined) resolve()
          else reject(error)
          const listeners = this.settledListeners.splice(0)
          for (const l of listeners) l(id)
        },
      })
      if (!this.draining) void this.drain()
    })
  }

  /** Hands what is waiting to `handle`, as many at a time as are waiting (up to BATCH_MAX). */
  private async drain(): Promise<void> {
    this.draining = true
    try {
      while (this.ready.length > 0) {
        const head = this.ready[0] as Queued
        const special = this.ready.findIndex((q) => q.recovered)
        const batch = this.ready.splice(
          0,
          head.recovered ? 1 : Math.min(BATCH_MAX, special < 0 ? BATCH_MAX : special),
        )
        const stored = batch.flatMap((q) => (q.stored ? [q.stored] : []))
        let errors: unknown[]
        try {
          if (head.recovered && head.stored)
            errors = [await this.handleRecovered(head.stored.id, head.recovered)]
          else errors = stored.length > 0 ? await this.handle(stored) : []
        } catch (error) {
          errors = stored.map(() => error)
        }
        let k = 0
        for (const q of batch) q.settle(q.stored ? errors[k++] : undefined)
        // Between batches the event loop gets its turn: the replies just committed go to the
        // sender, and messages arriving meanwhile are stored, instead of both waiting for the end
        // of a long backlog (a restart with 1,000 unhandled messages is handled in promises only).
        if (this.ready.length > 0) await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      this.draining = false
    }
  }

  private async identify(tx: Db | Tx, inbound: InboundRecord, units: UnitRecord[]): Promise<Sender> {
    const person = await findPersonByContact(tx, inbound.senderId)
    const base = { contactId: inbound.senderId, name: inbound.senderName }
    if (!person) return { ...base, role: 'member' }
    if (person.role === 'office') return { ...base, role: 'office', person }
    const unit = units.find((u) => u.id === person.unitId)
    return unit ? { ...base, role: 'liaison', person, unit } : { ...base, role: 'member', person }
  }

  /** One transaction of the handler, during which arriving messages wait to be stored. */
  private async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    let end: () => void = () => undefined
    this.transactionEnd = new Promise<void>((resolve) => {
      end = resolve
    })
    try {
      return await writeTransaction(this.deps.db, fn)
    } finally {
      this.transactionEnd = undefined
      end()
    }
  }

  /**
   * Handles stored messages, in order; per message, the error if it could not be handled at all.
   * Messages handled together share a transaction (one commit for all), each in a savepoint of its
   * own: a failing command rolls back only its own writes and is answered with an apology, as if
   * it had been alone. Should the shared transaction itself fail, its first message is handled
   * alone (as before batching) and the rest are tried again.
   */
  async handle(batch: Stored[]): Promise<unknown[]> {
    const errors: unknown[] = []
    let next = 0
    while (next < batch.length) {
      const start = next
      const done: { id: number; command?: string; ids: number[] }[] = []
      try {
        await this.transaction(async (tx) => {
          done.length = 0
          next = start
          const began = performance.now()
          do {
            const r = await this.handleInTransaction(tx, batch[next] as Stored)
            if (r) done.push(r)
            next++
          } while (next < batch.length && performance.now() - began < BATCH_MS)
        })
      } catch (error) {
        const alone = batch[start] as Stored
        errors[start] = await this.handleAlone(alone.id, alone.known).then(
          () => undefined,
          (e: unknown) => e ?? error,
        )
        next = start + 1
        continue
      }
      for (const d of done) {
        if (d.command) this.deps.log.info({ inboundId: d.id, command: d.command, outbound: d.ids }, 'handled')
        this.handOver(d.ids)
      }
    }
    return errors
  }

  /** One message inside the shared transaction: what it wrote, or null if there was nothing to do. */
  private async handleInTransaction(
    tx: Tx,
    { id, known }: Stored,
  ): Promise<{ id: number; command?: string; ids: number[] } | null> {
    const { clock, log } = this.deps
    const inbound = known ?? (await loadInbound(tx, id))
    if (!inbound || ('handled' in inbound && inbound.handled)) return null
    const p = await this.prepare(tx, inbound, clock.now())
    try {
      const ids = await inSavepoint(tx, () => this.run(tx, id, p))
      return { id, command: p.command?.name, ids }
    } catch (error) {
      // Nothing of the command was written (rolled back to its savepoint); apologise once.
      log.error({ inboundId: id, command: p.command?.name, err: error }, 'handler failed')
      return { id, ids: await this.markFailed(tx, p, 'error') }
    }
  }

  /** The handled mark, the one answer and the office's report for a message that failed. */
  private async markFailed(
    tx: Tx,
    p: Awaited<ReturnType<InboundPipeline['prepare']>>,
    why: 'error' | 'poison',
  ): Promise<number[]> {
    if (!(await markHandled(tx, p.inbound.id, 'failed', p.now))) return []
    const answer = reply({ ...p.base, tx }, why === 'poison' ? messages.messageGivenUp() : messages.apology())
    return insertOutbound(tx, [answer, ...(await reportFailure(tx, p.inbound, why))], p.now, p.inbound.id)
  }

  /** A message left unhandled by a crash: given up (poison), or handled alone with its attempt counted. */
  private async handleRecovered(id: number, recovered: 'suspect' | 'poison'): Promise<unknown> {
    const { db, clock, log } = this.deps
    try {
      if (recovered === 'suspect') {
        await countAttempts(db, [id])
        await this.handleAlone(id)
        return undefined
      }
      const inbound = await loadInbound(db, id)
      if (!inbound || inbound.handled) return undefined
      log.error({ inboundId: id }, 'message given up: the process died while handling it at two starts')
      const p = await this.prepare(db, inbound, clock.now())
      this.handOver(await this.transaction((tx) => this.markFailed(tx, p, 'poison')))
      return undefined
    } catch (error) {
      return error
    }
  }

  /** One message in transactions of its own (the fallback when a shared transaction failed). */
  private async handleAlone(id: number, known?: InboundRecord): Promise<void> {
    const { db, clock, log } = this.deps
    const inbound = known ?? (await loadInbound(db, id))
    if (!inbound || ('handled' in inbound && inbound.handled)) return
    const p = await this.prepare(db, inbound, clock.now())
    try {
      const ids = await this.transaction((tx) => this.run(tx, id, p))
      if (p.command) log.info({ inboundId: id, command: p.command.name, outbound: ids }, 'handled')
      this.handOver(ids)
    } catch (error) {
      // Nothing of the command was written (its transaction rolled back); apologise once.
      log.error({ inboundId: id, command: p.command?.name, err: error }, 'handler failed')
      this.handOver(await this.transaction((tx) => this.markFailed(tx, p, 'error')))
    }
  }

  /** Who sent it and which command it is. */
  private async prepare(client: Db | Tx, inbound: InboundRecord, now: Date) {
    const units = await listUnits(client)
    const sender = await this.identify(client, inbound, units)
    const { text, mentioned, quoted } = readAddressing(normalizeText(inbound.text), {
      self: this.deps.self?.(),
      mentions: inbound.mentions,
    })
    const command = await routeToDialogue(
      client,
      { inbound, sender, now },
      findCommand(text, { fileName: inbound.fileName, quoted, senderUnit: sender.unit, units }),
    )
    const addressed = mentioned || (inbound.chat === 'dm' && text !== '')
    // Private chats are acted on only with known people; the group ignores chatter.
    const ignored = inbound.chat === 'dm' && sender.role === 'member'
    const base = {
      now,
      text,
      written: writtenIn(inbound.text),
      quoted,
      inbound,
      sender,
      units,
      roster: this.deps.roster,
      roomTopic: this.deps.roomTopic,
      log: this.deps.log,
    }
    return { now, units, sender, text, command, ignored, addressed, base, inbound }
  }

  /** The command's writes, the handled mark and the replies; the ids of the outbound rows. */
  private async run(
    tx: Tx,
    id: number,
    {
      now,
      units,
      sender,
      text,
      command,
      ignored,
      addressed,
      base,
      inbound,
    }: Awaited<ReturnType<InboundPipeline['prepare']>>,
  ): Promise<number[]> {
    const ctx: CommandContext = { ...base, tx }
    let drafts: OutboundDraft[] = []
    const length = [...text].length
    if (!ignored && command && length > MAX_COMMAND_CHARS)
      drafts = [reply(ctx, messages.textTooLong({ length, limit: MAX_COMMAND_CHARS }))]
    else if (!ignored && command) drafts = await command.run(ctx)
    // Addressed and no command: one hint naming 帮助, never silence.
    else if (!ignored && addressed) drafts = [reply(ctx, messages.unknownCommand())]
    // An unknown id with a bound person's name (a re-login changed it): the office confirms first.
    if (!sender.person && inbound.chat === 'room') {
      drafts.push(...(await askToConfirmNewId(tx, { inbound, people: await listPeople(tx), units, now })))
    }
    if (!(await markHandled(tx, id, command && !ignored ? 'handled' : 'ignored', now))) return []
    return insertOutbound(tx, drafts, now, id)
  }

  /**
   * Hands committed outbound rows to the sender once the current burst of work yields: one queue
   * call for many messages (each costs a Redis round of its own) instead of one per message.
   */
  private handOver(ids: number[]): void {
    if (ids.length === 0) return
    if (this.committed.length === 0)
      setImmediate(() => {
        const all = this.committed.splice(0)
        this.deps.onOutbound(all)
      })
    this.committed.push(...ids)
  }
}
