// 20,000 generated messages — random text, near-miss reports, huge lines, control and bidi
// characters, emoji, SQL-looking text, out-of-range numbers — through the real pipeline (persist →
// parse → store → outbound rows). Nothing crashes, every report-like message gets exactly one
// answer, and junk changes nothing in the record.
import { describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { SimulatedClock } from '../../bot/domain/clock.ts'
import { isReport } from '../../bot/domain/report-parser.ts'
import { normalizeText } from '../../bot/domain/text.ts'
import { createLogger } from '../../bot/log.ts'
import { InboundPipeline } from '../../bot/pipeline.ts'
import { openDatabase } from '../../bot/store/db.ts'
import { bindPerson } from '../../bot/store/people.ts'
import { listUnits, seedUnitsIfEmpty } from '../../bot/store/units.ts'
import { freshStore } from '../helpers/app.ts'

const N = Number(process.env.FUZZ_MESSAGES ?? 20_000)

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const LABELS = [
  '冻结涉案账户数',
  '冻结账户数',
  '清理空壳公司数',
  '清退POS机数',
  '检查支付机构数',
  '其他工作',
  '天气',
  '',
]
const VALUES = [
  '12',
  '十二',
  '1,200',
  '１２个',
  '-3',
  '1.5',
  '99999999999999999999',
  'NaN',
  '∞',
  '1e9',
  "'; DROP TABLE Submission; --",
  '0x1F',
  '',
  '无',
]
const JUNK = [
  '\u202e\u2066月报\u2069',
  '😀🙏🏻👨‍👩‍👧',
  "Robert'); DROP TABLE InboundMessage;--",
  '\u0000\u0007\u001b[31m',
  '月报什么时候交',
  '#',
  '【】',
  '模板模板模板',
  '进度进度',
  '销号',
  '转办 XS-9999-9999',
  '线索\n13800138000',
  '绑定 @谁 人民银行',
]

function generate(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T
  const r = next()
  if (r < 0.35) {
    const marker = pick([
      '#月报',
      '【月报】',
      '月报',
      '＃月报',
      '#月报 2026年13月',
      '#月报 2099-01',
      '#月报 人民银行',
      '#月报 不存在的单位',
    ])
    const lines = Array.from(
      { length: Math.floor(next() * 6) },
      () => `${pick(LABELS)}${pick(['：', ':', ' ', '=', ''])}${pick(VALUES)}`,
    )
    return [marker, ...lines].join(pick(['\n', '\r\n', '\n\n']))
  }
  if (r < 0.45)
    return `#月报\n冻结涉案账户数：${'9'.repeat(1 + Math.floor(next() * 400))}\n${'其他工作：'.padEnd(5000, '长')}`
  if (r < 0.55) return pick(JUNK)
  if (r < 0.6) return 'x'.repeat(Math.floor(next() * 20_000))
  const len = Math.floor(next() * 60)
  return Array.from({ length: len }, () => String.fromCodePoint(Math.floor(next() * 0x2fff))).join('')
}

describe('fuzz: generated messages through the real pipeline', () => {
  it(`${N} messages: no crash, every report-like message answered once, junk stores nothing`, async () => {
    const store = freshStore()
    const db = await openDatabase(store.url)
    const roster = loadRoster('prisma/roster.yaml')
    await seedUnitsIfEmpty(db, roster.units)
    const clock = new SimulatedClock(new Date('2026-11-20T10:00:00+08:00'))
    const pboc = (await listUnits(db)).find((u) => u.key === 'pboc')
    await bindPerson(
      db,
      { contactId: 'liaison', name: '王芳', role: 'liaison', unitId: pboc?.id ?? null },
      clock.now(),
    )
    const pipeline = new InboundPipeline({
      db,
      clock,
      roster,
      roomTopic: '群',
      log: createLogger('silent'),
      onOutbound: () => undefined,
    })
    const next = rng(20261128)
    const texts: string[] = []
    for (let i = 0; i < N; i++) {
      const text = generate(next)
      texts.push(text)
      await pipeline.receive({
        wechatId: `fuzz-${i}`,
        chat: next() < 0.8 ? 'room' : 'dm',
        roomId: 'room',
        roomTopic: '群',
        senderId: next() < 0.7 ? 'liaison' : 'stranger',
        senderName: '某人',
        text,
        mentions: [],
        fileName: null,
        fileData: null,
        receivedAt: clock.now(),
      })
    }
    const inbound = await db.inboundMessage.findMany({
      select: { id: true, text: true, outcome: true, chat: true, senderId: true },
    })
    expect(inbound).toHaveLength(N)
    expect(inbound.filter((m) => m.outcome === null || m.outcome === 'failed')).toEqual([])

    const replies = await db.outboundMessage.groupBy({ by: ['inboundId'], _count: { _all: true } })
    const replyCount = new Map(replies.map((r) => [r.inboundId, r._count._all]))
    const texts2 = await db.outboundMessage.findMany({
      select: { inboundId: true, text: true },
      orderBy: { id: 'asc' },
    })
    const firstReply = new Map<number, string>()
    for (const t of texts2)
      if (t.inboundId !== null && !firstReply.has(t.inboundId)) firstReply.set(t.inboundId, t.text)
    let accepted = 0
    for (const m of inbound) {
      const reportLike =
        isReport(normalizeText(m.text).trim()) && !(m.chat === 'dm' && m.senderId === 'stranger')
      if (!reportLike) continue
      // one answer (a long one may be split into parts, all for this message)
      expect(replyCount.get(m.id) ?? 0, m.text.slice(0, 80)).toBeGreaterThanOrEqual(1)
      if (firstReply.get(m.id)?.startsWith('✅')) accepted++
    }
    // the record holds exactly the accepted reports, and no clue came from a non-office sender
    expect(await db.submission.count()).toBe(accepted)
    expect(await db.clue.count()).toBe(0)
    expect(await db.person.count()).toBe(1)
    expect(await db.unit.count()).toBe(15)
    await db.$disconnect()
  }, 600_000)
})
