// Network shapes: URLs, domains, IPv4 addresses and QQ numbers, as the office writes them. Pure.

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

export type UrlParse = { kind: 'url' | 'domain' | 'ip'; value: string } | { kind: 'bad_ip' } | undefined

export function parseUrl(text: string): UrlParse {
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

export const EMAIL = /^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/i
