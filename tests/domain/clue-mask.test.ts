import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyClue } from '../../bot/domain/clues/classify.ts'
import {
  containsUnmaskedNumber,
  leakedNumbers,
  maskClue,
  maskForGroup,
  maskNumbersInText,
} from '../../bot/domain/clues/mask.ts'

// Made-up numbers completed with check digits computed here (see clue-classify.test.ts).
function luhn(payload: string): string {
  const sum = [...payload]
    .reverse()
    .map(Number)
    .reduce((acc, d, i) => acc + (i % 2 === 0 ? Math.floor((2 * d) / 10) + ((2 * d) % 10) : d), 0)
  return payload + ((10 - (sum % 10)) % 10)
}
function idNumber(first17: string): string {
  const s = [...first17].reduce((acc, d, i) => acc + Number(d) * (2 ** (17 - i) % 11), 0)
  const c = (12 - (s % 11)) % 11
  return first17 + (c === 10 ? 'X' : String(c))
}
const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))

const CARD16 = luhn('622202123456789')
const CARD19 = luhn('622848001234567890')
const ID = idNumber('11010519900307123')
const ID_X = '11010519491231002X'

describe('maskClue shapes', () => {
  it.each([
    ['phone', '13800138000', '138****8000'],
    ['phone', '17001234567', '170****4567'],
    ['phone', '+85221234567', '+852****4567'],
    ['landline', '057187654321', '0571-****4321'],
    ['landline', '01062345678', '010-****5678'],
    ['landline', '05718765432', '0571-****432'],
    ['landline', '4008108888', '400-***-8888'],
    ['bank_card', CARD16, `6222 **** **** ${CARD16.slice(-4)}`],
    ['bank_card', CARD19, `6228 **** **** ${CARD19.slice(-4)}`],
    ['bank_card', '6222021234567890128', '6222 **** **** 0128'],
    ['bank_account', '33050161672700000123', '3305 **** **** 0123'],
    ['bank_account', '1234567890', '12******90'],
    ['id_card', ID, `1101**********${ID.slice(-4)}`],
    ['id_card', ID_X, '1101**********002X'],
    ['qq', '12345678', '12****78'],
    ['qq', '12345', '12*45'],
    ['payment_account', '支付宝 13800138000', '支付宝 138****8000'],
    ['payment_account', '支付宝 fraud.test@example.com', '支付宝 f***@example.com'],
    ['payment_account', '财付通 1234567890', '财付通 12******90'],
    ['url', 'https://example.com/login?id=13800138000', 'https://example.com/login?id=13800138000'],
    ['domain', 'www.example.com', 'www.example.com'],
    ['ip', '8.8.8.8', '8.8.8.8'],
    ['company', '某某网络科技有限公司', '某某网络科技有限公司'],
    ['app', '某某理财', '某某理财'],
    ['wechat_group', '微信群 财富交流3群', '微信群 财富交流3群'],
    ['unclear', '张三 13800138000', '张三 138****8000'],
  ] as const)('%s %s → %s', (kind, value, masked) => {
    expect(maskClue(kind, value)).toBe(masked)
  })

  it('every card shape keeps first 4 and last 4 with the same groups, whatever the length', () => {
    for (const card of [CARD16, CARD19, luhn('62220212345678'), luhn('622202123456789012')]) {
      expect(maskClue('bank_card', card)).toMatch(/^\d{4} \*{4} \*{4} \d{4}$/)
    }
  })

  it('masks what classifyClue produced, from raw input', () => {
    const c = classifyClue('１３８-００１３-８０００')
    expect(maskClue(c.kind, c.value)).toBe('138****8000')
  })
})

describe('maskNumbersInText, the safety net', () => {
  it.each([
    ['线索 13800138000 已推送', '线索 138****8000 已推送'],
    ['号码138-0013-8000冒充客服', '号码138****8000冒充客服'],
    ['号码 138 0013 8000。', '号码 138****8000。'],
    [`号码${fullWidth('13800138000')}`, '号码138****8000'],
    ['来电 +86 138 0013 8000', '来电 +86 138****8000'],
    ['座机0571-87654321', '座机0571-****4321'],
    // The shortest personal number (ten digits): what a run needs at least to be looked at.
    ['座机010-1234567', '座机010-****567'],
    ['卡号 6222 0212 3456 7890 128', '卡号 6222 **** **** 0128'],
    [`卡号${CARD16}`, `卡号6222 **** **** ${CARD16.slice(-4)}`],
    ['账户33050161672700000123', '账户3305 **** **** 0123'],
    [`身份证${ID}`, `身份证1101**********${ID.slice(-4)}`],
    [`身份证 ${ID_X}。`, '身份证 1101**********002X。'],
    [`身份证 110105 19491231 002X`, '身份证 1101**********002X'],
    ['13800138000 13900139000', '138****8000 139****9000'],
    ['2026-11-28 13800138000', '2026-11-28 138****8000'],
    ['XS-2026-0001 13800138000 已关停', 'XS-2026-0001 138****8000 已关停'],
  ])('%s', (text, masked) => {
    expect(maskNumbersInText(text)).toBe(masked)
    expect(containsUnmaskedNumber(text)).toBe(true)
    expect(containsUnmaskedNumber(masked)).toBe(false)
  })

  it.each([
    ['本月共推送12条线索，已销号10条'],
    ['2026年11月通报'],
    ['截至2026-11-28 09:30'],
    ['2026/11/28'],
    ['销号 XS-2026-0001 已关停'],
    ['XS-2026-0001、XS-2026-0002、XS-2026-0003'],
    ['拦截 1,200 次，损失 129 万元'],
    ['请拨打 400-810-8888 咨询'],
    ['QQ 12345678'],
    ['138****8000'],
    ['6222 **** **** 0128'],
    ['1101**********002X'],
    ['0571-****4321'],
    ['room 12345678901@chatroom joined'],
    ['{"level":30,"time":1764316800000,"msg":"bulletin sent"}'],
    ['https://example.com/a/b'],
  ])('%s stays untouched', (text) => {
    expect(maskNumbersInText(text)).toBe(text)
    expect(containsUnmaskedNumber(text)).toBe(false)
  })

  it('is idempotent', () => {
    const once = maskNumbersInText(`线索：13800138000、${CARD19}、${ID}、0571-87654321`)
    expect(maskNumbersInText(once)).toBe(once)
  })
})

describe('the exit masker, property: numbers in any separator style never leave unmasked', () => {
  const SEPARATORS = [
    ' ',
    '-',
    '.',
    '/',
    '_',
    '\u200b',
    '\u2009',
    '\u3000',
    '\u00a0',
    '－',
    '．',
    ' - ',
    '\u202e',
  ]
  const digit = fc.integer({ min: 0, max: 9 }).map(String)
  const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''))
  const mobile = fc
    .tuple(fc.constantFrom('13', '15', '17', '18', '19'), digits(9))
    .map(([a, b]) => ({ full: a + b, groups: [3, 4, 4], prefix: ['', '+86', '+86 ', '0086', '86'] }))
  const card = fc
    .tuple(fc.constantFrom('6222', '6228', '6217'), digits(11), fc.integer({ min: 0, max: 3 }))
    .chain(([head, body, extra]) => digits(extra).map((more) => luhn(head + body + more)))
    .map((full) => ({ full, groups: [4, 4, 4, 4, 4], prefix: [''] }))
  const id = fc
    .tuple(
      fc.constantFrom('110105', '320582', '440305'),
      fc.date({ min: new Date('1940-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }),
      digits(3),
    )
    .map(([area, birth, seq]) => idNumber(area + birth.toISOString().slice(0, 10).replace(/-/g, '') + seq))
    .map((full) => ({ full, groups: [6, 8, 4], prefix: [''] }))
  const filler = fc
    .array(
      fc.constantFrom(
        '受',
        '害',
        '人',
        '电',
        '话',
        '号',
        '：',
        '，',
        '（',
        '）',
        ' ',
        'a',
        'TEL',
        '卡',
        '身份证',
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((a) => a.join(''))
  const formatted = fc
    .tuple(fc.oneof(mobile, card, id), fc.constantFrom(...SEPARATORS), fc.boolean(), fc.boolean(), fc.nat())
    .map(([n, sep, split, wide, p]) => {
      let text = n.full
      if (split) {
        const parts: string[] = []
        for (let at = 0, k = 0; at < text.length; at += n.groups[k++] as number) {
          parts.push(text.slice(at, at + (n.groups[k] as number)))
        }
        text = parts.join(sep)
      }
      text = (n.prefix[p % n.prefix.length] as string) + text
      return { full: n.full, text: wide ? fullWidth(text) : text }
    })

  it('random text with embedded phone, card and ID numbers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(filler, formatted), { minLength: 1, maxLength: 4 }),
        filler,
        (pieces, tail) => {
          const text = pieces.map(([f, n]) => f + n.text).join('') + tail
          const out = maskForGroup(text)
          expect(leakedNumbers(out), `${text} → ${out}`).toEqual([])
          const digitsLeft = out.normalize('NFKC').replace(/\D/g, '')
          for (const [, n] of pieces) expect(digitsLeft).not.toContain(n.full)
        },
      ),
      { numRuns: 2000, seed: 20261201 },
    )
  })
})
