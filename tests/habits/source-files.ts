// The project's own TypeScript sources, for the tests that read the code itself (habits/).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export const SOURCE_DIRS = ['bot', 'jobs', 'prompts'] as const

/** Every .ts file under the given folders, as repository-relative paths with forward slashes. */
export function sourceFiles(dirs: readonly string[] = SOURCE_DIRS): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name)
      if (e.isDirectory()) walk(path)
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(path.split('\\').join('/'))
    }
  }
  for (const d of dirs) walk(d)
  return out.sort()
}

export const readSource = (file: string): string => readFileSync(file, 'utf8')
