// The guided report (月报 alone in a private chat): one field asked at a time. Pure: the state and
// an answer in, the next state or the outcome out; the command keeps the state in a row.
import type { ReportProblem, ReportValues } from './report-parser.ts'
import { readValue } from './report-parser.ts'
import type { FieldDef } from './roster.ts'

/** A dialogue left this long without an answer is dropped (nothing stored). */
export const DIALOGUE_IDLE_MINUTES = 30

export interface DialogueState {
  /** Field labels in the order asked. */
  labels: string[]
  /** Index into labels of the field being asked; labels.length: the summary, waiting for 确认. */
  step: number
  values: ReportValues
}

/** Why a question is asked again. */
export type DialogueNote =
  | { kind: 'first' }
  | { kind: 'required'; label: string }
  | { kind: 'empty' }
  | { kind: 'confirm_expected' }
  | { kind: 'invalid'; problem: ReportProblem }

export type DialogueOutcome =
  | { kind: 'cancelled' }
  | { kind: 'confirmed'; values: ReportValues }
  /** Ask the state's current field (or show the summary), after the note if there is one. */
  | { kind: 'ask'; state: DialogueState; note?: DialogueNote }

const WORDS = {
  cancel: ['取消', '退出', '放弃'],
  skip: ['跳过', '不填', '略过'],
  back: ['上一项', '上一步', '返回'],
  confirm: ['确认', '确定', '确认登记'],
}
// What people end a short answer with: 跳过。 确认！
const TRAILING = /[\s。.!！~～]+$/

export function isControlWord(text: string, word: keyof typeof WORDS): boolean {
  return WORDS[word].includes(text.replace(TRAILING, ''))
}

/** The order fields are asked in: required ones first, each group in the form's order. */
export function dialogueLabels(form: readonly FieldDef[]): string[] {
  return [...form.filter((f) => f.required), ...form.filter((f) => !f.required)].map((f) => f.label)
}

export function startDialogue(form: readonly FieldDef[]): DialogueState {
  return { labels: dialogueLabels(form), step: 0, values: {} }
}

/**
 * One answer. `text` is normalized (control words are read from it), `written` is the answer as the
 * person wrote it (a text field stores that).
 */
export function answerDialogue(
  state: DialogueState,
  form: readonly FieldDef[],
  answer: { text: string; written: string },
): DialogueOutcome {
  const text = answer.text.trim()
  if (isControlWord(text, 'cancel')) return { kind: 'cancelled' }
  const field = form.find((f) => f.label === state.labels[state.step])
  if (isControlWord(text, 'back')) {
    if (state.step === 0) return { kind: 'ask', state, note: { kind: 'first' } }
    return { kind: 'ask', state: { ...state, step: state.step - 1 } }
  }
  if (!field) {
    // The summary (or a field the form has lost since): only 确认 goes on.
    if (isControlWord(text, 'confirm')) return { kind: 'confirmed', values: state.values }
    return { kind: 'ask', state, note: { kind: 'confirm_expected' } }
  }
  const next = (values: ReportValues): DialogueState => ({ ...state, step: state.step + 1, values })
  if (isControlWord(text, 'skip')) {
    if (field.required) return { kind: 'ask', state, note: { kind: 'required', label: field.label } }
    const { [field.label]: _, ...rest } = state.values
    return { kind: 'ask', state: next(rest) }
  }
  if (text === '') return { kind: 'ask', state, note: { kind: 'empty' } }
  const result = readValue(field, field.kind === 'text' ? answer.written.trim() : text, field.label)
  if (!result.ok) {
    return {
      kind: 'ask',
      state,
      note: { kind: 'invalid', problem: { kind: result.reason, label: field.label, raw: text } },
    }
  }
  return { kind: 'ask', state: next({ ...state.values, [field.label]: result.value }) }
}

export function isExpired(updatedAt: Date, now: Date): boolean {
  return now.getTime() - updatedAt.getTime() > DIALOGUE_IDLE_MINUTES * 60_000
}
