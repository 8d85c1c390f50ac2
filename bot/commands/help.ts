// 帮助 [月报|线索|督办|通报|权限]: every command the sender's role may use, one example each; or one
// area in detail. Every command in index.ts has its entry here (a test holds that).
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import { type Command, type CommandContext, reply, type SenderRole, startsWithWord } from './types.ts'

const WORDS = ['帮助', 'help', '菜单', '?', '使用说明', '指令', '怎么用']

export type HelpArea = 'report' | 'clues' | 'work' | 'bulletin' | 'city' | 'rights' | 'help'

export interface HelpEntry {
  /** The command's `name` in index.ts. */
  command: string
  /**
   * Keys of prompts/help-lines.txt, each with the roles it is shown to; `city`: only where the
   * office has counties under it (the city office's 全市 commands).
   */
  lines: { key: string; roles: readonly SenderRole[]; city?: true }[]
  area: HelpArea
}

const ANYONE: readonly SenderRole[] = ['office', 'liaison', 'member']
const STAFF: readonly SenderRole[] = ['office', 'liaison']
const OFFICE: readonly SenderRole[] = ['office']

export const HELP: readonly HelpEntry[] = [
  { command: '模板', area: 'report', lines: [{ key: 'template', roles: STAFF }] },
  {
    command: '月报',
    area: 'report',
    lines: [
      { key: 'report', roles: ['liaison'] },
      { key: 'report_office', roles: OFFICE },
      { key: 'correction', roles: STAFF },
    ],
  },
  {
    command: '月报填报',
    area: 'report',
    lines: [
      { key: 'report_guided', roles: ['liaison'] },
      { key: 'report_sheet', roles: ['liaison'] },
    ],
  },
  { command: '进度', area: 'report', lines: [{ key: 'progress', roles: ANYONE }] },
  { command: '阶段', area: 'report', lines: [{ key: 'phase', roles: ANYONE }] },
  { command: '线索', area: 'clues', lines: [{ key: 'clue_push', roles: OFFICE }] },
  {
    command: '线索文件',
    area: 'clues',
    lines: [
      { key: 'clue_file', roles: OFFICE },
      { key: 'city_clue_file', roles: OFFICE, city: true },
    ],
  },
  { command: '销号', area: 'clues', lines: [{ key: 'clue_close', roles: STAFF }] },
  { command: '转办', area: 'clues', lines: [{ key: 'clue_transfer', roles: STAFF }] },
  { command: '分派', area: 'clues', lines: [{ key: 'clue_assign', roles: OFFICE }] },
  { command: '待分派', area: 'clues', lines: [{ key: 'clue_pending', roles: OFFICE }] },
  { command: '我的线索', area: 'clues', lines: [{ key: 'my_clues', roles: STAFF }] },
  { command: '反馈', area: 'clues', lines: [{ key: 'clue_feedback', roles: OFFICE }] },
  { command: '督办', area: 'work', lines: [{ key: 'task_create', roles: OFFICE }] },
  { command: '完成', area: 'work', lines: [{ key: 'task_done', roles: STAFF }] },
  { command: '任务', area: 'work', lines: [{ key: 'task_list', roles: STAFF }] },
  { command: '延期', area: 'work', lines: [{ key: 'task_extend', roles: OFFICE }] },
  { command: '取消', area: 'work', lines: [{ key: 'task_cancel', roles: OFFICE }] },
  { command: '征集', area: 'work', lines: [{ key: 'collection_open', roles: OFFICE }] },
  {
    command: '报送',
    area: 'work',
    lines: [
      { key: 'collection_submit', roles: ['liaison'] },
      { key: 'collection_file', roles: ['liaison'] },
    ],
  },
  { command: '征集进度', area: 'work', lines: [{ key: 'collection_progress', roles: ANYONE }] },
  { command: '通报', area: 'bulletin', lines: [{ key: 'bulletin', roles: OFFICE }] },
  { command: '考核', area: 'bulletin', lines: [{ key: 'assessment', roles: OFFICE }] },
  { command: '发布通报', area: 'bulletin', lines: [{ key: 'bulletin_issue', roles: OFFICE }] },
  { command: '全市进度', area: 'city', lines: [{ key: 'city_progress', roles: OFFICE, city: true }] },
  { command: '全市线索', area: 'city', lines: [{ key: 'city_clues', roles: OFFICE, city: true }] },
  { command: '全市通报', area: 'city', lines: [{ key: 'city_bulletin', roles: OFFICE, city: true }] },
  { command: '绑定', area: 'rights', lines: [{ key: 'bind', roles: OFFICE }] },
  { command: '解绑', area: 'rights', lines: [{ key: 'unbind', roles: OFFICE }] },
  { command: '确认换号', area: 'rights', lines: [{ key: 'rebind', roles: OFFICE }] },
  { command: '帮助', area: 'help', lines: [{ key: 'help', roles: ANYONE }] },
]

const AREA_WORDS: Record<string, HelpArea> = {
  月报: 'report',
  报送: 'report',
  模板: 'report',
  进度: 'report',
  阶段: 'report',
  线索: 'clues',
  销号: 'clues',
  转办: 'clues',
  分派: 'clues',
  督办: 'work',
  任务: 'work',
  征集: 'work',
  通报: 'bulletin',
  考核: 'bulletin',
  全市: 'city',
  权限: 'rights',
  绑定: 'rights',
}

/** The help lines the role may use, optionally of one area; the 全市 ones only in a city. */
export function helpLines(role: SenderRole, area?: HelpArea, city = false): string[] {
  return HELP.filter((e) => area === undefined || e.area === area || e.area === 'help')
    .flatMap((e) => e.lines.filter((l) => l.roles.includes(role) && (city || !l.city)))
    .map((l) => `· ${messages.helpLine(l.key)}`)
}

function who(ctx: CommandContext): string {
  const { sender } = ctx
  if (sender.role === 'liaison' && sender.unit) return messages.helpWho('liaison', { unit: sender.unit.name })
  return messages.helpWho(sender.role === 'office' ? 'office' : 'member')
}

export const helpCommand: Command = {
  name: '帮助',
  matches: (text) => startsWithWord(text.toLowerCase(), WORDS) !== undefined,
  async run(ctx) {
    const arg = startsWithWord(ctx.text.toLowerCase(), WORDS) ?? ''
    const area = arg ? AREA_WORDS[arg] : undefined
    if (arg && !area) return [reply(ctx, messages.helpUnknownArea({ area: arg }))]
    const role = ctx.sender.role === 'liaison' && !ctx.sender.unit ? 'member' : ctx.sender.role
    const lines = helpLines(role, area, ctx.subOffices.length > 0).join('\n')
    const detail =
      area && area !== 'help'
        ? `\n${messages.helpArea(area, {
            deadline: ctx.roster.schedule.deadline_day,
            year: toLocal(ctx.now).year,
          })}`
        : ''
    return [reply(ctx, messages.help({ who: who(ctx), lines }) + detail)]
  },
}
