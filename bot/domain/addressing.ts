// Whether a message is for the bot, and the command text without what people wrap a command in:
// the mention of the bot (in the mention list, or `@反诈助手` in the text with a space, U+2005 or
// nothing after it), and on a one-line message leading/trailing punctuation and polite filler.
// A quoted reply is read as its reply; quoting the bot addresses it.
// Pure: normalized text in (NFKC has made U+2005 and ＠ plain), command text out.

import { readQuotedReply } from './quote.ts'

export interface Contact {
  id: string
  name: string
}

export interface Addressing {
  /** The text the commands see. */
  text: string
  /** The bot was @-mentioned (list or text), or its message quoted. */
  mentioned: boolean
  /** The bot's own message this one quotes (a reply to a clue notice). */
  quoted?: string
}

// Filler is stripped only on a one-line message: a report's last line is a value, kept as written.
const LEADING =
  /^(?:[\s,.!?~、，。！？；;：:～…]|请问|请|麻烦|帮我|帮忙|查看|查询|查一下|看一下|一下|看看|您好|你好)+/u
const TRAILING = /(?:[\s,.!?~、，。！？；;～…]|一下|谢谢|多谢|吧|呢|啊|哈)+$/u

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function readAddressing(
  text: string,
  o: { self?: Contact; mentions: readonly Contact[] },
): Addressing {
  const names = new Set<string>()
  if (o.self?.name) names.add(o.self.name)
  const listed = o.self !== undefined && o.mentions.some((m) => m.id === o.self?.id)
  if (listed) for (const m of o.mentions) if (m.id === o.self?.id && m.name) names.add(m.name)
  const quote = readQuotedReply(text)
  let out = quote ? quote.reply : text
  const quoted = quote && names.has(quote.author) ? quote.quoted : undefined
  let mentioned = listed || quoted !== undefined
  for (const name of names) {
    const pattern = new RegExp(`@${escapeRegExp(name)}[ \\t]*`, 'g')
    const stripped = out.replace(pattern, ' ')
    if (stripped !== out) mentioned = true
    out = stripped
  }
  out = out.replace(/^[ \t]+|[ \t]+$/gm, '').trim()
  if (!out.includes('\n')) out = out.replace(LEADING, '').replace(TRAILING, '') || out
  return quoted === undefined ? { text: out, mentioned } : { text: out, mentioned, quoted }
}
