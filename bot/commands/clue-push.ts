// 线索 / 推送线索: the office pushes clues, one per line (value, then an optional remark).
import { messages } from '../../prompts/messages.ts'
import { contentLines } from '../domain/text.ts'
import { intakeClues } from '../services/clue-intake.ts'
import { intakeContext } from './clue-common.ts'
import { type Command, reply } from './types.ts'

const WORD = /^(推送线索|线索推送|线索)(?=$|[\s:])/

export const cluePushCommand: Command = {
  name: '线索',
  matches: (text) => WORD.test(text),
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '推送线索' }))]
    const [first = '', ...rest] = contentLines(ctx.text)
    const inline = first
      .replace(WORD, '')
      .replace(/^[\s:]+/, '')
      .trim()
    const lines = [...(inline ? [inline] : []), ...rest]
    if (lines.length === 0) return [reply(ctx, messages.clueProblem('no_values'))]
    const result = await intakeClues(
      ctx.tx,
      lines.map((line) => ({ raw: ctx.written(line) })),
      await intakeContext(ctx),
    )
    return [reply(ctx, result.summary), ...result.notices]
  },
}
