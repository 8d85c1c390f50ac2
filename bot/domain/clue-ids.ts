// Clue ids as people write them after 销号/转办/分派: XS-2026-0001, XS-0001, 0001 or 1 (this year's),
// several at once separated by 、，,;； or spaces. Pure: text in, canonical codes and the rest out.

const CODE = /XS-\d{4}-\d{4,}/gi
// One id at the start of the remaining text: the full code, XS-0001, or a bare number.
const LEADING_ID = /^(?:XS-(\d{4})-(\d{1,8})|XS-?(\d{1,8})|(\d{1,8}))(?=$|[\s、，,;；])/i
const SEPARATORS = /^[\s、，,;；]+/

function code(year: number, seq: string): string {
  return `XS-${year}-${String(Number(seq)).padStart(4, '0')}`
}

export interface ClueIds {
  /** Canonical codes, each once, in the order written. */
  codes: string[]
  /** What follows the ids (the result, the unit and reason …), trimmed. */
  rest: string
}

/** Reads the ids at the start of `text` (the command word already removed). */
export function readClueIds(text: string, year: number): ClueIds {
  const codes: string[] = []
  let rest = text.replace(SEPARATORS, '')
  for (;;) {
    const m = LEADING_ID.exec(rest)
    if (!m) break
    codes.push(m[1] ? code(Number(m[1]), m[2] as string) : code(year, (m[3] ?? m[4]) as string))
    rest = rest.slice(m[0].length).replace(SEPARATORS, '')
  }
  if (codes.length === 0) {
    // Ids written elsewhere in the text (销号 已关停 XS-2026-0001): full codes only.
    const found = text.match(CODE) ?? []
    for (const c of found) codes.push(c.toUpperCase())
    rest = text.replace(CODE, ' ').replace(/\s+/g, ' ').trim()
  }
  return { codes: [...new Set(codes)], rest: rest.trim() }
}

/** Full codes anywhere in a text (a quoted notice). */
export function codesInText(text: string): string[] {
  return [...new Set((text.match(CODE) ?? []).map((c) => c.toUpperCase()))]
}
