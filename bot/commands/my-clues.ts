// 我的线索: a liaison's open clues, always privately (they hold full values). The office sees counts.
import { messages } from '../../prompts/messages.ts'
import { clueLines, dueLabel } from '../services/clue-notices.ts'
import { auditClueDisplay, personLabel } from '../store/audit.ts'
import { openClueCounts, openCluesOfUnit } from '../store/clues.ts'
import { type Command, reply, startsWithWord } from './types.ts'

export const myCluesCommand: Command = {
  name: '我的线索',
  matches: (text) => startsWithWord(text, ['我的线索', '在办线索']) === '',
  async run(ctx) {
    const { sender } = ctx
    if (sender.role === 'office') {
      const rows = await openClueCounts(ctx.tx)
      const byUnit = rows.map((r) =>
        messages.word('unit_count', {
          unit: ctx.units.find((u) => u.id === r.unitId)?.name ?? messages.word('unassigned'),
          count: r.count,
        }),
      )
      const count = rows.reduce((n, r) => n + r.count, 0)
      return [
        reply(ctx, messages.myCluesOffice({ count, byUnit: byUnit.join('、') || messages.word('none') })),
      ]
    }
    if (sender.role !== 'liaison' || !sender.unit) return [reply(ctx, messages.clueProblem('not_liaison'))]
    const open = await openCluesOfUnit(ctx.tx, sender.unit.id)
    const lines = clueLines(open, true, 200)
      .split('\n')
      .map((line, i) => (open[i] ? messages.word('due_at', { line, due: dueLabel(open[i].dueAt) }) : line))
      .join('\n')
    const text = open.length
      ? messages.myClues({ unit: sender.unit.name, count: open.length, lines })
      : messages.myCluesNone({ unit: sender.unit.name })
    const direct = { to: { chat: 'dm' as const, contactId: sender.contactId, name: sender.name }, text }
    await auditClueDisplay(ctx.tx, {
      actor: personLabel(sender),
      at: ctx.now,
      to: sender,
      codes: open.slice(0, 200).map((c) => c.code),
      why: messages.record('why_my_clues'),
    })
    return ctx.inbound.chat === 'room' ? [direct, reply(ctx, messages.sentPrivately())] : [direct]
  },
}
