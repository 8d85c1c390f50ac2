// Masked clue values for group messages and logs: 138****8000, 6222 **** **** 0128.
// Full values only ever go by private message.

import { idCardValid, luhnValid } from './checksums.ts'
import type { ClueKind } from './kinds.ts'
import { areaCodeLength, isLandline, isMobile, isServiceNumber } from './phones.ts'

const digitsOf = (text: string): string => text.normalize('NFKC').replace(/\D/g, '')

/** Keeps `head` and `tail` characters and stars the rest (at least one star). */
function keepEnds(text: string, head: number, tail: number): string {
  if (text.length <= head + tail) return `${text.slice(0, 1)}${'*'.repeat(Math.max(1, text.length - 1))}`
  return `${text.slice(0, head)}${'*'.repeat(text.length - head - tail)}${text.slice(-tail)}`
}

/** 13800138000 → 138****8000; other numbers keep their first 3 and last 4 (or 2). */
export function maskPhone(value: string): string {
  const plus = value.trim().startsWith('+') ? '+' : ''
  const d = digitsOf(value)
  if (!d) return value
  if (isMobile(d)) return `${d.slice(0, 3)}****${d.slice(7)}`
  if (d.length === 13 && d.startsWith('86') && isMobile(d.slice(2))) return `86${maskPhone(d.slice(2))}`
  return plus + (d.length >= 9 ? keepEnds(d, 3, 4) : keepEnds(d, 2, 2))
}

/** 057187654321 → 0571-****4321, 01012345678 → 010-****5678, 4008108888 → 400-***-8888. */
export function maskLandline(value: string): string {
  const d = digitsOf(value)
  if (isServiceNumber(d)) return `${d.slice(0, 3)}-***-${d.slice(-4)}`
  if (!isLandline(d)) return maskPhone(value)
  const area = d.slice(0, areaCodeLength(d))
  const local = d.slice(area.length)
  const keep = local.length >= 8 ? 4 : 3
  return `${area}-${'*'.repeat(local.length - keep)}${local.slice(-keep)}`
}

/** Bank cards and accounts of 12+ digits: 6222 **** **** 0128 whatever the length; shorter 12****90. */
export function maskAccount(value: string): string {
  const d = digitsOf(value)
  if (!d) return value
  if (d.length >= 12) return `${d.slice(0, 4)} **** **** ${d.slice(-4)}`
  return keepEnds(d, 2, 2)
}

/** 110105194912310021 → 1101**********0021. */
export function maskIdCard(value: string): string {
  const id = value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
  if (id.length < 12) return keepEnds(id, 1, 1)
  return keepEnds(id, 4, 4)
}

/** 12345678 → 12****78. */
export function maskQq(value: string): string {
  const d = digitsOf(value)
  return d ? keepEnds(d, 2, 2) : value
}

const EMAIL = /([^\s@:：]+)@([a-z0-9.-]+\.[a-z]{2,})/gi

/** "支付宝 13800138000" → "支付宝 138****8000"; "支付宝 fraud@example.com" → "支付宝 f***@example.com". */
export function maskPayment(value: string): string {
  const m = /^(支付宝|微信支付|财付通)\s*(.*)$/.exec(value.trim())
  const provider = m?.[1] ? `${m[1]} ` : ''
  const account = m ? (m[2] ?? '') : value
  const d = account.replace(/[\s+-]/g, '')
  if (/^\d+$/.test(d)) {
    const n = d.startsWith('86') && isMobile(d.slice(2)) ? d.slice(2) : d
    if (isMobile(n)) return provider + maskPhone(n)
    return provider + (n.length >= 12 ? maskAccount(n) : keepEnds(n, 2, 2))
  }
  const masked = account
    .replace(EMAIL, (_all, local: string, domain: string) => `${local.slice(0, 1)}***@${domain}`)
    .replace(/\d{5,}/g, (run) => (isMobile(run) ? maskPhone(run) : keepEnds(run, 2, 2)))
  return provider + maskNumbersInText(masked)
}

/**
 * The value as the group may see it. Personal numbers are masked; links, domains, IPs, apps,
 * groups, companies and credit codes are not personal and stay as they are. Unclear text gets
 * the safety net (every phone/card/ID-looking number in it masked).
 */
export function maskClue(kind: ClueKind, value: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(value)
    case 'landline':
      return maskLandline(value)
    case 'bank_card':
    case 'bank_account':
      return maskAccount(value)
    case 'id_card':
      return maskIdCard(value)
    case 'qq':
      return maskQq(value)
    case 'payment_account':
      return maskPayment(value)
    case 'unclear':
      return maskNumbersInText(value)
    case 'url':
    case 'domain':
    case 'ip':
    case 'app':
    case 'wechat_group':
    case 'company':
    case 'credit_code':
      return value
  }
}

// ---------------------------------------------------------------------------------------------
// The safety net for free text

// Tokens that contain digit runs but are not personal numbers: clue ids (XS-2026-0001), WeChat
// ids and room ids, IPv4 addresses and log timestamps ("time":1764300000000). A lettered token
// holding 11 or more digits is not one of them (TEL-1380013-8002, card-6222-0212-3456-7890-128).
const PROTECTED = [
  /\b[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})+\b/g,
  /\bwxid_[A-Za-z0-9_-]+/g,
  /\d+@(?:im\.)?chatroom\b/g,
  /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g,
  /"(?:time|ts|timestamp|at|\w+At|\w+_at)"\s*:\s*"?\d+/g,
]
const FEW_DIGITS = (token: string) => token.replace(/\D/g, '').length <= 10

// What people put between the digit groups of a number: spaces of every width, zero-width and
// bidi controls, dashes, dots, slashes and underscores (half- or full-width); up to three of them.
const SEP_CHAR =
  '[ \\t\\u00a0\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u206f\\u3000\\ufeff\\-－‐‑‒–—―−.．/／_＿·・]'
const SEP = `${SEP_CHAR}{1,3}`
// A run of digit groups (half- or full-width) joined by separators, with an optional +86 / 0086
// in front and an optional X at the end (ID numbers).
const RUN = new RegExp(
  `(?:(?:\\+|＋|00|００)(?:86|８６)${SEP_CHAR}{0,3})?[0-9０-９]+(?:${SEP}[0-9０-９]+)*(?:[xXｘＸ](?![A-Za-z0-9]))?`,
  'g',
)
const PREFIX = new RegExp(`^(?:\\+|＋|00|００)(?:86|８６)${SEP_CHAR}{0,3}`)
const GROUP = /[0-9０-９]+/g

type Sensitive = 'phone' | 'landline' | 'id' | 'account'

/** The fewest digits a personal number has (a landline with its area code: 0 + 2 + 7). */
const SENSITIVE_MIN_DIGITS = 10

/** What a run of digits looks like, if it is personal. 400 numbers, counts, years and dates are not. */
function sensitive(digits: string, x: boolean): Sensitive | undefined {
  if (digits.length < SENSITIVE_MIN_DIGITS) return undefined
  if (x) return digits.length === 17 ? 'id' : undefined
  if (isMobile(digits) || (digits.length === 13 && digits.startsWith('86') && isMobile(digits.slice(2)))) {
    return 'phone'
  }
  if (isLandline(digits)) return 'landline'
  if (digits.length === 18 && idCardValid(digits)) return 'id'
  if (digits.length >= 12 && digits.length <= 30) return 'account'
  return undefined
}

function maskAs(kind: Sensitive, digits: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(digits)
    case 'landline':
      return maskLandline(digits)
    case 'id':
      return maskIdCard(digits)
    case 'account':
      return maskAccount(digits)
  }
}

interface Group {
  start: number
  end: number
  digits: string
}

/** Masks the sensitive numbers inside one run; returns the run rewritten. */
function maskRun(run: string): string {
  // Fewer digits in all than any personal number has (a count, a date, an amount): nothing to mask.
  if (digitCount(run) < SENSITIVE_MIN_DIGITS) return run
  const prefix = PREFIX.exec(run)?.[0] ?? ''
  const hasX = /[xXｘＸ]$/.test(run)
  const groups: Group[] = []
  for (const m of run.slice(prefix.length).matchAll(GROUP)) {
    const start = prefix.length + (m.index ?? 0)
    groups.push({ start, end: start + m[0].length, digits: m[0].normalize('NFKC') })
  }
  let out = ''
  let copied = 0
  let i = 0
  while (i < groups.length) {
    let found: { j: number; kind: Sensitive; x: boolean } | undefined
    for (let j = groups.length - 1; j >= i && !found; j--) {
      const span = groups.slice(i, j + 1)
      // Digit groups of a formatted number are 3–8 long (138 0013 8000, 6222 0212 …, 110105 19491231 002X);
      // a shorter group is a date or a count, a longer one a number of its own.
      if (j > i && span.some((g) => g.digits.length < 3 || g.digits.length > 8)) continue
      const digits = span.map((g) => g.digits).join('')
      const x = hasX && j === groups.length - 1
      const kind = sensitive(digits, x) ?? (x ? sensitive(digits, false) : undefined)
      if (kind) found = { j, kind, x: x && kind === 'id' }
    }
    if (!found) {
      i++
      continue
    }
    const first = groups[i] as Group
    const last = groups[found.j] as Group
    const digits = groups
      .slice(i, found.j + 1)
      .map((g) => g.digits)
      .join('')
    out += run.slice(copied, first.start) + maskAs(found.kind, found.x ? `${digits}X` : digits)
    copied = found.x ? run.length : last.end
    i = found.j + 1
  }
  return out + run.slice(copied)
}

/** How many digits (half- or full-width) the text holds. */
function digitCount(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) n++
  }
  return n
}

/**
 * Masks every phone number, landline, bank card/account (12+ digits) or ID number in free text
 * (spaces, dashes and full-width digits inside allowed): the safety net for log lines and group
 * messages. Counts, years, dates, times, clue ids and 400 numbers are left alone.
 */
export function maskNumbersInText(text: string): string {
  if (!holdsLongRun(text)) return text
  const kept: [number, number][] = []
  for (const [i, re] of PROTECTED.entries()) {
    for (const m of text.matchAll(re)) {
      if (i > 0 || FEW_DIGITS(m[0])) kept.push([m.index ?? 0, (m.index ?? 0) + m[0].length])
    }
  }
  kept.sort((a, b) => a[0] - b[0])
  let out = ''
  let at = 0
  for (const [from, to] of kept) {
    if (to <= at) continue
    if (from > at) out += text.slice(at, from).replace(RUN, maskRun)
    out += text.slice(Math.max(from, at), to)
    at = to
  }
  return out + text.slice(at).replace(RUN, maskRun)
}

/**
 * Whether some run of digits in the text has as many digits as a personal number: without one,
 * maskRun leaves every run as it is (a run of a part of the text is part of a run of the whole).
 */
function holdsLongRun(text: string): boolean {
  for (const m of text.matchAll(RUN)) if (digitCount(m[0]) >= SENSITIVE_MIN_DIGITS) return true
  return false
}

/** Whether the text still holds a number that maskNumbersInText would mask. */
export function containsUnmaskedNumber(text: string): boolean {
  return maskNumbersInText(text) !== text
}

// Direction overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a text display other
// than it reads; nothing the bot posts needs them.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g

/** Every text leaving for the group, the terminal chat or a log: bidi controls dropped, numbers masked. */
export function maskForGroup(text: string): string {
  return maskNumbersInText(text.replace(BIDI, ''))
}

// The independent check behind the masker: digits joined by up to three spaces, format
// characters, dashes, dots, slashes or underscores of any kind, read as a mobile, ID or card number.
const LOOSE_RUN = /[0-9０-９](?:[\p{Zs}\p{Cf}\p{Pd}\t._/．／＿·・]{0,3}[0-9０-９])*[xXｘＸ]?/gu

/** The full numbers still readable in a text (empty when it is safe for the group). */
export function leakedNumbers(text: string): string[] {
  const leaks: string[] = []
  for (const m of text.normalize('NFKC').matchAll(LOOSE_RUN)) {
    const groups = m[0].match(/\d+/g) ?? []
    const x = /x$/i.test(m[0])
    for (let i = 0; i < groups.length; i++) {
      let digits = ''
      for (let j = i; j < groups.length && digits.length <= 19; j++) {
        const g = groups[j] as string
        if (j > i && (g.length < 3 || (groups[i] as string).length < 3)) break
        digits += g
        const withX = x && j === groups.length - 1 ? `${digits}X` : digits
        if (
          isMobile(digits) ||
          (withX.length === 18 && idCardValid(withX)) ||
          (digits.length >= 15 && digits.length <= 19 && luhnValid(digits))
        )
          leaks.push(withX)
      }
    }
  }
  return leaks
}
