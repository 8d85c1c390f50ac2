// The city's view over its counties (全市): city office staff ask in the city's own room (or
// privately) and get each county's figures, read from that county's own store. Two counties, each
// a real SQLite file with its roster, people and reports filed through its own pipeline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type County, city, county } from '../helpers/city.ts'
import type { CommandHarness } from '../helpers/commands.ts'
import { people } from '../helpers/people.ts'

const NOW = '2026-11-18T10:00:00+08:00'
const CITY_STAFF = { name: '张市', role: 'office' as const }

let anping: County
let raoyang: County
let c: CommandHarness
beforeEach(async () => {
  anping = await county({
    key: 'anping',
    name: '安平县反诈联席办',
    now: NOW,
    people: people('王芳', '马丽', '高峰', '李强'),
  })
  raoyang = await county({
    key: 'raoyang',
    name: '饶阳县反诈联席办',
    now: NOW,
    people: people('王芳', '高峰', '李强'),
  })
  c = await city({ now: NOW, people: [CITY_STAFF, { name: '市民小刘' }], counties: [anping, raoyang] })
})
afterEach(async () => {
  await c.close()
  await anping.harness.close()
  await raoyang.harness.close()
})

/** The one answer in the city's room. */
const answer = async (from: string, text: string) => {
  const said = await c.say(from, text)
  expect(said.map((s) => s.to)).toEqual(['room'])
  return said[0]?.text ?? ''
}

describe('进度 全市', () => {
  it("city staff see each county's reporting rate this month, ranked, with who is missing", async () => {
    await anping.harness.say('王芳', '#月报\n冻结涉案账户数：3\n清理空壳公司数：1')
    await anping.harness.say('马丽', '#月报\n关停涉诈号码数：5\n发现伪基站数：0')
    await anping.harness.say('高峰', '#月报\n立案数：3\n破案数：2\n抓获人数：2\n损失金额：12万')
    await raoyang.harness.say('高峰', '#月报\n立案数：1\n破案数：1\n抓获人数：1\n损失金额：2万')

    const text = await answer('张市', '进度 全市')
    const lines = text.split('\n')
    expect(lines[0]).toBe('📋 全市2026年11月月报报送情况（2个区县，按报送率排名）')
    expect(lines[1]).toMatch(/^1\. 安平县 3\/15（20%），未报12：县委政法委、县网信办/)
    expect(lines[2]).toMatch(/^2\. 饶阳县 1\/15（6\.7%），未报14：/)
    expect(lines[1]).not.toContain('人民银行、') // reported units are not listed as missing
    expect(await answer('张市', '全市进度')).toBe(text)
  })

  it("privately too; a county's own staff, and anyone else, are told it is the city office's", async () => {
    const [dm] = await c.dm('张市', '全市进度')
    expect(dm?.to).toBe('张市')
    expect(dm?.text).toContain('1. 安平县 0/15（0%），未报15')
    expect(await answer('市民小刘', '进度 全市')).toBe(
      '「进度 全市」查看的是各区县的情况，只有市联席办人员可以使用。',
    )
    const [county] = await anping.harness.say('李强', '进度 全市')
    expect(county?.text).toBe('「进度 全市」查看的是各区县的情况，只有市联席办人员可以使用。')
  })
})
