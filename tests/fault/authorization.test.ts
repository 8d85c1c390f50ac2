// The authorization matrix: every chat command × every role → allowed or refused, as PRODUCT.md
// says (office: everything; a liaison: its own unit's reports and clues; anyone else: help and
// public progress only).
import { describe, expect, it } from 'vitest'
import { commandHarness } from '../helpers/commands.ts'
import { people } from '../helpers/people.ts'
import { simulate } from '../helpers/simulate.ts'

type Role = 'office' | 'liaison' | 'other-liaison' | 'member'
const ACTOR: Record<Role, string> = {
  office: '李强',
  liaison: '马丽',
  'other-liaison': '王芳',
  member: '赵六',
}
const PEOPLE = people('马丽', '王芳', '李强', '赵六', '钱七')

interface Case {
  command: string
  text: string
  allowed: Role[]
  /** How an allowed answer starts (or contains). */
  ok: RegExp
}

const CASES: Case[] = [
  {
    command: '月报（移动）',
    text: '#月报 中国移动\n关停涉诈号码数：1\n发现伪基站数：0',
    allowed: ['office', 'liaison'],
    ok: /已收到中国移动/,
  },
  {
    command: '模板',
    text: '模板 中国移动',
    allowed: ['office', 'liaison', 'other-liaison', 'member'],
    ok: /中国移动月报模板/,
  },
  {
    command: '进度',
    text: '进度',
    allowed: ['office', 'liaison', 'other-liaison', 'member'],
    ok: /月报报送情况/,
  },
  {
    command: '帮助',
    text: '帮助',
    allowed: ['office', 'liaison', 'other-liaison', 'member'],
    ok: /可用指令/,
  },
  { command: '绑定', text: '绑定 @钱七 县法院', allowed: ['office'], ok: /已将钱七设为县法院联络员/ },
  { command: '解绑', text: '解绑 @马丽', allowed: ['office'], ok: /已取消马丽/ },
  { command: '线索', text: '线索\n13912345679', allowed: ['office'], ok: /已登记线索 1 条/ },
  {
    command: '销号',
    text: '销号 XS-2026-0001 已关停',
    allowed: ['office', 'liaison'],
    ok: /已销号 XS-2026-0001/,
  },
  {
    command: '转办',
    text: '转办 XS-2026-0001 中国联通 携号转网',
    allowed: ['office', 'liaison'],
    ok: /已由中国移动转办至中国联通/,
  },
  {
    command: '分派',
    text: '分派 XS-2026-0001 中国联通',
    allowed: ['office'],
    ok: /已将 XS-2026-0001 分派至中国联通/,
  },
  {
    command: '我的线索',
    text: '我的线索',
    allowed: ['office', 'liaison', 'other-liaison'],
    ok: /在办线索|已私信/,
  },
  { command: '通报', text: '通报 2026-11', allowed: ['office'], ok: /工作通报/ },
]

const ROLES: Role[] = ['office', 'liaison', 'other-liaison', 'member']

describe('authorization matrix', () => {
  for (const c of CASES) {
    it(`${c.command}: allowed for ${c.allowed.join(', ')}; refused for the rest`, async () => {
      for (const role of ROLES) {
        const actor = ACTOR[role]
        const r = await simulate({
          start: '2026-11-18T09:00:00+08:00',
          people: PEOPLE,
          steps: [
            // every run starts with one open mobile clue, XS-2026-0001
            { at: '2026-11-18T10:00:00+08:00', from: '李强', say: '线索\n13912345678' },
            { at: '2026-11-18T11:00:00+08:00', from: actor, say: c.text },
          ],
        })
        // the answer: what the bot said at that minute, less notices addressed to other people
        const answers = r.messages.filter(
          (m) =>
            m.at === '2026-11-18T11:00:00+08:00' && (m.mentions.length === 0 || m.mentions.includes(actor)),
        )
        const text = answers.map((m) => m.text).join('\n')
        const allowed = c.allowed.includes(role)
        expect(c.ok.test(text), `${c.command} by ${role}: ${text}`).toBe(allowed)
        if (!allowed) expect(text, `${c.command} by ${role} got no answer`).not.toBe('')
      }
    })
  }
})

// The newer commands, on the fast harness (the real pipeline on a real SQLite file): each role
// that may not use a command is answered with a refusal and nothing is written.
type FastRole = Role | 'stranger'
const FAST_ACTOR: Record<FastRole, string> = { ...ACTOR, stranger: '路人甲' }
const FAST_ROLES: FastRole[] = ['office', 'liaison', 'other-liaison', 'member', 'stranger']

interface FastCase {
  command: string
  text: string
  allowed: FastRole[]
  ok: RegExp
}

const FAST_CASES: FastCase[] = [
  { command: '发布通报', text: '发布通报 2026-11', allowed: ['office'], ok: /工作通报（第1版）/ },
  { command: '考核', text: '考核 2026', allowed: ['office'], ok: /年度考核排名/ },
  {
    command: '督办',
    text: '督办 中国移动 排查伪基站 12月10日前',
    allowed: ['office'],
    ok: /已立督办 RW-2026-002：排查伪基站/,
  },
  {
    command: '征集',
    text: '征集 防范宣传材料 12月10日前 全体',
    allowed: ['office'],
    ok: /征集「防范宣传材料」：请各成员单位/,
  },
  { command: '反馈', text: '反馈', allowed: ['office'], ok: /还没有导入过线索文件/ },
  { command: '待分派', text: '待分派', allowed: ['office'], ok: /没有待分派的线索|条待分派|待分派线索/ },
  {
    command: '延期',
    text: '延期 RW-2026-001 12月20日',
    allowed: ['office'],
    ok: /完成时限由12月10日（周四）延至12月20日/,
  },
  {
    command: '取消',
    text: '取消 RW-2026-001 已并入专项行动',
    allowed: ['office'],
    ok: /RW-2026-001（对辖区物联网卡开展专项排查）已由李强取消/,
  },
  { command: '确认换号', text: '确认换号 王芳', allowed: ['office'], ok: /王芳的权限转到新的微信联系人/ },
  {
    command: '完成',
    text: '完成 RW-2026-001 已排查1200张',
    allowed: ['office', 'liaison'],
    ok: /中国移动已完成督办 RW-2026-001/,
  },
]

describe('authorization matrix, newer commands (fast: pipeline and SQLite, no wire)', () => {
  for (const c of FAST_CASES) {
    it(`${c.command}: allowed for ${c.allowed.join(', ')}; refused for the rest, nothing written`, async () => {
      for (const role of FAST_ROLES) {
        const t = await commandHarness({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
        try {
          // Every run starts with one open mobile clue, one task for 中国移动 (RW-2026-001), and a
          // new WeChat id under 王芳's name waiting for 确认换号.
          await t.say('李强', '线索\n13912345678')
          await t.say('李强', '督办 中国移动 对辖区物联网卡开展专项排查 12月10日前')
          await t.say({ name: '王芳', id: 'wangfang-new-id' }, '进度')
          const before = await t.records()
          const said = await t.say(FAST_ACTOR[role], c.text)
          const text = said
            .filter((s) => s.to === 'room')
            .map((s) => s.text)
            .join('\n')
          const allowed = c.allowed.includes(role)
          expect(c.ok.test(text), `${c.command} by ${role}: ${text}`).toBe(allowed)
          if (!allowed) {
            expect(text, `${c.command} by ${role} got no answer`).not.toBe('')
            expect(await t.records(), `${c.command} by ${role} wrote something`).toEqual(before)
          }
        } finally {
          await t.close()
        }
      }
    })
  }
})
