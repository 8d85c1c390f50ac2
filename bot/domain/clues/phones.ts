// Phone numbers: mainland mobile, landline and 400/800 shapes, the country code, and the carrier
// each mobile segment (号段) belongs to. Which unit checks a carrier's numbers is the roster's
// business (routing.ts), not this table's. Pure.

import { segmentDetail } from './details.ts'

/** An 11-digit mainland mobile number. */
export function isMobile(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits)
}

/** Length of the area code (with its 0) of a landline number: 010 and 02x are 3, the rest 4. */
export function areaCodeLength(digits: string): number {
  return digits[1] === '1' || digits[1] === '2' ? 3 : 4
}

/** A fixed-line number written with its area code (0 + 2–3 digits + 7–8 digits), digits only. */
export function isLandline(digits: string): boolean {
  if (!/^0[1-9]\d{8,10}$/.test(digits)) return false
  if (digits[1] === '1' && digits[2] !== '0') return false // 010 is the only 01x area code
  const local = digits.slice(areaCodeLength(digits))
  return /^[1-9]\d{6,7}$/.test(local)
}

/** A 400/800 service number. */
export function isServiceNumber(digits: string): boolean {
  return /^[48]00\d{7}$/.test(digits)
}

/**
 * Strips the country code: +86 / 0086 (and a bare 86 before a mobile number). Other countries
 * only with "+": a number starting 00 may as well be a bank account.
 */
export function domestic(digits: string, plus: boolean): { digits: string; abroad?: boolean } {
  if (plus || digits.startsWith('0086')) {
    const international = plus ? digits : digits.slice(2)
    if (international.startsWith('86')) {
      const rest = international.slice(2)
      if (isMobile(rest) || isLandline(rest)) return { digits: rest }
      if (isLandline(`0${rest}`)) return { digits: `0${rest}` }
      return { digits: rest }
    }
    // "+13800138000": a Chinese mobile number with a stray "+", not a number in country 1
    if (isMobile(international)) return { digits: international }
    return { digits: international, abroad: true }
  }
  if (digits.length === 13 && digits.startsWith('86') && isMobile(digits.slice(2)))
    return { digits: digits.slice(2) }
  return { digits }
}

export const MOBILE = '中国移动'
export const UNICOM = '中国联通'
export const TELECOM = '中国电信'
export const BROADNET = '中国广电'
/** The carriers of the segment table; a unit named (or aliased) so that lists `phone` checks its numbers. */
export const CARRIERS: readonly string[] = [MOBILE, UNICOM, TELECOM, BROADNET]

export interface PhoneSegment {
  prefix: string
  /** The carrier whose network the segment is on (a virtual operator's: the carrier it resells). */
  carrier: string
  detail: string
}

function segments(carrier: string, detail: string, prefixes: string): PhoneSegment[] {
  return prefixes.split(' ').map((prefix) => ({ prefix, carrier, detail }))
}

/** The built-in segment table (MIIT allocations as of 2025). */
export const PHONE_SEGMENTS: readonly PhoneSegment[] = [
  ...segments(
    MOBILE,
    MOBILE,
    '134 135 136 137 138 139 147 148 150 151 152 157 158 159 172 178 182 183 184 187 188 195 197 198',
  ),
  ...segments(UNICOM, UNICOM, '130 131 132 145 146 155 156 166 175 176 185 186 196'),
  ...segments(TELECOM, TELECOM, '133 149 153 173 177 180 181 189 190 191 193 199'),
  ...segments(TELECOM, segmentDetail('satellite', TELECOM), '1349 1740'),
  // 中国广电 has no liaison on the shipped roster: the office assigns (or names a unit for it).
  ...segments(BROADNET, BROADNET, '192'),
  // Virtual operators resell a carrier's network; the carrier checks the number.
  ...segments(TELECOM, segmentDetail('resold', TELECOM), '1700 1701 1702 162'),
  ...segments(MOBILE, segmentDetail('resold', MOBILE), '1703 1705 1706 165'),
  ...segments(UNICOM, segmentDetail('resold', UNICOM), '1704 1707 1708 1709 171 167'),
]

const BY_PREFIX = new Map(PHONE_SEGMENTS.map((s) => [s.prefix, s]))

/** The longest built-in prefix (no longer prefix can name a segment). */
export const LONGEST_SEGMENT = Math.max(...PHONE_SEGMENTS.map((s) => s.prefix.length))

/** The built-in segment with exactly this prefix. */
export const segmentWithPrefix = (prefix: string): PhoneSegment | undefined => BY_PREFIX.get(prefix)
