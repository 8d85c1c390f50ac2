// `npx tsx tests/prompts/recount.ts`: rewrites NOT_MOVED_YET in wording-in-code.test.ts to today's
// counts. For after a merge that moved or split files; not for admitting new wording in code.

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { wordingOnly } from './wording-lists.ts'
import { commandWordsOf, wordingLiterals } from './wording-scan.ts'

const test = join(import.meta.dirname, 'wording-in-code.test.ts')
const root = join(import.meta.dirname, '../..')
const src = readFileSync(test, 'utf8')
const files = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', 'bot/**.ts', 'jobs/**.ts'],
  { cwd: root, encoding: 'utf8' },
)
  .trim()
  .split('\n')
  .filter((path) => existsSync(join(root, path)))
  .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }))
const words = commandWordsOf(files.filter((f) => f.path.startsWith('bot/commands/')))
const rows: string[] = []
for (const f of files) {
  const n = wordingOnly(
    f.path,
    wordingLiterals(f.path, f.text, f.path.startsWith('bot/commands/') ? words : undefined),
  ).length
  if (n) rows.push(`  '${f.path}': ${n},`)
}
const out = src.replace(
  /const NOT_MOVED_YET: Record<string, number> = \{[^}]*\}/,
  rows.length
    ? `const NOT_MOVED_YET: Record<string, number> = {\n${rows.join('\n')}\n}`
    : 'const NOT_MOVED_YET: Record<string, number> = {}',
)
writeFileSync(test, out)
console.log(rows.join('\n'))
