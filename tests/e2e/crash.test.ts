// kill -9 of the bot process during a burst of 1,000 reports, with some stored and not handled yet,
// then a restart: every stored report is handled exactly once — one record and one reply each —
// and every reply is sent.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { freshStore, withoutMentions } from '../helpers/app.ts'
import { killFixtures, runFixture } from '../helpers/process.ts'
import { until } from '../helpers/wait.ts'

afterEach(killFixtures)

/** Reports the liaisons post at once in the mid-burst crash. */
const BURST = 1_000
/** The burst's process is killed once this many are handled: mid-burst however fast the machine. */
const KILL_AFTER_HANDLED = 100

/** A bot's database; each process started on it logs what it sent to a file of its own. */
function crashBot() {
  const { dbPath, prefix } = freshStore()
  let runs = 0
  return {
    dbPath,
    start(...args: string[]) {
      const wireLog = join(dirname(dbPath), `wire-${++runs}.log`)
      const run = runFixture('tests/fixtures/bot-process.ts', args, {
        DATABASE_URL: `file:${dbPath}`,
        REDIS_PREFIX: prefix,
        WIRE_LOG: wireLog,
      })
      /** The texts this process sent, without the @-mentions put before them in the group. */
      const sent = () =>
        existsSync(wireLog)
          ? readFileSync(wireLog, 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((line) => withoutMentions(JSON.parse(line) as string))
          : []
      return { ...run, sent }
    },
  }
}

/** What the bot's database records. */
function records(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const count = (sql: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${sql}`).get() as { n: number }).n
    const texts = (where = '') =>
      (db.prepare(`SELECT text FROM OutboundMessage ${where}`).all() as { text: string }[]).map((r) => r.text)
    return {
      stored: count('InboundMessage'),
      handled: count("InboundMessage WHERE outcome = 'handled'"),
      unhandled: count('InboundMessage WHERE handledAt IS NULL'),
      submissions: count('Submission'),
      submittedMessages: count('(SELECT DISTINCT inboundId FROM Submission)'),
      replies: count('OutboundMessage WHERE inboundId IS NOT NULL'),
      repliedMessages: count('(SELECT DISTINCT inboundId FROM OutboundMessage WHERE inboundId IS NOT NULL)'),
      outbound: texts(),
      recordedSent: texts('WHERE sentAt IS NOT NULL'),
    }
  } finally {
    db.close()
  }
}

/** The records so far; undefined until the process has created and migrated its database. */
function peek(dbPath: string) {
  try {
    return records(dbPath)
  } catch {
    return undefined
  }
}

const sorted = (texts: string[]) => [...texts].sort()

/** Each stored message handled once, with one record and one reply; every outbound row recorded as sent. */
function expectEachHandledOnce(r: ReturnType<typeof records>, stored: number) {
  expect(r).toMatchObject({
    stored,
    handled: stored,
    unhandled: 0,
    submissions: stored,
    submittedMessages: stored,
    replies: stored,
    repliedMessages: stored,
  })
  expect(r.recordedSent).toHaveLength(r.outbound.length)
  // Each reply names its unit and revision: texts are unique, so they can stand for the rows.
  expect(new Set(r.outbound).size).toBe(r.outbound.length)
}

describe('a crash during a burst of reports', () => {
  it(`killed in the middle of a burst of ${BURST} reports: nothing stored is lost, nothing is doubled`, async () => {
    const bot = crashBot()
    const burst = bot.start('burst', String(BURST))
    await until(
      () => (peek(bot.dbPath)?.handled ?? 0) >= KILL_AFTER_HANDLED,
      `${KILL_AFTER_HANDLED} reports handled`,
    )
    await burst.kill()
    const atKill = records(bot.dbPath)
    // The kill fell mid-burst: reports stored, some of them handled and some not.
    expect(atKill.stored).toBeGreaterThan(0)
    expect(atKill.stored).toBeLessThanOrEqual(BURST)
    expect(atKill.handled).toBeGreaterThanOrEqual(KILL_AFTER_HANDLED)
    expect(atKill.unhandled).toBeGreaterThan(0)

    const restart = bot.start('recover')
    expect(await restart.exited).toBe(0)
    const after = records(bot.dbPath)
    expectEachHandledOnce(after, atKill.stored)

    // Sending a reply and recording it as sent are two steps; a reply the kill caught between them
    // is sent again after the restart — at most one, as the worker sends one at a time. Every other
    // reply goes out exactly once, before the kill or after the restart.
    const recorded = new Set(atKill.recordedSent)
    const sentBeforeKill = burst.sent()
    expect(sentBeforeKill.filter((text) => !recorded.has(text)).length).toBeLessThanOrEqual(1)
    expect(sorted(sentBeforeKill.filter((text) => recorded.has(text)))).toEqual(sorted(atKill.recordedSent))
    expect(sorted(restart.sent())).toEqual(sorted(after.outbound.filter((text) => !recorded.has(text))))
  }, 120_000)
})
