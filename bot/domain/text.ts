// Text normalization for what people really type: full-width forms, odd spaces, invisible marks.

// Zero-width and bidirectional control characters (the Arabic letter mark and soft hyphen too):
// invisible, and never part of a value.
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g
// Other control characters except tab and newline.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g

/** NFKC (full-width digits, letters, colons and spaces become half-width), invisibles removed. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(/[\u00A0\u3000]/g, ' ')
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
