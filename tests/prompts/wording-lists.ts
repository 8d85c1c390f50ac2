// What may be written in Chinese in bot/ and jobs/ outside prompts/ (read by wording-in-code.test.ts
// and recount.ts). Wording the bot says is never here: prompts/README.md, "The rule".

/** Words the bot recognises in what people write: data for a parser, kept beside it. */
export const PARSER_VOCABULARY = [
  'bot/domain/report-parser.ts', // field markers, measures, courtesy lines
  'bot/domain/numbers.ts', // Chinese numerals and units
  'bot/domain/prose.ts', // figures in sentences
  'bot/domain/addressing.ts', // polite words around a command
  'bot/domain/quote.ts', // how WeChat quotes a message
  'bot/domain/clue-ids.ts', // id separators
  'bot/domain/period.ts', // 十一月
  'bot/domain/report-sheet.ts', // value-column headers
  'bot/domain/report-dialogue.ts', // 跳过 / 上一项 / 取消 / 确认
  'bot/domain/roster.ts', // unit-name suffixes people leave out
  'bot/domain/clues/labels.ts', // labels people put before a clue value (手机号：, QQ群)
]

/**
 * Names matched against data, in files that otherwise say nothing in Chinese: exactly these literals,
 * and why each is a name the bot (or another program) looks for rather than wording it says.
 */
export const RECOGNISED_IN_CODE: Record<string, { words: readonly string[]; why: string }> = {
  'bot/config.ts': {
    words: ['县反诈联席会联络员群'],
    why: 'ROOM_TOPIC’s default: the topic of the WeChat group the bot looks for',
  },
  'bot/domain/clues/phones.ts': {
    words: ['中国移动', '中国联通', '中国电信', '中国广电'],
    why: 'the carriers, found among the roster’s unit names and aliases (routing.ts)',
  },
  'bot/domain/clues/classify.ts': {
    words: ['支付宝', '微信支付', '财付通', 'QQ群', '微信群', '群', 'qq群'],
    why: 'payment providers and group types found in a clue line; they begin its canonical value (微信群 财富交流3群), compared for duplicates',
  },
  'bot/domain/clues/network.ts': {
    words: ['kim fit best pub run cn 中国 中國 公司 网络 网址 在线 商城 信息 集团 我爱你 xin'],
    why: 'top-level domains a host may end in',
  },
  'bot/services/official-docx.ts': {
    words: ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', '宋体'],
    why: 'font names GB/T 9704 asks for, which Word looks up on the office’s computer; never shown as text',
  },
}

/** The literals of a file that are wording: those not in its parser vocabulary or recognised names. */
export function wordingOnly<T extends { text: string }>(path: string, literals: T[]): T[] {
  if (PARSER_VOCABULARY.includes(path)) return []
  const recognised = RECOGNISED_IN_CODE[path]?.words
  return recognised ? literals.filter((l) => !recognised.includes(l.text)) : literals
}
