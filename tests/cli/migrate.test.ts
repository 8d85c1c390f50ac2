// `npm run cli -- migrate --to postgresql://…`: a county's SQLite record, made through the real
// paths (reports and their corrections, a clue push and a clue file with history, a bulletin issued
// with its documents, a task, people, audit rows), copied into a fresh PostgreSQL schema and read
// back the same on both engines; what it refuses, and a tampered copy found out.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../bot/cli.ts'
import { filesDirOf, readStoredFile, storeFile } from '../../bot/services/file-store.ts'
import { listAudit } from '../../bot/store/audit.ts'
import { loadBulletinInput } from '../../bot/store/bulletins.ts'
import { openClueCounts } from '../../bot/store/clues.ts'
import { migrateRecord, verifyRecord } from '../../bot/store/copy.ts'
import { closeDatabase, type Db, databaseFile, databasePath, openDatabase } from '../../bot/store/db.ts'
import { postgresTarget } from '../../bot/store/postgresql.ts'
import { holdRunLock } from '../../bot/store/run-lock.ts'
import { latestSubmissions } from '../../bot/store/submissions.ts'
import { TABLES, tableCounts } from '../../bot/store/tables.ts'
import { openTasks } from '../../bot/store/tasks.ts'
import { type CommandHarness, commandHarness } from '../helpers/commands.ts'
import { freshPostgresUrl, ON_POSTGRES } from '../helpers/database.ts'
import { people } from '../helpers/people.ts'

const NOW = '2026-11-20T10:00:00+08:00'

let h: CommandHarness
let dbPath: string
let env: NodeJS.ProcessEnv
let fileSha: string
const cli = (...argv: string[]) => runCli(argv, env)

/** One statement on the target schema, outside the store (what an intruder or a slip would do). */
async function onTarget(url: string, sql: string): Promise<void> {
  const { connectionString, schema } = postgresTarget(url)
  const client = new pg.Client({ connectionString, options: `-c search_path="${schema}"` })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function withBoth<T>(url: string, fn: (source: Db, target: Db) => Promise<T>): Promise<T> {
  const source = await openDatabase(`file:${dbPath}`)
  const target = await openDatabase(url)
  try {
    return await fn(source, target)
  } finally {
    await closeDatabase(source)
    await closeDatabase(target)
  }
}

describe.skipIf(ON_POSTGRES)('cli migrate: a SQLite record into PostgreSQL', () => {
  beforeAll(async () => {
    h = await commandHarness({ now: NOW, people: people('王芳', '马丽', '高峰', '李强', '赵六') })
    await h.say('王芳', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3')
    await h.say('王芳', '更正：冻结涉案账户数应为16个')
    await h.say('马丽', '#月报\n*关停涉诈号码数：12\n*发现伪基站数：1')
    await h.say('李强', '推送线索\n13912345678 冒充客服\n6222021234567890128 涉案卡')
    await h.file('李强', '线索.csv', Buffer.from('线索,备注\n18612345678,冒充公检法\n13812345678,\n'))
    await h.say('马丽', '销号 0001 已关停')
    await h.say('李强', '督办 中国移动 人民银行 对辖区物联网卡开展专项排查 12月10日前')
    await h.say('马丽', '完成 RW-2026-001 已排查1200张')
    await h.say('李强', '发布通报')
    dbPath = databaseFile(h.db)
    await h.close()
    env = { ...process.env, DATABASE_URL: `file:${dbPath}`, REDIS_PREFIX: `fztest-migrate-${process.pid}` }
    // The clue file from the command line: a batch, its clues and their history, an audit row.
    const csv = join(dirname(dbPath), '部推线索.csv')
    writeFileSync(csv, '线索,备注\n18912345678,冒充电商客服\n13712345678,\n')
    expect((await cli('import-clues', csv)).code).toBe(0)
    fileSha = storeFile(filesDirOf(dbPath), Buffer.from('实施方案（示例）'))
  }, 120_000)

  it('copies every table, verifies counts and checksums, and the store reads the same on both', async () => {
    const url = freshPostgresUrl()
    const r = await cli('migrate', '--to', url)
    expect(r.out).toContain('行数和校验和全部一致')
    expect(r.code).toBe(0)
    for (const t of TABLES) expect(r.out).toMatch(new RegExp(`^${t}\\t(\\d+)\\t\\1\\t[0-9a-f]{12}\\t✓$`, 'm'))
    expect(r.out).toContain('文件 1 个')
    expect(readStoredFile(filesDirOf(databasePath(url)), fileSha).toString()).toBe('实施方案（示例）')

    await withBoth(url, async (source, target) => {
      const counts = await tableCounts(source)
      expect(await tableCounts(target)).toEqual(counts)
      for (const t of [
        'Unit',
        'Person',
        'Submission',
        'Clue',
        'ClueBatch',
        'ClueHistory',
        'Bulletin',
        'AuditLog',
      ])
        expect(counts[t], t).toBeGreaterThan(0)
      expect(counts.Task).toBe(1)
      expect(counts.TaskUnit).toBe(2)
      const read = async (db: Db) => ({
        bulletin: await loadBulletinInput(db, {
          period: '2026-11',
          asOf: new Date(NOW),
          roster: h.roster,
        }),
        progress: await latestSubmissions(db, '2026-11'),
        openClues: await openClueCounts(db),
        tasks: await openTasks(db),
        audit: await listAudit(db, { limit: 100 }),
      })
      const [before, after] = [await read(source), await read(target)]
      expect(after).toEqual(before)
      expect(before.progress.map((s) => s.revision).sort()).toEqual([1, 2])
      expect(before.audit.rows.map((a) => a.action)).toContain('migrate')
      expect((await verifyRecord(source, target)).every((c) => c.ok)).toBe(true)
    })
  })

  it('new rows after the move get fresh ids, and the clue numbering goes on', async () => {
    const url = freshPostgresUrl()
    expect((await cli('migrate', '--to', url)).code).toBe(0)
    const before = await withBoth(url, async (source) => ({
      clue: (await source.clue.aggregate({ _max: { id: true, seq: true } }))._max,
      history: (await source.clueHistory.aggregate({ _max: { id: true } }))._max.id ?? 0,
      audit: (await source.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0,
    }))
    const csv = join(dirname(dbPath), '第二批.csv')
    writeFileSync(csv, '线索,备注\n13612345678,冒充客服\n')
    const onPg = { ...env, DATABASE_URL: url }
    expect((await runCli(['import-clues', csv], onPg)).code).toBe(0)
    const target = await openDatabase(url)
    try {
      const added = await target.clue.findFirstOrThrow({ where: { value: '13612345678' } })
      expect(added.id).toBe((before.clue.id ?? 0) + 1)
      expect(added.code).toBe(`XS-2026-${String((before.clue.seq ?? 0) + 1).padStart(4, '0')}`)
      const history = await target.clueHistory.findMany({ where: { clueId: added.id } })
      expect(Math.min(...history.map((x) => x.id))).toBe(before.history + 1)
      const audit = await target.auditLog.findMany({
        where: { id: { gt: before.audit } },
        orderBy: { id: 'asc' },
      })
      expect(audit.map((a) => a.id)[0]).toBe(before.audit + 1)
    } finally {
      await closeDatabase(target)
    }
  })

  it('refuses a second move into the same target, changing neither side', async () => {
    const url = freshPostgresUrl()
    expect((await cli('migrate', '--to', url)).code).toBe(0)
    const counts = await withBoth(url, async (s, t) => [await tableCounts(s), await tableCounts(t)])
    const again = await cli('migrate', '--to', url)
    expect(again.code).toBe(1)
    expect(again.out).toContain('已有数据')
    expect(again.out).toContain('从不合并')
    expect(await withBoth(url, async (s, t) => [await tableCounts(s), await tableCounts(t)])).toEqual(counts)
  })

  it('finds a row altered on the target: the verify step and `migrate --check`', async () => {
    const url = freshPostgresUrl()
    expect((await cli('migrate', '--to', url)).code).toBe(0)
    expect((await cli('migrate', '--to', url, '--check')).code).toBe(0)
    await onTarget(url, `UPDATE "Submission" SET "values" = '{"冻结涉案账户数":61}' WHERE "revision" = 2`)
    const checks = await withBoth(url, (source, target) => verifyRecord(source, target))
    expect(checks.filter((c) => !c.ok).map((c) => c.table)).toEqual(['Submission'])
    const bad = checks.find((c) => c.table === 'Submission')
    expect(bad?.sourceRows).toBe(bad?.targetRows)
    expect(bad?.sourceSum).not.toBe(bad?.targetSum)
    const check = await cli('migrate', '--to', url, '--check')
    expect(check.code).toBe(1)
    expect(check.out).toMatch(/^Submission\t\d+\t\d+\t[0-9a-f]{12}≠[0-9a-f]{12}\t✗$/m)
    // A row gone is found by its count.
    await onTarget(url, `DELETE FROM "ClueHistory" WHERE "id" = (SELECT MAX("id") FROM "ClueHistory")`)
    const after = await withBoth(url, (source, target) => verifyRecord(source, target))
    const history = after.find((c) => c.table === 'ClueHistory')
    expect(history?.ok).toBe(false)
    expect(history?.targetRows).toBe((history?.sourceRows ?? 0) - 1)
  })

  it('is all or nothing: a failure at the last step leaves the target empty and the source as it was', async () => {
    const url = freshPostgresUrl()
    await withBoth(url, async (source, target) => {
      const before = await tableCounts(source)
      const entry = { actor: 'test', action: 'migrate' as const, target: url, at: new Date() }
      await expect(
        migrateRecord(source, target, {
          entry,
          beforeCommit: () => {
            throw new Error('the files could not be copied')
          },
        }),
      ).rejects.toThrow('the files could not be copied')
      expect(await tableCounts(source)).toEqual(before)
      expect(Object.values(await tableCounts(target)).every((n) => n === 0)).toBe(true)
    })
  })

  it('refuses a target that is not PostgreSQL or cannot be reached, a source that is not SQLite, and a running bot', async () => {
    const notPg = await cli('migrate', '--to', 'file:./data/other.db')
    expect(notPg.code).toBe(2)
    expect(notPg.out).toContain('目标必须是 PostgreSQL 地址')
    const unreachable = await cli('migrate', '--to', 'postgresql://postgres:secret@127.0.0.1:1/test?schema=x')
    expect(unreachable.code).toBe(1)
    expect(unreachable.out).toContain('无法连接目标 PostgreSQL')
    expect(unreachable.out).not.toContain('secret')
    const fromPg = await runCli(['migrate', '--to', freshPostgresUrl()], {
      ...env,
      DATABASE_URL: freshPostgresUrl(),
    })
    expect(fromPg.code).toBe(1)
    expect(fromPg.out).toContain('不是 SQLite')
    const url = freshPostgresUrl()
    const lock = holdRunLock(dbPath)
    try {
      const running = await cli('migrate', '--to', url)
      expect(running.code).toBe(1)
      expect(running.out).toContain(`进程 ${process.pid}`)
    } finally {
      lock.release()
    }
    // Nothing was written to the target the running bot kept the move from.
    const target = await openDatabase(url)
    try {
      expect(Object.values(await tableCounts(target)).every((n) => n === 0)).toBe(true)
    } finally {
      await closeDatabase(target)
    }
    expect((await cli('migrate', '--help')).out).toContain('--to postgresql://')
  })
})
