// Check characters of the numbers a clue may be: bank cards (Luhn), resident ID numbers
// (GB 11643-1999, and the 15-digit first generation) and 统一社会信用代码 (GB 32100-2015). Pure.

/** Luhn (ISO/IEC 7812) check over a string of digits, the last being the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The GB 11643-1999 check character for the first 17 digits of an ID number. */
export function idCardCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number)
  return ID_CHECK[sum % 11]
}

/**
 * An 18-character resident ID number (GB 11643-1999): check character right (X or x for ten),
 * region code not starting with 0, and a real calendar birth date from 1900 on (not after `now`
 * when given, before 2100 otherwise).
 */
export function idCardValid(id: string, now?: Date): boolean {
  const upper = id.toUpperCase()
  if (!/^[1-9]\d{16}[\dX]$/.test(upper)) return false
  if (idCardCheckChar(upper.slice(0, 17)) !== upper[17]) return false
  const year = Number(upper.slice(6, 10))
  const month = Number(upper.slice(10, 12))
  const day = Number(upper.slice(12, 14))
  if (year < 1900 || year >= 2100 || month < 1 || month > 12 || day < 1) return false
  const birth = new Date(Date.UTC(year, month - 1, day))
  if (birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false
  return now === undefined || birth.getTime() <= now.getTime()
}

/**
 * A 15-digit first-generation ID number (issued until 2004, still seen): a region code of the
 * known provinces (11–65) and a real 19YYMMDD birth date; no check digit exists.
 */
export function oldIdCardValid(id: string): boolean {
  if (!/^[1-6]\d{14}$/.test(id)) return false
  const province = Number(id.slice(0, 2))
  if (province < 11 || province > 65) return false
  const year = 1900 + Number(id.slice(6, 8))
  const month = Number(id.slice(8, 10))
  const day = Number(id.slice(10, 12))
  const birth = new Date(Date.UTC(year, month - 1, day))
  return month >= 1 && month <= 12 && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
export const CREDIT_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/

/** The GB 32100-2015 check character for the first 17 characters of a 统一社会信用代码. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{17}$/.test(first17)) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++)
    sum += CREDIT_CHARS.indexOf(first17[i] as string) * (CREDIT_WEIGHTS[i] as number)
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]
}

/** A 统一社会信用代码 (GB 32100-2015): 18 characters of its charset with a right check character. */
export function creditCodeValid(code: string): boolean {
  const upper = code.toUpperCase()
  return CREDIT_SHAPE.test(upper) && creditCodeCheckChar(upper.slice(0, 17)) === upper[17]
}
