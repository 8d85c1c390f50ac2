// Report messages as liaisons really write them (headings, prose, mixed, mentions, with and
// without markers), and messages that must not be taken as reports. Each row: who sends it, what
// they type, and what is read: the values, the problems named, or "not a report".
import { describe, expect, it } from 'vitest'
import { loadRoster } from '../../bot/config.ts'
import { readAddressing } from '../../bot/domain/addressing.ts'
import { parseReport, type ReportValues } from '../../bot/domain/report-parser.ts'
import { normalizeText } from '../../bot/domain/text.ts'

const { units } = loadRoster('prisma/roster.yaml')
const now = new Date('2026-11-20T10:00:00+08:00')
const self = { id: 'bot', name: '反诈助手' }

type Expect = ReportValues | { problems: string[] } | { named: string } | 'not a report'

function read(unitKey: string | null, text: string) {
  const command = readAddressing(normalizeText(text), { self, mentions: [] }).text
  const senderUnit = unitKey ? units.find((u) => u.key === unitKey) : undefined
  return parseReport(command, { units, now, senderUnit })
}

const VARIANTS: [string | null, string, Expect][] = [
  // Markers and headings in any order
  ['pboc', '#月报\n冻结涉案账户数：12\n清理空壳公司数：3', { 冻结涉案账户数: 12, 清理空壳公司数: 3 }],
  [
    'pboc',
    '@反诈助手 #月报\n冻结涉案账户数：12\n清理空壳公司数：3',
    { 冻结涉案账户数: 12, 清理空壳公司数: 3 },
  ],
  [
    'pboc',
    '@反诈助手\u2005#月报\n冻结账户数：12个\n空壳公司数：3家',
    { 冻结涉案账户数: 12, 清理空壳公司数: 3 },
  ],
  [
    'cmcc',
    '中国移动11月月报\n关停涉诈号码数：120\n发现伪基站数：2',
    { 关停涉诈号码数: 120, 发现伪基站数: 2 },
  ],
  [
    'cmcc',
    '【月报】中国移动 11月\n关停涉诈号码数：120\n发现伪基站数：2',
    { 关停涉诈号码数: 120, 发现伪基站数: 2 },
  ],
  ['cmcc', '移动公司11月份月报\n关停号码：120\n伪基站数：2', { 关停涉诈号码数: 120, 发现伪基站数: 2 }],
  [
    'cmcc',
    '11月中国移动月报：\n关停涉诈号码数：120\n发现伪基站数：2',
    { 关停涉诈号码数: 120, 发现伪基站数: 2 },
  ],
  [
    'pboc',
    '人民银行2026年11月工作完成情况：\n冻结涉案账户数：15\n清理空壳公司数：3',
    { 冻结涉案账户数: 15, 清理空壳公司数: 3 },
  ],
  ['pboc', '人行11月工作情况\n冻结涉案账户15个，清理空壳公司3家', { 冻结涉案账户数: 15, 清理空壳公司数: 3 }],
  ['pboc', '本月月报\n冻结涉案账户数：12\n清理空壳公司数：3', { 冻结涉案账户数: 12, 清理空壳公司数: 3 }],
  [
    'pboc',
    '人民银行报送11月工作\n冻结涉案账户数：12\n清理空壳公司数：3',
    { 冻结涉案账户数: 12, 清理空壳公司数: 3 },
  ],
  [
    'pboc',
    '【月报】\n1、冻结涉案账户数：12个；\n2、清理空壳公司数：3家。',
    { 冻结涉案账户数: 12, 清理空壳公司数: 3 },
  ],
  ['pboc', '#月报 人民银行\n冻结涉案账户数 12\n清理空壳公司数 3', { 冻结涉案账户数: 12, 清理空壳公司数: 3 }],
  ['pboc', '＃月报\n冻结涉案账户数：１２\n清理空壳公司数：三', { 冻结涉案账户数: 12, 清理空壳公司数: 3 }],
  // Prose
  ['kjj', '【月报】本月开展宣传活动6次，覆盖师生家长2400人。', { 宣传活动次数: 6, 覆盖师生家长人数: 2400 }],
  ['kjj', '#月报\n开展宣传活动六次，覆盖师生家长两千四百人', { 宣传活动次数: 6, 覆盖师生家长人数: 2400 }],
  ['pboc', '#月报\n冻结涉案账户15个，清理空壳公司3家', { 冻结涉案账户数: 15, 清理空壳公司数: 3 }],
  [
    'pboc',
    '#月报\n本月共冻结涉案账户15个，清理空壳公司3家，清退违规POS机2台',
    { 冻结涉案账户数: 15, 清理空壳公司数: 3, 清退违规POS机数: 2 },
  ],
  ['jcy', '#月报\n起诉案件2件，起诉5人', { 起诉案件数: 2, 起诉人数: 5 }],
  ['czj', '#月报\n保障资金1.5万元', { 保障资金: 1.5 }],
  ['czj', '#月报\n本月投入保障资金15000元，财务人员宣传120人次', { 保障资金: 1.5, 财务人员宣传人次: 120 }],
  [
    'gaj',
    '#月报\n立案2起，破案1起，抓获犯罪嫌疑人3人，群众损失金额8.6万元',
    { 立案数: 2, 破案数: 1, 抓获犯罪嫌疑人数: 3, 群众损失金额: 8.6 },
  ],
  [
    'gaj',
    '【月报】县公安局11月\n立案数为2起；破案数达1起；抓获3人；损失金额共计15000元',
    { 立案数: 2, 破案数: 1, 抓获犯罪嫌疑人数: 3, 群众损失金额: 1.5 },
  ],
  ['fy', '#月报\n审结电诈案件4件', { 审结电诈案件数: 4 }],
  [
    'wxb',
    '#月报\n监测预警涉诈网站APP数：30\n拦截封堵数：12\n关停涉诈群组5个',
    { 监测预警涉诈网站APP数: 30, 拦截封堵数: 12, 关停涉诈群组数: 5 },
  ],
  ['crj', '#月报\n出国人员宣传人次：300人次', { 出国人员宣传人次: 300 }],
  ['zfw', '#月报\n督导检查次数：4次', { 督导检查次数: 4 }],
  ['xcb', '#月报\n刊播宣传稿件节目12篇', { 刊播宣传稿件节目数: 12 }],
  // Mixed: label lines, prose and free text
  [
    'pboc',
    '#月报\n冻结涉案账户数：15\n清理空壳公司3家\n其他工作：走访商户，发放传单',
    { 冻结涉案账户数: 15, 清理空壳公司数: 3, 其他工作: '走访商户,发放传单' },
  ],
  [
    'pboc',
    '#月报\n冻结涉案账户15个，清理空壳公司3家\n存在问题：人手不足\n请查收',
    { 冻结涉案账户数: 15, 清理空壳公司数: 3, 存在问题: '人手不足\n请查收' },
  ],
  ['pboc', '#月报\n冻结涉案账户15个，清理空壳公司3家\n请查收', { 冻结涉案账户数: 15, 清理空壳公司数: 3 }],
  ['pboc', '#月报\n冻结涉案账户数：应为16个\n清理空壳公司数：3', { 冻结涉案账户数: 16, 清理空壳公司数: 3 }],
  // No marker: a liaison's two or more figures are a report
  ['jcy', '检察院本月起诉案件2件，起诉5人，请查收', { 起诉案件数: 2, 起诉人数: 5 }],
  ['pboc', '冻结涉案账户15个，清理空壳公司3家', { 冻结涉案账户数: 15, 清理空壳公司数: 3 }],
  ['pboc', '@反诈助手 冻结涉案账户15个，清理空壳公司3家。', { 冻结涉案账户数: 15, 清理空壳公司数: 3 }],
  ['pboc', '冻结涉案账户数：12\n清理空壳公司数：3', { 冻结涉案账户数: 12, 清理空壳公司数: 3 }],
  [
    'pboc',
    '各位领导好，现将人民银行11月工作报送如下：\n1、冻结涉案账户15个；\n2、清理空壳公司3家。\n请查收',
    { 冻结涉案账户数: 15, 清理空壳公司数: 3 },
  ],
  [
    'gaj',
    '公安局11月：立案2起，破案1起，抓获3人，群众损失15000元',
    { 立案数: 2, 破案数: 1, 抓获犯罪嫌疑人数: 3, 群众损失金额: 1.5 },
  ],
  ['kjj', '本月开展宣传活动6次，覆盖师生家长2400人', { 宣传活动次数: 6, 覆盖师生家长人数: 2400 }],
  ['cmcc', '本月关停涉诈号码120个，发现伪基站2个', { 关停涉诈号码数: 120, 发现伪基站数: 2 }],
  ['czj', '本月投入保障资金1.5万元，财务人员宣传120人次', { 保障资金: 1.5, 财务人员宣传人次: 120 }],
  // Corrections
  ['pboc', '更正：冻结涉案账户数应为16个', { 冻结涉案账户数: 16 }],
  ['pboc', '更正 冻结涉案账户数：16', { 冻结涉案账户数: 16 }],
  ['pboc', '#更正\n清理空壳公司数：4', { 清理空壳公司数: 4 }],
  ['pboc', '【更正】冻结涉案账户16个', { 冻结涉案账户数: 16 }],
  // Money: explicit units accepted, a bare large amount asked back
  ['czj', '#月报\n保障资金：8000', { problems: ['ambiguous'] }],
  ['czj', '#月报\n保障资金：8000元', { 保障资金: 0.8 }],
  ['czj', '#月报\n保障资金：8000万元', { 保障资金: 8000 }],
  ['czj', '#月报\n保障资金：8.5', { 保障资金: 8.5 }],
  ['czj', '#月报\n保障资金（元）：8000', { 保障资金: 0.8 }],
  ['gaj', '#月报\n立案2起，破案1起，抓获3人，损失金额20000', { problems: ['ambiguous'] }],
  // Half-understood: named without a number, unknown lines, another unit
  ['pboc', '#月报\n冻结涉案账户若干\n清理空壳公司3家', { problems: ['no_number'] }],
  ['pboc', '#月报\n冻结涉案账户数：很多\n清理空壳公司数：3', { problems: ['not_number'] }],
  ['pboc', '#月报\n冻结涉案账户数：12\n今天天气不错', { problems: ['stray_line', 'missing'] }],
  ['cmcc', '中国联通11月月报\n关停涉诈号码数：120\n发现伪基站数：2', { named: '中国联通' }],
  [
    'pboc',
    '#月报 人民银行 2026年12月\n冻结涉案账户数：1\n清理空壳公司数：1',
    { problems: ['period_future'] },
  ],
  // Not reports
  ['pboc', '今天下午开会，三点', 'not a report'],
  ['pboc', '冻结涉案账户15个，清理空壳公司3家，这样填对吗？', 'not a report'],
  ['pboc', '请问冻结涉案账户12个要不要写清退POS机2台', 'not a report'],
  ['pboc', '月报什么时候交？', 'not a report'],
  ['pboc', '大家记得交月报', 'not a report'],
  ['pboc', '月报已经交了\n请查收', 'not a report'],
  ['pboc', '本月月报\n大家抓紧', 'not a report'],
  ['pboc', '报送情况', 'not a report'],
  ['pboc', '人民银行月报', 'not a report'],
  ['pboc', '冻结涉案账户15个', 'not a report'],
  ['pboc', '收到，谢谢', 'not a report'],
  ['pboc', '3点开会，地点302会议室', 'not a report'],
  ['pboc', '销号 0001 已关停', 'not a report'],
  ['pboc', '转办 XS-2026-0001 中国联通 携号转网', 'not a report'],
  ['pboc', '月报模板', 'not a report'],
  [null, '冻结涉案账户15个，清理空壳公司3家', 'not a report'],
  ['cmcc', '冻结涉案账户15个，清理空壳公司3家', 'not a report'],
]

describe('report variants as people write them', () => {
  it('there are at least 60 of them', () => expect(VARIANTS.length).toBeGreaterThanOrEqual(60))

  it.each(VARIANTS)('%s: %j', (unitKey, text, expected) => {
    const parsed = read(unitKey, text)
    if (expected === 'not a report') {
      expect(parsed).toBeUndefined()
      return
    }
    expect(parsed, 'read as a report').toBeDefined()
    if (!parsed) return
    if ('problems' in expected && Array.isArray(expected.problems)) {
      expect(parsed.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(expected.problems))
      expect(parsed.problems.length).toBeGreaterThan(0)
    } else if ('named' in expected) {
      expect(parsed.namedUnit?.name).toBe(expected.named)
    } else {
      expect(parsed.problems.filter((p) => p.kind !== 'missing')).toEqual([])
      expect(parsed.values).toEqual(expected)
    }
  })
})
