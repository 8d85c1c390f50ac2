// A phase's notice (阶段通知): on its first working day the group is told the phase, its dates and
// what units owe in it (the roster's `duties`). Once per phase and year: the slot's key.

import { toLocal } from '../bot/domain/period.ts'
import { monthDayLabel, phaseStarting } from '../bot/domain/phase.ts'
import { messages } from '../prompts/messages.ts'
import type { TriggerContext, TriggerResult } from './scheduler.ts'

export async function runPhase(ctx: TriggerContext): Promise<TriggerResult> {
  // The roster's start (the notice itself may have moved to the next working day).
  const start = toLocal(ctx.trigger.covers[0] ?? ctx.trigger.slot)
  const monthDay = `${String(start.month).padStart(2, '0')}-${String(start.day).padStart(2, '0')}`
  const phase = phaseStarting(ctx.roster.phases, monthDay)
  if (!phase) return { drafts: [], note: messages.record('run_phase_gone', { day: monthDay }) }
  const text = messages.phaseNotice({
    year: start.year,
    name: phase.name,
    from: monthDayLabel(phase.from),
    to: monthDayLabel(phase.to),
    duties: phase.duties,
  })
  return {
    drafts: [{ to: { chat: 'room', roomTopic: ctx.roomTopic }, text }],
    note: messages.record('run_phase', { phase: phase.name }),
  }
}
