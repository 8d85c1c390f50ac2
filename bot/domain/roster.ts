// The roster: member units, their report forms, the county's targets and the schedule.
// Pure types and look-ups; loading and validation live in bot/config.ts.

export type FieldKind = 'count' | 'money' | 'text'

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

/** The unit's own fields followed by the common ones (unless the unit redefines them). */
export function formOf(unit: Pick<UnitDef, 'fields'>): FieldDef[] {
  const own = new Set(unit.fields.map((f) => f.label))
  return [...unit.fields, ...COMMON_FIELDS.filter((f) => !own.has(f.label))]
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
