// forms add/edit/remove: the fields of a unit's monthly report form, one at a time.
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

/** `<单位> <标签>`: the unit and the field's label, and nothing more. */
function unitAndLabel(positionals: string[]): [string, string] {
  const [name, label] = positionals
  if (!name || !label) throw new UsageError('请给出单位名和字段标签')
  noMorePositionals(positionals, 2)
  return [name, label]
}

/** A kind change would make the field's stored values read in another unit (3 个 → 3 万元). */
async function checkKindChange(tx: Tx, unit: UnitRecord, before: FieldDef, after: FieldDef): Promise<void> {
  if (after.kind === before.kind) return
  const n = (await reportsWithField(tx, unit.id, before.label)).length
  if (n > 0)
    throw new UsageError(
      `${unit.name} 已有 ${n} 份月报填了「${before.label}」，不能改类型（已填的数值会被误读）；可新增一个字段代替它`,
    )
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
        `${unit.name} 已有 ${clash.length} 份月报含「${after.label}」的数值（如 ${clash[0]?.period}，可能是已删除的字段），不能改名为它`,
      )
    const n = await renameReportField(tx, unit.id, before.label, after.label)
    return n > 0 ? `；已有 ${n} 份月报的该项数值改记在新标签下` : ''
  }
}

export const FORM_COMMANDS: Record<string, CliCommand> = {
  'forms add': {
    usage: 'forms add <单位> --label <标签> --kind count|money|text [--required] [--synonyms 同义词,…]',
    summary: '在单位的月报表单中新增一个字段（排在该单位自己的字段之后、其他工作之前）',
    details: [
      `--kind：${Object.entries(FIELD_KIND_NAMES)
        .map(([k, n]) => `${k} ${n}`)
        .join('、')}；--required 为必填。--synonyms 用逗号分隔。`,
      '标签和同义词在本表单中不能重复（含共有的其他工作、存在问题）。现有表单：units show <单位>。',
    ].join('\n'),
    options: {
      label: { type: 'string' },
      kind: { type: 'string' },
      required: { type: 'boolean' },
      synonyms: { type: 'string' },
    },
    async run(db, { positionals, values }, config) {
      const name = onePositional(positionals, '请给出单位名')
      const checked = checkField({
        label: need(values, 'label'),
        kind: need(values, 'kind'),
        required: values.required === true,
        synonyms: optionalList(values, 'synonyms') ?? [],
      })
      if (!checked.ok) throw new UsageError(checked.problems.join('\n'))
      const { field } = checked
      return changeRoster(db, config, ({ active }) => {
        const unit = addField(unitNamed(active, name), field)
        return {
          units: replaceUnit(active, unit),
          action: 'forms.add',
          unit,
          detail: `新增字段「${field.label}」：${describeField(field)}`,
          reply: `已在 ${unit.name} 的表单中新增字段「${field.label}」：${describeField(field)}`,
        }
      })
    },
  },
  'forms edit': {
    usage:
      'forms edit <单位> <标签> [--label 新标签] [--kind count|money|text] [--required | --optional] [--synonyms 同义词,…]',
    summary: '修改表单中的一个字段：标签、类型、是否必填、同义词',
    details: [
      '改标签时，原标签自动保留为同义词，该单位已有月报中的数值改记在新标签下（通报、导出照常）。',
      '已有月报填过的字段不能改类型（已填的数值会被误读），可新增字段代替；名册年度目标用到的字段不能改名或改为文字。',
      '--synonyms 替换全部同义词（给空值即清空）。共有字段（其他工作、存在问题）可改必填和同义词，不能改名。',
    ].join('\n'),
    options: {
      label: { type: 'string' },
      kind: { type: 'string' },
      required: { type: 'boolean' },
      optional: { type: 'boolean' },
      synonyms: { type: 'string' },
    },
    async run(db, { positionals, values }, config) {
      const [name, label] = unitAndLabel(positionals)
      if (values.required && values.optional) throw new UsageError('--required 和 --optional 只能给一个')
      const changes: FieldChanges = given({
        label: optional(values, 'label'),
        kind: optional(values, 'kind'),
        required: values.required ? true : values.optional ? false : undefined,
        synonyms: optionalList(values, 'synonyms'),
      })
      if (Object.keys(changes).length === 0)
        throw new UsageError('请给出要修改的项：--label、--kind、--required/--optional 或 --synonyms')
      return changeRoster(db, config, async ({ tx, active }) => {
        const unit = unitNamed(active, name)
        const before = fieldNamed(unit, label)
        const checked = checkField(editedField(before, changes))
        if (!checked.ok) throw new UsageError(checked.problems.join('\n'))
        const after = checked.field
        await checkKindChange(tx, unit, before, after)
        const differences = fieldDifferences(before, after).join('；')
        const detail = differences && `字段「${before.label}」：${differences}`
        return {
          units: replaceUnit(active, replaceField(unit, before, after)),
          action: 'forms.edit',
          unit,
          detail,
          reply: `已修改 ${unit.name} 的${detail}`,
          also: renameStoredValues(unit, before, after),
        }
      })
    },
  },
  'forms remove': {
    usage: 'forms remove <单位> <标签>',
    summary: '从表单中删除一个字段（已有月报中的数值保留，导出月报时仍在）',
    details: '共有字段（其他工作、存在问题）不能删除；名册年度目标用到的字段不能删除。',
    async run(db, { positionals }, config) {
      const [name, label] = unitAndLabel(positionals)
      return changeRoster(db, config, async ({ tx, active }) => {
        const unit = unitNamed(active, name)
        const field = fieldNamed(unit, label)
        const stored = (await reportsWithField(tx, unit.id, field.label)).length
        const kept = stored ? `；已有 ${stored} 份月报中的该项数值保留（导出月报时仍在），不再计入通报` : ''
        return {
          units: replaceUnit(active, removeField(unit, field)),
          action: 'forms.remove',
          unit,
          detail: `删除字段「${field.label}」${kept}`,
          reply: `已从 ${unit.name} 的表单删除字段「${field.label}」${kept}`,
        }
      })
    },
  },
}
