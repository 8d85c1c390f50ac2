// #月报: a unit's monthly report. Stored as a new revision, or rejected with every problem named.
import { messages } from '../../prompts/messages.ts'
import { formatMoney } from '../domain/numbers.ts'
import { isLate, periodLabel } from '../domain/period.ts'
import {
  isReport,
  parseReport,
  type ReportParse,
  type ReportProblem,
  type ReportValue,
  type ReportValues,
} from '../domain/report-parser.ts'
import { type FieldDef, formOf } from '../domain/roster.ts'
import { quote } from '../domain/text.ts'
import { insertSubmission, revisionsSoFar } from '../store/submissions.ts'
import type { UnitRecord } from '../store/units.ts'
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

/** A stored value as a reply shows it: 1.5万元, 12, the text. */
export function showValue(field: FieldDef, value: ReportValue): string {
  return field.kind === 'money' ? formatMoney(value as number) : String(value)
}

export function describeValues(unit: UnitRecord, values: ReportValues): string {
  return formOf(unit)
    .filter((f) => values[f.label] !== undefined)
    .map((f) => `· ${f.label}：${showValue(f, values[f.label] as ReportValue)}`)
    .join('\n')
}

/**
 * Stores checked values as the unit's next revision for the period (a correction when there is an
 * earlier one) and returns the confirmation echoing every value: the one place a report is filed,
 * whether it was typed, answered question by question or sent as a sheet.
 */
export async function storeReport(
  ctx: CommandContext,
  unit: UnitRecord,
  period: string,
  values: ReportValues,
): Promise<string> {
  const { sender, now, tx } = ctx
  // A correction keeps the timeliness of the unit's first report for the period.
  const earlier = await revisionsSoFar(tx, unit.id, period)
  const status =
    earlier.firstStatus ?? (isLate(period, now, ctx.roster.schedule.deadline_day) ? 'late' : 'on_time')
  const revision = earlier.lastRevision + 1
  await insertSubmission(tx, {
    unitId: unit.id,
    period: period,
    revision,
    status,
    byName: sender.name,
    byPersonId: sender.person?.id ?? null,
    values: values,
    inboundId: ctx.inbound.id,
    createdAt: now,
  })
  const text = messages.reportAccepted({
    unit: unit.name,
    period: periodLabel(period),
    revision: revision > 1 ? messages.label('report_revision', { revision }) : '',
    late: status === 'late' ? messages.label('report_late') : '',
    fields: describeValues(unit, values),
  })
  return text
}

/**
 * The answer to a parsed report, storing it when it passes: the wrong unit, every problem named, or
 * the confirmation. Typed reports and report sheets alike come through here.
 */
export async function fileReport(ctx: CommandContext, parsed: ReportParse): Promise<string> {
  const { sender } = ctx
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
  if (parsed.problems.length > 0 || !unit) {
    const problems = parsed.problems.map(describeProblem).join('\n')
    return messages.reportRejected({ unit: unit?.name ?? '', problems })
  }
  return storeReport(ctx, unit, parsed.period, parsed.values)
}

export const reportCommand: Command = {
  name: '月报',
  matches: isReport,
  async run(ctx: CommandContext) {
    const { sender, now } = ctx
    if (sender.role === 'member') return [reply(ctx, messages.reportNotLiaison({ name: sender.name }))]
    const parsed = parseReport(ctx.text, { units: ctx.units, now, senderUnit: sender.unit })
    if (!parsed) return []
    return [reply(ctx, await fileReport(ctx, parsed))]
  },
}
