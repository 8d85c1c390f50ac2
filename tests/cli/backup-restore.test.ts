// `npm run cli -- backup` and `restore`: an online backup while another process keeps writing, and a
// restore that checks the file, refuses without --yes or while the bot runs, keeps a safety copy,
// replaces the file and applies migrations.
import { type ChildProcess, spawn } from 'node:child_process'
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { applyMigrations, MIGRATIONS_DIR } from '../../bot/store/migrate.ts'
import { killBots, startBot } from '../helpers/process.ts'
import { type CliStore, cliStore, withDb } from './cli-store.ts'

const children: ChildProcess[] = []
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL')
  killBots()
})

const READY = /终端群聊「.*」已就绪/

function integrity(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ')
  } finally {
    db.close()
  }
}

const countRows = (path: string, table: string): number => {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

const backupPathOf = (out: string) => /备份文件：(.+)/.exec(out)?.[1] ?? ''

/** Fills the inbound table so that a backup takes a moment. */
function prefill(path: string, rows: number): void {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  const insert = db.prepare(
    `INSERT INTO "InboundMessage" ("wechatId", "chat", "senderId", "senderName", "text", "receivedAt")
     VALUES (?, 'room', 'seed', '种子', ?, ?)`,
  )
  db.transaction(() => {
    for (let i = 0; i < rows; i++)
      insert.run(`seed-${i}`, `消息 ${i} ${'y'.repeat(400)}`, new Date().toISOString())
  })()
  db.close()
}

/** A second process inserting rows in small transactions until told to stop. */
async function startWriter(dbPath: string) {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'write-burst.mjs'), dbPath], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  children.push(child)
  let out = ''
  child.stdout?.setEncoding('utf8')
  const lines = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: string) => {
      out += d
      if (out.includes('started')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)))
  })
  await lines
  return {
    async stop(): Promise<number> {
      const done = new Promise<void>((resolve) => child.on('exit', () => resolve()))
      child.stdin?.end()
      await done
      return Number(/done (\d+)/.exec(out)?.[1] ?? Number.NaN)
    },
  }
}

/** A store with two liaisons bound through the CLI. */
async function storeWithPeople(): Promise<CliStore> {
  const s = cliStore()
  expect(
    (await s.cli('liaisons', 'bind', '--unit', '人民银行', '--contact', 'wx-1', '--name', '王芳', '--force'))
      .code,
  ).toBe(0)
  expect(
    (await s.cli('liaisons', 'bind', '--unit', '中国移动', '--contact', 'wx-2', '--name', '马丽', '--force'))
      .code,
  ).toBe(0)
  return s
}

const people = (s: CliStore) =>
  s.query<{ name: string }>('SELECT name FROM "Person" ORDER BY id').map((p) => p.name)

describe('backup', () => {
  it('taken while another connection writes in a loop: a sound snapshot that restores and passes integrity_check', async () => {
    const s = cliStore()
    await withDb(s, async () => undefined)
    prefill(s.dbPath, 30_000)
    const writer = await startWriter(s.dbPath)
    const before = countRows(s.dbPath, 'InboundMessage')
    const r = await s.cli('backup', '--out', join(s.dir, 'bk'))
    const after = countRows(s.dbPath, 'InboundMessage')
    const written = await writer.stop()
    expect(r.code, r.out).toBe(0)
    // the writer went on committing while the backup ran
    expect(after).toBeGreaterThan(before)
    expect(written).toBeGreaterThan(0)
    const path = backupPathOf(r.out)
    expect(path).toMatch(/\/bk\/bot-\d{8}-\d{6}\.db$/)
    expect(r.out).toMatch(/大小：[\d.]+ MB（\d+ 字节）/)
    expect(r.out).toContain('完整性检查：通过')
    expect(integrity(path)).toBe('ok')
    const inBackup = countRows(path, 'InboundMessage')
    expect(inBackup).toBeGreaterThanOrEqual(before)
    expect(inBackup).toBeLessThanOrEqual(after)

    // restored elsewhere: the same snapshot, sound, migrated
    const t = cliStore()
    const restored = await t.cli('restore', path, '--yes')
    expect(restored.code, restored.out).toBe(0)
    expect(integrity(t.dbPath)).toBe('ok')
    expect(countRows(t.dbPath, 'InboundMessage')).toBe(inBackup)
    // the backup is in the audit log of the database it was taken from
    const logged = s.query<{ action: string; target: string }>('SELECT action, target FROM "AuditLog"')
    expect(logged).toEqual([{ action: 'backup', target: path }])
  })

  it('goes to a timestamped file in backups/ next to the database by default', async () => {
    const s = await storeWithPeople()
    const r = await s.cli('backup')
    expect(r.code, r.out).toBe(0)
    const path = backupPathOf(r.out)
    expect(path.startsWith(join(s.dir, 'backups', 'bot-'))).toBe(true)
    const again = await s.cli('backup')
    expect(backupPathOf(again.out)).not.toBe(path)
    expect(countRows(path, 'Person')).toBe(2)
  })

  it('bad arguments: exit code 2, no backup written', async () => {
    const s = cliStore()
    await withDb(s, async () => undefined)
    writeFileSync(join(s.dir, 'a-file'), 'x')
    const cases: [string[], RegExp][] = [
      [['backup', 'now'], /多余的参数/],
      [['backup', '--out'], /参数有误/],
      [['backup', '--out', ''], /--out 不能为空/],
      [['backup', '--out', join(s.dir, 'a-file')], /不是目录/],
      [['backup', '--dir', s.dir], /参数有误/],
    ]
    const files = s.files()
    for (const [argv, message] of cases) {
      const r = await s.cli(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.out).toMatch(message)
    }
    expect(s.files()).toEqual(files)
    expect(s.query('SELECT * FROM "AuditLog"')).toEqual([])
  })
})

describe('restore', () => {
  it('without --yes: shows what it would do and changes nothing', async () => {
    const s = await storeWithPeople()
    const path = backupPathOf((await s.cli('backup')).out)
    await s.cli('liaisons', 'unbind', '--contact', 'wx-2')
    const files = s.files()
    const r = await s.cli('restore', path)
    expect(r.code).toBe(2)
    expect(r.out).toContain(`备份文件：${path}`)
    expect(r.out).toContain('完整性检查通过')
    expect(r.out).toContain('单位 15，人员 2，')
    expect(r.out).toContain(`将用它替换 ${s.dbPath}`)
    expect(r.out).toContain('未做任何修改。确认无误后加 --yes 执行恢复。')
    expect(people(s)).toEqual(['王芳'])
    expect(s.files()).toEqual(files)
  })

  it('with --yes: keeps a safety copy, replaces the database, records it in the audit log', async () => {
    const s = await storeWithPeople()
    const path = backupPathOf((await s.cli('backup')).out)
    await s.cli('liaisons', 'unbind', '--contact', 'wx-2')
    await s.cli('liaisons', 'bind', '--unit', '县公安局', '--contact', 'wx-3', '--name', '高峰', '--force')
    expect(people(s)).toEqual(['王芳', '高峰'])

    const r = await s.cli('restore', path, '--yes')
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain(`已用 ${path} 恢复数据库 ${s.dbPath}`)
    expect(r.out).toContain('应用迁移：无（已是最新）')
    expect(people(s)).toEqual(['王芳', '马丽'])
    expect(integrity(s.dbPath)).toBe('ok')
    const safety = /原数据库副本：(\S+\.db)（/.exec(r.out)?.[1] ?? ''
    expect(basename(safety)).toMatch(/^before-restore-bot-\d{8}-\d{6}\.db$/)
    expect(countRows(safety, 'Person')).toBe(2)
    const kept = new Database(safety, { readonly: true })
    expect(kept.prepare('SELECT name FROM "Person" ORDER BY id').all()).toEqual([
      { name: '王芳' },
      { name: '高峰' },
    ])
    kept.close()
    expect(existsSync(`${s.dbPath}-journal`)).toBe(false)

    // the log of the restored database: the backup's own history, then the restore
    const log = s.query<{ action: string; target: string; detail: string }>(
      'SELECT action, target, detail FROM "AuditLog" ORDER BY id',
    )
    expect(log.map((l) => l.action)).toEqual(['bind', 'bind', 'restore'])
    expect(log[2]?.target).toBe(path)
    expect(log[2]?.detail).toContain(safety)
    // and the CLI works on it
    expect((await s.cli('liaisons', 'list')).out).toContain('马丽')
  })

  it('applies the migrations an older backup lacks', async () => {
    const s = await storeWithPeople()
    const old = join(mkdtempSync(join(tmpdir(), 'fzold-')), 'old.db')
    const dir = mkdtempSync(join(tmpdir(), 'fzmig-'))
    for (const m of ['20261128000000_init', '20261128010000_schedules', '20261128020000_clues'])
      cpSync(join(MIGRATIONS_DIR, m), join(dir, m), { recursive: true })
    const db = new Database(old)
    applyMigrations(db, dir)
    db.prepare(`INSERT INTO "Unit" ("key", "name") VALUES ('old', '旧单位')`).run()
    db.close()

    const preview = await s.cli('restore', old)
    expect(preview.out).toContain('恢复后将应用 20261128030000_bulletins、20261128040000_audit')
    const r = await s.cli('restore', old, '--yes')
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain('应用迁移：20261128030000_bulletins、20261128040000_audit')
    expect(s.query('SELECT name FROM "Unit"')).toEqual([{ name: '旧单位' }])
    expect(s.query<{ action: string }>('SELECT action FROM "AuditLog"')).toEqual([{ action: 'restore' }])
  })

  it('refuses while the bot runs, unless --force; right after a clean stop or a crash it restores', async () => {
    const s = await storeWithPeople()
    const path = backupPathOf((await s.cli('backup')).out)
    await s.cli('liaisons', 'unbind', '--contact', 'wx-2')
    const env = { DATABASE_URL: s.env.DATABASE_URL, REDIS_PREFIX: s.prefix }

    const bot = startBot(env)
    await bot.waitFor(READY)
    const r = await s.cli('restore', path, '--yes')
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/注意：机器人正在运行（进程 \d+）/)
    expect(r.out).toContain('请先停止机器人再恢复')
    expect(people(s)).toEqual(['王芳'])
    bot.type('/quit')
    expect(await bot.exited).toBe(0)
    // at once after the clean stop, not two minutes later
    const restored = await s.cli('restore', path, '--yes')
    expect(restored.code, restored.out).toBe(0)
    expect(restored.out).toContain('启动机器人即可使用恢复后的数据')
    expect(people(s)).toEqual(['王芳', '马丽'])

    // killed: its mark stays behind, but no process holds it
    await s.cli('liaisons', 'unbind', '--contact', 'wx-2')
    const killed = startBot(env)
    await killed.waitFor(READY)
    killed.kill()
    await killed.exited
    expect((await s.cli('restore', path, '--yes')).code).toBe(0)
    expect(people(s)).toEqual(['王芳', '马丽'])

    const again = startBot(env)
    await again.waitFor(READY)
    const forced = await s.cli('restore', path, '--yes', '--force')
    expect(forced.code, forced.out).toBe(0)
    expect(forced.out).toContain('请立即重启机器人')
  }, 90_000)

  it('refuses bad files and bad arguments: exit code 2, nothing changed', async () => {
    const s = await storeWithPeople()
    const good = backupPathOf((await s.cli('backup')).out)
    const dir = join(s.dir, 'bad')
    mkdirSync(dir)
    const text = join(dir, 'notes.db')
    writeFileSync(text, '这不是数据库\n')
    const foreign = join(dir, 'foreign.db')
    const f = new Database(foreign)
    f.exec('CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)')
    f.close()
    // a copy of the good backup with pages overwritten
    const corrupt = join(dir, 'corrupt.db')
    cpSync(good, corrupt)
    const fd = openSync(corrupt, 'r+')
    for (let page = 2; page < 12; page++) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096)
    closeSync(fd)
    // a database from a newer version
    const newer = join(dir, 'newer.db')
    cpSync(good, newer)
    const n = new Database(newer)
    n.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ('x', 'x', '2027-01-01', '20270101000000_future', 1)`,
    ).run()
    n.close()

    const cases: [string[], RegExp][] = [
      [['restore'], /请给出备份文件路径/],
      [['restore', join(dir, 'missing.db'), '--yes'], /找不到文件/],
      [['restore', dir, '--yes'], /不是文件/],
      [['restore', text, '--yes'], /不是 SQLite 数据库文件/],
      [['restore', foreign, '--yes'], /不是本机器人的数据库：缺少表 _prisma_migrations、Unit/],
      [['restore', corrupt, '--yes'], /未通过完整性检查|无法作为数据库读取/],
      [['restore', newer, '--yes'], /来自更新的版本.*20270101000000_future/],
      [['restore', s.dbPath, '--yes'], /就是当前数据库/],
      [['restore', good, good, '--yes'], /多余的参数/],
      [['restore', good, '--yes=1'], /参数有误/],
      [['restore', good, '--now'], /参数有误/],
    ]
    const files = s.files()
    const log = s.query('SELECT * FROM "AuditLog"')
    for (const [argv, message] of cases) {
      const r = await s.cli(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.out, argv.join(' ')).toMatch(message)
    }
    expect(s.files()).toEqual(files)
    expect(people(s)).toEqual(['王芳', '马丽'])
    expect(s.query('SELECT * FROM "AuditLog"')).toEqual(log)
    expect((await s.cli('restore', '--help')).out).toContain('--force')
  })
})
