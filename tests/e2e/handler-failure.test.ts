// A command that fails half-way (here: the database refuses its write, as on a full disk) leaves
// nothing of what it wrote, and gets the one answer every failure gets: marked failed, one
// apology to the sender, the office told privately; the next message is handled as usual.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { until } from '../helpers/wait.ts'

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

/** Runs SQL on the bot's database file from a connection of its own. */
function onFile(dbPath: string, sql: string) {
  const db = new Database(dbPath)
  db.exec(sql)
  db.close()
}

describe('a handler that throws', () => {
  it('writes nothing, apologises once, tells the office; the next message is handled', async () => {
    t = await startTestApp({
      now: '2026-11-18T10:00:00+08:00',
      people: [
        { name: '王芳', unit: '人民银行' },
        { name: '李强', role: 'office' },
      ],
    })
    onFile(
      t.dbPath,
      `CREATE TRIGGER refuse BEFORE INSERT ON "Submission" BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    )
    await t.say('王芳', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3')
    await until(() => t?.sent.length === 2, 'the apology and the office report')
    expect(withoutMentions(t.sent[0] as string)).toBe(
      '抱歉，处理这条消息时出错了，已记录，请稍后重试或联系联席办。',
    )
    expect(t.sent[1]).toMatch(/^⚠️ 一条消息未能处理（.+）：王芳 11月18日10:00发的「#月报/)
    const db = new Database(t.dbPath, { readonly: true })
    expect(db.prepare('SELECT outcome FROM InboundMessage').all()).toEqual([{ outcome: 'failed' }])
    expect(db.prepare('SELECT COUNT(*) AS n FROM Submission').get()).toEqual({ n: 0 })
    db.close()

    onFile(t.dbPath, 'DROP TRIGGER refuse')
    await t.say('王芳', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3')
    await until(() => t?.sent.length === 3, 'the report echo')
    expect(withoutMentions(t.sent[2] as string)).toMatch(/^✅/)
  }, 60_000)
})
