import { describe, expect, it } from 'vitest'
import { loadRoster, parseRoster } from '../../bot/config.ts'
import { creditCodeValid, idCardValid, luhnValid } from '../../bot/domain/clues/checksums.ts'
import { classifyClue as classifyWith } from '../../bot/domain/clues/classify.ts'
import type { ClueKind } from '../../bot/domain/clues/kinds.ts'
import { type RoutingRules, routingRules } from '../../bot/domain/clues/routing.ts'

// Routing as the shipped roster's `clues:` lists decide it; `extra` adds rules of a `clue_routing:`.
const shipped = loadRoster('prisma/roster.yaml')
const SHIPPED = routingRules(shipped.units, shipped)
const classifyClue = (raw: string, extra: RoutingRules = {}) =>
  classifyWith(raw, {
    ...SHIPPED,
    ...extra,
    kindUnits: { ...SHIPPED.kindUnits, ...extra.kindUnits },
    phoneSegments: { ...SHIPPED.phoneSegments, ...extra.phoneSegments },
  })

// Test numbers are made up and completed with check digits computed here, independently of the
// implementation (different formulas), so no real person's number is used.

/** Appends the Luhn check digit to a payload. */
function luhn(payload: string): string {
  const sum = [...payload]
    .reverse()
    .map(Number)
    .reduce((acc, d, i) => acc + (i % 2 === 0 ? Math.floor((2 * d) / 10) + ((2 * d) % 10) : d), 0)
  return payload + ((10 - (sum % 10)) % 10)
}

/** Appends the GB 11643 check character: (12 − Σ dᵢ·2^(17−i) mod 11) mod 11, 10 being X. */
function idNumber(first17: string): string {
  const s = [...first17].reduce((acc, d, i) => acc + Number(d) * (2 ** (17 - i) % 11), 0)
  const c = (12 - (s % 11)) % 11
  return first17 + (c === 10 ? 'X' : String(c))
}

/** Appends the GB 32100 check character: weights 3^i mod 31. */
function creditCode(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const s = [...first17].reduce((acc, ch, i) => acc + chars.indexOf(ch) * (3 ** i % 31), 0)
  return first17 + chars[(31 - (s % 31)) % 31]
}

/** A different check character (the next one in the set), so the checksum fails. */
function broken(valid: string, chars: string): string {
  const last = valid.slice(-1)
  return valid.slice(0, -1) + chars[(chars.indexOf(last) + 1) % chars.length]
}

const CARD16 = luhn('622202123456789') // 16 digits
const CARD19 = luhn('622848001234567890') // 19 digits
const CARD_BAD = broken(CARD16, '0123456789')
const ID = idNumber('11010519900307123') // made up: region 110105, born 1990-03-07
const ID_X = '11010519491231002X' // the example printed in GB 11643-1999
const ID_BAD = broken(ID, '0123456789X')
const CREDIT = creditCode('91330106MA2KXXX0T'.replace(/X/g, 'Y'))
const CREDIT_BAD = broken(CREDIT, '0123456789ABCDEFGHJKLMNPQRTUWXY')

const kindOf = (raw: string) => classifyClue(raw).kind
const routed = (raw: string) => {
  const c = classifyClue(raw)
  return [c.kind, c.value, c.unitKey]
}

describe('checksums', () => {
  it.each([
    ['79927398713', true], // the textbook Luhn example
    ['79927398710', false],
    [CARD16, true],
    [CARD19, true],
    [CARD_BAD, false],
    ['12a4', false],
  ])('luhnValid(%s) = %s', (value, ok) => {
    expect(luhnValid(value)).toBe(ok)
  })

  it.each([
    [ID_X, true],
    [ID_X.toLowerCase(), true],
    [ID, true],
    [ID_BAD, false],
    [idNumber('11010518991231123'), false], // born 1899
    [idNumber('11010519900230123'), false], // 30 February
    [idNumber('01010519900307123'), false], // no region code starts with 0
    ['1101051990030712', false], // 16 digits
  ])('idCardValid(%s) = %s', (value, ok) => {
    expect(idCardValid(value)).toBe(ok)
  })

  it('an ID number born in the future is refused when the date is known', () => {
    const born2030 = idNumber('11010520300101123')
    expect(idCardValid(born2030)).toBe(true)
    expect(idCardValid(born2030, new Date('2026-11-20T00:00:00Z'))).toBe(false)
    expect(classifyClue(born2030, { now: new Date('2026-11-20T00:00:00Z') }).kind).not.toBe('id_card')
  })

  it.each([
    [CREDIT, true],
    [CREDIT.toLowerCase(), true],
    [creditCode('91350100M000100Y4'), true],
    [CREDIT_BAD, false],
    [`${CREDIT.slice(0, 8)}I${CREDIT.slice(9)}`, false], // I is not in the charset
    [CREDIT.slice(1), false],
  ])('creditCodeValid(%s) = %s', (value, ok) => {
    expect(creditCodeValid(value)).toBe(ok)
  })
})

describe('mobile numbers go to the carrier of their segment', () => {
  it.each([
    ['13412345678', 'cmcc'],
    ['13512345678', 'cmcc'],
    ['13812345678', 'cmcc'],
    ['15012345678', 'cmcc'],
    ['18212345678', 'cmcc'],
    ['18712345678', 'cmcc'],
    ['19512345678', 'cmcc'],
    ['19812345678', 'cmcc'],
    ['13012345678', 'cucc'],
    ['13212345678', 'cucc'],
    ['15512345678', 'cucc'],
    ['16612345678', 'cucc'],
    ['17612345678', 'cucc'],
    ['18612345678', 'cucc'],
    ['19612345678', 'cucc'],
    ['13312345678', 'ctcc'],
    ['15312345678', 'ctcc'],
    ['17712345678', 'ctcc'],
    ['18012345678', 'ctcc'],
    ['18912345678', 'ctcc'],
    ['19112345678', 'ctcc'],
    ['19912345678', 'ctcc'],
  ])('%s → %s', (raw, unit) => {
    expect(classifyClue(raw)).toMatchObject({ kind: 'phone', value: raw, unitKey: unit })
  })

  it.each([
    ['17001234567', 'ctcc'],
    ['17011234567', 'ctcc'],
    ['17021234567', 'ctcc'],
    ['17031234567', 'cmcc'],
    ['17051234567', 'cmcc'],
    ['17061234567', 'cmcc'],
    ['17041234567', 'cucc'],
    ['17071234567', 'cucc'],
    ['17081234567', 'cucc'],
    ['17091234567', 'cucc'],
    ['17112345678', 'cucc'],
    ['16712345678', 'cucc'],
    ['16512345678', 'cmcc'],
    ['16212345678', 'ctcc'],
  ])('virtual-operator segment %s → %s, marked 虚拟运营商', (raw, unit) => {
    const c = classifyClue(raw)
    expect(c).toMatchObject({ kind: 'phone', value: raw, unitKey: unit })
    expect(c.detail).toContain('虚拟运营商')
  })

  it('中国广电 192 waits for the office unless a unit is configured for it', () => {
    expect(classifyClue('19212345678')).toMatchObject({ kind: 'phone', unitKey: null })
    expect(classifyClue('19212345678').detail).toContain('广电')
    expect(classifyClue('19212345678', { phoneSegments: { '192': 'cmcc' } }).unitKey).toBe('cmcc')
  })

  it('the segment table can be extended and overridden, longest prefix winning', () => {
    const rules = { phoneSegments: { '1380013': 'cucc', '140': 'ctcc' } }
    expect(classifyClue('13800138000', rules).unitKey).toBe('cucc')
    expect(classifyClue('13812345678', rules).unitKey).toBe('cmcc')
    expect(classifyClue('14012345678', rules).unitKey).toBe('ctcc')
    expect(classifyClue('14012345678')).toMatchObject({ kind: 'phone', unitKey: null, detail: '未知号段' })
  })

  it.each([
    ['138-0013-8000'],
    ['138 0013 8000'],
    ['１３８００１３８０００'],
    ['１３８－００１３－８０００'],
    ['+86 138 0013 8000'],
    ['+8613800138000'],
    ['0086-13800138000'],
    ['8613800138000'],
    ['13800138000。'],
    ['手机号：13800138000'],
    ['电话13800138000'],
    ['1、13800138000'],
    ['“13800138000”'],
  ])('forgiving input %s reads as 13800138000', (raw) => {
    expect(routed(raw)).toEqual(['phone', '13800138000', 'cmcc'])
  })

  it('a number from abroad is a phone the office assigns', () => {
    expect(classifyClue('+852 2123 4567')).toMatchObject({
      kind: 'phone',
      value: '+85221234567',
      unitKey: null,
    })
    expect(classifyClue('+852 2123 4567', { kindUnits: { phone: 'gaj' } }).unitKey).toBe('gaj')
  })
})

describe('landlines and 400 numbers go to 中国电信', () => {
  it.each([
    ['0571-87654321', '057187654321'],
    ['057187654321', '057187654321'],
    ['(0571)87654321', '057187654321'],
    ['0571 8765432', '05718765432'],
    ['010-62345678', '01062345678'],
    ['021 6234 5678', '02162345678'],
    ['+86 10 6234 5678', '01062345678'],
    ['座机：0755-86543210', '075586543210'],
    ['400-810-8888', '4008108888'],
    ['800 820 8820', '8008208820'],
  ])('%s', (raw, value) => {
    expect(routed(raw)).toEqual(['landline', value, 'ctcc'])
  })

  it('kindUnits can hand landlines to another unit', () => {
    expect(classifyClue('0571-87654321', { kindUnits: { landline: 'cmcc' } }).unitKey).toBe('cmcc')
  })
})

describe('bank cards and accounts go to 人民银行', () => {
  it.each([
    [CARD16, 'bank_card'],
    [CARD19, 'bank_card'],
    [
      `${CARD19.slice(0, 4)} ${CARD19.slice(4, 8)} ${CARD19.slice(8, 12)} ${CARD19.slice(12, 16)} ${CARD19.slice(16)}`,
      'bank_card',
    ],
    [`${CARD16.slice(0, 4)}-${CARD16.slice(4, 8)}-${CARD16.slice(8, 12)}-${CARD16.slice(12)}`, 'bank_card'],
    [CARD16.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), 'bank_card'],
    [`银行卡号：${CARD16}`, 'bank_card'],
    [CARD_BAD, 'bank_account'],
    [broken(CARD19, '0123456789'), 'bank_account'],
    ['1234567890', 'bank_account'],
    ['33050161672700000123', 'bank_account'],
    [`对公账户：${CARD_BAD}`, 'bank_account'],
  ])('%s → %s', (raw, kind) => {
    const c = classifyClue(raw)
    expect(c.kind).toBe(kind)
    expect(c.value).toMatch(/^\d+$/)
    expect(c.unitKey).toBe('pboc')
  })

  it('a card number failing Luhn says so', () => {
    expect(classifyClue(CARD_BAD).detail).toContain('Luhn')
  })

  it.each([
    ['支付宝：13800138000', '支付宝 13800138000'],
    ['支付宝账号 fraud.Test@Example.com', '支付宝 fraud.test@example.com'],
    ['13800138000（支付宝）', '支付宝 13800138000'],
    ['微信支付：wxid_abc123', '微信支付 wxid_abc123'],
    ['财付通 1234567890', '财付通 1234567890'],
  ])('payment account %s', (raw, value) => {
    expect(routed(raw)).toEqual(['payment_account', value, 'pboc'])
  })

  it('支付宝 alone has no account', () => {
    expect(kindOf('支付宝')).toBe('unclear')
  })
})

describe('links, domains, IPs, apps, QQ and groups go to 县网信办', () => {
  it.each([
    ['https://example.com/login?id=1', 'url', 'https://example.com/login?id=1'],
    ['HTTP://WWW.Example.COM/Path', 'url', 'http://www.example.com/Path'],
    ['www.example-pay.com/abc', 'url', 'www.example-pay.com/abc'],
    ['www.example-pay.com/abc。', 'url', 'www.example-pay.com/abc'],
    ['example.top:8080', 'url', 'example.top:8080'],
    ['http://1.2.3.4/x', 'url', 'http://1.2.3.4/x'],
    ['网址：example.vip/a', 'url', 'example.vip/a'],
    ['www.example.com', 'domain', 'www.example.com'],
    ['Example.CN', 'domain', 'example.cn'],
    ['sub.example.com.cn', 'domain', 'sub.example.com.cn'],
    ['例子.中国', 'domain', '例子.中国'],
    ['8.8.8.8', 'ip', '8.8.8.8'],
    ['IP：192.168.1.254', 'ip', '192.168.1.254'],
    ['APP：某某理财', 'app', '某某理财'],
    ['某某理财APP', 'app', '某某理财'],
    ['Bitcoin Pro app', 'app', 'Bitcoin Pro'],
    ['xx-loan.apk', 'app', 'xx-loan.apk'],
    ['QQ 12345678', 'qq', '12345678'],
    ['QQ号：123456789', 'qq', '123456789'],
    ['qq12345', 'qq', '12345'],
    ['ＱＱ：１２３４５６７８９０１', 'qq', '12345678901'],
    ['微信群：财富交流3群', 'wechat_group', '微信群 财富交流3群'],
    ['微信群 "稳赚不赔"', 'wechat_group', '微信群 "稳赚不赔"'],
    ['QQ群：123 456 789', 'wechat_group', 'QQ群 123456789'],
    ['某某投资交流微信群', 'wechat_group', '微信群 某某投资交流'],
  ])('%s → %s', (raw, kind, value) => {
    expect(routed(raw)).toEqual([kind, value, 'wxb'])
  })

  it.each([
    ['300.1.1.1'],
    ['QQ 1234'],
    ['QQ号：0123456'],
    ['report.txt'],
    ['weixin://dl/business'],
    ['WhatsApp'],
  ])('%s is unclear', (raw) => {
    expect(classifyClue(raw)).toMatchObject({ kind: 'unclear', unitKey: null })
  })

  it('an app given as its download link is a URL', () => {
    expect(classifyClue('APP：https://dl.example.com/a.apk')).toMatchObject({
      kind: 'url',
      detail: 'APP下载链接',
    })
  })
})

describe('companies and credit codes go to 县市场监管局', () => {
  it.each([
    ['某某（杭州）网络科技有限公司', '某某（杭州）网络科技有限公司'],
    ['某某(杭州)网络科技有限公司', '某某（杭州）网络科技有限公司'],
    ['某某网络科技股份有限公司', '某某网络科技股份有限公司'],
    ['某某 贸易 有限责任公司', '某某贸易有限责任公司'],
    ['某某控股集团', '某某控股集团'],
    ['城关镇某某商行', '城关镇某某商行'],
    ['某某影视工作室', '某某影视工作室'],
    ['某某种植专业合作社', '某某种植专业合作社'],
    ['某某五金厂', '某某五金厂'],
    ['某某手机店', '某某手机店'],
    ['支付宝（中国）网络技术有限公司', '支付宝（中国）网络技术有限公司'],
    ['公司名称：某某咨询', '某某咨询'],
  ])('%s', (raw, value) => {
    expect(routed(raw)).toEqual(['company', value, 'scjg'])
  })

  it.each([
    [CREDIT],
    [CREDIT.toLowerCase()],
    [`统一社会信用代码：${CREDIT}`],
    [`${CREDIT.slice(0, 6)} ${CREDIT.slice(6, 12)} ${CREDIT.slice(12)}`],
  ])('credit code %s', (raw) => {
    expect(routed(raw)).toEqual(['credit_code', CREDIT, 'scjg'])
  })

  it('a credit code with a wrong check character is unclear', () => {
    expect(classifyClue(CREDIT_BAD)).toMatchObject({ kind: 'unclear', unitKey: null })
    expect(classifyClue(`统一社会信用代码：${CREDIT_BAD}`)).toMatchObject({ kind: 'unclear', unitKey: null })
  })
})

describe('ID numbers go to 县公安局', () => {
  it.each([
    [ID, ID],
    [ID_X, ID_X],
    [ID_X.toLowerCase(), ID_X],
    [`${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`, ID],
    [`身份证号：${ID}`, ID],
    [ID.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), ID],
  ])('%s', (raw, value) => {
    expect(routed(raw)).toEqual(['id_card', value, 'gaj'])
  })

  it('18 digits with a wrong check digit are not an ID number', () => {
    const c = classifyClue(ID_BAD)
    expect(c.kind).not.toBe('id_card')
    expect(['bank_account', 'bank_card', 'unclear']).toContain(c.kind)
    expect(classifyClue(`${ID_X.slice(0, 17)}0`).kind).not.toBe('id_card')
    // an X where the check digit is a number: only an ID number ends in X, and this one is wrong
    expect(ID.endsWith('X')).toBe(false)
    expect(classifyClue(`${ID.slice(0, 17)}X`)).toMatchObject({ kind: 'unclear', unitKey: null })
    expect(classifyClue(`身份证：${ID_BAD}`)).toMatchObject({ kind: 'unclear', unitKey: null })
  })
})

describe('a Chinese remark after the value on the same line', () => {
  it.each([
    ['13800138000 冒充客服', 'phone', '13800138000', '冒充客服'],
    ['13800138000（冒充客服）', 'phone', '13800138000', '冒充客服'],
    ['QQ 12345678 冒充客服', 'qq', '12345678', '冒充客服'],
    ['www.example.com/a 钓鱼网站', 'url', 'www.example.com/a', '钓鱼网站'],
  ])('%s', (raw, kind, value, remark) => {
    expect(classifyClue(raw)).toMatchObject({ kind, value, remark })
  })

  it('a value that is itself unclear stays unclear with the whole line', () => {
    expect(classifyClue('张三 冒充客服')).toMatchObject({ kind: 'unclear', value: '张三 冒充客服' })
    expect(classifyClue('13800138000').remark).toBeUndefined()
  })
})

describe('anything else waits for the office', () => {
  it.each([
    ['张三'],
    ['请核查'],
    ['12345'],
    ['2026-11-28'],
    [''],
    ['   '],
    ['fraud@example.com'],
    ['13800138000 13900139000'],
  ])('%j is unclear', (raw) => {
    expect(classifyClue(raw)).toMatchObject({ kind: 'unclear', unitKey: null })
  })

  it('kindUnits overrides the default unit of a kind', () => {
    const rules = { kindUnits: { url: 'gaj', company: null } as Partial<Record<ClueKind, string | null>> }
    expect(classifyClue('https://example.com/x', rules).unitKey).toBe('gaj')
    expect(classifyClue('某某网络科技有限公司', rules).unitKey).toBeNull()
    expect(classifyClue(CARD16, rules).unitKey).toBe('pboc')
  })
})

describe('a company clue ends where the registered name ends', () => {
  it.each([
    ['某某市鑫达商贸有限公司 疑似空壳公司', '某某市鑫达商贸有限公司', '疑似空壳公司'],
    ['某某市鑫达商贸有限公司疑似空壳公司', '某某市鑫达商贸有限公司', '疑似空壳公司'],
    ['某某实业有限责任公司，无经营场所', '某某实业有限责任公司', '无经营场所'],
    ['某某科技股份有限公司 涉嫌洗钱', '某某科技股份有限公司', '涉嫌洗钱'],
    ['某某县农机专业合作社 无经营场所', '某某县农机专业合作社', '无经营场所'],
    ['张三个体工商户 冒用身份', '张三个体工商户', '冒用身份'],
  ])('%s', (raw, value, remark) => {
    expect(classifyClue(raw)).toMatchObject({ kind: 'company', value, remark })
  })

  it('a branch stays part of the name', () => {
    expect(classifyClue('某某科技有限公司杭州分公司')).toEqual({
      kind: 'company',
      value: '某某科技有限公司杭州分公司',
      unitKey: 'scjg',
    })
  })
})

describe('numbers the router misread', () => {
  it('a 15-digit first-generation ID number goes to 县公安局, not to 人民银行', () => {
    expect(classifyClue('110105491231002')).toMatchObject({ kind: 'id_card', unitKey: 'gaj' })
  })
  it('+13800138000 is a Chinese mobile number with a stray +, not a foreign one', () => {
    expect(classifyClue('+13800138000')).toMatchObject({
      kind: 'phone',
      value: '13800138000',
      unitKey: 'cmcc',
    })
    expect(classifyClue('+85221234567')).toMatchObject({ kind: 'phone', detail: '境外号码' })
  })
})

describe('full-width letters and brackets in a clue line', () => {
  it.each([
    ['13912345678 冒充客服，要求下载（ＡＰＰ）', '冒充客服,要求下载(APP)'],
    ['13912345678 冒充客服，要求下载(APP)', '冒充客服,要求下载(APP)'],
    ['13912345678 冒充客服，要求下载APP', '冒充客服,要求下载APP'],
    ['１３９１２３４５６７８　冒充ＱＱ客服', '冒充QQ客服'],
  ])('%s is a phone with its remark', (raw, remark) => {
    expect(classifyClue(raw)).toMatchObject({ kind: 'phone', value: '13912345678', unitKey: 'cmcc', remark })
  })

  it('a remark holding another number, a link or an address is not split off', () => {
    expect(kindOf('13912345678 冒充客服 另一号码13800138000')).toBe('unclear')
    expect(kindOf('13912345678 诈骗网站abc.com')).toBe('unclear')
  })
})

describe('routing follows the roster alone', () => {
  // Other keys, other names: carriers found by name or alias, every kind by the `clues:` lists.
  const roster = parseRoster({
    office: { name: '市联席办' },
    units: [
      { key: 'yd', name: '中国移动', clues: ['phone'] },
      { key: 'lt', name: '联通分公司', aliases: ['中国联通'], clues: ['phone'] },
      { key: 'dx', name: '电信分公司', aliases: ['中国电信'], clues: ['phone', 'landline'] },
      { key: 'gd', name: '中国广电', clues: ['phone'] },
      { key: 'rh', name: '人行市中心支行', clues: ['bank_card', 'bank_account', 'payment_account'] },
      { key: 'wx', name: '市网信办', clues: ['url', 'app', 'qq', 'wechat_group'] },
      { key: 'sj', name: '市监局', clues: ['company'] },
      { key: 'ga', name: '市公安局', clues: ['id_card', 'person'] },
      { key: 'qt', name: '其他单位', clues: ['phone'] },
    ],
    schedule: {},
  })
  const rules = routingRules(roster.units, roster)
  const unitOf = (raw: string) => classifyWith(raw, rules).unitKey

  it.each([
    ['13812345678', 'yd'],
    ['17031234567', 'yd'],
    ['13012345678', 'lt'],
    ['13312345678', 'dx'],
    ['19212345678', 'gd'],
    ['0571-87654321', 'dx'],
    [CARD16, 'rh'],
    ['银行账号：6217000012345678901234', 'rh'],
    ['支付宝 fraud@example.com', 'rh'],
    ['https://example.com/x', 'wx'],
    ['example.com', 'wx'],
    ['8.8.8.8', 'wx'],
    ['QQ：12345678', 'wx'],
    ['微信群：财富交流3群', 'wx'],
    ['某某网络科技有限公司', 'sj'],
    [CREDIT, 'sj'],
    [ID, 'ga'],
  ])('%s → %s', (raw, unit) => {
    expect(unitOf(raw)).toBe(unit)
  })

  it('a unit listing phone that is named after no carrier takes no numbers', () => {
    expect(Object.values(rules.carrierUnits ?? {})).not.toContain('qt')
  })

  it('a kind no unit lists waits for the office, and so do carriers without a unit', () => {
    const few = parseRoster({
      office: { name: '市联席办' },
      units: [{ key: 'yd', name: '中国移动', aliases: ['移动'], clues: ['phone'] }],
      schedule: {},
    })
    const r = routingRules(few.units, few)
    expect(classifyWith('13812345678', r)).toMatchObject({ unitKey: 'yd', detail: '中国移动' })
    expect(classifyWith('13012345678', r)).toMatchObject({ unitKey: null, detail: '中国联通，待联席办指派' })
    expect(classifyWith('0571-87654321', r)).toMatchObject({ kind: 'landline', unitKey: null })
    expect(classifyWith(CARD16, r)).toMatchObject({ kind: 'bank_card', unitKey: null })
  })

  it('clue_routing: segments and kinds override the lists; a configured segment names its carrier unit', () => {
    const r = routingRules(roster.units, {
      clue_routing: { phone_segments: { '140': 'lt', '1380013': 'dx' }, kinds: { company: 'ga' } },
    })
    expect(classifyWith('14012345678', r)).toMatchObject({ unitKey: 'lt', detail: '中国联通' })
    expect(classifyWith('13800138000', r)).toMatchObject({ unitKey: 'dx', detail: '中国电信' })
    expect(classifyWith('某某网络科技有限公司', r).unitKey).toBe('ga')
  })
})
