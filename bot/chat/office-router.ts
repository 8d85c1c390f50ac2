// Which office a message belongs to, when one WeChat account serves several: a group message to
// the office whose liaison room it came from; a private one to the office where the sender is
// bound (bound in several: the one their message begins by naming, else they are asked which).
// With one office everything is that office's, as before.
import type { Room } from 'wechaty'
import { afterOfficeWord } from '../domain/office-names.ts'
import type { Db } from '../store/db.ts'
import { findPersonByContact } from '../store/people.ts'
import type { InboundFilter } from './inbound.ts'

export interface RoutableOffice {
  db: Db
  guard: InboundFilter & { isLiaisonRoom(room: Room): Promise<boolean> }
  /** Words naming the office at the head of a private message. */
  words: readonly string[]
}

export type PrivateRoute<T> = { office: T } | { ask: T[] }

export class OfficeRouter<T extends RoutableOffice> {
  constructor(private readonly offices: readonly [T, ...T[]]) {}

  /** Where what the bot does not act on is stored: the first office's record. */
  get first(): T {
    return this.offices[0]
  }

  /** The office whose liaison room this is (binding it first if it is the one); undefined: another room. */
  async forRoom(room: Room, text: string, talkerId: string): Promise<T | undefined> {
    if (this.offices.length === 1)
      return (await this.first.guard.actsOn(room, text, talkerId)) ? this.first : undefined
    for (const o of this.offices) if (await o.guard.isLiaisonRoom(room)) return o
    for (const o of this.offices) if (await o.guard.actsOn(room, text, talkerId)) return o
    return undefined
  }

  /** The offices where this contact is bound. */
  async boundIn(contactId: string): Promise<T[]> {
    const bound: T[] = []
    for (const o of this.offices) if (await findPersonByContact(o.db, contactId)) bound.push(o)
    return bound
  }

  /** A private message's office; unbound everywhere: the first office (which treats them as today). */
  async forPrivate(contactId: string, text: string): Promise<PrivateRoute<T>> {
    if (this.offices.length === 1) return { office: this.first }
    const bound = await this.boundIn(contactId)
    if (bound.length <= 1) return { office: bound[0] ?? this.first }
    const named = bound.filter((o) => afterOfficeWord(text, o.words) !== undefined)
    const [only] = named
    return only && named.length === 1 ? { office: only } : { ask: bound }
  }
}
