// units list/show/import/add/edit/deactivate/activate: the member units, as the office keeps them.
import { resolve } from 'node:path'
import { messages } from '../../prompts/messages.ts'
import { loadRoster } from '../config.ts'
import { UNIT_CLUE_KINDS } from '../domain/clues/kinds.ts'
import { FIELD_KIND_NAMES, type FieldDef, findUnit, formOf, type UnitDef } from '../domain/roster.ts'
import {
  describeUnit,
  insertUnit,
  replaceUnit,
  unitChanges,
  unitDifferences,
  unitLabel,
  unitNamed,
} from '../domain/roster-edit.ts'
import { audit } from '../store/audit.ts'
import { openCluesOfUnit } from '../store/clues.ts'
import { type Db, type Tx, writeTransaction } from '../store/db.ts'
import { listPeople } from '../store/people.ts'
import { applyUnits, listRetiredUnits, listUnits, type UnitRecord } from '../store/units.ts'
import {
  type Args,
  type CliCommand,
  cliActor,
  given,
  need,
  noMorePositionals,
  onePositional,
  optional,
  optionalList,
  UsageError,
} from './command.ts'
import { changeRoster } from './roster-change.ts'

const t = messages.cliUnits

/** "  拦截封堵数  整数  必填  同义：封堵数、拦截数": a form field as `units show` lists it. */
function fieldLine(f: FieldDef): string {
  const synonyms = f.synonyms.length ? t('field_synonyms', { synonyms: f.synonyms.join('、') }) : ''
  const required = f.required ? t('field_required') : ''
  return t('field_line', { label: f.label, kind: FIELD_KIND_NAMES[f.kind], required, synonyms })
}

/** The clue kinds as --help lists them: 「phone（手机号）」. */
const KIND_LIST = UNIT_CLUE_KINDS.map((k) => t('kind_item', { code: k, name: messages.clueKind(k) })).join(
  '、',
)

/** The unit with its clue kinds by their Chinese names, for replies and audit rows. */
const named = (u: UnitDef): UnitDef => ({ ...u, clues: u.clues.map(messages.clueKind) })

/** --clues: codes or their Chinese names (银行卡 → bank_card); unknown words are left for the roster's check. */
function clueKindsOption(values: Args['values']): string[] | undefined {
  const byName = new Map(UNIT_CLUE_KINDS.map((k) => [messages.clueKind(k), k]))
  return optionalList(values, 'clues')?.map((k) => byName.get(k) ?? k)
}

/** What a deactivated unit leaves behind: its liaisons' rights and its open clues. */
async function deactivationNotes(tx: Tx, unit: UnitRecord): Promise<string> {
  const liaisons = (await listPeople(tx)).filter((p) => p.unitId === unit.id).map((p) => p.name)
  const open = await openCluesOfUnit(tx, unit.id)
  const codes = open.map((c) => c.code)
  return [
    liaisons.length ? t('deactivated_liaisons', { names: liaisons.join('、') }) : '',
    codes.length ? t('deactivated_clues', { count: codes.length, codes: codes.join('、') }) : '',
  ].join('')
}

/** Thrown to roll back a dry run's import once it has said what it did. */
class DryRun extends Error {
  constructor(readonly plan: string) {
    super('dry run')
  }
}

/**
 * Imports a roster file's units and says what it did, unit by unit: additions, modifications with
 * what changed, deactivations. A dry run does the very same import in a transaction it rolls back,
 * so that what it prints is exactly what the import will do.
 */
async function importUnits(db: Db, units: UnitDef[], file: string, dryRun: boolean): Promise<string> {
  try {
    return await writeTransaction(db, async (tx) => {
      const retired = await listRetiredUnits(tx)
      const before = [...(await listUnits(tx)), ...retired]
      const r = await applyUnits(tx, units)
      const moved: string[] = []
      const changed = units
        .filter((u) => r.updated.includes(u.name))
        .flatMap((u) => {
          const was = before.find((b) => b.key === u.key) as UnitRecord
          const revived = retired.some((x) => x.key === u.key)
          const words = [...(revived ? [t('revived')] : []), ...unitChanges(named(was), named(u))]
          // the rest is only its place in the roster (units added or removed before it)
          if (words.length === 0) moved.push(u.name)
          return words.length ? [t('changed_unit', { name: was.name, words: words.join('；') })] : []
        })
      if (moved.length) changed.push(t('moved_only', { names: moved.join('、') }))
      const none = t('none')
      const lines = [
        t('added', { count: r.added.length, names: r.added.join('、') || none }),
        t('updated', { count: r.updated.length, changed: changed.length ? `\n${changed.join('\n')}` : none }),
        t('deactivated', { count: r.deactivated.length, names: r.deactivated.join('、') || none }),
      ]
      const plan = lines.join('\n')
      if (dryRun) throw new DryRun(plan)
      await audit(tx, {
        actor: cliActor(),
        action: 'units.import',
        target: resolve(file),
        detail: t('import_detail', {
          count: units.length,
          added: r.added.join('、') || none,
          updated: r.updated.join('、') || none,
          deactivated: r.deactivated.join('、') || none,
        }),
        at: new Date(),
      })
      return plan
    })
  } catch (e) {
    if (e instanceof DryRun) return e.plan
    throw e
  }
}

export const UNIT_COMMANDS: Record<string, CliCommand> = {
  'units list': {
    usage: 'units list [--all]',
    summary: t('list_summary'),
    options: { all: { type: 'boolean' } },
    async run(db, { positionals, values }) {
      noMorePositionals(positionals, 0)
      const people = await listPeople(db)
      const line = (u: UnitRecord, state = '') => {
        const liaisons = people.filter((p) => p.unitId === u.id).map((p) => p.name)
        const aliases = u.aliases.join('、') || t('none')
        return t('list_line', {
          name: u.name,
          key: u.key,
          state,
          aliases,
          liaisons: liaisons.join('、') || t('list_unbound'),
        })
      }
      const retired = values.all ? await listRetiredUnits(db) : []
      return [
        ...(await listUnits(db)).map((u) => line(u)),
        ...retired.map((u) => line(u, t('list_retired'))),
      ].join('\n')
    },
  },
  'units show': {
    usage: t('show_usage'),
    summary: t('show_summary'),
    async run(db, { positionals }) {
      const name = positionals.join(' ')
      if (!name) throw new UsageError(t('need_unit'))
      const unit = findUnit(await listUnits(db), name)
      if (!unit) throw new UsageError(t('unit_not_found', { name }))
      return [
        t('show_name', { name: unit.name, key: unit.key }),
        t('show_aliases', { aliases: unit.aliases.join('、') || t('none') }),
        t('show_duty', { duty: unit.duty }),
        t('show_clues', { clues: unit.clues.map(messages.clueKind).join('、') || t('none') }),
        t('show_form'),
        ...formOf(unit).map(fieldLine),
      ].join('\n')
    },
  },
  'units import': {
    usage: 'units import <roster.yaml> [--dry-run]',
    summary: t('import_summary'),
    options: { 'dry-run': { type: 'boolean' } },
    async run(db, { positionals, values }) {
      const file = positionals[0]
      if (!file) throw new UsageError(t('import_need_file'))
      const roster = loadRoster(file)
      const dryRun = values['dry-run'] === true
      const plan = await importUnits(db, roster.units, file, dryRun)
      return dryRun
        ? t('import_dry_run', { count: roster.units.length, plan })
        : t('imported', { file, plan })
    },
  },
  'units add': {
    usage: t('add_usage'),
    summary: t('add_summary'),
    details: t('add_details', { kinds: KIND_LIST }),
    options: {
      key: { type: 'string' },
      name: { type: 'string' },
      alias: { type: 'string' },
      duty: { type: 'string' },
      clues: { type: 'string' },
    },
    async run(db, { positionals, values }, _config, roster) {
      noMorePositionals(positionals, 0)
      const unit: UnitDef = {
        key: need(values, 'key'),
        name: need(values, 'name'),
        aliases: optionalList(values, 'alias') ?? [],
        duty: optional(values, 'duty') ?? '',
        clues: clueKindsOption(values) ?? [],
        fields: [],
      }
      return changeRoster(db, roster, ({ active }) => ({
        units: [...active, unit],
        action: 'units.add',
        unit,
        detail: describeUnit(named(unit)),
        reply: t('added_unit', {
          unit: unitLabel(unit),
          description: describeUnit(named(unit)),
          form: formOf(unit)
            .map((f) => f.label)
            .join('、'),
        }),
      }))
    },
  },
  'units edit': {
    usage: t('edit_usage'),
    summary: t('edit_summary'),
    details: t('edit_details', { kinds: KIND_LIST }),
    options: {
      name: { type: 'string' },
      alias: { type: 'string' },
      duty: { type: 'string' },
      clues: { type: 'string' },
    },
    async run(db, { positionals, values }, _config, roster) {
      const name = onePositional(positionals, t('need_unit'))
      const changes = given({
        name: optional(values, 'name'),
        aliases: optionalList(values, 'alias'),
        duty: optional(values, 'duty'),
        clues: clueKindsOption(values),
      })
      if (Object.keys(changes).length === 0) throw new UsageError(t('edit_nothing'))
      return changeRoster(db, roster, ({ active }) => {
        const before = unitNamed(active, name)
        const after = { ...before, ...changes }
        const detail = unitDifferences(named(before), named(after)).join('；')
        return {
          units: replaceUnit(active, after),
          action: 'units.edit',
          unit: after,
          detail,
          reply: t('edited', { unit: unitLabel(before), detail }),
        }
      })
    },
  },
  'units deactivate': {
    usage: t('deactivate_usage'),
    summary: t('deactivate_summary'),
    async run(db, { positionals }, _config, roster) {
      const name = onePositional(positionals, t('need_unit'))
      return changeRoster(db, roster, async ({ tx, active }) => {
        const unit = unitNamed(active, name)
        return {
          units: active.filter((u) => u.key !== unit.key),
          action: 'units.deactivate',
          unit,
          detail: t('deactivate_detail'),
          reply: t('deactivated_unit', {
            unit: unitLabel(unit),
            name: unit.name,
            notes: await deactivationNotes(tx, unit),
          }),
        }
      })
    },
  },
  'units activate': {
    usage: t('activate_usage'),
    summary: t('activate_summary'),
    async run(db, { positionals }, _config, roster) {
      const name = onePositional(positionals, t('need_unit'))
      return changeRoster(db, roster, ({ active, retired }) => {
        const unit = findUnit(retired, name)
        if (!unit)
          throw new UsageError(
            findUnit(active, name) ? t('not_deactivated', { name }) : t('retired_not_found', { name }),
          )
        return {
          units: insertUnit(active, unit, unit.position),
          action: 'units.activate',
          unit,
          detail: t('activate_detail'),
          reply: t('activated', { unit: unitLabel(unit) }),
        }
      })
    },
  },
}
