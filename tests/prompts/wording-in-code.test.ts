// No Chinese wording in code outside prompts/ (wording-scan.ts says what is not counted), except the
// parser vocabulary and the names recognised in code (wording-lists.ts), and the files not moved yet,
// which may only shrink.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PARSER_VOCABULARY, RECOGNISED_IN_CODE, wordingOnly } from './wording-lists.ts'
import { commandWordsOf, wordingLiterals } from './wording-scan.ts'

/**
 * Files whose wording is still in code, with how many literals: lower a count when you move some
 * (`npx tsx tests/prompts/recount.ts` rewrites the list, e.g. after a merge moved or split files).
 * Empty since issue #17.4: every sentence and label is in prompts/.
 */
const NOT_MOVED_YET: Record<string, number> = {}

const root = join(import.meta.dirname, '../..')
const files = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', 'bot/**.ts', 'jobs/**.ts'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\n')
  .filter((f) => f.endsWith('.ts') && existsSync(join(root, f)))
  .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }))

describe('wording lives in prompts/', () => {
  const words = commandWordsOf(files.filter((f) => f.path.startsWith('bot/commands/')))
  const literals = new Map(
    files.map((f) => [
      f.path,
      wordingLiterals(f.path, f.text, f.path.startsWith('bot/commands/') ? words : undefined),
    ]),
  )
  const wording = new Map([...literals].map(([path, all]) => [path, wordingOnly(path, all)]))

  it('no Chinese literal in bot/ or jobs/ outside the parser vocabulary, the names recognised in code and the files not moved yet', () => {
    const extra: string[] = []
    for (const [path, found] of wording) {
      const allowed = NOT_MOVED_YET[path] ?? 0
      if (found.length > allowed) {
        extra.push(
          `${path}: ${found.length} (allowed ${allowed}): ${found.map((l) => `${l.line} ${JSON.stringify(l.text)}`).join('; ')}`,
        )
      }
    }
    expect(extra).toEqual([])
  })

  it('the lists stay true: every file and recognised name is there, and a count is lowered when literals move', () => {
    const stale: string[] = []
    for (const path of PARSER_VOCABULARY) if (!literals.has(path)) stale.push(`${path}: no such file`)
    for (const [path, { words }] of Object.entries(RECOGNISED_IN_CODE)) {
      const texts = literals.get(path)?.map((l) => l.text)
      if (texts === undefined) stale.push(`${path}: no such file`)
      else for (const w of words) if (!texts.includes(w)) stale.push(`${path}: no longer has ${w}`)
    }
    for (const [path, count] of Object.entries(NOT_MOVED_YET)) {
      const now = wording.get(path)?.length
      if (now === undefined) stale.push(`${path}: no such file`)
      else if (now < count) stale.push(`${path}: ${now} left, the list says ${count}`)
    }
    expect(stale).toEqual([])
  })
})
