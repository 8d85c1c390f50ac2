// Clues (线索) as the office types them: what kind each one is, its canonical value and the unit
// that checks it. This file reads a line in order (a number, a label, a company, a payment
// account, a link, an app, a group…); the shapes it recognizes live beside it: checksums.ts,
// phones.ts, network.ts, company.ts, labels.ts, clean.ts, and who checks what in routing.ts.
// Pure: no I/O, no clock (pass `rules.now` to refuse birth dates in the future).
import { CREDIT_SHAPE, creditCodeValid, idCardValid, luhnValid, oldIdCardValid } from './checksums.ts'
import { cleanUp, numberText } from './clean.ts'
import { CJK, canonicalCompany, companyName, splitCompany } from './company.ts'
import { DETAIL, noAccountDetail, waitingDetail } from './details.ts'
import type { ClueKind } from './kinds.ts'
import { type Hint, type Labelled, splitLabel } from './labels.ts'
import { EMAIL, isQqNumber, parseUrl } from './network.ts'
import { domestic, isLandline, isMobile, isServiceNumber } from './phones.ts'
import { phoneRoute, type RoutingRules, unitForKind } from './routing.ts'

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

function make(kind: ClueKind, value: string, rules: RoutingRules, detail?: string): Classification {
  const c: Classification = { kind, value, unitKey: unitForKind(kind, rules) }
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
  const route = phoneRoute(digits, rules)
  if (route) {
    const c: Classification = { kind: 'phone', value: digits, unitKey: route.unitKey }
    c.detail = route.unitKey === null ? waitingDetail(route.detail) : route.detail
    return c
  }
  return make('phone', digits, rules, DETAIL.unknown_segment)
}

function landline(digits: string, rules: RoutingRules): Classification {
  return make('landline', digits, rules, isServiceNumber(digits) ? DETAIL.service_number : DETAIL.landline)
}

function byStructure(digits: string, rules: RoutingRules, hint?: Hint): Classification | undefined {
  if (isMobile(digits)) return phone(digits, rules)
  if (isServiceNumber(digits) || isLandline(digits)) return landline(digits, rules)
  if (digits.length === 18 && idCardValid(digits, rules.now)) return make('id_card', digits, rules)
  if (digits.length === 15 && oldIdCardValid(digits))
    return make('id_card', digits, rules, DETAIL.old_id_card)
  if (digits.endsWith('X')) {
    return unclear(digits, digits.length === 18 ? DETAIL.id_card_like : DETAIL.bad_number)
  }
  if (digits.length === 18 && hint !== 'account' && looksLikeCreditCode(digits)) {
    return make('credit_code', digits, rules)
  }
  if (digits.length >= 15 && digits.length <= 19 && luhnValid(digits)) return make('bank_card', digits, rules)
  if (digits.length >= 10 && digits.length <= 25) {
    const detail =
      digits.length === 18
        ? DETAIL.account_18
        : digits.length >= 16 && digits.length <= 19
          ? DETAIL.account_not_luhn
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
  if ((text.match(/\d{7,}/g) ?? []).length >= 2) return unclear(text, DETAIL.several_numbers)
  const { digits, abroad } = domestic(parsed.digits, parsed.plus)
  if (abroad) {
    if (!/^[1-9]\d{6,14}$/.test(digits)) return unclear(text, DETAIL.bad_abroad)
    return make('phone', `+${digits}`, rules, DETAIL.abroad)
  }
  if (hint === 'phone') {
    if (isMobile(digits)) return phone(digits, rules)
    if (isServiceNumber(digits) || isLandline(digits)) return landline(digits, rules)
    return unclear(digits, DETAIL.bad_phone)
  }
  if (hint === 'bank') {
    if (!/^\d{10,30}$/.test(digits)) return unclear(digits, DETAIL.bad_bank)
    if (digits.length >= 15 && digits.length <= 19 && luhnValid(digits))
      return make('bank_card', digits, rules)
    const failed = digits.length >= 15 && digits.length <= 19 ? DETAIL.account_not_luhn : undefined
    return make('bank_account', digits, rules, failed)
  }
  if (hint === 'id') {
    if (idCardValid(digits, rules.now)) return make('id_card', digits, rules)
    return unclear(digits, DETAIL.bad_id_card)
  }
  return numberByStructure(digits, rules, hint)
}

/** A number without a label (or an account's): by its length and checksums alone. */
function numberByStructure(digits: string, rules: RoutingRules, hint?: Hint): Classification {
  return byStructure(digits, rules, hint) ?? unclear(digits, DETAIL.bad_digits)
}

/** ASCII digits and nothing else: most lines of a large file (phone numbers, card numbers). */
const BARE_NUMBER = /^\d+$/

function classifyCredit(text: string, rules: RoutingRules): Classification {
  const code = text.replace(/[\s-]/g, '').toUpperCase()
  if (creditCodeValid(code)) return make('credit_code', code, rules)
  return unclear(code, DETAIL.bad_credit_code)
}

function classifyUrl(text: string, rules: RoutingRules, detail?: string): Classification | undefined {
  const parsed = parseUrl(text)
  if (!parsed) return undefined
  if (parsed.kind === 'bad_ip') return unclear(text, DETAIL.bad_ip)
  return make(parsed.kind, parsed.value, rules, detail)
}

const PAYMENT_PROVIDERS = ['支付宝', '微信支付', '财付通'] as const

function paymentAccount(provider: string, account: string, rules: RoutingRules): Classification {
  const cleaned = account
    .replace(/^[\s()（）:：,，、-]*(?:账号|账户|帐号|帐户|号)?[\s:：]*/, '')
    .replace(/[\s()（）:：,，、-]+$/, '')
    .trim()
  if (!cleaned) return unclear(provider, noAccountDetail(provider))
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
  // An app's name holds no phone or account number: "13800138000 要求下载APP" is a phone.
  if (!trimmed || /^\d+$/.test(trimmed) || /\d{7,}/.test(trimmed)) return undefined
  return make('app', trimmed, rules, /\.apk$/i.test(trimmed) ? DETAIL.apk : 'APP')
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
      return unclear(rest, DETAIL.bad_qq)
    }
    case 'qq_group':
      return group('QQ群', rest, rules)
    case 'wechat_group':
      return group('微信群', rest, rules)
    case 'group':
      return group('群', rest, rules)
    case 'url':
      return classifyUrl(rest, rules) ?? unclear(rest, DETAIL.bad_url)
    case 'app':
      return (
        classifyUrl(rest, rules, DETAIL.app_link) ?? appName(rest, rules) ?? unclear(rest, DETAIL.no_app_name)
      )
    case 'payment':
      return undefined // handled by findProvider on the whole text
    case 'phone':
    case 'bank':
    case 'id':
      return classifyNumber(rest, rules, hint) ?? unclear(rest, DETAIL.not_a_number)
    case 'account':
      return classifyNumber(rest, rules, hint)
  }
}

/**
 * Classifies one clue as the office typed it (one line): its kind, canonical value and the unit
 * that checks it. Anything that cannot be read is `unclear` and waits for the office.
 */
export function classifyClue(raw: string, rules: RoutingRules = {}): Classification {
  // What the steps below make of bare digits (nothing to clean, label or split off), at once.
  if (BARE_NUMBER.test(raw)) return numberByStructure(domestic(raw, false).digits, rules)
  const text = cleanUp(raw)
  if (!text) return unclear('', DETAIL.blank)
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
  // "13912345678 冒充客服，要求下载（ＡＰＰ）": after a number or a link, a remark may name an app or
  // a QQ in Latin letters, but holds no number, link or address (clues of their own, for the office).
  const first = /^(\S+)\s+(.+)$/.exec(text)
  if (first?.[1] && first[2] && !CJK.test(first[1]) && CJK.test(first[2]) && !/[\d.@/:]/.test(first[2])) {
    const value = classifyText(first[1], rules)
    if (value.kind !== 'unclear') return { ...value, remark: first[2] }
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
  if (apk) return make('app', text, rules, DETAIL.apk)
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
      : unclear(compact, DETAIL.credit_code_like)
  }

  if (EMAIL.test(text)) return unclear(text.toLowerCase(), DETAIL.email)
  return unclear(text)
}
