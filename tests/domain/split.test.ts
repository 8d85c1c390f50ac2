import { describe, expect, it } from 'vitest'
import { splitMessage } from '../../bot/domain/split.ts'

describe('splitting long messages', () => {
  it('leaves a short message whole', () => {
    expect(splitMessage('你好\n世界')).toEqual(['你好\n世界'])
  })
  it('splits 10,000 characters into parts of at most 1800, on line boundaries, in order', () => {
    const lines = Array.from({ length: 600 }, (_, i) => `第${String(i).padStart(3, '0')}行${'字'.repeat(14)}`)
    const text = lines.join('\n')
    expect([...text].length).toBeGreaterThan(10_000)
    const parts = splitMessage(text)
    expect(parts.length).toBeGreaterThanOrEqual(6)
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(1800)
    expect(parts.join('\n')).toBe(text)
  })
  it('cuts a single over-long line hard', () => {
    const parts = splitMessage('a'.repeat(4000))
    expect(parts.map((p) => p.length)).toEqual([1800, 1800, 400])
  })
})
