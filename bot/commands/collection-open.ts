// 征集 防范宣传材料 12月10日前 全体 (or unit names): the office opens a collection for this year; one
// group notice mentions the liaisons of the units that owe it.
import { messages } from '../../prompts/messages.ts'
import { dueDayLabel, parseDueDate } from '../domain/due-date.ts'
import { toLocal } from '../domain/period.ts'
import { findUnit } from '../domain/roster.ts'
import { ANSWER_KINDS } from '../domain/roster-types.ts'
import { liaisonsOf, mentionOf } from '../services/clue-notices.ts'
import { acceptsLabel, named } from '../services/collections.ts'
import { createCollection } from '../store/collections.ts'
import { listPeople } from '../store/people.ts'
import type { UnitRecord } from '../store/units.ts'
import { collectionsNow } from './collection-common.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['征集']
const ALL = ['全体', '全部', '各单位', '全体单位', '全体成员单位']
const NAME_MAX = 40

export const collectionOpenCommand: Command = {
  name: '征集',
  matches: (text) => startsWithWord(text, WORDS) !== undefined,
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '征集' }))]
    const args = startsWithWord(ctx.text, WORDS) ?? ''
    const usage = messages.collectionProblem('usage_open')
    const date = parseDueDate(args, ctx.now)
    if (!args) return [reply(ctx, usage)]
    if (!date) return [reply(ctx, `${messages.collectionProblem('no_due')}\n${usage}`)]
    if (!date.ok) {
      const kind = date.reason === 'past' ? 'past_due' : 'bad_date'
      return [reply(ctx, `${messages.collectionProblem(kind, { text: date.matched.trim() })}\n${usage}`)]
    }
    const cut = args.lastIndexOf(date.matched)
    const name = args.slice(0, cut).trim()
    const unitText = args.slice(cut + date.matched.length).trim()
    if (!name) return [reply(ctx, `${messages.collectionProblem('no_name')}\n${usage}`)]
    if (name.length > NAME_MAX)
      return [reply(ctx, messages.collectionProblem('name_too_long', { length: name.length, max: NAME_MAX }))]
    const units = unitsIn(unitText, ctx.units)
    if (!units) return [reply(ctx, `${messages.collectionProblem('no_units')}\n${usage}`)]
    const existing = named(await collectionsNow(ctx), name)
    if (existing && existing.name === name)
      return [
        reply(ctx, messages.collectionProblem('exists', { name, due: dueDayLabel(existing.dueAt, ctx.now) })),
      ]
    await createCollection(ctx.tx, {
      year: toLocal(ctx.now).year,
      name,
      dueAt: date.due,
      accepts: ANSWER_KINDS,
      source: 'chat',
      createdBy: ctx.sender.name,
      now: ctx.now,
      unitIds: units.map((u) => u.id),
    })
    const people = await listPeople(ctx.tx)
    const text = messages.collectionOpened({
      name,
      units:
        units.length === ctx.units.length
          ? messages.label('collection_all_units')
          : units.map((u) => u.name).join('、'),
      due: dueDayLabel(date.due, ctx.now),
      accepts: acceptsLabel(ANSWER_KINDS),
    })
    const mentions = units.flatMap((u) => liaisonsOf(people, u.id).map(mentionOf))
    return [
      { to: { chat: 'room', roomTopic: ctx.roomTopic }, text, mentions },
      ...(ctx.inbound.chat === 'dm' ? [reply(ctx, text)] : []),
    ]
  },
}

/** 全体, or unit names; undefined when a name is not a unit or none is given. */
function unitsIn(text: string, all: readonly UnitRecord[]): UnitRecord[] | undefined {
  const tokens = text.split(/[\s、，,；;]+/).filter(Boolean)
  if (tokens.length === 0) return undefined
  const chosen = new Set<UnitRecord>()
  for (const token of tokens) {
    if (ALL.includes(token)) for (const u of all) chosen.add(u)
    else {
      const unit = findUnit(all, token)
      if (!unit) return undefined
      chosen.add(unit)
    }
  }
  return all.filter((u) => chosen.has(u))
}
