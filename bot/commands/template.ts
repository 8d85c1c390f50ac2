// 模板 / 月报模板 [单位]: the unit's ready-to-fill form, as text and as a workbook attached.
import { messages } from '../../prompts/messages.ts'
import { findUnit, formOf } from '../domain/roster.ts'
import { templateWorkbook, templateWorkbookName } from '../services/report-workbook.ts'
import type { UnitRecord } from '../store/units.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['#月报模板', '月报模板', '模板', '报表模板']

export function templateText(unit: UnitRecord): string {
  const lines = formOf(unit).map((f) => {
    const blank = f.kind === 'count' ? '0' : f.kind === 'money' ? messages.word('money', { n: 0 }) : ''
    return `${f.required ? '*' : ''}${f.label}：${blank}`
  })
  return messages.template({ unit: unit.name, lines: lines.join('\n') })
}

export const templateCommand: Command = {
  name: '模板',
  matches: (text) => startsWithWord(text, WORDS) !== undefined,
  async run(ctx) {
    const arg = startsWithWord(ctx.text, WORDS) ?? ''
    const unit = arg ? findUnit(ctx.units, arg) : ctx.sender.unit
    if (!unit)
      return [reply(ctx, messages.templateWhichUnit({ units: ctx.units.map((u) => u.name).join('、') }))]
    const name = templateWorkbookName(unit)
    const text = `${templateText(unit)}\n\n${messages.reportSheetLine('attached', { name })}`
    return [{ ...reply(ctx, text), file: { name, data: await templateWorkbook(unit) } }]
  },
}
