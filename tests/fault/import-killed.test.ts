// `import-clues` killed (kill -9) between chunks of a large file: the chunks in are routed clues
// that no unit has heard of. `cli status` says so, and importing the file again first sends those
// notices, then takes in the rest: each unit hears of every clue exactly once.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../bot/cli.ts'
import { loadRoster } from '../../bot/config.ts'
import { bindPeople } from '../../bot/services/bind-people.ts'
import { markImportBegun, newImportMark } from '../../bot/services/clue-import-marks.ts'
import { collectStatus, renderStatus } from '../../bot/services/status.ts'
import { type Db, openDatabase, writeTransaction } from '../../bot/store/db.ts'
import { seedUnitsIfEmpty } from '../../bot/store/units.ts'
import { freshStore } from '../helpers/database.ts'
import { killFixtures, runFixture } from '../helpers/process.ts'
import { sleep } from '../helpers/wait.ts'

let db: Db | undefined
afterEach(async () => {
  killFixtures()
  await db?.$disconnect()
  db = undefined
})

// Six chunks of 10,000: China Mobile numbers, 139 + eight digits, all different.
const ROWS = 60_000
const csv = ['线索', ...Array.from({ length: ROWS }, (_, i) => `139${String(i).padStart(8, '0')}`)].join('\n')

describe('a command-line import killed between chunks', () => {
  it('is named by status; the next import sends its notices first; every clue is notified once', async () => {
    const { url, dbPath, prefix } = freshStore()
    const env = { ...process.env, DATABASE_URL: url, REDIS_PREFIX: prefix, ROOM_TOPIC: '反诈测试群' }
    const cli = (...argv: string[]) => runCli(argv, env)
    const store = await openDatabase(url)
    db = store
    await seedUnitsIfEmpty(store, loadRoster('prisma/roster.yaml').units)
    await bindPeople(store, [{ id: 'c-1', name: '马丽', unit: '中国移动' }], new Date())
    const path = join(dirname(dbPath), '部推线索.csv')
    writeFileSync(path, csv)
    const count = async (sql: string) =>
      Number(((await store.$queryRawUnsafe(sql)) as { n: number | bigint }[])[0]?.n)
    const rows = (sql: string) => store.$queryRawUnsafe(sql) as Promise<{ text: string }[]>

    const importing = runFixture('bot/cli.ts', ['import-clues', path], env)
    // Killed once its first chunk is in and before its last.
    while (
      (await count(`SELECT count(*) AS n FROM "ServiceState" WHERE "key" LIKE 'clues.import:%'`)) === 0
    ) {
      if ((await Promise.race([importing.exited.then(() => 'exited'), sleep(5)])) === 'exited') break
    }
    await importing.kill()
    const kept = await count('SELECT count(*) AS n FROM "Clue"')
    expect(kept).toBeGreaterThanOrEqual(10_000)
    expect(kept).toBeLessThan(ROWS)
    expect(await count('SELECT count(*) AS n FROM "OutboundMessage"')).toBe(0)

    const status = await cli('status')
    expect(status.out).toContain('⚠️ 线索导入 部推线索.csv')
    expect(status.out).toContain('中途停止：已入库的线索还没有通知各单位')

    const again = await cli('import-clues', path)
    expect(again.code).toBe(0)
    expect(again.out.split('\n')[0]).toMatch(
      new RegExp(`^上次未完成的导入 部推线索\\.csv（.+ 开始）：已入库的 ${kept} 条在办线索现已补发通知`),
    )
    expect(again.out).toContain(`新建线索 ${ROWS - kept} 条`)
    expect(again.out).toContain(`重复（未重复分派）\t${kept} 条`)

    // One group notice for the clues of the killed import (saying it comes late), one for the rest.
    const notices = await rows(`SELECT "text" FROM "OutboundMessage" WHERE "chat" = 'room' ORDER BY "id"`)
    expect(notices).toHaveLength(2)
    expect(notices[0]?.text).toContain(`${kept} 条`)
    expect(notices[0]?.text).toContain('开始的线索导入中途停止，以上线索当时已入库')
    expect(notices[1]?.text).toContain(`${ROWS - kept} 条`)
    expect(notices[1]?.text).not.toContain('中途停止')
    expect(
      await count(`SELECT count(*) AS n FROM "Clue" c WHERE (SELECT count(*) FROM "ClueHistory" h
                     WHERE h."clueId" = c."id" AND h."action" = 'notified') <> 1`),
    ).toBe(0)
    expect(await count('SELECT count(*) AS n FROM "Clue"')).toBe(ROWS)
    expect((await cli('status')).out).not.toContain('线索导入')
  }, 120_000)

  it('status tells an import still running, and one begun on another machine, from a stopped one', async () => {
    const { url } = freshStore()
    const store = await openDatabase(url)
    db = store
    const running = newImportMark('本机.csv', new Date('2026-12-06T12:00:00Z'))
    const elsewhere = { ...newImportMark('另一台.csv', new Date('2026-12-06T12:30:00Z')), host: 'other-host' }
    await writeTransaction(store, async (tx) => {
      await markImportBegun(tx, running)
      await markImportBegun(tx, elsewhere)
    })
    const status = renderStatus(
      await collectStatus(store, {
        redisUrl: 'redis://127.0.0.1:6379',
        prefix: 'x',
        redis: Promise.resolve({ ok: true, queues: {} }),
        now: new Date('2026-12-06T13:00:00Z'),
      }),
    )
    expect(status).toContain(
      `线索导入 本机.csv 正在进行（2026-12-06 20:00:00（1 小时前）开始，进程 ${process.pid}）`,
    )
    expect(status).toContain(
      '线索导入 另一台.csv（2026-12-06 20:30:00（30 分钟前）开始）在 other-host 上进行或已中断',
    )
    expect(status).not.toContain('中途停止')
  })
})
