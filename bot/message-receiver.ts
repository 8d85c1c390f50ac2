// One received Wechaty message to the office it belongs to (office-router.ts): a group message to
// its room's office, a private one to the sender's; what the bot does not act on is stored in the
// first office's record; someone bound in several offices who does not say which is asked.
import type { Message, Wechaty } from 'wechaty'
import { toInboundDraft } from './chat/inbound.ts'
import type { OfficeRouter, RoutableOffice } from './chat/office-router.ts'
import type { Clock } from './domain/clock.ts'
import { shortWord } from './domain/office-names.ts'
import type { OfficeApp } from './office-app.ts'
import { askWhichOffice } from './services/office-question.ts'
import { receiveRecall } from './services/recall.ts'
import { receiveUnreadable } from './services/unreadable-message.ts'
import { storeNotActedOn } from './store/inbound.ts'

type Office = OfficeApp & RoutableOffice

/** Returns whether the message was one to deal with (not the bot's own, not a replay). */
export function messageReceiver(o: {
  bot: Wechaty
  clock: Clock
  router: OfficeRouter<Office>
  /** A file bigger than this is not loaded. */
  fileCap: number
}): (message: Message) => Promise<boolean> {
  const { bot, clock, router, fileCap } = o
  return async (message) => {
    // The room's office, found while the draft is read (a room's binding happens there).
    let roomOffice: (typeof router)['first'] | undefined
    const filter = {
      actsOn: async (room: Parameters<typeof router.forRoom>[0], text: string, talkerId: string) => {
        roomOffice = await router.forRoom(room, text, talkerId)
        return roomOffice !== undefined
      },
    }
    const inbound = await toInboundDraft(bot, message, clock, filter, fileCap)
    if (!inbound) return false
    const { draft, actOn, kind } = inbound
    if (!actOn) {
      await storeNotActedOn(router.first.db, draft, 'other_room')
      return true
    }
    const route = roomOffice ? { office: roomOffice } : await router.forPrivate(draft.senderId, draft.text)
    // Bound in several offices and not saying which: a recall goes to each of them (only the one
    // holding the original acts), an unreadable kind is answered by the first, anything else with
    // the question.
    const targets = 'office' in route ? [route.office] : route.ask
    if (kind.kind === 'unreadable') {
      const o = targets[0] as OfficeApp
      o.onOutbound(await receiveUnreadable(o.db, draft, kind.what, clock.now()))
    } else if (kind.kind === 'recalled')
      for (const o of targets)
        o.onOutbound(
          await receiveRecall(o.db, draft, kind.originalId, {
            now: clock.now(),
            roomTopic: o.env.ROOM_TOPIC,
          }),
        )
    else if ('ask' in route) {
      const o = route.ask[0] as OfficeApp
      const named = route.ask.map((a) => ({ name: a.office.name, word: shortWord(a.office) }))
      o.onOutbound(await askWhichOffice(o.db, draft, named, clock.now()))
    } else await route.office.pipeline.receive(draft)
    return true
  }
}
