// What `cli status` shows: what the running bot records in SQLite (login, logout, health), Redis
// and the BullMQ queue counts, and the backlog in the record. Works with Redis down.
import { messages } from '../../prompts/messages.ts'
import { missingCalendarYear, type WorkCalendar } from '../domain/calendar.ts'
import { isoCst } from '../domain/format.ts'
import type { Db } from '../store/db.ts'
import { lastReceivedAt, outcomeSummary } from '../store/inbound.ts'
import { type OutboundSummary, outboundSummary } from '../store/outbound.ts'
import { readableByOthers } from '../store/private-files.ts'
import { queuedRunCount } from '../store/schedule-runs.ts'
import { type HealthReport, readStateEntry, STATE_KEYS } from '../store/service-state.ts'
import { type ImportMark, type MarkState, markState, unfinishedImports } from './clue-import-marks.ts'
import { type BoundRoom, loadBoundRoom } from './room-binding.ts'

/** "2026-11-18 10:00:00" in China Standard Time. */
export const cstTime = (at: Date): string => isoCst(at).slice(0, 19).replace('T', ' ')

export function ago(at: Date, now: Date): string {
  const s = Math.round((now.getTime() - at.getTime()) / 1000)
  if (s < 0) return messages.status('ago_future')
  if (s < 60) return messages.status('ago_seconds', { n: s })
  if (s < 3600) return messages.status('ago_minutes', { n: Math.floor(s / 60) })
  if (s < 86_400) return messages.status('ago_hours', { n: Math.floor(s / 3600) })
  return messages.status('ago_days', { n: Math.floor(s / 86_400) })
}

export interface QueueCounts {
  waiting: number
  active: number
  delayed: number
  failed: number
}

/** Redis as `cli status` found it (jobs/queue-status.ts looks). */
export type RedisStatus = { ok: true; queues: Record<string, QueueCounts> } | { ok: false; error: string }

export interface StateRow<T> {
  value: T
  at: Date
}

async function stateRow<T>(db: Db, key: string, parse: (v: string) => T): Promise<StateRow<T> | undefined> {
  const row = await readStateEntry(db, key)
  if (!row) return undefined
  try {
    return { value: parse(row.value), at: row.updatedAt }
  } catch {
    // A value this version cannot read (written by another): status shows it as unknown.
    return undefined
  }
}

export interface StatusReport {
  now: Date
  /** The bot's WeChat account name at login / logout. */
  login?: StateRow<string>
  logout?: StateRow<string>
  /** When the process last stopped cleanly. */
  stopped?: StateRow<string>
  health?: StateRow<HealthReport>
  /** Processes running the bot on this database now (bot/store/run-lock.ts). */
  runningPids: number[]
  redis: RedisStatus
  redisUrl: string
  /** Set when the Redis is this data folder's private one (its folder), not REDIS_URL. */
  privateRedisDir?: string
  prefix: string
  pendingOutbound: number
  failingOutbound: number
  /** Rows by delivery state, and the oldest not yet sent. */
  outbound: OutboundSummary
  queuedRuns: number
  lastInbound: Date | null
  /** Messages the bot gave up on (failed), and messages from rooms it does not act on. */
  failedInbound: { count: number; lastAt: Date | null }
  otherRoomInbound: { count: number; lastAt: Date | null; lastTopic: string | null }
  /** Files with full values that others may read. */
  exposedFiles: { path: string; mode: string }[]
  room?: BoundRoom
  /** From December 1 on: next year, when the working-day calendar does not know it. */
  calendarMissing?: number
  /** Clue imports from the command line begun and not finished. */
  unfinishedImports: (ImportMark & { state: MarkState })[]
}

export async function collectStatus(
  db: Db,
  o: {
    redisUrl: string
    privateRedisDir?: string
    prefix: string
    /** What jobs/queue-status.ts found (looked at while the rest is read). */
    redis: Promise<RedisStatus>
    now: Date
    runningPids?: number[]
    privatePaths?: string[]
    calendar?: WorkCalendar
  },
): Promise<StatusReport> {
  const [{ count: failedCount, last: failedLast }, { count: otherCount, last: otherLast }, room, imports] =
    await Promise.all([
      outcomeSummary(db, 'failed'),
      outcomeSummary(db, 'other_room'),
      loadBoundRoom(db),
      unfinishedImports(db),
    ])
  const calendarMissing = o.calendar ? missingCalendarYear(o.calendar, o.now) : undefined
  const [login, logout, stopped, health, redis, outbound, queuedRuns, lastInbound] = await Promise.all([
    stateRow(db, STATE_KEYS.login, String),
    stateRow(db, STATE_KEYS.logout, String),
    stateRow(db, STATE_KEYS.stopped, String),
    stateRow(db, STATE_KEYS.health, (v) => JSON.parse(v) as HealthReport),
    o.redis,
    outboundSummary(db),
    queuedRunCount(db),
    lastReceivedAt(db),
  ])
  return {
    now: o.now,
    ...(login ? { login } : {}),
    ...(logout ? { logout } : {}),
    ...(stopped ? { stopped } : {}),
    ...(health ? { health } : {}),
    runningPids: o.runningPids ?? [],
    redis,
    redisUrl: o.redisUrl,
    ...(o.privateRedisDir ? { privateRedisDir: o.privateRedisDir } : {}),
    prefix: o.prefix,
    pendingOutbound: outbound.counts.pending + outbound.counts.retrying,
    failingOutbound: outbound.counts.retrying,
    outbound,
    queuedRuns,
    lastInbound,
    failedInbound: { count: failedCount, lastAt: failedLast?.receivedAt ?? null },
    otherRoomInbound: {
      count: otherCount,
      lastAt: otherLast?.receivedAt ?? null,
      lastTopic: otherLast?.roomTopic ?? null,
    },
    exposedFiles: readableByOthers(o.privatePaths ?? []),
    ...(room ? { room } : {}),
    ...(calendarMissing === undefined ? {} : { calendarMissing }),
    unfinishedImports: imports.map((m) => ({ ...m, state: markState(m) })),
  }
}

/** The queues as the office reads them. */
const QUEUE_NAMES: Record<string, string> = {
  outbound: messages.status('queue_outbound'),
  schedule: messages.status('queue_schedule'),
}
const queueName = (name: string) => QUEUE_NAMES[name] ?? messages.status('queue_other', { name })

/** A redis URL without its password. */
const safeUrl = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@')

function lastCompleted(health: HealthReport): { queue: string; at: Date } | undefined {
  let best: { queue: string; at: Date } | undefined
  for (const [queue, q] of Object.entries(health.queues ?? {})) {
    if (!q.lastCompletedAt) continue
    const at = new Date(q.lastCompletedAt)
    if (!best || at > best.at) best = { queue, at }
  }
  return best
}

export function renderStatus(s: StatusReport): string {
  const { now } = s
  const when = (at: Date) => messages.status('when', { time: cstTime(at), ago: ago(at, now) })
  const lines: string[] = []
  const loggedIn = s.login && (!s.logout || s.login.at >= s.logout.at)
  const stoppedAt = s.stopped?.at
  const running = s.runningPids.length > 0
  const stoppedSince =
    !running && stoppedAt && (!s.login || stoppedAt >= s.login.at) && (!s.health || stoppedAt >= s.health.at)
  let bot: string
  if (!s.login) bot = messages.status('bot_never')
  else if (stoppedSince) bot = messages.status('bot_not_running')
  else if (loggedIn)
    bot = messages.status('bot_logged_in', {
      account: s.login.value || messages.status('bot_unknown_account'),
    })
  else bot = messages.status('bot_logged_out')
  if (running) bot += messages.status('bot_pids', { pids: s.runningPids.join('、') })
  else if (stoppedSince) bot += messages.status('bot_stopped', { when: when(stoppedAt) })
  else if (s.health) bot += messages.status('bot_died', { ago: ago(s.health.at, now) })
  else bot += messages.status('bot_no_health')
  lines.push(messages.status('bot', { bot }))
  lines.push(
    `  ${messages.status('last_login', { what: s.login ? `${when(s.login.at)} ${s.login.value}`.trim() : messages.status('no_record') })}`,
  )
  lines.push(
    `  ${messages.status('last_logout', { what: s.logout ? `${when(s.logout.at)} ${s.logout.value}`.trim() : messages.status('no_record') })}`,
  )

  const which = s.privateRedisDir
    ? messages.status('redis_private', { url: s.redisUrl, dir: s.privateRedisDir })
    : safeUrl(s.redisUrl)
  if (s.redis.ok) {
    lines.push(messages.status('redis_ok', { which, prefix: s.prefix }))
    for (const [name, c] of Object.entries(s.redis.queues)) {
      lines.push(
        `  ${messages.status('queue_counts', { queue: queueName(name), waiting: c.waiting, active: c.active, delayed: c.delayed, failed: c.failed })}`,
      )
    }
  } else {
    lines.push(messages.status('redis_down', { which, error: s.redis.error }))
    lines.push(`  ${messages.status('redis_down_hint')}`)
  }

  if (s.health) {
    const h = s.health.value
    const last = lastCompleted(h)
    lines.push(
      messages.status('last_job', {
        what: last
          ? messages.status('last_job_at', { when: when(last.at), queue: queueName(last.queue) })
          : messages.status('none'),
      }),
    )
    const stuck = Object.entries(h.queues ?? {})
      .filter(([, q]) => !q.ok)
      .map(([name]) => name)
    const problems = [
      ...(h.redis ? [] : [messages.status('redis_unavailable')]),
      ...stuck.map((q) => messages.status('queue_stuck', { queue: queueName(q) })),
    ]
    lines.push(
      messages.status('health', {
        state: h.healthy
          ? messages.status('healthy')
          : messages.status('unhealthy', {
              problems: problems.join('，') || messages.status('unknown_reason'),
            }),
        when: when(s.health.at),
      }),
    )
  } else {
    lines.push(messages.status('last_job_none'))
  }
  const c = s.outbound.counts
  lines.push(messages.statusOutbound('line', { unsent: c.pending + c.retrying, ...c }))
  const oldest = s.outbound.oldestUnsent
  if (oldest) {
    const state = messages.statusOutbound(`state-${oldest.state}`, {
      attempts: oldest.attempts,
      error: (oldest.lastError ?? '').slice(0, 80),
    })
    lines.push(
      `  ${messages.statusOutbound('oldest', { id: oldest.id, when: when(oldest.createdAt), state })}`,
    )
  }
  lines.push(messages.status('queued_runs', { count: s.queuedRuns }))
  lines.push(
    messages.status('last_inbound', { when: s.lastInbound ? when(s.lastInbound) : messages.status('none') }),
  )
  lines.push(
    messages.status('room', {
      room: s.room
        ? messages.status('room_bound', { topic: s.room.topic, id: s.room.id })
        : messages.status('room_unbound'),
    }),
  )
  const f = s.failedInbound
  lines.push(
    messages.status('failed', {
      count: f.count,
      last: f.lastAt ? messages.status('failed_last', { when: when(f.lastAt) }) : '',
    }),
  )
  const o = s.otherRoomInbound
  lines.push(
    messages.status('other_room', {
      count: o.count,
      last: o.lastAt
        ? messages.status('other_room_last', { when: when(o.lastAt), topic: o.lastTopic ?? '' })
        : '',
    }),
  )
  for (const e of s.exposedFiles) lines.push(messages.status('exposed', { mode: e.mode, path: e.path }))
  if (s.calendarMissing !== undefined) {
    lines.push(messages.status('calendar_missing', { year: s.calendarMissing }))
  }
  for (const m of s.unfinishedImports) {
    const begun = { file: m.fileName, when: when(m.startedAt) }
    if (m.state === 'running') lines.push(messages.status('import_running', { ...begun, pid: m.pid }))
    else if (m.state === 'elsewhere')
      lines.push(messages.status('import_elsewhere', { ...begun, host: m.host }))
    else lines.push(messages.status('import_interrupted', begun))
  }
  return lines.join('\n')
}
