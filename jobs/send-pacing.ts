// When the next send may go: per chat, SEND_INTERVAL_MS after the last send to that chat; over all
// chats, at most SEND_PER_MINUTE sends in any 60 s (WeChat restricts accounts that send fast).
// Pure bookkeeping on the times given; the sender sleeps what `take` says. One pacing per WeChat
// account: the senders of all the offices one bot serves share it (bot/app.ts).

const MINUTE = 60_000

export class SendPacing {
  private readonly lastByChat = new Map<string, number>()
  /** Times of the sends in the last minute, oldest first. */
  private recent: number[] = []

  constructor(private readonly o: { intervalMs: number; perMinute: number }) {}

  /** Milliseconds to wait before sending to `chat` at `now` (0: now). */
  waitMs(chat: string, now: number): number {
    const perChat = (this.lastByChat.get(chat) ?? Number.NEGATIVE_INFINITY) + this.o.intervalMs - now
    this.recent = this.recent.filter((t) => t > now - MINUTE)
    const { perMinute } = this.o
    const global =
      perMinute > 0 && this.recent.length >= perMinute
        ? (this.recent[this.recent.length - perMinute] as number) + MINUTE - now
        : 0
    return Math.max(0, perChat, global)
  }

  /**
   * 0 when a send to `chat` may start at `now`, and the turn is then taken (it counts at once, so
   * another sender sharing this pacing waits); otherwise the milliseconds to wait.
   */
  take(chat: string, now: number): number {
    const wait = this.waitMs(chat, now)
    if (wait === 0) {
      this.lastByChat.set(chat, now)
      this.recent.push(now)
    }
    return wait
  }

  /** The send that took its turn ended at `now` (delivered or not): the chat's interval runs from here. */
  finished(chat: string, now: number): void {
    this.lastByChat.set(chat, now)
  }
}
