// Message wording lives in the .txt files beside this one, editable without touching code.
// Each message has a typed function here; {{name}} placeholders are filled from its arguments.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const cache = new Map<string, string>()

function template(name: string): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = readFileSync(join(import.meta.dirname, `${name}.txt`), 'utf8').replace(/\n+$/, '')
    cache.set(name, text)
  }
  return text
}

/** A template split at its placeholders once: literal, name, literal, name, …, literal. */
const pieces = new Map<string, string[]>()

/**
 * Fills {{placeholders}}; a placeholder without a value is a programming error. `text` is a
 * template's (a bounded set: each is split once and kept).
 */
export function fill(text: string, vars: Record<string, string | number>): string {
  let parts = pieces.get(text)
  if (parts === undefined) {
    parts = text.split(/\{\{(\w+)\}\}/)
    pieces.set(text, parts)
  }
  let out = parts[0] as string
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string
    const value = vars[key]
    if (value === undefined) throw new Error(`prompt placeholder {{${key}}} has no value`)
    out += String(value) + parts[i + 1]
  }
  return out
}

export function render(name: string, vars: Record<string, string | number> = {}): string {
  return fill(template(name), vars)
}

/** A "key = text" table file (comments with #), such as report-problems.txt. */
export function phrase(name: string, key: string, vars: Record<string, string | number>): string {
  const text = entry(name, key)
  if (text === undefined) throw new Error(`prompt ${name} has no entry ${key}`)
  return fill(text, vars)
}

/** A table entry that reads `\n` as a line break and `\t` as a tab (the command line's help and output). */
export function phraseText(name: string, key: string, vars: Record<string, string | number>): string {
  const text = entry(name, key)
  if (text === undefined) throw new Error(`prompt ${name} has no entry ${key}`)
  return fill(text.replaceAll('\\n', '\n').replaceAll('\\t', '\t'), vars)
}

/** The table's text for the key, or `fallback` when it has none. */
export const phraseOr = (name: string, key: string, fallback: string): string => entry(name, key) ?? fallback

const tables = new Map<string, Map<string, string>>()

/** One line of a keyed file: `key = text` (a key of letters, digits, `_`, `-` and `.`). */
export const KEYED_LINE = /^\s*([\w.-]+)\s*= ?(.*)$/

// Parsed once per file: a table is read on every call (a cell of a workbook, a line of `cli status`).
function entry(name: string, key: string): string | undefined {
  let table = tables.get(name)
  if (table === undefined) {
    table = new Map()
    for (const line of template(name).split('\n')) {
      const m = KEYED_LINE.exec(line)
      if (m && !table.has(m[1] as string)) table.set(m[1] as string, m[2] as string)
    }
    tables.set(name, table)
  }
  return table.get(key)
}
