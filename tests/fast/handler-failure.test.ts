// Reports that arrive together share one transaction. When one of them fails half-way (here the
// database refuses its write, as on a full disk), nothing of it is kept and it gets the one answer
// every failure gets (tests/e2e/handler-failure.test.ts); the reports beside it are kept as if it
// had not been there.
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { sqliteOf } from '../../bot/store/sqlite.ts'
import { type CommandHarness, commandHarness } from '../helpers/commands.ts'
import { ON_POSTGRES } from '../helpers/database.ts'
import { people } from '../helpers/people.ts'

let t: CommandHarness | undefined
afterEach(() => t?.close())

describe.skipIf(ON_POSTGRES)('one report failing among reports posted at once', () => {
  it('the others are stored and echoed; it is marked failed, apologised for and reported to the office', async () => {
    const logged: { msg: string; inboundId?: number }[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged.push(JSON.parse(String(chunk)))
        done()
      },
    })
    t = await commandHarness({
      now: '2026-11-18T10:00:00+08:00',
      people: people('王芳', '马丽', '孙联', '李强'),
      log: pino({ level: 'warn' }, sink),
    })
    const h = t
    sqliteOf(h.db).exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON "Submission"
       WHEN NEW."unitId" = (SELECT "id" FROM "Unit" WHERE "key" = 'cmcc')
       BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    )
    const [pboc, cmcc, cucc] = await Promise.all([
      h.say('王芳', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3'),
      h.say('马丽', '#月报\n关停涉诈号码数：40\n发现伪基站数：1'),
      h.say('孙联', '#月报\n关停涉诈号码数：25\n发现伪基站数：0'),
    ])

    expect(pboc?.map((s) => s.text)).toEqual([expect.stringMatching(/^✅ 已收到人民银行2026年11月月报/)])
    expect(cucc?.map((s) => s.text)).toEqual([expect.stringMatching(/^✅ 已收到中国联通2026年11月月报/)])
    expect(cmcc?.map((s) => [s.to, s.text])).toEqual([
      ['room', '抱歉，处理这条消息时出错了，已记录，请稍后重试或联系联席办。'],
      ['李强', expect.stringMatching(/^⚠️ 一条消息未能处理（.+）：马丽 11月18日10:00发的「#月报/)],
    ])
    const stored = await h.db.submission.findMany({ include: { unit: true }, orderBy: { id: 'asc' } })
    expect(stored.map((s) => s.unit.name)).toEqual(['人民银行', '中国联通'])
    const outcomes = await h.db.inboundMessage.findMany({ orderBy: { id: 'asc' } })
    expect(outcomes.map((m) => m.outcome)).toEqual(['handled', 'failed', 'handled'])
    // It failed in the transaction it shared, and again alone: where its one answer was written.
    const failedId = outcomes[1]?.id
    expect(logged.map((l) => [l.msg, l.inboundId])).toEqual([
      ['handler failed in a shared transaction', failedId],
      ['handler failed', failedId],
    ])
  })
})
