// 销号 XS-2026-0001 [XS-…] 结果 (or 0001, or a reply quoting the clue notice): the responsible
// liaison (or the office) closes clues with a result; each id it may not close is answered.
// 实名不实人 reaches the police's liaisons privately, with the full values.
import { messages } from '../../prompts/messages.ts'
import { codesInText } from '../domain/clue-ids.ts'
import { routingRules } from '../domain/clues/routing.ts'
import { clueLines, liaisonsOf, privately, tellUnit } from '../services/clue-notices.ts'
import { audit, auditClueDisplay, personLabel } from '../store/audit.ts'
import { addHistory, type ClueRecord, updateClue } from '../store/clues.ts'
import type { OutboundDraft } from '../store/outbound.ts'
import { listPeople } from '../store/people.ts'
import { clueForSender, idsAfter } from './clue-common.ts'
import { type Command, type CommandContext, reply } from './types.ts'

const WORD = '销号'
const FAKE_IDENTITY = '实名不实人'
/** The police notice lists this many clues in full (the audit log records exactly those). */
const POLICE_LIST_MAX = 200
/** One message closes at most this many clues (each is looked up and written). */
const IDS_MAX = 200

// A reply quoting the bot's clue notice is a closing result when it reads like one.
const RESULT_WORDS = /关停|停机|冻结|处置|处理|核查|核实|查实|不实|无效|注销|封堵|封禁|办结|销号|已办/

export const clueCloseCommand: Command = {
  name: '销号',
  matches: (text, { quoted }) =>
    text.startsWith(WORD) ||
    (quoted !== undefined && codesInText(quoted).length > 0 && RESULT_WORDS.test(text)),
  async run(ctx) {
    const { codes, rest } = idsAfter(ctx, WORD)
    if (codes.length === 0 && ctx.quoted) return closeQuoted(ctx, rest)
    if (codes.length === 0 || !rest) return [reply(ctx, messages.clueProblem('usage_close'))]
    return closeClues(ctx, codes, ctx.written(rest))
  },
}

/** The clue a quoted notice names: closed when it names exactly one the sender may close. */
async function closeQuoted(ctx: CommandContext, result: string): Promise<OutboundDraft[]> {
  if (!result) return [reply(ctx, messages.clueProblem('usage_close'))]
  const quotedCodes = codesInText(ctx.quoted ?? '')
  const open: string[] = []
  for (const code of quotedCodes) {
    const found = await clueForSender(ctx, code)
    if ('clue' in found && found.clue.status === 'open') open.push(code)
  }
  if (open.length === 1) return closeClues(ctx, open, ctx.written(result))
  const codes = (open.length > 0 ? open : quotedCodes).join('、')
  return [reply(ctx, messages.clueProblem(open.length > 0 ? 'quote_which' : 'quote_none', { codes, result }))]
}

/** Closes what the sender may close; one reply names what was closed and each id refused, and why. */
async function closeClues(ctx: CommandContext, codes: string[], result: string): Promise<OutboundDraft[]> {
  if (codes.length > IDS_MAX) return [reply(ctx, messages.clueProblem('too_many', { max: String(IDS_MAX) }))]
  const clues: ClueRecord[] = []
  const problems: string[] = []
  for (const code of codes) {
    const found = await clueForSender(ctx, code)
    if ('problem' in found) problems.push(found.problem)
    else if (found.clue.status === 'closed') {
      problems.push(messages.clueProblem('closed_already', { code, result: found.clue.result ?? '' }))
    } else clues.push(found.clue)
  }
  const refused = problems.map((p) => `· ${p}`).join('\n')
  if (clues.length === 0) return [reply(ctx, problems.join('\n'))]

  for (const clue of clues) {
    await updateClue(ctx.tx, clue.id, { status: 'closed', result, closedAt: ctx.now })
    await addHistory(ctx.tx, clue.id, 'closed', ctx.sender.name, ctx.now, result)
  }
  const actor = personLabel(ctx.sender)
  const closed = clues.map((c) => c.code).join('、')
  await audit(ctx.tx, { actor, action: 'clue.close', target: closed, detail: result, at: ctx.now })
  const drafts: OutboundDraft[] = []
  let police = ''
  if (result.includes(FAKE_IDENTITY)) {
    const policeKey = routingRules(ctx.units, ctx.roster).kindUnits?.id_card
    const policeUnit = ctx.units.find((u) => u.key === policeKey)
    const officers = policeUnit ? liaisonsOf(await listPeople(ctx.tx), policeUnit.id) : []
    const unitName = ctx.units.find((u) => u.id === clues[0]?.unitId)?.name ?? ctx.sender.name
    const text = messages.cluePoliceNotice({
      unit: unitName,
      lines: clueLines(clues, true, POLICE_LIST_MAX),
      by: ctx.sender.name,
    })
    for (const officer of officers) {
      drafts.push(privately(officer, text))
      const shown = clues.slice(0, POLICE_LIST_MAX).map((c) => c.code)
      await auditClueDisplay(ctx.tx, {
        actor,
        at: ctx.now,
        to: officer,
        codes: shown,
        why: messages.record('why_police_dm'),
      })
    }
    for (const clue of clues) {
      await addHistory(
        ctx.tx,
        clue.id,
        'notified',
        ctx.sender.name,
        ctx.now,
        messages.record('clue_police_notified', { unit: policeUnit?.name ?? messages.word('police') }),
      )
    }
    police = officers.length
      ? messages.label('police_told', { unit: policeUnit?.name ?? '' })
      : messages.label('police_no_liaison', { unit: policeUnit?.name ?? messages.word('police') })
  }
  if (ctx.sender.role === 'office') drafts.push(...(await closedByOffice(ctx, clues, result)))
  const notClosed = refused ? `\n${messages.clueNotDone({ lines: refused })}` : ''
  return [reply(ctx, messages.clueClosed({ codes: closed, result, police }) + notClosed), ...drafts]
}

/** The office closed clues of units: each unit's liaisons are told which, privately. */
async function closedByOffice(
  ctx: CommandContext,
  clues: ClueRecord[],
  result: string,
): Promise<OutboundDraft[]> {
  const people = await listPeople(ctx.tx)
  return ctx.units.flatMap((unit) => {
    const codes = clues.filter((c) => c.unitId === unit.id).map((c) => c.code)
    if (codes.length === 0) return []
    const text = messages.clueClosedByOffice({
      unit: unit.name,
      codes: codes.join('、'),
      by: ctx.sender.name,
      result,
    })
    return tellUnit(people, unit.id, text)
  })
}
