// The flow of one inbound message: persist raw → identify sender → command → one transaction
// (records + outbound rows + handled mark) → hand the outbound rows to the sender.
import { messages } from '../prompts/messages.ts'
import { findCommand } from './commands/index.ts'
import { type CommandContext, reply, type Sender } from './commands/types.ts'
import type { Roster } from './config.ts'
import type { Clock } from './domain/clock.ts'
import { normalizeText } from './domain/text.ts'
import type { Logger } from './log.ts'
import { type Db, writeTransaction } from './store/db.ts'
import {
  type InboundDraft,
  type InboundRecord,
  loadInbound,
  markHandled,
  persistInbound,
  unhandledInboundIds,
} from './store/inbound.ts'
import { insertOutbound, type OutboundDraft } from './store/outbound.ts'
import { findPersonByContact } from './store/people.ts'
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

export class InboundPipeline {
  private queue: Promise<unknown> = Promise.resolve()
  private settledListeners: ((inboundId: number | undefined) => void)[] = []

  constructor(private readonly deps: PipelineDeps) {}

  /** Stores the message, then handles it. Messages are handled one at a time, in arrival order. */
  async receive(draft: InboundDraft): Promise<void> {
    const id = await persistInbound(this.deps.db, draft)
    await this.enqueue(id)
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

  private enqueue(id: number | undefined): Promise<void> {
    const run = this.queue.then(() => (id === undefined ? undefined : this.handle(id)))
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

  async handle(id: number): Promise<void> {
    const { db, clock, log } = this.deps
    const inbound = await loadInbound(db, id)
    if (!inbound || inbound.handled) return
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
      const ids = await writeTransaction(db, async (tx) => {
        const ctx: CommandContext = { ...base, tx }
        let drafts: OutboundDraft[] = []
        if (!ignored && command) drafts = await command.run(ctx)
        else if (!ignored && inbound.chat === 'dm' && text) drafts = [reply(ctx, messages.unknownCommand())]
        if (!(await markHandled(tx, id, command && !ignored ? 'handled' : 'ignored', now))) return []
        return insertOutbound(tx, drafts, now, id)
      })
      if (command) log.info({ inboundId: id, command: command.name, outbound: ids }, 'handled')
      this.deps.onOutbound(ids)
    } catch (error) {
      // Nothing of the command was written (its transaction rolled back); apologise once.
      log.error({ inboundId: id, command: command?.name, err: error }, 'handler failed')
      const ids = await writeTransaction(db, async (tx) => {
        if (!(await markHandled(tx, id, 'failed', now))) return []
        return insertOutbound(tx, [reply({ ...base, tx }, messages.apology())], now, id)
      })
      this.deps.onOutbound(ids)
    }
  }
}
