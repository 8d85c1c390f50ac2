// Made-up clues of every kind the office pushes, deterministic (seeded), with remarks and ~2%
// repeats of earlier rows: the CSV the clue benchmark imports and the clues the bulletin reads.
import Database from 'better-sqlite3'
import { creditCodeCheckChar, idCardCheckChar } from '../bot/domain/clues/checksums.ts'
import type { BenchStore } from './common.ts'

export const ROOM = '县反诈联席会联络员群'

/** mulberry32: a small seeded generator, so every run imports the same file. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const MOBILE_PREFIXES = ['139', '138', '150', '186', '131', '155', '189', '133', '177', '192', '1703', '171']
const REMARKS = ['冒充客服', '刷单返利', '虚假投资理财', '冒充公检法', '贷款诈骗', '游戏交易', '']
const WORDS = ['fast', 'loan', 'cash', 'bet', 'star', 'gold', 'vip', 'win', 'mall', 'pay']
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

function luhnComplete(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return `${body}${(10 - (sum % 10)) % 10}`
}

export function clueGenerator(seed = 20261128) {
  const r = rng(seed)
  const int = (n: number) => Math.floor(r() * n)
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('')
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)] as T
  return (i: number): string => {
    const k = r()
    if (k < 0.3) return `${pick(MOBILE_PREFIXES)}${digits(8)}`.slice(0, 11)
    if (k < 0.38) return `0755-${int(8) + 2}${digits(7)}`
    if (k < 0.52) return luhnComplete(`622202${digits(12)}`)
    if (k < 0.56) return `支付宝：1${3 + int(6)}${digits(9)}`
    if (k < 0.64) return `http://www.${pick(WORDS)}${pick(WORDS)}${i}.cn/app?id=${int(1000)}`
    if (k < 0.68) return `${pick(WORDS)}${i}.com`
    if (k < 0.71) return `${int(200) + 20}.${int(256)}.${int(256)}.${int(254) + 1}`
    if (k < 0.76) return `QQ：${int(9) + 1}${digits(8)}`
    if (k < 0.84) return `某某${i}网络科技有限公司`
    if (k < 0.89) {
      const birth = `19${60 + int(40)}${String(int(12) + 1).padStart(2, '0')}${String(int(28) + 1).padStart(2, '0')}`
      const first17 = `110105${birth}${digits(3)}`
      return `${first17}${idCardCheckChar(first17)}`
    }
    if (k < 0.92) {
      const first17 = `91440300${Array.from({ length: 9 }, () => pick([...CREDIT_CHARS])).join('')}`
      return `${first17}${creditCodeCheckChar(first17) ?? '0'}`
    }
    if (k < 0.95) return `兼职刷单${i}群 微信群`
    if (k < 0.97) return `${pick(WORDS)}${i} APP`
    return `看不清的线索${i}号`
  }
}

/** n CSV rows (header 线索,备注); about 2% repeat an earlier row's value. */
export function clueCsv(n: number, seed = 20261128): string {
  const next = clueGenerator(seed)
  const r = rng(seed + 1)
  const values: string[] = []
  const lines = ['线索,备注']
  for (let i = 0; i < n; i++) {
    const v = i > 100 && r() < 0.02 ? (values[Math.floor(r() * values.length)] as string) : next(i)
    values.push(v)
    const remark = REMARKS[Math.floor(r() * REMARKS.length)] as string
    lines.push(`"${v.replace(/"/g, '""')}",${remark}`)
  }
  return `${lines.join('\n')}\n`
}

const COUNTS = {
  clues: 'SELECT COUNT(*) AS n FROM "Clue"',
  routed: 'SELECT COUNT(*) AS n FROM "Clue" WHERE "unitId" IS NOT NULL',
  history: 'SELECT COUNT(*) AS n FROM "ClueHistory"',
  outbound: 'SELECT COUNT(*) AS n FROM "OutboundMessage"',
  groupNotices: `SELECT COUNT(*) AS n FROM "OutboundMessage" WHERE "chat" = 'room'`,
}

type ClueCounts = Record<keyof typeof COUNTS, number>

/** What an import left in the database. */
export function clueCounts(path: string): ClueCounts {
  const db = new Database(path, { readonly: true })
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return Object.fromEntries(Object.entries(COUNTS).map(([k, sql]) => [k, one(sql)])) as ClueCounts
  } finally {
    db.close()
  }
}

/** The same, on the benchmark's SQLite file or PostgreSQL schema. */
export async function clueCountsOf(store: BenchStore): Promise<ClueCounts> {
  if (!store.schema) return clueCounts(store.dbPath)
  const { withPostgres } = await import('../bot/store/postgresql.ts')
  return withPostgres(store.url, async (conn) => {
    const counts: Record<string, number> = {}
    for (const [k, sql] of Object.entries(COUNTS)) counts[k] = Number((await conn.query(sql)).rows[0].n)
    return counts as ClueCounts
  })
}
