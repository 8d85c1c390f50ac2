// The pure readers behind addressing: the mention and filler around a command, quoted replies,
// clue ids as written, and free text mapped back to what was typed.
import { describe, expect, it } from 'vitest'
import { readAddressing } from '../../bot/domain/addressing.ts'
import { readClueIds } from '../../bot/domain/clue-ids.ts'
import { asWritten, normalizeText } from '../../bot/domain/text.ts'

const self = { id: 'bot-1', name: '反诈助手' }
const read = (text: string, mentions: { id: string; name: string }[] = []) =>
  readAddressing(normalizeText(text), { self, mentions })

describe('readAddressing', () => {
  it.each([
    ['@反诈助手 进度', '进度', true],
    ['@反诈助手\u2005进度', '进度', true],
    ['@反诈助手进度', '进度', true],
    ['进度 @反诈助手', '进度', true],
    ['进度？', '进度', false],
    ['请查看一下进度。', '进度', false],
    ['？', '?', false],
    ['@反诈助手', '', true],
    ['@王芳 你好', '@王芳 你好', false],
  ])('%j → %j (mentioned: %s)', (text, command, mentioned) => {
    expect(read(text)).toEqual({ text: command, mentioned })
  })

  it('a mention in the mention list by another display name is stripped too', () => {
    expect(read('@小助手 进度', [{ id: 'bot-1', name: '小助手' }])).toEqual({ text: '进度', mentioned: true })
  })

  it('a multi-line message keeps its last line’s punctuation (a value, kept as written)', () => {
    expect(read('@反诈助手 #月报\n其他工作：宣传。').text).toBe('#月报\n其他工作:宣传。')
  })

  it('a reply quoting the bot is addressed to it and carries the quote; quoting someone else does not', () => {
    const dashes = '\n- - - - - - - - - - - - - - -\n'
    expect(read(`「反诈助手：XS-2026-0002 186****5678」${dashes}已关停`)).toEqual({
      text: '已关停',
      mentioned: true,
      quoted: 'XS-2026-0002 186****5678',
    })
    expect(read(`「王芳：明天开会」${dashes}收到`)).toEqual({ text: '收到', mentioned: false })
  })
})

describe('readClueIds', () => {
  it.each([
    ['0001 已关停', ['XS-2026-0001'], '已关停'],
    ['1 已关停', ['XS-2026-0001'], '已关停'],
    ['XS-0001 已关停', ['XS-2026-0001'], '已关停'],
    ['XS-2025-12 已关停', ['XS-2025-0012'], '已关停'],
    [
      '0001、0002，3;4；5 6 已冻结',
      ['XS-2026-0001', 'XS-2026-0002', 'XS-2026-0003', 'XS-2026-0004', 'XS-2026-0005', 'XS-2026-0006'],
      '已冻结',
    ],
    ['0001 3个账户已冻结', ['XS-2026-0001'], '3个账户已冻结'],
    ['已关停 XS-2026-0007', ['XS-2026-0007'], '已关停'],
    ['已关停', [], '已关停'],
  ])('%j', (text, codes, rest) => {
    expect(readClueIds(text, 2026)).toEqual({ codes, rest })
  })
})

describe('asWritten', () => {
  it('maps a normalized value back to the characters typed', () => {
    const raw = '其他工作：走访商户１２家，发放传单（约３００份）'
    expect(asWritten(raw, '走访商户12家,发放传单(约300份)')).toBe('走访商户１２家，发放传单（约３００份）')
  })

  it('a value not in the text stays as it is', () => {
    expect(asWritten('abc', 'xyz')).toBe('xyz')
  })
})
