// When the next send may go: per chat, SEND_INTERVAL_MS after the last send to that chat; over all
// chats, at most SEND_PER_MINUTE sends in any 60 s (WeChat restricts accounts that send fast).
// Pure bookkeeping on the times given; the sender sleeps what `waitMs` says.

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

  /** A send to `chat` went out (or was tried) at `now`. */
  sent(chat: string, now: number): void {
    this.lastByChat.set(chat, now)
    this.recent.push(now)
  }
}
