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

/** "  拦截封堵数  整数  必填  同义：封堵数、拦截数": a form field as `units show` lists it. */
function fieldLine(f: FieldDef): string {
  const synonyms = f.synonyms.length ? `  同义：${f.synonyms.join('、')}` : ''
  return `  ${f.label}  ${FIELD_KIND_NAMES[f.kind]}${f.required ? '  必填' : ''}${synonyms}`
}

/** The clue kinds as --help lists them: 「phone（手机号）」. */
const KIND_LIST = UNIT_CLUE_KINDS.map((k) => `${k}（${messages.clueKind(k)}）`).join('、')

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
    liaisons.length ? `\n联络员 ${liaisons.join('、')} 的绑定保留，重新启用前没有报送权限。` : '',
    codes.length
      ? `\n该单位还有 ${codes.length} 条在办线索，请在群里改派（分派 编号 单位）：${codes.join('、')}`
      : '',
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
          const words = [...(revived ? ['重新启用'] : []), ...unitChanges(named(was), named(u))]
          // the rest is only its place in the roster (units added or removed before it)
          if (words.length === 0) moved.push(u.name)
          return words.length ? [`  ${was.name}：${words.join('；')}`] : []
        })
      if (moved.length) changed.push(`  名册中的顺序（仅位置变化）：${moved.join('、')}`)
      const lines = [
        `新增 ${r.added.length} 个：${r.added.join('、') || '无'}`,
        `修改 ${r.updated.length} 个：${changed.length ? `\n${changed.join('\n')}` : '无'}`,
        `停用 ${r.deactivated.length} 个：${r.deactivated.join('、') || '无'}`,
      ]
      const plan = lines.join('\n')
      if (dryRun) throw new DryRun(plan)
      await audit(tx, {
        actor: cliActor(),
        action: 'units.import',
        target: resolve(file),
        detail: `${units.length} 个单位；新增 ${r.added.join('、') || '无'}；修改 ${r.updated.join('、') || '无'}；停用 ${r.deactivated.join('、') || '无'}`,
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
    summary: '列出成员单位及其联络员（--all 含已停用的单位）',
    options: { all: { type: 'boolean' } },
    async run(db, { positionals, values }) {
      noMorePositionals(positionals, 0)
      const people = await listPeople(db)
      const line = (u: UnitRecord, state = '') => {
        const liaisons = people.filter((p) => p.unitId === u.id).map((p) => p.name)
        return `${u.name}（${u.key}）${state}别名：${u.aliases.join('、') || '无'}；联络员：${liaisons.join('、') || '未绑定'}`
      }
      const retired = values.all ? await listRetiredUnits(db) : []
      return [
        ...(await listUnits(db)).map((u) => line(u)),
        ...retired.map((u) => line(u, '【已停用】')),
      ].join('\n')
    },
  },
  'units show': {
    usage: 'units show <单位名或别名>',
    summary: '显示一个单位的职责、线索类型和月报表单',
    async run(db, { positionals }) {
      const name = positionals.join(' ')
      if (!name) throw new UsageError('请给出单位名')
      const unit = findUnit(await listUnits(db), name)
      if (!unit) throw new UsageError(`找不到单位「${name}」`)
      return [
        `${unit.name}（${unit.key}）`,
        `别名：${unit.aliases.join('、') || '无'}`,
        `职责：${unit.duty}`,
        `线索类型：${unit.clues.map(messages.clueKind).join('、') || '无'}`,
        '表单：',
        ...formOf(unit).map(fieldLine),
      ].join('\n')
    },
  },
  'units import': {
    usage: 'units import <roster.yaml> [--dry-run]',
    summary: '按名册文件新增/修改单位与表单（名册中没有的单位停用，历史保留）',
    options: { 'dry-run': { type: 'boolean' } },
    async run(db, { positionals, values }) {
      const file = positionals[0]
      if (!file) throw new UsageError('请给出名册文件路径')
      const roster = loadRoster(file)
      const dryRun = values['dry-run'] === true
      const plan = await importUnits(db, roster.units, file, dryRun)
      return dryRun
        ? `名册有效：${roster.units.length} 个单位。导入将：\n${plan}\n（试运行，未做任何修改）`
        : `已导入 ${file}：\n${plan}`
    },
  },
  'units add': {
    usage: 'units add --key <key> --name <名称> [--alias 别名,…] [--duty 职责] [--clues 线索类型,…]',
    summary: '新增一个成员单位（表单先只有共有的其他工作、存在问题，再用 forms add 添加字段）',
    details: [
      'key 只能用小写字母、数字和 _，新增后不能修改；名称、别名不能与其他单位重复，key 和名称也不能用已停用单位的。',
      `--alias、--clues 用逗号分隔。线索类型（该单位落查的线索，代码或中文名）：${KIND_LIST}。`,
      '校验规则与 units import 相同；有问题时不做任何修改。',
    ].join('\n'),
    options: {
      key: { type: 'string' },
      name: { type: 'string' },
      alias: { type: 'string' },
      duty: { type: 'string' },
      clues: { type: 'string' },
    },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const unit: UnitDef = {
        key: need(values, 'key'),
        name: need(values, 'name'),
        aliases: optionalList(values, 'alias') ?? [],
        duty: optional(values, 'duty') ?? '',
        clues: clueKindsOption(values) ?? [],
        fields: [],
      }
      return changeRoster(db, config, ({ active }) => ({
        units: [...active, unit],
        action: 'units.add',
        unit,
        detail: describeUnit(named(unit)),
        reply: `已新增单位 ${unitLabel(unit)}：${describeUnit(named(unit))}\n表单：${formOf(unit)
          .map((f) => f.label)
          .join('、')}（用 forms add 添加字段）`,
      }))
    },
  },
  'units edit': {
    usage: 'units edit <单位> [--name 名称] [--alias 别名,…] [--duty 职责] [--clues 线索类型,…]',
    summary: '修改一个单位的名称、别名、职责或落查的线索类型（给出的项整体替换）',
    details: [
      '--alias、--clues 用逗号分隔，替换原有的全部别名/线索类型；给空值（--alias ""）即清空。',
      `线索类型：${KIND_LIST}。key 不能修改。校验规则与 units import 相同；有问题时不做任何修改。`,
    ].join('\n'),
    options: {
      name: { type: 'string' },
      alias: { type: 'string' },
      duty: { type: 'string' },
      clues: { type: 'string' },
    },
    async run(db, { positionals, values }, config) {
      const name = onePositional(positionals, '请给出单位名')
      const changes = given({
        name: optional(values, 'name'),
        aliases: optionalList(values, 'alias'),
        duty: optional(values, 'duty'),
        clues: clueKindsOption(values),
      })
      if (Object.keys(changes).length === 0)
        throw new UsageError('请给出要修改的项：--name、--alias、--duty 或 --clues')
      return changeRoster(db, config, ({ active }) => {
        const before = unitNamed(active, name)
        const after = { ...before, ...changes }
        const detail = unitDifferences(named(before), named(after)).join('；')
        return {
          units: replaceUnit(active, after),
          action: 'units.edit',
          unit: after,
          detail,
          reply: `已修改 ${unitLabel(before)}：${detail}`,
        }
      })
    },
  },
  'units deactivate': {
    usage: 'units deactivate <单位>',
    summary: '停用一个单位：不再催报、不列入通报，历史月报和线索保留（可重新启用）',
    async run(db, { positionals }, config) {
      const name = onePositional(positionals, '请给出单位名')
      return changeRoster(db, config, async ({ tx, active }) => {
        const unit = unitNamed(active, name)
        return {
          units: active.filter((u) => u.key !== unit.key),
          action: 'units.deactivate',
          unit,
          detail: '停用（历史数据保留）',
          reply: `已停用 ${unitLabel(unit)}：不再催报、不列入通报，历史月报和线索保留；重新启用：units activate ${unit.name}${await deactivationNotes(tx, unit)}`,
        }
      })
    },
  },
  'units activate': {
    usage: 'units activate <单位>',
    summary: '重新启用一个已停用的单位（放回原来的位置，表单和联络员照旧）',
    async run(db, { positionals }, config) {
      const name = onePositional(positionals, '请给出单位名')
      return changeRoster(db, config, ({ active, retired }) => {
        const unit = findUnit(retired, name)
        if (!unit)
          throw new UsageError(
            findUnit(active, name)
              ? `单位「${name}」没有停用`
              : `找不到已停用的单位「${name}」（units list --all 可查看）`,
          )
        return {
          units: insertUnit(active, unit, unit.position),
          action: 'units.activate',
          unit,
          detail: '重新启用',
          reply: `已重新启用 ${unitLabel(unit)}`,
        }
      })
    },
  },
}
