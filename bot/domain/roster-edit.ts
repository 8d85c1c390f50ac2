// Editing the stored units one item at a time (the office's command line). Pure: each edit takes
// units and returns them changed, or throws RosterEditError saying why it cannot be done. The rules
// every roster follows (unique names, valid fields …) are not repeated here: the caller checks the
// result with the roster file's own schema (unitsProblems in bot/config.ts), whatever the edit.
import { messages } from '../../prompts/messages.ts'
import { numericFields } from './bulletin/common.ts'
import {
  COMMON_FIELDS,
  FIELD_KIND_NAMES,
  type FieldDef,
  findUnit,
  formOf,
  nameKey,
  type UnitDef,
} from './roster.ts'

const t = messages.rosterEdit

export class RosterEditError extends Error {
  override name = 'RosterEditError'
}

/** "县网信办（wxb）": a unit as the audit log names it. */
export const unitLabel = (unit: Pick<UnitDef, 'name' | 'key'>) =>
  t('unit_label', { name: unit.name, key: unit.key })

/** The unit with that name or alias. */
export function unitNamed<U extends UnitDef>(units: readonly U[], text: string): U {
  const unit = findUnit(units, text)
  if (!unit) throw new RosterEditError(t('unit_not_found', { name: text }))
  return unit
}

/** The units with one changed in its place (matched by key). */
export function replaceUnit(units: readonly UnitDef[], unit: UnitDef): UnitDef[] {
  return units.map((u) => (u.key === unit.key ? unit : u))
}

/** The units with one put back at the place it had (or last, if the roster has since shrunk). */
export function insertUnit(units: readonly UnitDef[], unit: UnitDef, position: number): UnitDef[] {
  const at = Math.min(Math.max(position, 0), units.length)
  return [...units.slice(0, at), unit, ...units.slice(at)]
}

/**
 * Keys and names the stored deactivated units still hold (the database keeps both unique), so that
 * new or renamed units cannot take them. `retired` are the units that stay deactivated.
 */
export function retiredClashes(units: readonly UnitDef[], retired: readonly UnitDef[]): string[] {
  return retired.flatMap((old) => {
    const again = t('retired_in_use', { name: old.name })
    return [
      ...units.filter((u) => u.key === old.key).map((u) => t('retired_key', { key: u.key, again })),
      ...units
        .filter((u) => nameKey(u.name) === nameKey(old.name))
        .map((u) => t('retired_name', { name: u.name, again })),
    ]
  })
}

/**
 * The numeric fields the roster's targets read (by label) that an edit takes away from a unit that
 * stays: renamed, removed or made text, the unit's figures would silently drop out of the targets.
 */
export function lostTargetFields(
  before: readonly UnitDef[],
  after: readonly UnitDef[],
  targetLabels: readonly string[],
): string[] {
  return after.flatMap((unit) => {
    const old = before.find((u) => u.key === unit.key)
    if (!old) return []
    const kept = numericFields(unit)
    return numericFields(old)
      .filter((label) => targetLabels.includes(label) && !kept.includes(label))
      .map((label) => t('target_field', { unit: unit.name, label }))
  })
}

const isCommon = (label: string) => COMMON_FIELDS.some((f) => nameKey(f.label) === nameKey(label))

/** The field of the unit's form with that label (its own, or a common one). */
export function fieldNamed(unit: UnitDef, label: string): FieldDef {
  const form = formOf(unit)
  const field = form.find((f) => nameKey(f.label) === nameKey(label))
  if (!field)
    throw new RosterEditError(
      t('no_field', { unit: unit.name, label, labels: form.map((f) => f.label).join('、') }),
    )
  return field
}

/** The unit with a new field after its own ones (the common fields stay last). */
export function addField(unit: UnitDef, field: FieldDef): UnitDef {
  if (formOf(unit).some((f) => nameKey(f.label) === nameKey(field.label)))
    throw new RosterEditError(t('field_exists', { unit: unit.name, label: field.label }))
  return { ...unit, fields: [...unit.fields, field] }
}

export interface FieldChanges {
  label?: string
  kind?: string
  required?: boolean
  synonyms?: string[]
}

/**
 * The field as edited, still to be checked (the kind is as typed). A renamed field keeps its old
 * label as a synonym, so that reports written the old way are still read.
 */
export function editedField(field: FieldDef, changes: FieldChanges): Record<keyof FieldDef, unknown> {
  const edited = {
    label: changes.label ?? field.label,
    kind: changes.kind ?? field.kind,
    required: changes.required ?? field.required,
    synonyms: changes.synonyms ?? field.synonyms,
  }
  if (nameKey(edited.label) === nameKey(field.label)) return edited
  if (isCommon(field.label)) throw new RosterEditError(t('common_rename', { label: field.label }))
  const others = edited.synonyms.filter(
    (s) => ![edited.label, field.label].some((l) => nameKey(l) === nameKey(s)),
  )
  return { ...edited, synonyms: [...others, field.label] }
}

/** The unit with a field replaced; a common field edited becomes the unit's own. */
export function replaceField(unit: UnitDef, old: FieldDef, field: FieldDef): UnitDef {
  const own = unit.fields.some((f) => f.label === old.label)
  return {
    ...unit,
    fields: own ? unit.fields.map((f) => (f.label === old.label ? field : f)) : [...unit.fields, field],
  }
}

export function removeField(unit: UnitDef, field: FieldDef): UnitDef {
  if (isCommon(field.label)) throw new RosterEditError(t('common_remove', { label: field.label }))
  return { ...unit, fields: unit.fields.filter((f) => f.label !== field.label) }
}

// ---------------------------------------------------------------------------------------------
// How units and fields read in replies and audit rows.

const list = (items: readonly string[]) => items.join('、') || t('none')

type Attributes<T> = readonly (readonly [name: string, show: (item: T) => string])[]

const UNIT_ATTRIBUTES: Attributes<UnitDef> = [
  [t('name'), (u) => u.name],
  [t('aliases'), (u) => list(u.aliases)],
  [t('duty'), (u) => u.duty || t('none')],
  [t('clues'), (u) => list(u.clues)],
]

const FIELD_ATTRIBUTES: Attributes<FieldDef> = [
  [t('label'), (f) => f.label],
  [t('kind'), (f) => FIELD_KIND_NAMES[f.kind]],
  [t('required'), (f) => (f.required ? t('yes') : t('no'))],
  [t('synonyms'), (f) => list(f.synonyms)],
]

function describe<T>(attributes: Attributes<T>, item: T): string {
  return attributes.map(([name, show]) => t('attribute', { name, value: show(item) })).join('；')
}

/** "名称：县网信办 → 县委网信办" for each attribute that differs; [] when none does. */
function differences<T>(attributes: Attributes<T>, before: T, after: T): string[] {
  return attributes
    .filter(([, show]) => show(before) !== show(after))
    .map(([name, show]) => t('difference', { name, before: show(before), after: show(after) }))
}

export const describeUnit = (unit: UnitDef) => describe(UNIT_ATTRIBUTES, unit)
export const describeField = (field: FieldDef) => describe(FIELD_ATTRIBUTES, field)
export const unitDifferences = (before: UnitDef, after: UnitDef) =>
  differences(UNIT_ATTRIBUTES, before, after)
export const fieldDifferences = (before: FieldDef, after: FieldDef) =>
  differences(FIELD_ATTRIBUTES, before, after)

/**
 * What a roster file changes in a unit, in words ("名称：甲 → 乙", "新增字段：宣传场次", "字段
 * 「拦截封堵数」必填：否 → 是", "字段顺序：…"); [] when its attributes and form are the same.
 */
export function unitChanges(before: UnitDef, after: UnitDef): string[] {
  const out = unitDifferences(before, after)
  const old = new Map(before.fields.map((f) => [f.label, f]))
  const now = new Map(after.fields.map((f) => [f.label, f]))
  const added = after.fields.filter((f) => !old.has(f.label)).map((f) => f.label)
  const removed = before.fields.filter((f) => !now.has(f.label)).map((f) => f.label)
  if (added.length) out.push(t('fields_added', { labels: list(added) }))
  if (removed.length) out.push(t('fields_removed', { labels: list(removed) }))
  for (const f of after.fields) {
    const was = old.get(f.label)
    const d = was ? fieldDifferences(was, f) : []
    if (d.length) out.push(t('field_changed', { label: f.label, differences: d.join('；') }))
  }
  const kept = (fields: readonly FieldDef[]) =>
    fields.filter((f) => old.has(f.label) && now.has(f.label)).map((f) => f.label)
  if (kept(before.fields).join('\n') !== kept(after.fields).join('\n'))
    out.push(t('field_order', { before: list(kept(before.fields)), after: list(kept(after.fields)) }))
  return out
}
