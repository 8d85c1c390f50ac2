// Clues (线索) as the office types them: what kind each one is, its canonical value and the unit
// that checks it. Pure: no I/O, no clock (pass `rules.now` to refuse birth dates in the future).

import { normalizeText } from '../text.ts'

export type ClueKind =
  | 'phone'
  | 'landline'
  | 'bank_card'
  | 'bank_account'
  | 'payment_account'
  | 'url'
  | 'domain'
  | 'ip'
  | 'app'
  | 'qq'
  | 'wechat_group'
  | 'company'
  | 'credit_code'
  | 'id_card'
  | 'unclear'

export const CLUE_KINDS: readonly ClueKind[] = [
  'phone',
  'landline',
  'bank_card',
  'bank_account',
  'payment_account',
  'url',
  'domain',
  'ip',
  'app',
  'qq',
  'wechat_group',
  'company',
  'credit_code',
  'id_card',
  'unclear',
]

export interface Classification {
  kind: ClueKind
  /** The normalized canonical value (digits only for numbers, upper-case X, lower-case hosts…). */
  value: string
  /** The responsible unit's roster key; null waits for the office to assign it. */
  unitKey: string | null
  /** A short human note: carrier, 虚拟运营商, why it is unclear… */
  detail?: string
  /** Words after the value on the same line ("13800138000 冒充客服" → 冒充客服). */
  remark?: string
}

export interface RoutingRules {
  /** Extra or replacement number segments (prefix → unit key, null = office assigns); longest prefix wins. */
  phoneSegments?: Record<string, string | null>
  /**
   * Overrides of the default kind → unit mapping. Phones are routed by segment; `phone` here only
   * routes numbers whose segment is unknown and numbers from abroad.
   */
  kindUnits?: Partial<Record<ClueKind, string | null>>
  /** If given, an ID number whose birth date is after this is not an ID number. */
  now?: Date
}

/** Which unit checks which kind of clue (the roster's `clues:` lists). */
export const DEFAULT_KIND_UNITS: Readonly<Record<ClueKind, string | null>> = {
  phone: null,
  landline: 'ctcc',
  bank_card: 'pboc',
  bank_account: 'pboc',
  payment_account: 'pboc',
  url: 'wxb',
  domain: 'wxb',
  ip: 'wxb',
  app: 'wxb',
  qq: 'wxb',
  wechat_group: 'wxb',
  company: 'scjg',
  credit_code: 'scjg',
  id_card: 'gaj',
  unclear: null,
}

// ---------------------------------------------------------------------------------------------
// Checksums

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
const CREDIT_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/

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

// ---------------------------------------------------------------------------------------------
// Phone number segments (号段)

export interface PhoneSegment {
  prefix: string
  /** Roster key of the carrier that checks it; null waits for the office. */
  unitKey: string | null
  detail: string
}

const MOBILE = '中国移动'
const UNICOM = '中国联通'
const TELECOM = '中国电信'
const VIRTUAL = '虚拟运营商'

function segments(unitKey: string | null, detail: string, prefixes: string): PhoneSegment[] {
  return prefixes.split(' ').map((prefix) => ({ prefix, unitKey, detail }))
}

/** The built-in segment table (MIIT allocations as of 2025). */
export const PHONE_SEGMENTS: readonly PhoneSegment[] = [
  ...segments(
    'cmcc',
    MOBILE,
    '134 135 136 137 138 139 147 148 150 151 152 157 158 159 172 178 182 183 184 187 188 195 197 198',
  ),
  ...segments('cucc', UNICOM, '130 131 132 145 146 155 156 166 175 176 185 186 196'),
  ...segments('ctcc', TELECOM, '133 149 153 173 177 180 181 189 190 191 193 199'),
  ...segments('ctcc', '中国电信（卫星电话）', '1349 1740'),
  // 中国广电 has no liaison on the roster: the office assigns (or configures a unit for '192').
  ...segments(null, '中国广电', '192'),
  // Virtual operators resell a carrier's network; the carrier checks the number.
  ...segments('ctcc', `${VIRTUAL}（转售中国电信）`, '1700 1701 1702 162'),
  ...segments('cmcc', `${VIRTUAL}（转售中国移动）`, '1703 1705 1706 165'),
  ...segments('cucc', `${VIRTUAL}（转售中国联通）`, '1704 1707 1708 1709 171 167'),
]

const DEFAULT_SEGMENTS = new Map(PHONE_SEGMENTS.map((s) => [s.prefix, s]))

const CARRIER_NAMES: Record<string, string> = { cmcc: MOBILE, cucc: UNICOM, ctcc: TELECOM }

function segmentTable(rules: RoutingRules): Map<string, PhoneSegment> {
  const overrides = rules.phoneSegments
  if (!overrides || Object.keys(overrides).length === 0) return DEFAULT_SEGMENTS
  const table = new Map(DEFAULT_SEGMENTS)
  for (const [prefix, unitKey] of Object.entries(overrides)) {
    const builtIn = DEFAULT_SEGMENTS.get(prefix)
    const detail = builtIn?.detail ?? (unitKey ? (CARRIER_NAMES[unitKey] ?? '自定义号段') : '自定义号段')
    table.set(prefix, { prefix, unitKey, detail })
  }
  return table
}

/** The segment an 11-digit mobile number belongs to (longest prefix wins), if known. */
export function phoneSegment(phone: string, rules: RoutingRules = {}): PhoneSegment | undefined {
  const table = segmentTable(rules)
  for (let len = Math.min(phone.length, 11); len >= 1; len--) {
    const found = table.get(phone.slice(0, len))
    if (found) return found
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Shapes

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

/** A QQ number: 5–11 digits, not starting with 0. */
export function isQqNumber(digits: string): boolean {
  return /^[1-9]\d{4,10}$/.test(digits)
}

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`)

export function isIpv4(text: string): boolean {
  return IPV4.test(text)
}

// Top-level domains accepted for a host written without a scheme (with one, any TLD goes).
const KNOWN_TLDS = new Set(
  (
    'com net org edu gov mil int info biz name pro mobi asia tel xyz top vip club shop site online store ' +
    'tech app dev io co cc tv me ws la in us uk jp kr hk tw mo sg my ru de fr eu ca au nz ph th vn id ' +
    'pk ai so bz link live life work win bid loan men date party review trade wang ren ltd group fun icu ' +
    'cloud cyou sbs bond cfd space website host press pw tk ml ga cf gq today world one plus cool ink red ' +
    'kim fit best pub run cn 中国 中國 公司 网络 网址 在线 商城 信息 集团 我爱你 xin'
  ).split(' '),
)

const DOMAIN_LABEL = /^(?!-)[a-z0-9\u00a1-\uffff-]{1,63}(?<!-)$/

function isDomain(host: string, anyTld: boolean): boolean {
  const labels = host.split('.')
  if (labels.length < 2 || host.length > 253) return false
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) return false
  const tld = labels[labels.length - 1] as string
  if (KNOWN_TLDS.has(tld) || tld.startsWith('xn--')) return true
  return anyTld && /^[a-z\u00a1-\uffff]{2,63}$/.test(tld)
}

// scheme, user-info, host, port, path/query/fragment
const URL_SHAPE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^\s/?#@]+@)?([^\s/?#:@]+)(?::(\d{1,5}))?([/?#]\S*)?$/i

type UrlParse = { kind: 'url' | 'domain' | 'ip'; value: string } | { kind: 'bad_ip' } | undefined

function parseUrl(text: string): UrlParse {
  if (/\s/.test(text)) return undefined
  const m = URL_SHAPE.exec(text)
  if (!m) return undefined
  const scheme = m[1]?.toLowerCase()
  if (scheme !== undefined && !['http', 'https', 'ftp'].includes(scheme)) return undefined
  const userInfo = m[2] ?? ''
  // user@host without a scheme is an e-mail address, not a link
  if (userInfo && scheme === undefined) return undefined
  const host = (m[3] as string).toLowerCase().replace(/\.$/, '')
  const port = m[4]
  let rest = m[5] ?? ''
  if (/^\d+(?:\.\d+){3}$/.test(host)) {
    if (!isIpv4(host)) return { kind: 'bad_ip' }
  } else if (!isDomain(host, scheme !== undefined)) {
    return undefined
  }
  if (rest === '/') rest = ''
  const hostPort = port ? `${host}:${port}` : host
  if (scheme === undefined && !port && !rest) {
    return isIpv4(host) ? { kind: 'ip', value: host } : { kind: 'domain', value: host }
  }
  // Keep what the office typed: add no scheme, only lower-case the scheme and host.
  return { kind: 'url', value: `${scheme ? `${scheme}://` : ''}${userInfo}${hostPort}${rest}` }
}

const COMPANY_SUFFIX =
  /(股份有限公司|有限责任公司|有限公司|分公司|公司|集团|商行|工作室|合作社|个体工商户|经营部|门市部|服务部|批发部|事务所|商店|超市|\(有限合伙\)|厂|店)$/

// Where a registered name certainly ends: what follows is a remark ("…有限公司 疑似空壳公司"),
// unless it names a branch of it ("…有限公司杭州分公司").
const COMPANY_END = /(股份有限公司|有限责任公司|有限公司|\(有限合伙\)|专业合作社|合作社|个体工商户)/
const BRANCH = /^[^\s,，;；]{0,12}(分公司|子公司|分店|营业部|分部|门店|办事处)$/

/** "某某商贸有限公司 疑似空壳公司" → the name and the remark after it; undefined if nothing follows. */
function splitCompany(text: string): { name: string; remark: string } | undefined {
  const m = COMPANY_END.exec(text)
  if (!m) return undefined
  const end = m.index + m[0].length
  const rest = text
    .slice(end)
    .replace(/^[\s,，;；:：、\-—]+/, '')
    .replace(/^[(（](.*)[)）]$/, '$1')
    .trim()
  if (!rest || BRANCH.test(rest)) return undefined
  return { name: text.slice(0, end), remark: rest }
}

const CJK = /[\u3400-\u9fff]/

function companyName(text: string): string | undefined {
  if (/[:：@/\\]/.test(text) || !CJK.test(text)) return undefined
  const m = COMPANY_SUFFIX.exec(text)
  if (!m) return undefined
  const name = text.slice(0, m.index)
  if ([...name.replace(/[\s()（）]/g, '')].length < 2) return undefined
  return canonicalCompany(text)
}

/** Company names use full-width brackets (as registered) and no spaces between Chinese characters. */
function canonicalCompany(text: string): string {
  return text
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/([\u3400-\u9fff（）])\s+(?=[\u3400-\u9fff（）])/g, '$1')
    .trim()
}

// ---------------------------------------------------------------------------------------------
// Labels people put before a clue

type Hint =
  | 'phone'
  | 'bank'
  | 'account'
  | 'payment'
  | 'url'
  | 'app'
  | 'qq'
  | 'qq_group'
  | 'wechat_group'
  | 'group'
  | 'company'
  | 'credit'
  | 'id'

const LABELS: [string, Hint][] = (
  [
    ['统一社会信用代码', 'credit'],
    ['社会信用代码', 'credit'],
    ['信用代码', 'credit'],
    ['身份证号码', 'id'],
    ['身份证号', 'id'],
    ['身份证', 'id'],
    ['证件号码', 'id'],
    ['证件号', 'id'],
    ['银行卡号', 'bank'],
    ['银行卡', 'bank'],
    ['银行账号', 'bank'],
    ['银行账户', 'bank'],
    ['对公账户', 'bank'],
    ['对公账号', 'bank'],
    ['卡号', 'bank'],
    ['收款账户', 'account'],
    ['收款账号', 'account'],
    ['账号', 'account'],
    ['账户', 'account'],
    ['支付宝账号', 'payment'],
    ['支付宝账户', 'payment'],
    ['支付宝', 'payment'],
    ['微信支付', 'payment'],
    ['财付通', 'payment'],
    ['手机号码', 'phone'],
    ['手机号', 'phone'],
    ['手机', 'phone'],
    ['电话号码', 'phone'],
    ['联系电话', 'phone'],
    ['固定电话', 'phone'],
    ['电话', 'phone'],
    ['固话', 'phone'],
    ['座机', 'phone'],
    ['号码', 'phone'],
    ['qq群号', 'qq_group'],
    ['qq群', 'qq_group'],
    ['微信群名称', 'wechat_group'],
    ['微信群名', 'wechat_group'],
    ['微信群', 'wechat_group'],
    ['群名称', 'group'],
    ['群名', 'group'],
    ['群号', 'qq_group'],
    ['qq号码', 'qq'],
    ['qq号', 'qq'],
    ['qq', 'qq'],
    ['网址', 'url'],
    ['网站', 'url'],
    ['链接', 'url'],
    ['域名', 'url'],
    ['url', 'url'],
    ['ip地址', 'url'],
    ['ip', 'url'],
    ['app名称', 'app'],
    ['app', 'app'],
    ['应用名称', 'app'],
    ['应用', 'app'],
    ['软件名称', 'app'],
    ['软件', 'app'],
    ['客户端', 'app'],
    ['公司名称', 'company'],
    ['企业名称', 'company'],
    ['单位名称', 'company'],
    ['商户名称', 'company'],
    ['公司', 'company'],
    ['企业', 'company'],
    ['商户', 'company'],
  ] as [string, Hint][]
).sort((a, b) => b[0].length - a[0].length)

/**
 * A label written without a colon or space before its value. An ASCII label glued to more ASCII
 * is a word ("ipad", "app.example.com", "qq.com"); a Chinese one glued to Chinese is usually a
 * longer word ("企业微信群", "应用商店"), except for group names ("微信群财富交流3群").
 */
function gluedLabelOk(label: string, hint: Hint, rest: string): boolean {
  if (/^[a-z]+$/.test(label)) return /^[0-9\u3400-\u9fff]/.test(rest)
  if (hint === 'qq_group' || hint === 'wechat_group' || hint === 'group') return true
  return /^[0-9A-Za-z+(]/.test(rest)
}

interface Labelled {
  hint: Hint
  rest: string
  /** The label was followed by a colon (so it is surely a label, not part of a name). */
  colon: boolean
}

function splitLabel(text: string): Labelled | undefined {
  const lower = text.toLowerCase()
  for (const [label, hint] of LABELS) {
    if (!lower.startsWith(label)) continue
    const after = text.slice(label.length)
    const m = /^\s*([:：=]?)\s*/.exec(after) as RegExpExecArray
    const rest = after.slice(m[0].length)
    if (!rest) continue
    if (!m[0] && !gluedLabelOk(label, hint, rest)) continue
    return { hint, rest, colon: m[1] !== '' }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Clean-up

const TRAILING = /[\s。，,.;；:：!！?？、…~～·]+$/
const WRAPPERS: [string, string][] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
  ['《', '》'],
  ['【', '】'],
  ['[', ']'],
  ['<', '>'],
]

function cleanUp(raw: string): string {
  // Circled list numbers first: NFKC would turn ① into a digit glued to the value.
  let text = normalizeText(raw.replace(/^\s*[①-⑳]/, ''))
    .replace(/\s+/g, ' ')
    .trim()
  // list markers: "1、", "2)", "(3)", "4. ", "- ", "• "
  text = text.replace(/^(?:\(?[1-9]\d?[、)]|[1-9]\d?\.(?=\s|[^\d\sA-Za-z])|[-*•·]\s)\s*/, '')
  for (let changed = true; changed; ) {
    changed = false
    const before = text
    text = text.replace(TRAILING, '').replace(/^[\s,，、:：]+/, '')
    for (const [open, close] of WRAPPERS) {
      if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) text = text.slice(1, -1).trim()
    }
    changed = text !== before
  }
  return text
}

const DASHES = /[-‐‑‒–—―−]/g
const NUMBER_SHAPE = /^\+?[\d\s()\-‐‑‒–—―−]*\d[\d\s()\-‐‑‒–—―−]*[Xx]?$/

/** The digits of a number-shaped text (spaces, dashes and brackets dropped), or undefined. */
function numberText(text: string): { digits: string; plus: boolean } | undefined {
  if (!NUMBER_SHAPE.test(text)) return undefined
  const compact = text.replace(/[\s()]/g, '').replace(DASHES, '')
  return { digits: compact.replace(/^\+/, '').toUpperCase(), plus: compact.startsWith('+') }
}

// ---------------------------------------------------------------------------------------------
// Classification

function unitFor(kind: ClueKind, rules: RoutingRules): string | null {
  const override = rules.kindUnits?.[kind]
  return override !== undefined ? override : DEFAULT_KIND_UNITS[kind]
}

function make(kind: ClueKind, value: string, rules: RoutingRules, detail?: string): Classification {
  const c: Classification = { kind, value, unitKey: unitFor(kind, rules) }
  if (detail) c.detail = detail
  return c
}

function unclear(value: string, detail?: string): Classification {
  // The office assigns unclear clues itself: no override applies.
  const c: Classification = { kind: 'unclear', value, unitKey: null }
  if (detail) c.detail = detail
  return c
}

function phone(digits: string, rules: RoutingRules): Classification {
  const segment = phoneSegment(digits, rules)
  if (segment) {
    const c: Classification = { kind: 'phone', value: digits, unitKey: segment.unitKey }
    c.detail = segment.unitKey === null ? `${segment.detail}，待联席办指派` : segment.detail
    return c
  }
  return make('phone', digits, rules, '未知号段')
}

function landline(digits: string, rules: RoutingRules): Classification {
  return make('landline', digits, rules, isServiceNumber(digits) ? '400/800号码' : '固定电话')
}

/**
 * Strips the country code: +86 / 0086 (and a bare 86 before a mobile number). Other countries
 * only with "+": a number starting 00 may as well be a bank account.
 */
function domestic(digits: string, plus: boolean): { digits: string; abroad?: boolean } {
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

function byStructure(digits: string, rules: RoutingRules, hint?: Hint): Classification | undefined {
  if (isMobile(digits)) return phone(digits, rules)
  if (isServiceNumber(digits) || isLandline(digits)) return landline(digits, rules)
  if (digits.length === 18 && idCardValid(digits, rules.now)) return make('id_card', digits, rules)
  if (digits.length === 15 && oldIdCardValid(digits)) return make('id_card', digits, rules, '15位旧身份证号')
  if (digits.endsWith('X')) {
    return unclear(digits, digits.length === 18 ? '像身份证号，但校验位或出生日期不对' : '无法识别的号码')
  }
  if (digits.length === 18 && hint !== 'account' && looksLikeCreditCode(digits)) {
    return make('credit_code', digits, rules)
  }
  if (digits.length >= 15 && digits.length <= 19 && luhnValid(digits)) return make('bank_card', digits, rules)
  if (digits.length >= 10 && digits.length <= 25) {
    const detail =
      digits.length === 18
        ? '18位但不是有效身份证号，按银行账号处理'
        : digits.length >= 16 && digits.length <= 19
          ? '未通过卡号校验（Luhn），按银行账号处理'
          : undefined
    return make('bank_account', digits, rules, detail)
  }
  return undefined
}

/** An unlabelled 18-character code: right check character and the code's structure. */
function looksLikeCreditCode(code: string): boolean {
  // registration authority, entity category, 6-digit region code
  return creditCodeValid(code) && /^[1-9ANY][1-9][1-8]\d{5}/.test(code)
}

function classifyNumber(text: string, rules: RoutingRules, hint?: Hint): Classification | undefined {
  const parsed = numberText(text)
  if (!parsed) return undefined
  // "13800138000 13900139000": two numbers on one line, not one 22-digit account
  if ((text.match(/\d{7,}/g) ?? []).length >= 2) return unclear(text, '一行里像是有多个号码，请分行发送')
  const { digits, abroad } = domestic(parsed.digits, parsed.plus)
  if (abroad) {
    if (!/^[1-9]\d{6,14}$/.test(digits)) return unclear(text, '无法识别的境外号码')
    return make('phone', `+${digits}`, rules, '境外号码')
  }
  if (hint === 'phone') {
    if (isMobile(digits)) return phone(digits, rules)
    if (isServiceNumber(digits) || isLandline(digits)) return landline(digits, rules)
    return unclear(digits, '电话号码位数或区号不对')
  }
  if (hint === 'bank') {
    if (!/^\d{10,30}$/.test(digits)) return unclear(digits, '银行账号位数不对')
    if (digits.length >= 15 && digits.length <= 19 && luhnValid(digits))
      return make('bank_card', digits, rules)
    const failed =
      digits.length >= 15 && digits.length <= 19 ? '未通过卡号校验（Luhn），按银行账号处理' : undefined
    return make('bank_account', digits, rules, failed)
  }
  if (hint === 'id') {
    if (idCardValid(digits, rules.now)) return make('id_card', digits, rules)
    return unclear(digits, '身份证号校验位或出生日期不对')
  }
  return byStructure(digits, rules, hint) ?? unclear(digits, '号码位数不像电话、银行卡或身份证号')
}

function classifyCredit(text: string, rules: RoutingRules): Classification {
  const code = text.replace(/[\s-]/g, '').toUpperCase()
  if (creditCodeValid(code)) return make('credit_code', code, rules)
  return unclear(code, '统一社会信用代码校验不通过')
}

function classifyUrl(text: string, rules: RoutingRules, detail?: string): Classification | undefined {
  const parsed = parseUrl(text)
  if (!parsed) return undefined
  if (parsed.kind === 'bad_ip') return unclear(text, '不是有效的IP地址')
  return make(parsed.kind, parsed.value, rules, detail)
}

const PAYMENT_PROVIDERS = ['支付宝', '微信支付', '财付通'] as const
const EMAIL = /^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/i

function paymentAccount(provider: string, account: string, rules: RoutingRules): Classification {
  const cleaned = account
    .replace(/^[\s()（）:：,，、-]*(?:账号|账户|帐号|帐户|号)?[\s:：]*/, '')
    .replace(/[\s()（）:：,，、-]+$/, '')
    .trim()
  if (!cleaned) return unclear(provider, `${provider}后没有账号`)
  let value = cleaned
  if (EMAIL.test(cleaned)) value = cleaned.toLowerCase()
  else {
    const n = numberText(cleaned)
    if (n) value = domestic(n.digits, n.plus).digits
  }
  return make('payment_account', `${provider} ${value}`, rules, provider)
}

function findProvider(text: string): { provider: string; account: string } | undefined {
  for (const provider of PAYMENT_PROVIDERS) {
    const at = text.indexOf(provider)
    if (at < 0) continue
    return { provider, account: `${text.slice(0, at)} ${text.slice(at + provider.length)}` }
  }
  return undefined
}

function group(type: string, name: string, rules: RoutingRules): Classification {
  const value = /^\d[\d\s-]*$/.test(name) ? name.replace(/[\s-]/g, '') : name
  return make('wechat_group', `${type} ${value}`, rules, type)
}

function appName(name: string, rules: RoutingRules): Classification | undefined {
  const trimmed = name.replace(/^[《"“]|[》"”]$/g, '').trim()
  if (!trimmed || /^\d+$/.test(trimmed)) return undefined
  return make('app', trimmed, rules, /\.apk$/i.test(trimmed) ? 'APK安装包' : 'APP')
}

function classifyLabelled(l: Labelled, rules: RoutingRules): Classification | undefined {
  const { hint, rest } = l
  switch (hint) {
    case 'credit':
      return classifyCredit(rest, rules)
    case 'company':
      if (CREDIT_SHAPE.test(rest.replace(/\s/g, '').toUpperCase())) return classifyCredit(rest, rules)
      return make('company', canonicalCompany(rest), rules)
    case 'qq': {
      const n = numberText(rest)
      if (n && isQqNumber(n.digits)) return make('qq', n.digits, rules)
      return unclear(rest, 'QQ号应为5–11位数字')
    }
    case 'qq_group':
      return group('QQ群', rest, rules)
    case 'wechat_group':
      return group('微信群', rest, rules)
    case 'group':
      return group('群', rest, rules)
    case 'url':
      return classifyUrl(rest, rules) ?? unclear(rest, '不是有效的网址、域名或IP')
    case 'app':
      return classifyUrl(rest, rules, 'APP下载链接') ?? appName(rest, rules) ?? unclear(rest, '没有APP名称')
    case 'payment':
      return undefined // handled by findProvider on the whole text
    case 'phone':
    case 'bank':
    case 'id':
      return classifyNumber(rest, rules, hint) ?? unclear(rest, '标注了号码但内容不是号码')
    case 'account':
      return classifyNumber(rest, rules, hint)
  }
}

/**
 * Classifies one clue as the office typed it (one line): its kind, canonical value and the unit
 * that checks it. Anything that cannot be read is `unclear` and waits for the office.
 */
export function classifyClue(raw: string, rules: RoutingRules = {}): Classification {
  const text = cleanUp(raw)
  if (!text) return unclear('', '空白')
  const company = splitCompany(text)
  if (company) {
    const value = classifyText(company.name, rules)
    if (value.kind === 'company') return { ...value, remark: company.remark }
  }
  const whole = classifyText(text, rules)
  if (whole.kind !== 'unclear') return whole
  // "13800138000 冒充客服", "13800138000（冒充客服）": a value followed by a Chinese remark
  const m = /^(.+?)\s*(?:\(([^()]+)\)|\s([^0-9A-Za-z]+))$/.exec(text)
  const remark = (m?.[2] ?? m?.[3])?.trim()
  if (m?.[1] && remark && CJK.test(remark) && !/[0-9A-Za-z]/.test(remark)) {
    const value = classifyText(m[1], rules)
    if (value.kind !== 'unclear') return { ...value, remark }
  }
  return whole
}

function classifyText(text: string, rules: RoutingRules): Classification {
  // A plain number (with spaces, dashes, +86, full-width digits).
  const number = classifyNumber(text, rules)
  if (number) return number

  const labelled = splitLabel(text)
  // "支付宝（中国）网络技术有限公司" is a company, not an Alipay account.
  const company = labelled?.colon ? undefined : companyName(text)
  if (company) return make('company', company, rules)

  if (labelled) {
    const c = classifyLabelled(labelled, rules)
    if (c) return c
  }

  const provider = findProvider(text)
  if (provider) return paymentAccount(provider.provider, provider.account, rules)

  const url = classifyUrl(text, rules)
  if (url) return url

  const apk = /^[^\s/\\]+\.apk$/i.exec(text)
  if (apk) return make('app', text, rules, 'APK安装包')
  // "百度APP", "Bitget APP"; not "WhatsApp"
  const app = /^(.*?(?:[\u3400-\u9fff)》"”]|\s))\s*app(?:软件|客户端)?$/i.exec(text)
  if (app?.[1] && !/[:：]/.test(app[1])) {
    const c = appName(app[1], rules)
    if (c) return c
  }

  const groupSuffix = /^(.+?)\s*(微信群|qq群)$/i.exec(text)
  if (groupSuffix?.[1] && groupSuffix[2]) {
    return group(groupSuffix[2].toLowerCase() === 'qq群' ? 'QQ群' : '微信群', groupSuffix[1], rules)
  }

  const compact = text.replace(/\s/g, '').toUpperCase()
  if (CREDIT_SHAPE.test(compact) && /[A-Z]/.test(compact)) {
    return creditCodeValid(compact)
      ? make('credit_code', compact, rules)
      : unclear(compact, '像统一社会信用代码，但校验位不对')
  }

  if (EMAIL.test(text)) return unclear(text.toLowerCase(), '邮箱地址：请注明是哪类账号（如支付宝）')
  return unclear(text)
}
