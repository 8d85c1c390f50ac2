// #月报: a unit's monthly report. Stored as a new revision, or rejected with every problem named.
import { messages } from '../../prompts/messages.ts'
import { formatMoney } from '../domain/numbers.ts'
import { isLate, periodLabel } from '../domain/period.ts'
import { isReport, parseReport, type ReportProblem, type ReportValues } from '../domain/report-parser.ts'
import { formOf } from '../domain/roster.ts'
import { quote } from '../domain/text.ts'
import { insertSubmission, revisionsSoFar } from '../store/submissions.ts'
import type { UnitRecord } from '../store/units.ts'
import { type Command, type CommandContext, reply } from './types.ts'

export function describeProblem(p: ReportProblem): string {
  const vars: Record<string, string> = {}
  if ('label' in p) vars.label = p.label
  if ('raw' in p) vars.raw = quote(p.raw)
  if ('line' in p) vars.line = quote(p.line)
  if ('text' in p) vars.text = quote(p.text)
  return `· ${messages.reportProblem(p.kind, vars)}`
}

export function describeValues(unit: UnitRecord, values: ReportValues): string {
  return formOf(unit)
    .filter((f) => values[f.label] !== undefined)
    .map((f) => {
      const v = values[f.label] as number | string
      const shown = f.kind === 'money' ? formatMoney(v as number) : String(v)
      return `· ${f.label}：${shown}`
    })
    .join('\n')
}

export const reportCommand: Command = {
  name: '月报',
  matches: isReport,
  async run(ctx: CommandContext) {
    const { sender, now, tx } = ctx
    if (sender.role === 'member') return [reply(ctx, messages.reportNotLiaison({ name: sender.name }))]
    const parsed = parseReport(ctx.text, { units: ctx.units, now, senderUnit: sender.unit })
    if (!parsed) return []
    if (
      sender.role === 'liaison' &&
      parsed.namedUnit &&
      sender.unit &&
      parsed.namedUnit.key !== sender.unit.key
    ) {
      return [
        reply(
          ctx,
          messages.reportWrongUnit({
            name: sender.name,
            own: sender.unit.name,
            other: parsed.namedUnit.name,
          }),
        ),
      ]
    }
    const unit = ctx.units.find((u) => u.key === parsed.unit?.key)
    if (parsed.problems.length > 0 || !unit) {
      const problems = parsed.problems.map(describeProblem).join('\n')
      return [reply(ctx, messages.reportRejected({ unit: unit?.name ?? '', problems }))]
    }

    // A correction keeps the timeliness of the unit's first report for the period.
    const earlier = await revisionsSoFar(tx, unit.id, parsed.period)
    const status =
      earlier.firstStatus ??
      (isLate(parsed.period, now, ctx.roster.schedule.deadline_day) ? 'late' : 'on_time')
    const revision = earlier.lastRevision + 1
    await insertSubmission(tx, {
      unitId: unit.id,
      period: parsed.period,
      revision,
      status,
      byName: sender.name,
      byPersonId: sender.person?.id ?? null,
      values: parsed.values,
      inboundId: ctx.inbound.id,
      createdAt: now,
    })
    const text = messages.reportAccepted({
      unit: unit.name,
      period: periodLabel(parsed.period),
      revision: revision > 1 ? messages.label('report_revision', { revision }) : '',
      late: status === 'late' ? messages.label('report_late') : '',
      fields: describeValues(unit, parsed.values),
    })
    return [reply(ctx, text)]
  },
}
