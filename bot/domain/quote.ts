// A WeChat quoted reply as its text arrives: 「名字：被引用的话」, a dashed line, then the reply.
// Pure: normalized text in (NFKC has made the colon plain).

const QUOTED = /^「([^:\n」]{1,40}):([\s\S]*?)」\s*\n\s*(?:-\s*){3,}\n?([\s\S]*)$/

export interface QuotedReply {
  /** Who was quoted (their display name). */
  author: string
  quoted: string
  reply: string
}

export function readQuotedReply(text: string): QuotedReply | undefined {
  const m = QUOTED.exec(text)
  if (!m) return undefined
  return { author: (m[1] as string).trim(), quoted: (m[2] as string).trim(), reply: (m[3] as string).trim() }
}
