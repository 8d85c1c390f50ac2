// What `cli status` shows: what the running bot records in SQLite (login, logout, health), Redis
// and the BullMQ queue counts, and the backlog in the record. Works with Redis down.
import { missingCalendarYear, type WorkCalendar } from '../domain/calendar.ts'
import { isoCst } from '../domain/format.ts'
import type { Db } from '../store/db.ts'
import { lastReceivedAt, outcomeSummary } from '../store/inbound.ts'
import { undelivered } from '../store/outbound.ts'
import { readableByOthers } from '../store/private-files.ts'
import { queuedRunCount } from '../store/schedule-runs.ts'
import { type HealthReport, readStateEntry, STATE_KEYS } from '../store/service-state.ts'
import { type BoundRoom, loadBoundRoom } from './room-binding.ts'

/** "2026-11-18 10:00:00" in China Standard Time. */
export const cstTime = (at: Date): string => isoCst(at).slice(0, 19).replace('T', ' ')

export function ago(at: Date, now: Date): string {
  const s = Math.round((now.getTime() - at.getTime()) / 1000)
  if (s < 0) return '时间在当前之后'
  if (s < 60) return `${s} 秒前`
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`
  if (s < 86_400) return `${Math.floor(s / 3600)} 小时前`
  return `${Math.floor(s / 86_400)} 天前`
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
  const [{ count: failedCount, last: failedLast }, { count: otherCount, last: otherLast }, room] =
    await Promise.all([outcomeSummary(db, 'failed'), outcomeSummary(db, 'other_room'), loadBoundRoom(db)])
  const calendarMissing = o.calendar ? missingCalendarYear(o.calendar, o.now) : undefined
  const [login, logout, stopped, health, redis, outbound, queuedRuns, lastInbound] = await Promise.all([
    stateRow(db, STATE_KEYS.login, String),
    stateRow(db, STATE_KEYS.logout, String),
    stateRow(db, STATE_KEYS.stopped, String),
    stateRow(db, STATE_KEYS.health, (v) => JSON.parse(v) as HealthReport),
    o.redis,
    undelivered(db),
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
    pendingOutbound: outbound.pending,
    failingOutbound: outbound.failing,
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
  }
}

/** The queues as the office reads them. */
const QUEUE_NAMES: Record<string, string> = { outbound: '消息发送队列', schedule: '定时任务队列' }
const queueName = (name: string) => QUEUE_NAMES[name] ?? `${name} 队列`

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
  const when = (at: Date) => `${cstTime(at)}（${ago(at, now)}）`
  const lines: string[] = []
  const loggedIn = s.login && (!s.logout || s.login.at >= s.logout.at)
  const stoppedAt = s.stopped?.at
  const running = s.runningPids.length > 0
  const stoppedSince =
    !running && stoppedAt && (!s.login || stoppedAt >= s.login.at) && (!s.health || stoppedAt >= s.health.at)
  let bot: string
  if (!s.login) bot = '从未登录'
  else if (stoppedSince) bot = '未运行'
  else if (loggedIn) bot = `已登录（${s.login.value || '未知账号'}）`
  else bot = '已退出登录'
  if (running) bot += `；进程运行中（进程号 ${s.runningPids.join('、')}）`
  else if (stoppedSince) bot += `；${when(stoppedAt)}正常停止`
  else if (s.health)
    bot += `；但机器人进程没有运行（上次没有正常停止，健康记录最后更新于${ago(s.health.at, now)}）`
  else bot += '；没有健康记录（机器人未以正式模式运行过）'
  lines.push(`机器人：${bot}`)
  lines.push(`  上次登录：${s.login ? `${when(s.login.at)} ${s.login.value}`.trim() : '无记录'}`)
  lines.push(`  上次退出：${s.logout ? `${when(s.logout.at)} ${s.logout.value}`.trim() : '无记录'}`)

  const which = s.privateRedisDir
    ? `本数据目录的私有 Redis ${s.redisUrl}，数据在 ${s.privateRedisDir}；REDIS_URL 未响应时由机器人启动`
    : safeUrl(s.redisUrl)
  if (s.redis.ok) {
    lines.push(`Redis：可连接（${which}，前缀 ${s.prefix}）`)
    for (const [name, c] of Object.entries(s.redis.queues)) {
      lines.push(
        `  ${queueName(name)}：等待 ${c.waiting}，处理中 ${c.active}，延迟 ${c.delayed}，失败 ${c.failed}`,
      )
    }
  } else {
    lines.push(`Redis：无法连接（${which}）：${s.redis.error}`)
    lines.push('  队列数量无法读取；待发消息仍保存在数据库中，Redis 恢复后会补发')
  }

  if (s.health) {
    const h = s.health.value
    const last = lastCompleted(h)
    lines.push(`最近完成的任务：${last ? `${when(last.at)}（${queueName(last.queue)}）` : '无'}`)
    const stuck = Object.entries(h.queues ?? {})
      .filter(([, q]) => !q.ok)
      .map(([name]) => name)
    const problems = [...(h.redis ? [] : ['Redis 不可用']), ...stuck.map((q) => `${queueName(q)}无任务完成`)]
    lines.push(
      `健康检查：${h.healthy ? '正常' : `异常（${problems.join('，') || '未知原因'}）`}，记录于 ${when(s.health.at)}`,
    )
  } else {
    lines.push('最近完成的任务：无记录（没有健康记录）')
  }
  lines.push(
    `待发送消息：${s.pendingOutbound} 条${s.failingOutbound ? `（其中 ${s.failingOutbound} 条发送失败待重试）` : ''}`,
  )
  lines.push(`排队中的定时任务：${s.queuedRuns} 个`)
  lines.push(`最近收到消息：${s.lastInbound ? when(s.lastInbound) : '无'}`)
  lines.push(
    `联络员群：${s.room ? `「${s.room.topic}」（ID ${s.room.id}）` : '尚未认定（机器人登录后按 ROOM_TOPIC 认定，或联席办在群里发送「绑定本群」）'}`,
  )
  const f = s.failedInbound
  lines.push(`未能处理的消息：${f.count} 条${f.lastAt ? `（最近 ${when(f.lastAt)}）` : ''}`)
  const o = s.otherRoomInbound
  lines.push(
    `其他群的消息（未处理）：${o.count} 条${o.lastAt ? `（最近 ${when(o.lastAt)}，来自「${o.lastTopic ?? ''}」）` : ''}`,
  )
  for (const e of s.exposedFiles)
    lines.push(
      `⚠️ 他人可读（权限 ${e.mode}）：${e.path}；其中有完整号码，请执行 chmod 600（文件夹 chmod 700）`,
    )
  if (s.calendarMissing !== undefined) {
    lines.push(
      `⚠️ 工作日历：缺少${s.calendarMissing}年的节假日和调休安排，${s.calendarMissing}年的节假日会被当作工作日；请在名册（ROSTER_FILE）的 calendar 中填写 holidays 和 workdays`,
    )
  }
  return lines.join('\n')
}
