// Numbers as people type them: 12, 12个, 十二, 1,200, 1.5万元, 15000元.

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 }

/** Parses a Chinese numeral such as 十二, 一百零五, 两千三百, 三万五千; undefined if it is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百千万亿]+$/.test(text)) return undefined
  // A plain digit string like 一二〇 reads digit by digit.
  if (text.length > 1 && [...text].every((c) => c in DIGITS)) {
    return Number([...text].map((c) => DIGITS[c]).join(''))
  }
  let total = 0
  let section = 0
  let digit: number | undefined
  // The last unit read, and whether a 零 came after it: a digit right after a unit is the next
  // place down (一万二 = 12000, 两千三 = 2300), after 零 it is ones (一千零二 = 1002).
  let lastUnit = 1
  let zero = false
  for (const c of text) {
    const d = DIGITS[c]
    if (d !== undefined) {
      digit = d
      if (d === 0) zero = true
      continue
    }
    const small = SMALL_UNITS[c]
    if (small !== undefined) {
      section += (digit ?? 1) * small
      digit = undefined
      lastUnit = small
      zero = false
      continue
    }
    const big = BIG_UNITS[c] as number
    section += digit ?? 0
    digit = undefined
    if (section === 0) return undefined
    total += section * big
    section = 0
    lastUnit = big
    zero = false
  }
  const tail = digit === undefined ? 0 : zero || lastUnit < 100 ? digit : (digit * lastUnit) / 10
  return total + section + tail
}

/** Parses an Arabic number with optional thousands separators (1,200 or 1,200.5). */
function parseArabic(text: string): number | undefined {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''))
  if (/^\d+(\.\d+)?$/.test(text) || /^\.\d+$/.test(text)) return Number(text)
  return undefined
}

/** A number, Arabic or Chinese, possibly Arabic followed by 万/亿 (1.2万). */
function parseMagnitude(text: string): number | undefined {
  const arabic = parseArabic(text)
  if (arabic !== undefined) return arabic
  const scaled = /^([\d.,]+)\s*(万|亿|千|w|W)$/.exec(text)
  if (scaled) {
    const base = parseArabic(scaled[1] as string)
    if (base === undefined) return undefined
    const unit = scaled[2] as string
    const factor = unit === '亿' ? 1e8 : unit === '千' ? 1e3 : 1e4
    return base * factor
  }
  return parseChineseNumeral(text)
}

export type NumberResult =
  | { ok: true; value: number }
  | { ok: false; reason: 'not_number' | 'not_integer' | 'negative' | 'ambiguous' }

const ZERO_WORDS = new Set(['无', '没有', '暂无', '零', '0'])
const LEAD_WORDS = /^(应为|应是|改为|更正为|共计|合计|累计|总计|达到|共|计|约|为|达)/
// Punctuation people end a line with: 12个。 3起； 5人，
const TRAILING_PUNCTUATION = /[。.,;，；、!！]+$/
// Measure words after a count: 3起, 12个, 5人次…
const COUNT_SUFFIX =
  /(人次|户次|个|起|件|人|名|次|条|家|台|户|张|部|场|篇|期|所|项|批|处|套|部|份|例|笔|支|座|台次|余)$/

// 11 digits or more, however separated, is a phone, card or ID number typed into the wrong line,
// never a county's monthly count (139 0013 9004 is not 13,900,139,004).
const NUMBER_LIKE = /\d(?:[\s\-－.·_/]*\d){10,}/

/** A non-negative whole number: 12, 12个, 十二, 1,200, 1.2万人. */
export function parseCount(raw: string): NumberResult {
  if (NUMBER_LIKE.test(raw.normalize('NFKC').replace(/,/g, ''))) return { ok: false, reason: 'not_number' }
  let text = raw.replace(/\s+/g, '').replace(TRAILING_PUNCTUATION, '')
  if (ZERO_WORDS.has(text)) return { ok: true, value: 0 }
  if (/^-\d/.test(text)) return { ok: false, reason: 'negative' }
  text = text.replace(LEAD_WORDS, '')
  for (let i = 0; i < 2 && COUNT_SUFFIX.test(text); i++) text = text.replace(COUNT_SUFFIX, '')
  const value = parseMagnitude(text)
  if (value === undefined || !Number.isFinite(value)) return { ok: false, reason: 'not_number' }
  if (!Number.isInteger(value)) return { ok: false, reason: 'not_integer' }
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'not_number' }
  return { ok: true, value }
}

/**
 * A bare amount (no 元/万元 written) at or above this could be either: 8000 is 8000元 or 8000万元,
 * and a wrong guess goes into the bulletin. It is asked back; below it a bare number is 万元.
 */
const BARE_AMBIGUOUS_FROM = 1000

/**
 * An amount in 万元: 1.5万, 1.5万元, 15000元 → 1.5; 8.6 → 8.6; 1.2亿 → 12000; a bare 8000 is
 * `ambiguous`. Rounded to 0.0001 万元 (one yuan).
 */
export function parseMoney(raw: string): NumberResult {
  let text = raw.replace(/\s+/g, '').replace(TRAILING_PUNCTUATION, '')
  if (ZERO_WORDS.has(text)) return { ok: true, value: 0 }
  if (/^-\d/.test(text)) return { ok: false, reason: 'negative' }
  text = text.replace(LEAD_WORDS, '')
  // ￥15000, 人民币15000: the currency names the unit (元) as 元 after the number would.
  const currency = /^(人民币|RMB|¥|￥)/i.test(text)
  text = text
    .replace(/^(人民币|RMB|¥|￥)/i, '')
    // 8万余元, 3千多元: the approximate amount
    .replace(/([\d十百千万亿])[余多]((万|亿|千)?(元|块)?)$/, '$1$2')
  let wan: number | undefined
  // Greedy, so the unit is the last one: 一万五千元 is 一万五千 + 元, not 一万五 + 千元.
  const m = /^(.+)(万元|万|w|W|亿元|亿|千元|元|块)$/.exec(text)
  if (m) {
    const n = parseMagnitude(m[1] as string)
    const unit = m[2] as string
    if (n !== undefined) {
      if (unit.startsWith('亿')) wan = n * 10_000
      else if (unit.startsWith('千')) wan = n / 10
      else if (unit === '元' || unit === '块') wan = n / 10_000
      else wan = n
    }
  } else {
    const n = parseMagnitude(text)
    if (n !== undefined) {
      if (/[万亿千wW]/.test(text) || currency) wan = n / 10_000
      else if (n >= BARE_AMBIGUOUS_FROM) return { ok: false, reason: 'ambiguous' }
      else wan = n
    }
  }
  if (wan === undefined || !Number.isFinite(wan)) return { ok: false, reason: 'not_number' }
  return { ok: true, value: Math.round(wan * 10_000) / 10_000 }
}

/** Formats an amount in 万元 for a reply: 1.5 → "1.5万元". */
export function formatMoney(wan: number): string {
  return `${Number(wan.toFixed(4))}万元`
}
