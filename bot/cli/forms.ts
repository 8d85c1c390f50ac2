// forms add/edit/remove: the fields of a unit's monthly report form, one at a time.
import { messages } from '../../prompts/messages.ts'
import { checkField } from '../config.ts'
import { FIELD_KIND_NAMES, type FieldDef } from '../domain/roster.ts'
import {
  addField,
  describeField,
  editedField,
  type FieldChanges,
  fieldDifferences,
  fieldNamed,
  removeField,
  replaceField,
  replaceUnit,
  unitNamed,
} from '../domain/roster-edit.ts'
import type { Tx } from '../store/db.ts'
import { renameReportField, reportsWithField } from '../store/submissions.ts'
import type { UnitRecord } from '../store/units.ts'
import {
  type CliCommand,
  given,
  need,
  noMorePositionals,
  onePositional,
  optional,
  optionalList,
  UsageError,
} from './command.ts'
import { changeRoster, type RosterChange } from './roster-change.ts'

const t = messages.cliForms

/** `<单位> <标签>`: the unit and the field's label, and nothing more. */
function unitAndLabel(positionals: string[]): [string, string] {
  const [name, label] = positionals
  if (!name || !label) throw new UsageError(t('need_unit_and_label'))
  noMorePositionals(positionals, 2)
  return [name, label]
}

/** A kind change would make the field's stored values read in another unit (3 个 → 3 万元). */
async function checkKindChange(tx: Tx, unit: UnitRecord, before: FieldDef, after: FieldDef): Promise<void> {
  if (after.kind === before.kind) return
  const n = (await reportsWithField(tx, unit.id, before.label)).length
  if (n > 0) throw new UsageError(t('kind_in_use', { unit: unit.name, count: n, label: before.label }))
}

/**
 * A renamed field takes its stored values along, unless reports already hold the new label. Runs
 * after the form is checked, so that a label taken in the form is reported as such.
 */
function renameStoredValues(unit: UnitRecord, before: FieldDef, after: FieldDef): RosterChange['also'] {
  if (after.label === before.label) return undefined
  return async (tx) => {
    const clash = await reportsWithField(tx, unit.id, after.label)
    if (clash.length > 0)
      throw new UsageError(
        t('label_in_use', {
          unit: unit.name,
          count: clash.length,
          label: after.label,
          period: String(clash[0]?.period),
        }),
      )
    const n = await renameReportField(tx, unit.id, before.label, after.label)
    return n > 0 ? t('renamed_values', { count: n }) : ''
  }
}

export const FORM_COMMANDS: Record<string, CliCommand> = {
  'forms add': {
    usage: t('add_usage'),
    summary: t('add_summary'),
    details: t('add_details', {
      kinds: Object.entries(FIELD_KIND_NAMES)
        .map(([k, n]) => t('kind_item', { code: k, name: n }))
        .join('、'),
    }),
    options: {
      label: { type: 'string' },
      kind: { type: 'string' },
      required: { type: 'boolean' },
      synonyms: { type: 'string' },
    },
    async run(db, { positionals, values }, _config, roster) {
      const name = onePositional(positionals, t('need_unit'))
      const checked = checkField({
        label: need(values, 'label'),
        kind: need(values, 'kind'),
        required: values.required === true,
        synonyms: optionalList(values, 'synonyms') ?? [],
      })
      if (!checked.ok) throw new UsageError(checked.problems.join('\n'))
      const { field } = checked
      return changeRoster(db, roster, ({ active }) => {
        const unit = addField(unitNamed(active, name), field)
        return {
          units: replaceUnit(active, unit),
          action: 'forms.add',
          unit,
          detail: t('add_detail', { label: field.label, description: describeField(field) }),
          reply: t('added', { unit: unit.name, label: field.label, description: describeField(field) }),
        }
      })
    },
  },
  'forms edit': {
    usage: t('edit_usage'),
    summary: t('edit_summary'),
    details: t('edit_details'),
    options: {
      label: { type: 'string' },
      kind: { type: 'string' },
      required: { type: 'boolean' },
      optional: { type: 'boolean' },
      synonyms: { type: 'string' },
    },
    async run(db, { positionals, values }, _config, roster) {
      const [name, label] = unitAndLabel(positionals)
      if (values.required && values.optional) throw new UsageError(t('required_or_optional'))
      const changes: FieldChanges = given({
        label: optional(values, 'label'),
        kind: optional(values, 'kind'),
        required: values.required ? true : values.optional ? false : undefined,
        synonyms: optionalList(values, 'synonyms'),
      })
      if (Object.keys(changes).length === 0) throw new UsageError(t('edit_nothing'))
      return changeRoster(db, roster, async ({ tx, active }) => {
        const unit = unitNamed(active, name)
        const before = fieldNamed(unit, label)
        const checked = checkField(editedField(before, changes))
        if (!checked.ok) throw new UsageError(checked.problems.join('\n'))
        const after = checked.field
        await checkKindChange(tx, unit, before, after)
        const differences = fieldDifferences(before, after).join('；')
        const detail = differences && t('edit_detail', { label: before.label, differences })
        return {
          units: replaceUnit(active, replaceField(unit, before, after)),
          action: 'forms.edit',
          unit,
          detail,
          reply: t('edited', { unit: unit.name, detail }),
          also: renameStoredValues(unit, before, after),
        }
      })
    },
  },
  'forms remove': {
    usage: t('remove_usage'),
    summary: t('remove_summary'),
    details: t('remove_details'),
    async run(db, { positionals }, _config, roster) {
      const [name, label] = unitAndLabel(positionals)
      return changeRoster(db, roster, async ({ tx, active }) => {
        const unit = unitNamed(active, name)
        const field = fieldNamed(unit, label)
        const stored = (await reportsWithField(tx, unit.id, field.label)).length
        const kept = stored ? t('values_kept', { count: stored }) : ''
        return {
          units: replaceUnit(active, removeField(unit, field)),
          action: 'forms.remove',
          unit,
          detail: t('remove_detail', { label: field.label, kept }),
          reply: t('removed', { unit: unit.name, label: field.label, kept }),
        }
      })
    },
  },
}
