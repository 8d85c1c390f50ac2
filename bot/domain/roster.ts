// The roster: member units, their report forms, the county's targets and the schedule.
// Pure types and look-ups; loading and validation live in bot/config.ts.
import { CLUE_KINDS } from './clues/classify.ts'

export const FIELD_KINDS = ['count', 'money', 'text'] as const

export type FieldKind = (typeof FIELD_KINDS)[number]

export const FIELD_KIND_NAMES: Readonly<Record<FieldKind, string>> = {
  count: '整数',
  money: '金额(万元)',
  text: '文字',
}

/**
 * What a unit's `clues:` may list: the kinds the classifier routes, and `person`, which the roster
 * lists for 县公安局 although no clue is classified so (it routes nothing). `unclear` is not among
 * them: an unclear clue waits for the office to assign it.
 */
export const UNIT_CLUE_KINDS: readonly string[] = [...CLUE_KINDS.filter((k) => k !== 'unclear'), 'person']

export interface FieldDef {
  label: string
  kind: FieldKind
  required: boolean
  synonyms: string[]
}

export interface UnitDef {
  key: string
  name: string
  aliases: string[]
  duty: string
  clueKinds: string[]
  fields: FieldDef[]
}

/** Fields every unit's form has in addition to its own. */
export const COMMON_FIELDS: readonly FieldDef[] = [
  { label: '其他工作', kind: 'text', required: false, synonyms: ['其他', '其它工作'] },
  { label: '存在问题', kind: 'text', required: false, synonyms: ['问题', '困难问题'] },
]

/**
 * The unit's own fields, then the common ones, each as the unit redefines it if it does (so that
 * making 存在问题 required does not move it).
 */
export function formOf(unit: Pick<UnitDef, 'fields'>): FieldDef[] {
  const common = new Set(COMMON_FIELDS.map((f) => f.label))
  const own = unit.fields.filter((f) => !common.has(f.label))
  return [...own, ...COMMON_FIELDS.map((c) => unit.fields.find((f) => f.label === c.label) ?? c)]
}

/** Normalizes a name for comparison: width, case and spacing do not matter. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

/** Finds a unit by canonical name or alias. */
export function findUnit<U extends Pick<UnitDef, 'name' | 'aliases'>>(
  units: readonly U[],
  text: string,
): U | undefined {
  const wanted = nameKey(text)
  if (!wanted) return undefined
  return units.find((u) => nameKey(u.name) === wanted || u.aliases.some((a) => nameKey(a) === wanted))
}
