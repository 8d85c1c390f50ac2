// Every prompt's {{placeholders}} match the variables its typed function passes (prompt-check.ts).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkPrompts, type PromptSource } from './prompt-check.ts'

const root = join(import.meta.dirname, '../..')
const sources = (...globs: string[]): PromptSource[] =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...globs], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && existsSync(join(root, f)))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }))
const readTemplate = (name: string) => {
  const file = join(root, 'prompts', `${name}.txt`)
  return existsSync(file) ? readFileSync(file, 'utf8').replace(/\n+$/, '') : undefined
}

describe('prompt placeholders', () => {
  it('match their functions’ variables in every prompt and at every call site with a literal key', () => {
    const prompts = sources('prompts/*.ts').filter((s) => !s.path.endsWith('render.ts'))
    expect(prompts.length).toBeGreaterThan(1)
    expect(checkPrompts(prompts, sources('bot/**.ts', 'jobs/**.ts'), readTemplate)).toEqual([])
  })

  const prompt = (body: string): PromptSource[] => [
    {
      path: 'prompts/x.ts',
      text: `import { phrase, render } from './render.ts'\nexport const messages = {\n${body}\n}`,
    },
  ]
  const files: Record<string, string> = {
    hello: '你好，{{name}}，今天{{day}}',
    table: 'one = 第{{n}}条\ntwo = 共{{n}}条，{{rest}}',
  }
  const read = (name: string) => files[name]

  it('fails on a misspelled placeholder, a variable the text lacks, and a key the file lacks', () => {
    expect(
      checkPrompts(prompt(`a: (v: { name: string; day: string }) => render('hello', v),`), [], read),
    ).toEqual([])
    expect(
      checkPrompts(prompt(`a: (v: { nmae: string; day: string }) => render('hello', v),`), [], read),
    ).toEqual([
      'prompts/x.ts:3 hello.txt: {{name}} is not a variable (nmae, day)',
      'prompts/x.ts:3 hello.txt: variable nmae has no {{nmae}}',
    ])
    expect(
      checkPrompts(prompt(`a: (k: 'one' | 'three', v: { n: number }) => phrase('table', k, v),`), [], read),
    ).toEqual(['prompts/x.ts:3: table.txt has no entry three'])
    expect(
      checkPrompts(prompt(`a: (k: 'one' | 'two', v: { n: number }) => phrase('table', k, v),`), [], read),
    ).toEqual(['prompts/x.ts:3 table.txt two: {{rest}} is not a variable (n)'])
  })

  it('checks the call sites of a function with an open key and variables', () => {
    const p = prompt(`line: (k: string, v: Record<string, string | number> = {}) => phrase('table', k, v),`)
    const caller = (text: string): PromptSource[] => [{ path: 'bot/y.ts', text }]
    expect(checkPrompts(p, caller(`messages.line('two', { n: 1, rest: 'x' })`), read)).toEqual([])
    expect(checkPrompts(p, caller(`messages.line('two', { n: 1, rset: 'x' })`), read)).toEqual([
      'bot/y.ts:1 table.txt two: {{rest}} is not a variable (n, rset)',
      'bot/y.ts:1 table.txt two: variable rset has no {{rset}}',
    ])
    expect(checkPrompts(p, caller(`messages.line('four')`), read)).toEqual([
      'bot/y.ts:1: table.txt has no entry four',
    ])
  })
})
