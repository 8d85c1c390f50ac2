// The two Prisma schemas (SQLite's prisma/schema.prisma, PostgreSQL's prisma/postgresql/) describe
// the same models: nobody edits one alone. Only PostgreSQL's native types (@db.…) may differ.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** Each model and enum, field by field, without comments, native types or alignment. */
function models(path: string): Record<string, string[]> {
  const text = readFileSync(path, 'utf8')
  const blocks: Record<string, string[]> = {}
  for (const [, kind, name, body] of text.matchAll(/^(model|enum) (\w+) \{\n([\s\S]*?)^\}/gm)) {
    blocks[`${kind} ${name}`] = (body ?? '')
      .split('\n')
      .map((line) =>
        line
          .replace(/\/\/.*$/, '')
          .replace(/@db\.\w+(\([^)]*\))?/g, '')
          .trim()
          .replace(/\s+/g, ' '),
      )
      .filter((line) => line !== '')
  }
  return blocks
}

describe('the PostgreSQL schema', () => {
  const sqlite = models('prisma/schema.prisma')
  const postgres = models('prisma/postgresql/schema.prisma')

  it('has the same models, fields and attributes as the SQLite one', () => {
    expect(Object.keys(sqlite).length).toBeGreaterThan(10)
    expect(postgres).toEqual(sqlite)
  })

  it('keeps every date a timestamptz (SQLite stores them as UTC text)', () => {
    const dates = Object.values(postgres)
      .flat()
      .filter((f) => / DateTime\??( |$)/.test(f))
    expect(dates.length).toBeGreaterThan(0)
    const text = readFileSync('prisma/postgresql/schema.prisma', 'utf8')
    for (const line of text.split('\n').filter((l) => / DateTime\??\s/.test(l) && !l.trim().startsWith('//')))
      expect(line).toContain('@db.Timestamptz(3)')
  })
})
