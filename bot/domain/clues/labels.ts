// Labels people put before a clue (手机号：, 银行卡, QQ群…): which kind of value they announce.
// Pure.

export type Hint =
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

/** The labels by their first character, longest first: a text is tried against its own few. */
const LABELS_BY_FIRST = new Map<string, [string, Hint][]>()
for (const entry of LABELS) {
  const first = entry[0][0] as string
  LABELS_BY_FIRST.set(first, [...(LABELS_BY_FIRST.get(first) ?? []), entry])
}

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

export interface Labelled {
  hint: Hint
  rest: string
  /** The label was followed by a colon (so it is surely a label, not part of a name). */
  colon: boolean
}

export function splitLabel(text: string): Labelled | undefined {
  const lower = text.toLowerCase()
  for (const [label, hint] of LABELS_BY_FIRST.get(lower[0] ?? '') ?? []) {
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
