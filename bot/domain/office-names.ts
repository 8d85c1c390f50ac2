// Which office a roster names, and how a person names an office at the head of a private message
// (「安平 进度」) when they are bound in several: pure, for the router and the message's handling.
import type { OfficeRef } from './office.ts'
import type { Roster } from './roster-types.ts'

/** The key of the office a roster without `office.key` is: today's one county. */
export const COUNTY_KEY = 'county'

export function officeOf(roster: Roster): OfficeRef {
  const { key, name, parent } = roster.office
  return { key: key ?? COUNTY_KEY, name, ...(parent ? { parent } : {}) }
}

/** The office's kind at the end of its name (安平县反诈联席办 → 安平县 → 安平). */
const SUFFIX = /(反诈)?(联席办|联席会议办公室|中心)$/
const LEVEL = /(省|市|县|区)$/

/** The words that name the office at the head of a message: key, names, aliases and short names, longest first. */
export function officeWords(office: OfficeRef, roster: Roster): string[] {
  const names = [office.name, roster.office.name, ...roster.office.aliases, roster.office.full_name ?? '']
  const short = names.flatMap((n) => {
    const base = n.replace(SUFFIX, '')
    return [base, base.replace(LEVEL, '')]
  })
  const words = [office.key, ...names, ...short].map((w) => w.trim()).filter((w) => [...w].length >= 2)
  return [...new Set(words)].sort((a, b) => b.length - a.length)
}

/** The rest of the text after a word naming the office and a space; undefined when it does not start so. */
export function afterOfficeWord(text: string, words: readonly string[]): string | undefined {
  const t = text.trimStart()
  for (const word of words)
    if (t.startsWith(word) && /^[\s:：，,]/.test(t.slice(word.length)))
      return t.slice(word.length).replace(/^[\s:：，,]+/, '')
  return undefined
}

/** The office's name without its kind and level (安平县反诈联席办 → 安平), the word its question suggests. */
export function shortWord(office: OfficeRef): string {
  const base = office.name.replace(SUFFIX, '')
  const short = base.replace(LEVEL, '')
  return [...short].length >= 2 ? short : base || office.key
}
