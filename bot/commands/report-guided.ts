// 月报 alone in a private chat from a liaison: the report asked field by field (the guided report).
// The dialogue is a row (bot/store/report-dialogues.ts); while it is open, the person's private
// messages are its answers, except a few (see routeToDialogue).
import { messages } from '../../prompts/messages.ts'
import { currentPeriod, periodLabel } from '../domain/period.ts'
import {
  answerDialogue,
  DIALOGUE_IDLE_MINUTES,
  type DialogueNote,
  type DialogueState,
  isExpired,
  startDialogue,
} from '../domain/report-dialogue.ts'
import type { ReportProblem, ReportValues } from '../domain/report-parser.ts'
import { formOf } from '../domain/roster.ts'
import { shown } from '../services/report-store.ts'
import type { Store, Tx } from '../store/db.ts'
import type { InboundRecord } from '../store/inbound.ts'
import { dropDialogue, findDialogue, saveDialogue } from '../store/report-dialogues.ts'
import { revisionsSoFar } from '../store/submissions.ts'
import type { UnitRecord } from '../store/units.ts'
import { helpCommand } from './help.ts'
import { answerReport, problemText, reportCommand } from './report.ts'
import { type Command, type CommandContext, reply, type Sender } from './types.ts'

const BARE_MARKER = /^(?:#\s*月报|【\s*月报\s*】|\[\s*月报\s*\]|月报)[\s。.!！?？]*$/

const line = messages.guidedLine

/** The field being asked (with the note saying why it is asked again), or the summary. */
async function question(
  tx: Tx,
  unit: UnitRecord,
  period: string,
  state: DialogueState,
  note?: DialogueNote,
): Promise<string> {
  const form = formOf(unit)
  const noteText = note ? noteLine(note) : ''
  const field = form.find((f) => f.label === state.labels[state.step])
  if (!field) {
    const corrected = (await revisionsSoFar(tx, unit.id, period)).lastRevision > 0
    const fields = state.labels
      .flatMap((label) => form.filter((f) => f.label === label))
      .map((f) => {
        const v = state.values[f.label]
        return `· ${f.label}：${v === undefined ? line('skipped') : shown(f.kind, v)}`
      })
      .join('\n')
    const summary = messages.guidedSummary({
      unit: unit.name,
      period: periodLabel(period),
      correction: corrected ? line('correction') : '',
      fields,
    })
    return `${noteText}${summary}`
  }
  const value = state.values[field.label]
  const ask = messages.guidedAsk({
    index: state.step + 1,
    count: state.labels.length,
    label: field.label,
    need: line(field.required ? 'required' : 'optional'),
    kind: line(`kind_${field.kind}`),
    current: value === undefined ? '' : `\n${line('current', { value: shown(field.kind, value) })}`,
  })
  return `${noteText}${ask}`
}

function noteLine(note: DialogueNote): string {
  if (note.kind === 'invalid') return `${line('note_invalid', { reason: problemText(note.problem) })}\n`
  if (note.kind === 'required') return `${line('note_required', { label: note.label })}\n`
  return `${line(`note_${note.kind}`)}\n`
}

async function begin(ctx: CommandContext, unit: UnitRecord): Promise<string> {
  const { tx, now, sender } = ctx
  const open = await findDialogue(tx, sender.contactId)
  if (open && !isExpired(open.updatedAt, now) && open.unitId === unit.id) {
    await saveDialogue(tx, { ...open, updatedAt: now })
    return `${line('in_progress')}\n${await question(tx, unit, open.period, open)}`
  }
  const period = currentPeriod(now)
  const state = startDialogue(formOf(unit))
  await saveDialogue(tx, {
    contactId: sender.contactId,
    unitId: unit.id,
    period,
    ...state,
    startedAt: now,
    updatedAt: now,
  })
  const start = messages.guidedStart({
    unit: unit.name,
    period: periodLabel(period),
    count: state.labels.length,
    minutes: DIALOGUE_IDLE_MINUTES,
  })
  return `${start}\n${await question(tx, unit, period, state)}`
}

/** `月报` alone: a liaison in a private chat is asked field by field; anywhere else, a typed report. */
export const guidedReportCommand: Command = {
  name: '月报填报',
  matches: (text) => BARE_MARKER.test(text),
  async run(ctx) {
    const { inbound, sender } = ctx
    if (inbound.chat !== 'dm' || sender.role !== 'liaison' || !sender.unit) return reportCommand.run(ctx)
    return [reply(ctx, await begin(ctx, sender.unit))]
  },
}

/** The answer to an open dialogue's question. */
const dialogueAnswerCommand: Command = {
  name: '月报填报回答',
  matches: () => false,
  async run(ctx) {
    const { tx, now, sender } = ctx
    const d = await findDialogue(tx, sender.contactId)
    const unit = ctx.units.find((u) => u.id === d?.unitId && u.id === sender.unit?.id)
    if (!d || !unit || isExpired(d.updatedAt, now)) {
      await dropDialogue(tx, sender.contactId)
      return [reply(ctx, messages.guidedExpired({ minutes: DIALOGUE_IDLE_MINUTES }))]
    }
    const form = formOf(unit)
    const outcome = answerDialogue(d, form, { text: ctx.text, written: ctx.inbound.text })
    if (outcome.kind === 'cancelled') {
      await dropDialogue(tx, sender.contactId)
      return [reply(ctx, messages.guidedCancelled())]
    }
    if (outcome.kind === 'confirmed') {
      await dropDialogue(tx, sender.contactId)
      return [reply(ctx, await answerReport(ctx, checked(unit, d.period, outcome.values)))]
    }
    await saveDialogue(tx, { ...d, ...outcome.state, updatedAt: now })
    return [reply(ctx, await question(tx, unit, d.period, outcome.state, outcome.note))]
  },
}

/** The confirmed answers as a parsed report, checked against the form as it is now. */
function checked(unit: UnitRecord, period: string, answers: ReportValues) {
  const form = formOf(unit)
  const values = Object.fromEntries(
    Object.entries(answers).filter(([label]) => form.some((f) => f.label === label)),
  )
  const problems: ReportProblem[] = form
    .filter((f) => f.required && values[f.label] === undefined)
    .map((f) => ({ kind: 'missing', label: f.label }))
  return { namedUnit: unit, unit, period, explicitPeriod: true, unmarked: false, values, problems }
}

/**
 * The command for a private message from a liaison with a dialogue open: its answer, except for
 * 帮助, `月报` (the question again), a whole typed report (#月报 and its lines), files (a report
 * sheet) and, once the dialogue has expired,
 * any message another command takes. The one place the pipeline looks the dialogue up.
 */
export async function routeToDialogue(
  db: Store,
  m: { inbound: InboundRecord; sender: Sender; now: Date },
  command: Command | undefined,
): Promise<Command | undefined> {
  const { inbound, sender, now } = m
  if (inbound.chat !== 'dm' || sender.role !== 'liaison' || inbound.fileName) return command
  if (command === helpCommand || command === guidedReportCommand || command === reportCommand) return command
  const d = await findDialogue(db, sender.contactId)
  if (!d) return command
  if (isExpired(d.updatedAt, now)) return command ?? dialogueAnswerCommand
  return dialogueAnswerCommand
}
