// The flow of one inbound message: persist raw → identify sender → command → one transaction
// (records + outbound rows + handled mark) → hand the outbound rows to the sender.
//
// Costs on the way are kept to SQLite's own: the row is stored by a prepared statement (messages
// arriving while a transaction is open are stored together once it ends, in one transaction of
// their own), the stored record is handed to the handler instead of being read back, units and
// people come from a cache the roster version keeps current, and the handled mark and outbound
// rows are prepared statements inside the handler's transaction.
import { messages } from '../prompts/messages.ts'
import { findCommand } from './commands/index.ts'
import { type CommandContext, reply, type Sender } from './commands/types.ts'
import type { Roster } from './config.ts'
import type { Clock } from './domain/clock.ts'
import { normalizeText } from './domain/text.ts'
import type { Logger } from './log.ts'
import { askToConfirmNewId } from './services/rebind.ts'
import { type Db, type Tx, writeTransaction } from './store/db.ts'
import {
  type InboundDraft,
  type InboundRecord,
  loadInbound,
  markHandled,
  persistInbounds,
  unhandledInboundIds,
} from './store/inbound.ts'
import { insertOutbound, type OutboundDraft } from './store/outbound.ts'
import { findPersonByContact, listPeople } from './store/people.ts'
import { listUnits, type UnitRecord } from './store/units.ts'

export interface PipelineDeps {
  db: Db
  clock: Clock
  roster: Roster
  roomTopic: string
  log: Logger
  /** Called with the ids of outbound rows once their transaction has committed. */
  onOutbound(ids: number[]): void
}

interface Incoming {
  draft: InboundDraft
  stored(id: number | undefined): void
  failed(err: unknown): void
}

export class InboundPipeline {
  private queue: Promise<unknown> = Promise.resolve()
  private settledListeners: ((inboundId: number | undefined) => void)[] = []
  /** Received, not yet stored, in arrival order. */
  private incoming: Incoming[] = []
  private storing = false
  /** While the handler's transaction is open: resolves when it ends. */
  private transactionEnd?: Promise<void>
  /** Outbound rows committed and not yet handed to the sender (handed over together). */
  private committed: number[] = []

  constructor(private readonly deps: PipelineDeps) {}

  /** Stores the message, then handles it. Messages are handled one at a time, in arrival order. */
  async receive(draft: InboundDraft): Promise<void> {
    const id = await this.store(draft)
    const { fileData: _, ...record } = draft
    await this.enqueue(id, id === undefined ? undefined : { ...record, id })
  }

  /** Handles every stored message that was not handled (after a crash or restart). */
  async recover(): Promise<number> {
    const ids = await unhandledInboundIds(this.deps.db)
    for (const id of ids) await this.enqueue(id)
    return ids.length
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

  private enqueue(id: number | undefined, known?: InboundRecord): Promise<void> {
    const run = this.queue.then(() => (id === undefined ? undefined : this.handle(id, known)))
    this.queue = run.catch(() => undefined)
    return run.finally(() => {
      const listeners = this.settledListeners.splice(0)
      for (const l of listeners) l(id)
    })
  }

  private async identify(inbound: InboundRecord, units: UnitRecord[]): Promise<Sender> {
    const person = await findPersonByContact(this.deps.db, inbound.senderId)
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

  /** Handles a stored message; `known` is its record when the caller has it (not read back then). */
  async handle(id: number, known?: InboundRecord): Promise<void> {
    const { db, clock, log } = this.deps
    const inbound = known ?? (await loadInbound(db, id))
    if (!inbound || ('handled' in inbound && inbound.handled)) return
    const now = clock.now()
    const units = await listUnits(db)
    const sender = await this.identify(inbound, units)
    const text = normalizeText(inbound.text).trim()
    const command = findCommand(text, inbound)
    // Private chats are acted on only with known people; the group ignores chatter.
    const ignored = inbound.chat === 'dm' && sender.role === 'member'
    const base = {
      now,
      text,
      inbound,
      sender,
      units,
      roster: this.deps.roster,
      roomTopic: this.deps.roomTopic,
    }

    try {
      const ids = await this.transaction(async (tx) => {
        const ctx: CommandContext = { ...base, tx }
        let drafts: OutboundDraft[] = []
        if (!ignored && command) drafts = await command.run(ctx)
        else if (!ignored && inbound.chat === 'dm' && text) drafts = [reply(ctx, messages.unknownCommand())]
        // An unknown id with a bound person's name (a re-login changed it): the office confirms first.
        if (!sender.person && inbound.chat === 'room') {
          drafts.push(...(await askToConfirmNewId(tx, { inbound, people: await listPeople(tx), units, now })))
        }
        if (!(await markHandled(tx, id, command && !ignored ? 'handled' : 'ignored', now))) return []
        return insertOutbound(tx, drafts, now, id)
      })
      if (command) log.info({ inboundId: id, command: command.name, outbound: ids }, 'handled')
      this.handOver(ids)
    } catch (error) {
      // Nothing of the command was written (its transaction rolled back); apologise once.
      log.error({ inboundId: id, command: command?.name, err: error }, 'handler failed')
      const ids = await this.transaction(async (tx) => {
        if (!(await markHandled(tx, id, 'failed', now))) return []
        return insertOutbound(tx, [reply({ ...base, tx }, messages.apology())], now, id)
      })
      this.handOver(ids)
    }
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
