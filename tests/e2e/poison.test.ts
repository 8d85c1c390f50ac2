// The poison rule: a message the process died handling at two starts is marked failed, answered
// once, reported privately to the office and never tried again; the messages behind it go on.
// (The crash itself is played by the rows a dying process leaves: stored, unhandled, attempts counted.)
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore, ROOM, startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'

const PEOPLE = people('王芳', '李强')
let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

/** Messages as the process left them when it died: stored, not handled, tried `attempts` times. */
function leftByACrash(dbPath: string, rows: { text: string; attempts: number }[]) {
  const db = new Database(dbPath)
  const insert = db.prepare(
    `INSERT INTO InboundMessage (wechatId, chat, roomId, roomTopic, senderId, senderName, text, receivedAt, attempts)
     VALUES (?, 'room', 'test-room', ?, 'person-1', '王芳', ?, ?, ?)`,
  )
  for (const [i, r] of rows.entries())
    insert.run(`crashed-${i}`, ROOM, r.text, Date.parse('2026-11-18T02:00:00Z') + i, r.attempts)
  db.close()
}

function outcome(dbPath: string) {
  const db = new Database(dbPath, { readonly: true })
  try {
    return {
      inbound: db.prepare(`SELECT text, outcome, attempts FROM InboundMessage ORDER BY id`).all(),
      out: db.prepare(`SELECT chat, recipientName AS "to", text FROM OutboundMessage ORDER BY id`).all() as {
        chat: string
        to: string
        text: string
      }[],
    }
  } finally {
    db.close()
  }
}

describe('a message that kills the process', () => {
  it('is given up at the start after its second attempt; the ones behind it are handled', async () => {
    const store = freshStore()
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE, store })
    await t.stop()
    t = undefined
    leftByACrash(store.dbPath, [
      { text: '#月报\n冻结涉案账户数：3\n清理空壳公司数：1', attempts: 2 },
      { text: '进度', attempts: 1 },
      { text: '帮助', attempts: 0 },
    ])
    t = await startTestApp({ now: '2026-11-18T10:05:00+08:00', people: PEOPLE, store })
    await t.app.sender.drained()
    const r = outcome(store.dbPath)
    expect(r.inbound).toEqual([
      { text: '#月报\n冻结涉案账户数：3\n清理空壳公司数：1', outcome: 'failed', attempts: 2 },
      { text: '进度', outcome: 'handled', attempts: 2 },
      { text: '帮助', outcome: 'handled', attempts: 1 },
    ])
    const group = r.out.filter((m) => m.chat === 'room').map((m) => withoutMentions(m.text))
    expect(group[0]).toBe(
      '抱歉，这条消息两次处理都没能完成，已跳过，不会再重试；联席办已收到报告。请换一种写法，或把内容分成几条再发。',
    )
    expect(group[1]).toContain('2026年11月')
    expect(group).toHaveLength(3)
    expect(r.out.filter((m) => m.chat === 'dm' && m.text.startsWith('⚠️'))).toEqual([
      {
        chat: 'dm',
        to: '李强',
        text: expect.stringContaining(
          '⚠️ 一条消息未能处理（两次处理时程序中断，已跳过）：王芳 11月18日10:00发的「#月报',
        ),
      },
    ])
    // the next start does not try it again
    await t.stop()
    t = await startTestApp({ now: '2026-11-18T10:10:00+08:00', people: PEOPLE, store })
    await t.app.sender.drained()
    expect(outcome(store.dbPath).out).toHaveLength(r.out.length)
  })
})
