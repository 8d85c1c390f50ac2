// Text normalization for what people really type: full-width forms, odd spaces, invisible marks.

// Zero-width and bidirectional control characters (the Arabic letter mark and soft hyphen too):
// invisible, and never part of a value.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g
// Other control characters except tab and newline.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g

/** Printable ASCII: already what normalizeText makes of it (most of a clue file's lines). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** NFKC (full-width digits, letters, colons and spaces become half-width), invisibles removed. */
export function normalizeText(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text
  return text
    .replace(/\r\n?/g, '\n')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(/[\u00A0\u3000]/g, ' ')
}

/** Whether normalizeText leaves this UTF-16 unit, alone, as it is: tab, newline, printable ASCII, a CJK ideograph. */
function unchanged(c: number): boolean {
  return c === 9 || c === 10 || (c >= 0x20 && c <= 0x7e) || (c >= 0x4e00 && c <= 0x9fff)
}

// A piece: a character with its combining marks (\r\n is one); and a combining mark.
const PIECE = /\r\n|[\s\S]\p{M}*/uy
const MARK = /\p{M}/uy

/** Whether raw[i] is a combining mark (it belongs to the piece before it). */
function markAt(raw: string, i: number): boolean {
  if (i >= raw.length || unchanged(raw.charCodeAt(i))) return false
  MARK.lastIndex = i
  return MARK.test(raw)
}

/**
 * Normalizes piece by piece (a character with its combining marks), keeping where each piece came
 * from: `at[i]` is the offset in `raw` of normalized character i (`at[text.length]` is raw's end).
 * Runs of characters normalization leaves alone (most of what people type) are copied as they are.
 */
function normalizeMapped(raw: string): { text: string; at: number[] } {
  let text = ''
  const at: number[] = []
  let i = 0
  while (i < raw.length) {
    const run = i
    while (i < raw.length && unchanged(raw.charCodeAt(i)) && !markAt(raw, i + 1)) at.push(i++)
    text += raw.slice(run, i)
    if (i === raw.length) break
    PIECE.lastIndex = i
    const m = (PIECE.exec(raw) as RegExpExecArray)[0]
    const piece = m === '\r\n' ? '\n' : normalizeText(m)
    for (let k = 0; k < piece.length; k++) at.push(i)
    text += piece
    i += m.length
  }
  at.push(raw.length)
  return { text, at }
}

/**
 * What the person wrote for a value read from normalizeText(raw): free text (a remark, a result, a
 * text field) is stored as written, full-width commas and all; only what is parsed is normalized.
 * Line by line, the last place the line occurs; a line not found stays as it is.
 */
export function asWritten(raw: string, value: string): string {
  return writtenIn(raw)(value)
}

/** asWritten for many values of one message (the message is mapped once). */
export function writtenIn(raw: string): (value: string) => string {
  let mapped: ReturnType<typeof normalizeMapped> | undefined
  return (value) => {
    mapped ??= normalizeMapped(raw)
    const { text, at } = mapped
    return value
      .split('\n')
      .map((line) => {
        const i = line === '' ? -1 : text.lastIndexOf(line)
        return i < 0 ? line : raw.slice(at[i], at[i + line.length])
      })
      .join('\n')
  }
}

/** Lines with surrounding spaces trimmed and blank lines dropped. */
export function contentLines(text: string): string[] {
  return normalizeText(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
}

/** Shortens a value for quoting it back in a reply. */
export function quote(text: string, max = 20): string {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text
}
