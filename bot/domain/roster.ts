// The roster's member units and their report forms: pure types and look-ups. The whole roster's
// type is in roster-types.ts; loading and validation live in bot/config.ts.

export const FIELD_KINDS = ['count', 'money', 'text'] as const

export type FieldKind = (typeof FIELD_KINDS)[number]

export const FIELD_KIND_NAMES: Readonly<Record<FieldKind, string>> = {
  count: '整数',
  money: '金额(万元)',
  text: '文字',
}

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
  /** The kinds of clue the unit checks (clues/kinds.ts: UNIT_CLUE_KINDS), as the roster's `clues:` lists them. */
  clues: string[]
  fields: FieldDef[]
}

/** Fields every unit's form has in addition to its own. */
export const COMMON_FIELDS: readonly FieldDef[] = [
  { label: '其他工作', kind: 'text', required: false, synonyms: ['其他', '其它工作'] },
  { label: '存在问题', kind: 'text', required: false, synonyms: ['问题', '困难问题'] },
]

const COMMON_LABELS = new Set(COMMON_FIELDS.map((f) => f.label))
const FORMS = new WeakMap<readonly FieldDef[], readonly FieldDef[]>()

/**
 * The unit's own fields, then the common ones, each as the unit redefines it if it does (so that
 * making 存在问题 required does not move it).
 */
export function formOf(unit: Pick<UnitDef, 'fields'>): readonly FieldDef[] {
  // A frozen field list (the store's records) cannot change: its form is built once, and being the
  // same array each time, it keys the parser's per-form caches (prose.ts, report-parser.ts).
  const frozen = Object.isFrozen(unit.fields)
  const cached = frozen ? FORMS.get(unit.fields) : undefined
  if (cached) return cached
  const own = unit.fields.filter((f) => !COMMON_LABELS.has(f.label))
  const form = [...own, ...COMMON_FIELDS.map((c) => unit.fields.find((f) => f.label === c.label) ?? c)]
  if (frozen) FORMS.set(unit.fields, Object.freeze(form))
  return form
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
