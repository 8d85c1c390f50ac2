// #月报: a unit's monthly report. Stored as a new revision, or rejected with every problem named.
import { messages } from '../../prompts/messages.ts'
import { isReport, parseReport, type ReportParse, type ReportProblem } from '../domain/report-parser.ts'
import { formOf } from '../domain/roster.ts'
import { quote } from '../domain/text.ts'
import { fileReport, reportEcho } from '../services/report-store.ts'
import { revisionsSoFar } from '../store/submissions.ts'
import { type Command, type CommandContext, reply } from './types.ts'

/** One problem, as a sentence. */
export function problemText(p: ReportProblem): string {
  const vars: Record<string, string> = {}
  if ('label' in p) vars.label = p.label
  if ('raw' in p) vars.raw = quote(p.raw)
  if ('line' in p) vars.line = quote(p.line)
  if ('text' in p) vars.text = quote(p.text)
  return messages.reportProblem(p.kind, vars)
}

export function describeProblem(p: ReportProblem): string {
  return `· ${problemText(p)}`
}

/**
 * The answer to a parsed report, storing it when it passes: the wrong unit, every problem named, or
 * the confirmation. Typed reports, the guided dialogue and report sheets alike come through here.
 */
export async function answerReport(ctx: CommandContext, parsed: ReportParse): Promise<string> {
  const { sender, now, tx } = ctx
  if (
    sender.role === 'liaison' &&
    parsed.namedUnit &&
    sender.unit &&
    parsed.namedUnit.key !== sender.unit.key
  ) {
    return messages.reportWrongUnit({
      name: sender.name,
      own: sender.unit.name,
      other: parsed.namedUnit.name,
    })
  }
  const unit = ctx.units.find((u) => u.key === parsed.unit?.key)
  // A correction need not repeat the required fields the last revision holds (read once: filing
  // numbers the revision from the same reading).
  const earlier = unit ? await revisionsSoFar(tx, unit.id, parsed.period) : null
  const before = earlier?.lastValues
  const problems = parsed.problems.filter((p) => !(p.kind === 'missing' && before?.[p.label] !== undefined))
  if (problems.length > 0 || !unit || !earlier) {
    return messages.reportRejected({
      unit: unit?.name ?? '',
      problems: problems.map(describeProblem).join('\n'),
    })
  }
  // Free text is stored as written; only numbers and labels were normalized to be read.
  const values = { ...parsed.values }
  for (const f of formOf(unit)) {
    const v = values[f.label]
    if (f.kind === 'text' && typeof v === 'string') values[f.label] = ctx.written(v)
  }
  const filed = await fileReport(tx, {
    unit,
    period: parsed.period,
    values,
    now,
    deadlineDay: ctx.roster.schedule.deadline_day,
    by: { name: sender.name, personId: sender.person?.id ?? null },
    inboundId: ctx.inbound.id,
    earlier,
  })
  // Figures without a marker are stored with the echo (not asked to confirm): what was read is
  // shown, and a wrong reading is one 更正 away.
  return reportEcho(filed) + (parsed.unmarked ? `\n${messages.label('report_unmarked')}` : '')
}

export const reportCommand: Command = {
  name: '月报',
  matches: (text, { senderUnit, units }) => isReport(text, senderUnit, units),
  async run(ctx: CommandContext) {
    const { sender, now } = ctx
    if (sender.role === 'member') return [reply(ctx, messages.reportNotLiaison({ name: sender.name }))]
    const parsed = parseReport(ctx.text, { units: ctx.units, now, senderUnit: sender.unit })
    if (!parsed) return [reply(ctx, messages.unknownCommand())]
    return [reply(ctx, await answerReport(ctx, parsed))]
  },
}
