// Arrows only downward: chat → commands → services → domain/store, jobs beside chat on top.
// Reads the import lines of the source files; a new import that points up fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** The project-relative paths a file imports (packages left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1] as string)
  return specs.map((s) => relative('.', resolve(dirname(file), s)))
}

/** Imports from `layer` into any of `forbidden` (folders or files, project-relative). */
function upward(layer: string, forbidden: string[]): string[] {
  return sources(layer).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((f) => target === f || target.startsWith(`${f}/`)))
      .map((target) => `${file} → ${target}`),
  )
}

const TOP = ['jobs', 'bot/chat', 'bot/app.ts', 'bot/pipeline.ts', 'bot/main.ts', 'bot/cli', 'bot/cli.ts']

describe('imports point downward', () => {
  // prompts/ is a leaf (the wording, read from its .txt files): a domain label such as periodLabel may use it.
  it('bot/domain imports only bot/domain and prompts/', () => {
    const outside = sources('bot/domain').flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('bot/domain/') && !target.startsWith('prompts/'))
        .map((target) => `${file} → ${target}`),
    )
    expect(outside).toEqual([])
  })

  it('prompts/ imports only prompts/', () => {
    const outside = sources('prompts').flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('prompts/'))
        .map((target) => `${file} → ${target}`),
    )
    expect(outside).toEqual([])
  })

  it('bot/store imports neither config, services, commands nor the top', () => {
    expect(upward('bot/store', ['bot/config.ts', 'bot/services', 'bot/commands', ...TOP])).toEqual([])
  })

  it('bot/services and bot/commands import nothing of jobs/, chat/ or the wiring', () => {
    expect(upward('bot/services', ['bot/commands', ...TOP])).toEqual([])
    expect(upward('bot/commands', TOP)).toEqual([])
  })
})
