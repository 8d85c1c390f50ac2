import { describe, expect, it } from 'vitest'
import { formatMoney, parseChineseNumeral, parseCount, parseMoney } from '../../bot/domain/numbers.ts'

const ok = (value: number) => ({ ok: true, value })
const bad = (reason: 'not_number' | 'not_integer' | 'negative' | 'ambiguous') => ({ ok: false, reason })

describe('counts as liaisons type them', () => {
  it.each([
    ['12', 12],
    ['0', 0],
    ['12个', 12],
    ['3起', 3],
    ['5人次', 5],
    ['2台次', 2],
    ['7件', 7],
    ['300张', 300],
    ['12 个', 12],
    ['12余起', 12],
  ])('a bare number or one with a measure word: %s → %i', (raw, value) => {
    expect(parseCount(raw)).toEqual(ok(value))
  })

  it.each([
    ['十二', 12],
    ['十二个', 12],
    ['一百零五', 105],
    ['两千', 2000],
    ['两千人次', 2000],
    ['三十五', 35],
  ])('a liaison who writes %s gets %i', (raw, value) => {
    expect(parseCount(raw)).toEqual(ok(value))
  })

  it('colloquial shortened numerals mean the next place down (一千二 is 1200, 一万二 is 12000)', () => {
    expect(parseCount('一千二')).toEqual(ok(1200))
    expect(parseCount('一万二')).toEqual(ok(12000))
    expect(parseCount('一千零二')).toEqual(ok(1002))
  })

  it('thousands separators and spaces between digit groups are read as one number', () => {
    expect(parseCount('1,200')).toEqual(ok(1200))
    expect(parseCount('12,345,678')).toEqual(ok(12_345_678))
    expect(parseCount('1 200')).toEqual(ok(1200))
  })

  it('a misplaced separator is not a number', () => {
    expect(parseCount('1,2000')).toEqual(bad('not_number'))
  })

  it('1.2万人 is a count of 12000', () => {
    expect(parseCount('1.2万人')).toEqual(ok(12000))
    expect(parseCount('1.2万')).toEqual(ok(12000))
  })

  it('a decimal count is refused as not a whole number', () => {
    expect(parseCount('1.5')).toEqual(bad('not_integer'))
    expect(parseCount('2.5个')).toEqual(bad('not_integer'))
    expect(parseCount('1.23456万')).toEqual(bad('not_integer'))
  })

  it('12.0 is still twelve', () => {
    expect(parseCount('12.0')).toEqual(ok(12))
  })

  it.each(['无', '没有', '暂无', '零', '0', '0个', '零起'])('"%s" means none: 0', (raw) => {
    expect(parseCount(raw)).toEqual(ok(0))
  })

  it.each([
    ['共12起', 12],
    ['共计12起', 12],
    ['合计3家', 3],
    ['累计5人', 5],
    ['约12个', 12],
  ])('a leading 共/共计/合计/约 is dropped: %s → %i', (raw, value) => {
    expect(parseCount(raw)).toEqual(ok(value))
  })

  it.each([
    ['12个。', 12],
    ['3起；', 3],
    ['5人，', 5],
    ['5人,', 5],
  ])('the punctuation a line ends with is ignored: %s → %i', (raw, value) => {
    expect(parseCount(raw)).toEqual(ok(value))
  })

  it('a negative count is refused as negative', () => {
    expect(parseCount('-3')).toEqual(bad('negative'))
    expect(parseCount('-3个')).toEqual(bad('negative'))
  })

  it.each(['很多', '若干', '', '   ', '3-5', '3~5', 'abc', '1e3', 'Infinity'])(
    '"%s" is not a number',
    (raw) => {
      expect(parseCount(raw)).toEqual(bad('not_number'))
    },
  )

  it('a number too large to count exactly is not a number', () => {
    expect(parseCount('99999999999999999999')).toEqual(bad('not_number'))
  })
})

describe('amounts in 万元', () => {
  it.each([
    ['1.5万', 1.5],
    ['1.5万元', 1.5],
    ['15000元', 1.5],
    ['8.6', 8.6],
    ['十五万', 15],
    ['0', 0],
  ])('the spec examples: %s → %s万元', (raw, wan) => {
    expect(parseMoney(raw)).toEqual(ok(wan))
  })

  it('bare numbers below 1000 are 万元; from 1000 on 元 or 万元 is asked back', () => {
    expect(parseMoney('999')).toEqual(ok(999))
    expect(parseMoney('8.6')).toEqual(ok(8.6))
    for (const raw of ['1000', '8000', '9999', '10000', '86000', '1,500', '150,000'])
      expect(parseMoney(raw), raw).toEqual(bad('ambiguous'))
  })

  it('an explicit unit is never asked back', () => {
    expect(parseMoney('8000元')).toEqual(ok(0.8))
    expect(parseMoney('8000万元')).toEqual(ok(8000))
    expect(parseMoney('1,500元')).toEqual(ok(0.15))
    expect(parseMoney('150,000元')).toEqual(ok(15))
  })

  it.each([
    ['1.2亿', 12000],
    ['1.2亿元', 12000],
    ['5千元', 0.5],
    ['3千', 0.3],
    ['1.5w', 1.5],
    ['15000块', 1.5],
    ['￥15000', 1.5],
    ['¥1.5万', 1.5],
    ['人民币15000元', 1.5],
    ['1.5 万元', 1.5],
    ['0.5万', 0.5],
    ['十五万元', 15],
    ['一千五百元', 0.15],
  ])('other ways of writing an amount: %s → %s万元', (raw, wan) => {
    expect(parseMoney(raw)).toEqual(ok(wan))
  })

  it('一万五千元 is 1.5万元, not 一万五 thousand', () => {
    expect(parseMoney('一万五千元')).toEqual(ok(1.5))
  })

  it('an approximate amount (8万余元, 3千多元) is taken at its round figure', () => {
    expect(parseMoney('8万余元')).toEqual(ok(8))
    expect(parseMoney('3千多元')).toEqual(ok(0.3))
    expect(parseMoney('1.5万余')).toEqual(ok(1.5))
  })

  it('leading 共计/约 and trailing punctuation are ignored', () => {
    expect(parseMoney('共计1.5万元')).toEqual(ok(1.5))
    expect(parseMoney('约1.5万元')).toEqual(ok(1.5))
    expect(parseMoney('8.6万元。')).toEqual(ok(8.6))
    expect(parseMoney('8.6万元；')).toEqual(ok(8.6))
  })

  it.each(['无', '没有', '暂无', '零'])('"%s" is no money: 0', (raw) => {
    expect(parseMoney(raw)).toEqual(ok(0))
  })

  it('is rounded to one yuan (0.0001万元)', () => {
    expect(parseMoney('12.3456789')).toEqual(ok(12.3457))
    expect(parseMoney('1元')).toEqual(ok(0.0001))
    expect(parseMoney('0.00001')).toEqual(ok(0))
  })

  it('a negative amount is refused as negative', () => {
    expect(parseMoney('-1')).toEqual(bad('negative'))
    expect(parseMoney('-1.5万')).toEqual(bad('negative'))
  })

  it.each(['很多', 'abc', '万', '元', '', '一点五万'])('"%s" is not an amount', (raw) => {
    expect(parseMoney(raw)).toEqual(bad('not_number'))
  })
})

describe('Chinese numerals', () => {
  it.each([
    ['零', 0],
    ['十', 10],
    ['十二', 12],
    ['一十二', 12],
    ['二十', 20],
    ['一百', 100],
    ['一百零五', 105],
    ['二百五十', 250],
    ['一千零一', 1001],
    ['一千零二十', 1020],
    ['两千', 2000],
    ['两千三百', 2300],
    ['三万五千', 35000],
    ['十万', 100_000],
    ['一百万', 1_000_000],
    ['一万零五', 10005],
    ['一亿', 100_000_000],
    ['一亿二千万', 120_000_000],
  ])('%s is %i', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value)
  })

  it.each([
    ['二百五', 250],
    ['一千二', 1200],
    ['两万三', 23000],
    ['三万五', 35000],
    ['两千三', 2300],
  ])('a shortened numeral %s is %i', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value)
  })

  it('a run of digits reads digit by digit (一二〇 is 120)', () => {
    expect(parseChineseNumeral('一二〇')).toBe(120)
  })

  it.each(['', '万', '亿万', '十二个', '12', 'abc'])('"%s" is not a Chinese numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined()
  })
})

describe('formatting amounts for a reply', () => {
  it.each([
    [1.5, '1.5万元'],
    [0, '0万元'],
    [8.6, '8.6万元'],
    [129, '129万元'],
    [0.0001, '0.0001万元'],
    [12.34567, '12.3457万元'],
    [1 / 3, '0.3333万元'],
  ])('%s → %s', (wan, text) => {
    expect(formatMoney(wan)).toBe(text)
  })

  it('what is parsed reads back as the liaison meant it', () => {
    const parsed = parseMoney('15000元')
    expect(parsed.ok && formatMoney(parsed.value)).toBe('1.5万元')
  })
})
