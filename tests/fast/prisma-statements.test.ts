// Prisma's queries stay prepared on the one connection, but only the most recent texts: IN lists of
// every length must not grow the cache without bound.
import { describe, expect, it } from 'vitest'
import { Sqlite } from '../../bot/store/sqlite.ts'

const inList = (n: number) => `SELECT 1 WHERE 1 IN (${Array(n).fill('?').join(', ')})`

describe('the statements of Prisma on a connection', () => {
  it('are prepared once and given again for the same text', () => {
    const conn = new Sqlite(':memory:')
    expect(conn.prismaStatement(inList(1))).toBe(conn.prismaStatement(inList(1)))
    expect(conn.prismaStatement(inList(2))).not.toBe(conn.prismaStatement(inList(1)))
    conn.close()
  })

  it('keep the 200 most recently used: a text not used since is prepared again', () => {
    const conn = new Sqlite(':memory:')
    const first = conn.prismaStatement(inList(1))
    const kept = conn.prismaStatement(inList(2))
    for (let n = 3; n <= 200; n++) conn.prismaStatement(inList(n))
    expect(conn.prismaStatement(inList(2))).toBe(kept) // used again: now the most recent
    conn.prismaStatement(inList(201)) // the 201st text pushes out the least recent, inList(1)
    expect(conn.prismaStatement(inList(2))).toBe(kept)
    expect(conn.prismaStatement(inList(1))).not.toBe(first)
    conn.close()
  })
})
