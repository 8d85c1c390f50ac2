// status, backup, restore: keeping the bot and its database running.
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { redisStatus } from '../../jobs/queue-status.ts'
import { loadRoster } from '../config.ts'
import { type WorkCalendar, workCalendar } from '../domain/calendar.ts'
import { privateRedisDir, runningPrivateRedis, shownPath } from '../redis-local.ts'
import { collectStatus, renderStatus } from '../services/status.ts'
import { audit } from '../store/audit.ts'
import {
  backupDatabase,
  freePath,
  humanSize,
  inspectDatabase,
  replaceDatabase,
  stampedName,
} from '../store/backup.ts'
import { closeDatabase, databasePath, migrateDatabaseFile, openDatabase } from '../store/db.ts'
import { makePrivateDir } from '../store/private-files.ts'
import { runningBots } from '../store/run-lock.ts'
import { type CliCommand, cliActor, noMorePositionals, onePositional, UsageError } from './command.ts'

/** Where backups go unless told: data/backups, next to the database. */
function backupsDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups')
}

/** A checked copy of the database before it is replaced; a raw file copy if it cannot be read. */
function safetyCopy(dbPath: string, dir: string, at: Date): string {
  try {
    const b = backupDatabase(dbPath, dir, at, 'before-restore')
    if (b.ok) return `${b.path}（${humanSize(b.bytes)}，完整性检查通过）`
    rmSync(b.path, { force: true })
  } catch {
    // unreadable: copy the files as they are
  }
  const dest = freePath(dir, stampedName(dbPath, at, 'before-restore-raw'))
  copyFileSync(dbPath, dest)
  if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${dest}-wal`)
  return `${dest}（原样复制：当前数据库无法完整读取）`
}

/** The roster's working-day calendar; status still reports the rest when the roster cannot be read. */
function rosterCalendar(file: string): { calendar?: WorkCalendar } {
  try {
    return { calendar: workCalendar(loadRoster(file).calendar) }
  } catch {
    return {}
  }
}

export const OPERATION_COMMANDS: Record<string, CliCommand> = {
  status: {
    usage: 'status',
    summary: '运行状态：机器人登录、Redis 与队列、待发消息、定时任务、最近收到的消息',
    details:
      '读取机器人记录在数据库中的状态（登录/退出、每 30 秒的健康检查），并直接连接 Redis 读取队列数量：\n机器人为本数据目录启动了私有 Redis 时连接它，否则连接 REDIS_URL。Redis 不可用时照常显示其余各项（退出码 0）。12月起，名册和日历库都没有下一年的节假日安排时提示补填（名册 calendar）。',
    async run(db, { positionals }, config) {
      noMorePositionals(positionals, 0)
      const dir = privateRedisDir(config.DATABASE_URL)
      const own = await runningPrivateRedis(dir)
      const dbPath = databasePath(config.DATABASE_URL)
      const redisUrl = own?.url ?? config.REDIS_URL
      const report = await collectStatus(db, {
        redisUrl,
        ...(own ? { privateRedisDir: shownPath(dir) } : {}),
        prefix: config.REDIS_PREFIX,
        redis: redisStatus(redisUrl, config.REDIS_PREFIX),
        now: new Date(),
        runningPids: runningBots(dbPath),
        privatePaths: [dbPath, `${dbPath}-wal`, backupsDir(dbPath), join(dirname(dbPath), 'exports')],
        ...rosterCalendar(config.ROSTER_FILE),
      })
      return renderStatus(report)
    },
  },
  backup: {
    usage: 'backup [--out 目录]',
    summary: '在线备份数据库（机器人运行时也可），并检查备份文件的完整性',
    details:
      '用 SQLite 的 VACUUM INTO 生成一致的快照（机器人可同时写入），文件名带时间，默认放在数据库旁的 backups 目录\n（默认即 data/backups）。备份后重新打开副本做 PRAGMA integrity_check；未通过时退出码为 1。',
    options: { out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const dbPath = databasePath(config.DATABASE_URL)
      const out = values.out as string | undefined
      if (out !== undefined && out.trim() === '') throw new UsageError('--out 不能为空')
      const dir = out === undefined ? backupsDir(dbPath) : resolve(out)
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${dir} 不是目录`)
      makePrivateDir(dir)
      const b = backupDatabase(dbPath, dir, new Date())
      const result = b.ok ? '通过' : `未通过：${b.integrity.slice(0, 10).join('；')}`
      await audit(db, {
        actor: cliActor(),
        action: 'backup',
        target: b.path,
        detail: `${humanSize(b.bytes)}，完整性检查${b.ok ? '通过' : '未通过'}`,
        at: new Date(),
      })
      const text = [
        `备份文件：${b.path}`,
        `大小：${humanSize(b.bytes)}（${b.bytes} 字节）`,
        `完整性检查：${result}`,
        `用时 ${(b.ms / 1000).toFixed(1)} 秒`,
      ].join('\n')
      return b.ok ? text : { code: 1, out: `${text}\n备份文件损坏，请勿使用；请检查磁盘后重试。` }
    },
  },
  restore: {
    usage: 'restore <备份文件> [--yes] [--force]',
    summary: '用备份文件替换当前数据库（先检查文件、保留当前数据库的副本，再应用迁移）',
    details: [
      '检查备份文件是 SQLite 数据库、通过 integrity_check、含本机器人的表；不加 --yes 只显示将要做什么（退出码 2，不做修改）。',
      '机器人在运行时（运行中的机器人进程在数据库旁的 .running 目录登记自己的进程号）拒绝恢复，请先停止机器人；\n确需立即恢复加 --force（之后必须重启机器人）。',
      '执行时先把当前数据库备份到 backups 目录（before-restore-…），再替换文件、删除旧的 -wal/-shm，并应用迁移。',
    ].join('\n'),
    options: { yes: { type: 'boolean' }, force: { type: 'boolean' } },
    async runWithoutDb({ positionals, values }, config) {
      const file = onePositional(positionals, '请给出备份文件路径')
      const source = resolve(file)
      const dbPath = databasePath(config.DATABASE_URL)
      if (source === dbPath) throw new UsageError('备份文件就是当前数据库，无需恢复')
      const inspection = inspectDatabase(source)
      if (!inspection.ok) throw new UsageError(`${inspection.problem}；未做任何修改`)
      const { info } = inspection
      const now = new Date()
      const pids = runningBots(dbPath)
      const running = pids.length > 0
      const backupDir = backupsDir(dbPath)
      const counts = Object.entries(info.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join('，')
      const current = existsSync(dbPath)
      const plan = [
        `备份文件：${source}（${humanSize(statSync(source).size)}，完整性检查通过）`,
        `  内容：${counts}`,
        `  迁移：${info.migrations.at(-1) ?? '无'}${info.pendingMigrations.length ? `；恢复后将应用 ${info.pendingMigrations.join('、')}` : ''}`,
        current
          ? `将用它替换 ${dbPath}；当前数据库先备份到 ${backupDir}/before-restore-…`
          : `将把它放到 ${dbPath}（当前没有数据库文件）`,
      ]
      if (running) plan.push(`注意：机器人正在运行（进程 ${pids.join('、')}）`)
      if (values.yes !== true)
        return { code: 2, out: `${plan.join('\n')}\n\n未做任何修改。确认无误后加 --yes 执行恢复。` }
      if (running && values.force !== true)
        return {
          code: 2,
          out: `${plan.join('\n')}\n\n机器人正在运行：请先停止机器人再恢复（确需立即恢复加 --force，之后必须重启机器人）。未做任何修改。`,
        }

      let safety = '无（原来没有数据库文件）'
      if (current) {
        makePrivateDir(backupDir)
        safety = safetyCopy(dbPath, backupDir, now)
      } else mkdirSync(dirname(dbPath), { recursive: true })
      replaceDatabase(source, dbPath)
      const applied = migrateDatabaseFile(dbPath)
      const db = await openDatabase(config.DATABASE_URL)
      try {
        await audit(db, {
          actor: cliActor(),
          action: 'restore',
          target: source,
          detail: `替换 ${dbPath}；原数据库副本 ${safety}${applied.length ? `；应用迁移 ${applied.join('、')}` : ''}${running ? '；机器人运行中强制恢复' : ''}`,
          at: new Date(),
        })
      } finally {
        await closeDatabase(db)
      }
      return [
        `已用 ${source} 恢复数据库 ${dbPath}`,
        `原数据库副本：${safety}`,
        `应用迁移：${applied.join('、') || '无（已是最新）'}`,
        running ? '机器人仍在运行旧文件：请立即重启机器人。' : '启动机器人即可使用恢复后的数据。',
      ].join('\n')
    },
  },
}
