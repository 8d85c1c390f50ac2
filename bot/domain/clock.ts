// The one source of time. Live it is the system clock; the simulator advances its own.

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export class SimulatedClock implements Clock {
  private current: Date
  constructor(start: Date) {
    this.current = new Date(start)
  }
  now(): Date {
    return new Date(this.current)
  }
  /** Moves time forward (never back). */
  set(at: Date): void {
    if (at.getTime() > this.current.getTime()) this.current = new Date(at)
  }
}
