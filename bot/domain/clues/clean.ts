// A clue line cleaned up before it is read: normalized, list markers, trailing punctuation and
// quotes taken off; and the digits of a number-shaped text. Pure.
import { normalizeText } from '../text.ts'

const TRAILING = /[\s。，,.;；:：!！?？、…~～·]+$/
const WRAPPERS: [string, string][] = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
  ['《', '》'],
  ['【', '】'],
  ['[', ']'],
  ['<', '>'],
]

export function cleanUp(raw: string): string {
  // Circled list numbers first: NFKC would turn ① into a digit glued to the value.
  let text = normalizeText(raw.replace(/^\s*[①-⑳]/, ''))
    .replace(/\s+/g, ' ')
    .trim()
  // list markers: "1、", "2)", "(3)", "4. ", "- ", "• "
  text = text.replace(/^(?:\(?[1-9]\d?[、)]|[1-9]\d?\.(?=\s|[^\d\sA-Za-z])|[-*•·]\s)\s*/, '')
  for (let changed = true; changed; ) {
    changed = false
    const before = text
    text = text.replace(TRAILING, '').replace(/^[\s,，、:：]+/, '')
    for (const [open, close] of WRAPPERS) {
      if (text.length >= 2 && text.startsWith(open) && text.endsWith(close)) text = text.slice(1, -1).trim()
    }
    changed = text !== before
  }
  return text
}

const DASHES = /[-‐‑‒–—―−]/g
const NUMBER_SHAPE = /^\+?[\d\s()\-‐‑‒–—―−]*\d[\d\s()\-‐‑‒–—―−]*[Xx]?$/

/** The digits of a number-shaped text (spaces, dashes and brackets dropped), or undefined. */
export function numberText(text: string): { digits: string; plus: boolean } | undefined {
  if (!NUMBER_SHAPE.test(text)) return undefined
  const compact = text.replace(/[\s()]/g, '').replace(DASHES, '')
  return { digits: compact.replace(/^\+/, '').toUpperCase(), plus: compact.startsWith('+') }
}
