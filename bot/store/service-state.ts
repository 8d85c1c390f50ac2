// Small facts about the running service, kept in SQLite so that restarts and `cli status` see them.
// Every key the bot writes is named here, once: the writers (jobs, the app, services) and the
// readers (cli status, the welcome-back notice) import the same names.
import type { Store } from './db.ts'

export const STATE_KEYS = {
  /** The bot's WeChat account name, written on login. */
  login: 'bot.login',
  /** The account name, written on logout. */
  logout: 'bot.logout',
  /** Written when the process stops cleanly. */
  stopped: 'bot.stopped',
  /** The health check's last report (a HealthReport), every interval: the last sign of life. */
  health: 'health',
  /** The scheduler's last evaluated instant (ISO): slots between it and now are caught up. */
  schedulerLastChecked: 'scheduler.lastCheckedAt',
  /** The liaison group (a BoundRoom). */
  roomBound: 'room.bound',
  /** A token changed by every write to Unit or Person (bot/store/units.ts). */
  rosterVersion: 'roster.version',
  /** The welcome-back notice held over the quiet hours (its text), until 08:00 (services/session.ts). */
  welcomeBackHeld: 'bot.welcomeBack.held',
  /** Contact ids already welcomed to the liaison group (JSON array; services/room-members.ts). */
  roomWelcomed: 'room.welcomed',
} as const

/** A person's new WeChat ids waiting for 确认换号. */
export const rebindKey = (personId: number): string => `rebind:${personId}`

/** Command-line clue imports begun and not yet finished, one key each (services/clue-import-marks.ts). */
export const CLUE_IMPORT_PREFIX = 'clues.import:'

/** The value of STATE_KEYS.health, as jobs/health.ts writes it. */
export interface HealthReport {
  healthy: boolean
  redis: boolean
  queues: Record<string, { lastCompletedAt: string | null; ok: boolean }>
  pendingOutbound: number
  queuedRuns: number
  checkedAt: string
}

export interface StateEntry {
  key: string
  value: string
  updatedAt: Date
}

export async function readState(db: Store, key: string): Promise<string | undefined> {
  return (await readStateEntry(db, key))?.value
}

export async function readStateEntry(db: Store, key: string): Promise<StateEntry | undefined> {
  return (await db.serviceState.findUnique({ where: { key } })) ?? undefined
}

export async function readStateEntries(db: Store, keys: readonly string[]): Promise<StateEntry[]> {
  return db.serviceState.findMany({ where: { key: { in: [...keys] } } })
}

/** Every entry whose key begins with `prefix`, in key order. */
export async function readStateEntriesFrom(db: Store, prefix: string): Promise<StateEntry[]> {
  return db.serviceState.findMany({ where: { key: { startsWith: prefix } }, orderBy: { key: 'asc' } })
}

export async function writeState(db: Store, key: string, value: string, at: Date): Promise<void> {
  await db.serviceState.upsert({
    where: { key },
    create: { key, value, updatedAt: at },
    update: { value, updatedAt: at },
  })
}

export async function deleteState(db: Store, key: string): Promise<void> {
  await db.serviceState.deleteMany({ where: { key } })
}
