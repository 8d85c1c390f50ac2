// No Chinese wording in code outside prompts/ (wording-scan.ts says what is not counted), except the
// parser vocabulary listed here and the files not moved yet, which may only shrink.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commandWordsOf, wordingLiterals } from './wording-scan.ts'

/** Words the bot recognises in what people write: data for a parser, kept beside it. */
const PARSER_VOCABULARY = [
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
 * Files whose wording is still in code, with how many literals: lower a count when you move some
 * (`npx tsx tests/prompts/recount.ts` rewrites the list, e.g. after a merge moved or split files).
 */
const NOT_MOVED_YET: Record<string, number> = {
  'bot/config.ts': 52,
  'bot/domain/clues/classify.ts': 9,
  'bot/domain/clues/network.ts': 1,
  'bot/domain/clues/phones.ts': 4,
  'bot/services/official-docx.ts': 5,
}

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
  const found = new Map(
    files.map((f) => [
      f.path,
      wordingLiterals(f.path, f.text, f.path.startsWith('bot/commands/') ? words : undefined),
    ]),
  )

  it('no Chinese literal in bot/ or jobs/ outside the parser vocabulary and the files not moved yet', () => {
    const extra: string[] = []
    for (const [path, literals] of found) {
      if (PARSER_VOCABULARY.includes(path)) continue
      const allowed = NOT_MOVED_YET[path] ?? 0
      if (literals.length > allowed) {
        extra.push(
          `${path}: ${literals.length} (allowed ${allowed}): ${literals.map((l) => `${l.line} ${JSON.stringify(l.text)}`).join('; ')}`,
        )
      }
    }
    expect(extra).toEqual([])
  })

  it('the lists stay true: every file named exists, and a count is lowered when literals move', () => {
    const stale: string[] = []
    for (const path of PARSER_VOCABULARY) if (!found.has(path)) stale.push(`${path}: no such file`)
    for (const [path, count] of Object.entries(NOT_MOVED_YET)) {
      const now = found.get(path)?.length
      if (now === undefined) stale.push(`${path}: no such file`)
      else if (now < count) stale.push(`${path}: ${now} left, the list says ${count}`)
    }
    expect(stale).toEqual([])
  })
})
