// A keyed file's `key = text`: one space after `=` separates, the rest of the line is the text, its
// indent included (the command line's lists are indented by two spaces).
import { describe, expect, it } from 'vitest'
import { messages } from '../../prompts/messages.ts'

describe('keyed prompt files', () => {
  it('keep the spaces a text starts with', () => {
    expect(messages.cliClues('unit_line', { unit: '人民银行', count: 3 })).toBe('  人民银行\t3 条')
    expect(messages.cliOperations('plan_counts', { counts: 'x' })).toBe('  内容：x')
    expect(messages.cliUnits('moved_only', { names: '甲' })).toBe('  名册中的顺序（仅位置变化）：甲')
    expect(messages.chart('met')).toBe('  达标')
  })

  it('read the text right after one space, or right after = with none', () => {
    expect(messages.cliUnits('none')).toBe('无')
    expect(messages.terminal('to_group')).toBe('群')
  })

  it('take keys with dots: the audit actions are named by the codes the log stores', () => {
    expect(messages.auditAction('clue.show')).toBe('显示完整线索')
    expect(messages.auditAction('units.import')).toBe('导入名册')
  })
})
