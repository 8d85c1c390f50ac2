// `npm run cli -- <command>`: what the office does outside the chat (units, forms, bindings, clue
// files, status, backup and restore, exports, the audit log).
import './load-env.ts'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import cliProgress from 'cli-progress'
import { ConfigError, checkField, type Env, loadRoster, readEnv, unitsProblems } from './config.ts'
import { targetLabels } from './domain/bulletin/figures.ts'
import { systemClock } from './domain/clock.ts'
import { fromLocal, parsePeriod } from './domain/period.ts'
import {
  FIELD_KIND_NAMES,
  type FieldDef,
  findUnit,
  formOf,
  UNIT_CLUE_KINDS,
  type UnitDef,
} from './domain/roster.ts'
import {
  addField,
  describeField,
  describeUnit,
  editedField,
  type FieldChanges,
  fieldDifferences,
  fieldNamed,
  insertUnit,
  lostTargetFields,
  RosterEditError,
  removeField,
  replaceField,
  replaceUnit,
  retiredClashes,
  unitDifferences,
  unitLabel,
  unitNamed,
} from './domain/roster-edit.ts'
import {
  backupDatabase,
  freePath,
  humanSize,
  inspectDatabase,
  lastHealthAt,
  replaceDatabase,
  stampedName,
} from './services/backup.ts'
import { previewBulletin } from './services/bulletin.ts'
import { importClues } from './services/clue-intake.ts'
import { readClueTable } from './services/clue-table.ts'
import { type ExportFilter, exportClues, exportReports } from './services/export.ts'
import { ago, botSeemsRunning, collectStatus, cstTime, renderStatus } from './services/status.ts'
import { AUDIT_ACTIONS, type AuditAction, audit, listAudit, personLabel } from './store/audit.ts'
import { type Db, databasePath, openDatabase, type Tx, writeTransaction } from './store/db.ts'
import { applyMigrations } from './store/migrate.ts'
import { bindPerson, listPeople, unbindPerson } from './store/people.ts'
import { renameReportField, reportsWithField } from './store/submissions.ts'
import { applyUnits, listRetiredUnits, listUnits, seedUnitsIfEmpty, type UnitRecord } from './store/units.ts'

class UsageError extends Error {}

type Args = { positionals: string[]; values: Record<string, string | boolean | undefined> }
/** A command's output: text (exit 0), or text with its own exit code. */
type Output = string | { code: number; out: string }

interface CliCommand {
  usage: string
  summary: string
  /** More help, shown by `<command> --help`. */
  details?: string
  options?: Record<string, { type: 'string' | 'boolean' }>
  /** Runs with the database open (migrated, units seeded). */
  run?(db: Db, args: Args, config: Env): Promise<Output>
  /** Instead of run: the command opens the database itself (restore replaces the file). */
  runWithoutDb?(args: Args, config: Env): Promise<Output>
}

function need(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name]
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`缺少 --${name}`)
  return v.trim()
}

/** Who the audit log names for the command line: 命令行（login name）. */
function cliActor(): string {
  let user = process.env.USER ?? ''
  try {
    user = userInfo().username || user
  } catch {
    // no passwd entry: keep $USER
  }
  return user ? `命令行（${user}）` : '命令行'
}

function noMorePositionals(positionals: string[], allowed: number): void {
  if (positionals.length > allowed)
    throw new UsageError(`多余的参数：${positionals.slice(allowed).join(' ')}`)
}

/** --period YYYY-MM or --year YYYY (not both), checked. */
function exportFilter(values: Args['values']): ExportFilter & { label: string } {
  const period = values.period as string | undefined
  const year = values.year as string | undefined
  if (period !== undefined && year !== undefined) throw new UsageError('--period 和 --year 只能给一个')
  if (period !== undefined) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
      throw new UsageError(`--period 应为 年-月，例如 2026-11（收到「${period}」）`)
    return { period, label: period }
  }
  if (year !== undefined) {
    if (!/^(19|20|21)\d{2}$/.test(year))
      throw new UsageError(`--year 应为四位年份，例如 2026（收到「${year}」）`)
    return { year: Number(year), label: year }
  }
  return { label: 'all' }
}

/** Where an export goes: --out FILE.xlsx (its folder must exist), or a new file next to the database. */
function exportPath(values: Args['values'], config: Env, name: string): { path: string; makeDir?: string } {
  const out = values.out as string | undefined
  if (out === undefined) {
    const dir = join(dirname(databasePath(config.DATABASE_URL)), 'exports')
    return { path: freePath(dir, name), makeDir: dir }
  }
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 应为 .xlsx 文件（收到「${out}」）`)
  const path = resolve(out)
  if (!existsSync(dirname(path))) throw new UsageError(`目录不存在：${dirname(path)}`)
  if (existsSync(path) && !statSync(path).isFile()) throw new UsageError(`${path} 不是文件`)
  return { path }
}

/** Writes the export, then its audit row; without the audit row the file does not stay. */
async function writeExport(
  db: Db,
  target: { path: string; makeDir?: string },
  data: Buffer,
  entry: { action: AuditAction; detail: string },
): Promise<void> {
  if (target.makeDir) mkdirSync(target.makeDir, { recursive: true })
  writeFileSync(target.path, data)
  try {
    await audit(db, {
      actor: cliActor(),
      action: entry.action,
      target: target.path,
      detail: entry.detail,
      at: new Date(),
    })
  } catch (e) {
    rmSync(target.path, { force: true })
    throw e
  }
}

/** A checked copy of the database before it is replaced; a raw file copy if it cannot be read. */
function safetyCopy(dbPath: string, dir: string, at: Date): string {
  try {
    const b = backupDatabase(dbPath, dir, at, 'before-restore')
    if (b.ok) return `${b.path}（${humanSize(b.bytes)}，完整性检查通过）`
    rmSync(b.path, { force: true })
  } catch {
    // unreadable: copy the files as they are
  }
  const dest = freePath(dir, stampedName(dbPath, at, 'before-restore-raw'))
  copyFileSync(dbPath, dest)
  if (existsSync(`${dbPath}-wal`)) copyFileSync(`${dbPath}-wal`, `${dest}-wal`)
  return `${dest}（原样复制：当前数据库无法完整读取）`
}

/** --since 2026-11-01 (00:00 Beijing time) or 2026-11-01T08:30. */
function parseSince(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(text)
  const bad = () => new UsageError(`--since 应为日期，例如 2026-11-01 或 2026-11-01T08:30（收到「${text}」）`)
  if (!m) throw bad()
  const [y, mo, d, h, mi] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[]
  const at = fromLocal(y as number, mo as number, d as number, h, mi)
  const back = new Date(at.getTime() + 8 * 3600_000)
  if (back.getUTCMonth() + 1 !== mo || back.getUTCDate() !== d || (h as number) > 23 || (mi as number) > 59)
    throw bad()
  return at
}

/** --action: a code (clue.show), its Chinese name (显示完整线索), or a group (clue, export). */
function parseActions(text: string): AuditAction[] {
  const all = Object.keys(AUDIT_ACTIONS) as AuditAction[]
  const found = all.filter((a) => a === text || AUDIT_ACTIONS[a] === text || a.startsWith(`${text}.`))
  if (found.length === 0) {
    const list = all.map((a) => `${a}（${AUDIT_ACTIONS[a]}）`).join('、')
    throw new UsageError(`未知的 --action「${text}」；可用：${list}`)
  }
  return found
}

/** The file's bytes, or a usage error naming the problem. */
function readInput(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UsageError(`找不到文件 ${file}`)
    if (code === 'EISDIR') throw new UsageError(`${file} 是目录，请给出 CSV 或 XLSX 文件`)
    if (code === 'EACCES') throw new UsageError(`没有权限读取文件 ${file}`)
    throw new UsageError(`无法读取文件 ${file}：${(e as Error).message}`)
  }
}

/** Rows processed on stderr: a bar on a terminal, else one line at the end. */
function progressReporter(total: number) {
  const started = Date.now()
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({
        stream: process.stderr,
        format: '导入线索 [{bar}] {value}/{total} 行 | {rate} 行/秒 | 剩余 {eta_formatted}',
        hideCursor: true,
        etaBuffer: 20,
      })
    : undefined
  const rate = (done: number) => String(Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)))
  bar?.start(total, 0, { rate: '0' })
  return {
    update(done: number) {
      bar?.update(done, { rate: rate(done) })
    },
    stop(done: number) {
      if (bar) bar.stop()
      else process.stderr.write(`导入线索 ${done}/${total} 行，${rate(done)} 行/秒\n`)
    },
  }
}

/** A string option as given (trimmed), or undefined when it is absent. */
function optional(values: Args['values'], name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v.trim() : undefined
}

/** "a,b、c" → [a, b, c]: a list option without blanks or repeats; "" gives []. */
function listOf(text: string): string[] {
  return [...new Set(text.split(/[,，、]/).map((s) => s.trim()))].filter(Boolean)
}

/** The list option, or undefined when it is absent. */
function optionalList(values: Args['values'], name: string): string[] | undefined {
  const text = optional(values, name)
  return text === undefined ? undefined : listOf(text)
}

/** The entries that were given (an edit's options). */
function given<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** "  拦截封堵数  整数  必填  同义：封堵数、拦截数": a form field as `units show` lists it. */
function fieldLine(f: FieldDef): string {
  const synonyms = f.synonyms.length ? `  同义：${f.synonyms.join('、')}` : ''
  return `  ${f.label}  ${FIELD_KIND_NAMES[f.kind]}${f.required ? '  必填' : ''}${synonyms}`
}

/** The stored units a change is planned from, read in its transaction. */
interface StoredUnits {
  tx: Tx
  /** Active units, in roster order. */
  active: UnitRecord[]
  retired: (UnitRecord & { position: number })[]
}

/** One change of the stored units, as a command plans it. */
interface RosterChange {
  /** The active units after the change, in roster order. */
  units: UnitDef[]
  action: AuditAction
  /** The unit changed. */
  unit: UnitDef
  /** What changes, for the audit row; '' when nothing would. */
  detail: string
  reply: string
  /** Writes that go with the change (in its transaction); a note on what they did. */
  also?: (tx: Tx) => Promise<string>
}

/**
 * Stores a change of the units, planned from the units as they are: the result is checked by the
 * roster file's rules (and must keep the sources of the roster's targets), then written with its
 * audit row in one transaction, so that on any problem nothing is written. applyUnits bumps the
 * roster version: a running bot reads the new units with its next message.
 */
async function changeRoster(
  db: Db,
  config: Env,
  plan: (stored: StoredUnits) => RosterChange | Promise<RosterChange>,
): Promise<string> {
  const targets = targetLabels(loadRoster(config.ROSTER_FILE).targets)
  return writeTransaction(db, async (tx) => {
    const stored = { tx, active: await listUnits(tx), retired: await listRetiredUnits(tx) }
    const change = await plan(stored)
    if (change.detail === '') return '没有变化，未做任何修改。'
    const reactivated = change.action === 'units.activate' ? change.unit.key : undefined
    const staysRetired = stored.retired.filter((r) => r.key !== reactivated)
    const problems = [
      ...unitsProblems(change.units),
      ...retiredClashes(change.units, staysRetired),
      ...lostTargetFields(stored.active, change.units, targets),
    ]
    if (problems.length > 0) throw new UsageError(`${problems.join('\n')}\n未做任何修改。`)
    await applyUnits(tx, change.units)
    const note = change.also ? await change.also(tx) : ''
    const at = new Date()
    const detail = `${change.detail}${note}`
    await audit(tx, { actor: cliActor(), action: change.action, target: unitLabel(change.unit), detail, at })
    return `${change.reply}${note}`
  })
}

/** What a deactivated unit leaves behind: its liaisons' rights and its open clues. */
async function deactivationNotes(tx: Tx, unit: UnitRecord): Promise<string> {
  const liaisons = (await listPeople(tx)).filter((p) => p.unitId === unit.id).map((p) => p.name)
  const open = await tx.clue.findMany({ where: { unitId: unit.id, status: 'open' }, select: { code: true } })
  const codes = open.map((c) => c.code)
  return [
    liaisons.length ? `\n联络员 ${liaisons.join('、')} 的绑定保留，重新启用前没有报送权限。` : '',
    codes.length
      ? `\n该单位还有 ${codes.length} 条在办线索，请在群里改派（分派 编号 单位）：${codes.join('、')}`
      : '',
  ].join('')
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

const COMMANDS: Record<string, CliCommand> = {
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
        `线索类型：${unit.clueKinds.join('、') || '无'}`,
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
      if (values['dry-run']) {
        const current = new Set((await listUnits(db)).map((u) => u.key))
        const added = roster.units.filter((u) => !current.has(u.key)).map((u) => u.name)
        return `名册有效：${roster.units.length} 个单位；将新增：${added.join('、') || '无'}（未做任何修改）`
      }
      const r = await writeTransaction(db, async (tx) => {
        const r = await applyUnits(tx, roster.units)
        await audit(tx, {
          actor: cliActor(),
          action: 'units.import',
          target: resolve(file),
          detail: `${roster.units.length} 个单位；新增 ${r.added.join('、') || '无'}；修改 ${r.updated.join('、') || '无'}；停用 ${r.deactivated.join('、') || '无'}`,
          at: new Date(),
        })
        return r
      })
      return `已导入 ${file}：新增 ${r.added.join('、') || '无'}；修改 ${r.updated.join('、') || '无'}；停用 ${r.deactivated.join('、') || '无'}`
    },
  },
  'units add': {
    usage: 'units add --key <key> --name <名称> [--alias 别名,…] [--duty 职责] [--clues 线索类型,…]',
    summary: '新增一个成员单位（表单先只有共有的其他工作、存在问题，再用 forms add 添加字段）',
    details: [
      'key 只能用小写字母、数字和 _，新增后不能修改；名称、别名不能与其他单位重复，key 和名称也不能用已停用单位的。',
      `--alias、--clues 用逗号分隔。线索类型（该单位落查的线索）：${UNIT_CLUE_KINDS.join('、')}。`,
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
        clueKinds: optionalList(values, 'clues') ?? [],
        fields: [],
      }
      return changeRoster(db, config, ({ active }) => ({
        units: [...active, unit],
        action: 'units.add',
        unit,
        detail: describeUnit(unit),
        reply: `已新增单位 ${unitLabel(unit)}：${describeUnit(unit)}\n表单：${formOf(unit)
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
      `线索类型：${UNIT_CLUE_KINDS.join('、')}。key 不能修改。校验规则与 units import 相同；有问题时不做任何修改。`,
    ].join('\n'),
    options: {
      name: { type: 'string' },
      alias: { type: 'string' },
      duty: { type: 'string' },
      clues: { type: 'string' },
    },
    async run(db, { positionals, values }, config) {
      const name = positionals[0]
      if (!name) throw new UsageError('请给出单位名')
      noMorePositionals(positionals, 1)
      const changes = given({
        name: optional(values, 'name'),
        aliases: optionalList(values, 'alias'),
        duty: optional(values, 'duty'),
        clueKinds: optionalList(values, 'clues'),
      })
      if (Object.keys(changes).length === 0)
        throw new UsageError('请给出要修改的项：--name、--alias、--duty 或 --clues')
      return changeRoster(db, config, ({ active }) => {
        const before = unitNamed(active, name)
        const after = { ...before, ...changes }
        const detail = unitDifferences(before, after).join('；')
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
      const name = positionals[0]
      if (!name) throw new UsageError('请给出单位名')
      noMorePositionals(positionals, 1)
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
      const name = positionals[0]
      if (!name) throw new UsageError('请给出单位名')
      noMorePositionals(positionals, 1)
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
      const name = positionals[0]
      if (!name) throw new UsageError('请给出单位名')
      noMorePositionals(positionals, 1)
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
      const [name, label] = positionals
      if (!name || !label) throw new UsageError('请给出单位名和字段标签')
      noMorePositionals(positionals, 2)
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
      const [name, label] = positionals
      if (!name || !label) throw new UsageError('请给出单位名和字段标签')
      noMorePositionals(positionals, 2)
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
  'liaisons list': {
    usage: 'liaisons list',
    summary: '列出已绑定的联络员和联席办人员',
    async run(db) {
      const units = await listUnits(db)
      const people = await listPeople(db)
      if (people.length === 0) return '还没有绑定任何人。'
      return people
        .map((p) => {
          const what = p.role === 'office' ? '联席办' : (units.find((u) => u.id === p.unitId)?.name ?? '?')
          return `${p.name}\t${what}\t${p.contactId ?? ''}`
        })
        .join('\n')
    },
  },
  'liaisons bind': {
    usage: 'liaisons bind --unit <单位> --contact <微信联系人ID> --name <姓名>',
    summary: '把一个微信联系人设为某单位联络员（ID 可用 contacts 命令查看）',
    options: { unit: { type: 'string' }, contact: { type: 'string' }, name: { type: 'string' } },
    async run(db, { values }) {
      const unitName = need(values, 'unit')
      const unit = findUnit(await listUnits(db), unitName)
      if (!unit) throw new UsageError(`找不到单位「${unitName}」`)
      const person = { contactId: need(values, 'contact'), name: need(values, 'name') }
      const p = await writeTransaction(db, async (tx) => {
        const now = systemClock.now()
        const bound = await bindPerson(tx, { ...person, role: 'liaison', unitId: unit.id }, now)
        const detail = `设为${unit.name}联络员（命令行）`
        await audit(tx, { actor: cliActor(), action: 'bind', target: personLabel(person), detail, at: now })
        return bound
      })
      return `已将 ${p.name} 设为${unit.name}联络员`
    },
  },
  'liaisons unbind': {
    usage: 'liaisons unbind --contact <微信联系人ID>',
    summary: '取消一个联系人的联络员或联席办权限',
    options: { contact: { type: 'string' } },
    async run(db, { values }) {
      const contactId = need(values, 'contact')
      const units = await listUnits(db)
      const removed = await writeTransaction(db, async (tx) => {
        const now = systemClock.now()
        const person = await unbindPerson(tx, contactId)
        if (!person) return null
        const what =
          person.role === 'office'
            ? '联席办人员'
            : `${units.find((u) => u.id === person.unitId)?.name ?? ''}联络员`
        await audit(tx, {
          actor: cliActor(),
          action: 'unbind',
          target: personLabel(person),
          detail: `取消${what}（命令行）`,
          at: now,
        })
        return person
      })
      if (!removed) throw new UsageError('该联系人没有绑定')
      return `已取消 ${removed.name} 的权限`
    },
  },
  'office add': {
    usage: 'office add --contact <微信联系人ID> --name <姓名>',
    summary: '把一个微信联系人设为联席办人员',
    options: { contact: { type: 'string' }, name: { type: 'string' } },
    async run(db, { values }) {
      const person = { contactId: need(values, 'contact'), name: need(values, 'name') }
      const p = await writeTransaction(db, async (tx) => {
        const now = systemClock.now()
        const bound = await bindPerson(tx, { ...person, role: 'office', unitId: null }, now)
        const detail = '设为联席办人员（命令行）'
        await audit(tx, { actor: cliActor(), action: 'bind', target: personLabel(person), detail, at: now })
        return bound
      })
      return `已将 ${p.name} 设为联席办人员`
    },
  },
  'import-clues': {
    usage: 'import-clues <文件.csv|文件.xlsx> [--dry-run]',
    summary: '从 CSV/XLSX 文件导入线索：分类、编号、分派，每个单位在群里收到一条汇总通知',
    options: { 'dry-run': { type: 'boolean' } },
    async run(db, { positionals, values }, config) {
      const started = Date.now()
      const file = positionals[0]
      if (!file) throw new UsageError('请给出线索文件路径（CSV 或 XLSX）')
      if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(' ')}`)
      if (!/\.(csv|txt|xlsx)$/i.test(file)) throw new UsageError('只能导入 .csv、.txt 或 .xlsx 文件')
      const table = await readClueTable(basename(file), readInput(file))
      if ('error' in table) throw new UsageError(`文件 ${file} 无法读取：${table.error}`)
      if (table.items.length === 0)
        throw new UsageError(
          `文件 ${file} 中没有找到线索：需要一列号码、账号、网址、公司名等（可带表头「线索」）`,
        )
      const units = await listUnits(db)
      const dryRun = values['dry-run'] === true
      const progress = progressReporter(table.items.length)
      let done = 0
      let r: Awaited<ReturnType<typeof importClues>>
      try {
        r = await importClues(db, table.items, {
          now: systemClock.now(),
          actor: '命令行导入',
          roster: loadRoster(config.ROSTER_FILE),
          units,
          people: await listPeople(db),
          roomTopic: config.ROOM_TOPIC,
          dryRun,
          onProgress(n) {
            done = n
            progress.update(n)
          },
        })
      } finally {
        progress.stop(done)
      }
      const lines = units
        .filter((u) => r.byUnit.has(u.id))
        .map((u) => `  ${u.name}\t${r.byUnit.get(u.id)} 条`)
      const unassigned = r.byUnit.get(null) ?? 0
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      return [
        dryRun
          ? `试运行（未做任何修改）：${file} 共 ${table.items.length} 行，将新建线索 ${r.created} 条`
          : `已导入 ${file}：共 ${table.items.length} 行，新建线索 ${r.created} 条`,
        ...lines,
        `  待联席办分派\t${unassigned} 条`,
        `  与在办线索或本文件重复（未重复分派）\t${r.duplicates} 条`,
        dryRun ? `用时 ${seconds} 秒` : `通知消息 ${r.outbound} 条已交机器人发送；用时 ${seconds} 秒`,
      ].join('\n')
    },
  },
  status: {
    usage: 'status',
    summary: '运行状态：机器人登录、Redis 与队列、待发消息、定时任务、最近收到的消息',
    details:
      '读取机器人记录在数据库中的状态（登录/退出、每 30 秒的健康检查），并直接连接 Redis 读取队列数量。\nRedis 不可用时照常显示其余各项（退出码 0）。',
    async run(db, { positionals }, config) {
      noMorePositionals(positionals, 0)
      const report = await collectStatus(db, {
        redisUrl: config.REDIS_URL,
        prefix: config.REDIS_PREFIX,
        now: new Date(),
      })
      return renderStatus(report)
    },
  },
  backup: {
    usage: 'backup [--out 目录]',
    summary: '在线备份数据库（机器人运行时也可），并检查备份文件的完整性',
    details:
      '用 SQLite 的 VACUUM INTO 生成一致的快照（机器人可同时写入），文件名带时间，默认放在数据库旁的 backups 目录\n（默认即 data/backups）。备份后重新打开副本做 PRAGMA integrity_check；未通过时退出码为 1。',
    options: { out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const dbPath = databasePath(config.DATABASE_URL)
      const out = values.out as string | undefined
      if (out !== undefined && out.trim() === '') throw new UsageError('--out 不能为空')
      const dir = out === undefined ? join(dirname(dbPath), 'backups') : resolve(out)
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${dir} 不是目录`)
      mkdirSync(dir, { recursive: true })
      const b = backupDatabase(dbPath, dir, new Date())
      const result = b.ok ? '通过' : `未通过：${b.integrity.slice(0, 10).join('；')}`
      await audit(db, {
        actor: cliActor(),
        action: 'backup',
        target: b.path,
        detail: `${humanSize(b.bytes)}，完整性检查${b.ok ? '通过' : '未通过'}`,
        at: new Date(),
      })
      const text = [
        `备份文件：${b.path}`,
        `大小：${humanSize(b.bytes)}（${b.bytes} 字节）`,
        `完整性检查：${result}`,
        `用时 ${(b.ms / 1000).toFixed(1)} 秒`,
      ].join('\n')
      return b.ok ? text : { code: 1, out: `${text}\n备份文件损坏，请勿使用；请检查磁盘后重试。` }
    },
  },
  restore: {
    usage: 'restore <备份文件> [--yes] [--force]',
    summary: '用备份文件替换当前数据库（先检查文件、保留当前数据库的副本，再应用迁移）',
    details: [
      '检查备份文件是 SQLite 数据库、通过 integrity_check、含本机器人的表；不加 --yes 只显示将要做什么（退出码 2，不做修改）。',
      '机器人在运行时（2 分钟内有健康记录）拒绝恢复，请先停止机器人；确需立即恢复加 --force（之后必须重启机器人）。',
      '执行时先把当前数据库备份到 backups 目录（before-restore-…），再替换文件、删除旧的 -wal/-shm，并应用迁移。',
    ].join('\n'),
    options: { yes: { type: 'boolean' }, force: { type: 'boolean' } },
    async runWithoutDb({ positionals, values }, config) {
      const file = positionals[0]
      if (!file) throw new UsageError('请给出备份文件路径')
      noMorePositionals(positionals, 1)
      const source = resolve(file)
      const dbPath = databasePath(config.DATABASE_URL)
      if (source === dbPath) throw new UsageError('备份文件就是当前数据库，无需恢复')
      const inspection = inspectDatabase(source)
      if (!inspection.ok) throw new UsageError(`${inspection.problem}；未做任何修改`)
      const { info } = inspection
      const now = new Date()
      const healthAt = lastHealthAt(dbPath)
      const running = botSeemsRunning(healthAt, now)
      const backupDir = join(dirname(dbPath), 'backups')
      const counts = Object.entries(info.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join('，')
      const current = existsSync(dbPath)
      const plan = [
        `备份文件：${source}（${humanSize(statSync(source).size)}，完整性检查通过）`,
        `  内容：${counts}`,
        `  迁移：${info.migrations.at(-1) ?? '无'}${info.pendingMigrations.length ? `；恢复后将应用 ${info.pendingMigrations.join('、')}` : ''}`,
        current
          ? `将用它替换 ${dbPath}；当前数据库先备份到 ${backupDir}/before-restore-…`
          : `将把它放到 ${dbPath}（当前没有数据库文件）`,
      ]
      if (running && healthAt)
        plan.push(`注意：机器人似乎正在运行（最近健康记录 ${cstTime(healthAt)}，${ago(healthAt, now)}）`)
      if (values.yes !== true)
        return { code: 2, out: `${plan.join('\n')}\n\n未做任何修改。确认无误后加 --yes 执行恢复。` }
      if (running && values.force !== true)
        return {
          code: 2,
          out: `${plan.join('\n')}\n\n机器人似乎正在运行：请先停止机器人再恢复（确需立即恢复加 --force，之后必须重启机器人）。未做任何修改。`,
        }

      let safety = '无（原来没有数据库文件）'
      if (current) {
        mkdirSync(backupDir, { recursive: true })
        safety = safetyCopy(dbPath, backupDir, now)
      } else mkdirSync(dirname(dbPath), { recursive: true })
      replaceDatabase(source, dbPath)
      const raw = new Database(dbPath)
      let applied: string[]
      try {
        raw.pragma('journal_mode = WAL')
        applied = applyMigrations(raw)
      } finally {
        raw.close()
      }
      const db = await openDatabase(config.DATABASE_URL)
      try {
        await audit(db, {
          actor: cliActor(),
          action: 'restore',
          target: source,
          detail: `替换 ${dbPath}；原数据库副本 ${safety}${applied.length ? `；应用迁移 ${applied.join('、')}` : ''}${running ? '；机器人运行中强制恢复' : ''}`,
          at: new Date(),
        })
      } finally {
        await db.$disconnect()
      }
      return [
        `已用 ${source} 恢复数据库 ${dbPath}`,
        `原数据库副本：${safety}`,
        `应用迁移：${applied.join('、') || '无（已是最新）'}`,
        running ? '机器人仍在运行旧文件：请立即重启机器人。' : '启动机器人即可使用恢复后的数据。',
      ].join('\n')
    },
  },
  bulletin: {
    usage: 'bulletin <2026-11> [--out 目录] [--assessment]',
    summary: '按当前记录生成某月通报：文字、Excel 工作簿和目标进度图写入文件（不发到群里，不记为已发布）',
    details: '默认目录为数据库旁的 exports。--assessment 同时生成年度考核排名。',
    options: { out: { type: 'string' }, assessment: { type: 'boolean' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 1)
      const parsed = positionals[0] ? parsePeriod(positionals[0], new Date()) : undefined
      if (!parsed?.ok) throw new UsageError(`请给出月份，例如 2026-11（收到「${positionals[0] ?? ''}」）`)
      const out =
        typeof values.out === 'string'
          ? values.out
          : join(dirname(databasePath(config.DATABASE_URL)), 'exports')
      const { text, files } = await previewBulletin(db, {
        period: parsed.period,
        now: new Date(),
        roster: loadRoster(config.ROSTER_FILE),
        withAssessment: values.assessment === true,
      })
      mkdirSync(out, { recursive: true })
      const written = [
        { name: `${files[0]?.name.replace(/\.xlsx$/, '')}.txt`, data: Buffer.from(text) },
        ...files,
      ].map((f) => {
        const path = join(out, f.name)
        writeFileSync(path, f.data)
        return `${path}（${f.data.length} 字节）`
      })
      return `已生成 ${parsed.period} 通报：\n${written.join('\n')}`
    },
  },
  'export reports': {
    usage: 'export reports [--period 2026-11 | --year 2026] [--out 文件.xlsx]',
    summary: '把月报导出为 Excel：每单位每月的最新版本（每个字段一列），另一张表为全部版本',
    details: '不给 --period/--year 时导出全部月份。默认文件放在数据库旁的 exports 目录。导出记入审计日志。',
    options: { period: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const filter = exportFilter(values)
      const target = exportPath(values, config, `reports-${filter.label}.xlsx`)
      const r = await exportReports(db, filter, new Date())
      await writeExport(db, target, r.data, {
        action: 'export.reports',
        detail: `范围 ${filter.label}；最新版本 ${r.latest} 份，全部版本 ${r.revisions} 份`,
      })
      return `已导出月报：${target.path}\n范围 ${filter.label === 'all' ? '全部' : filter.label}；最新版本 ${r.latest} 份，全部版本 ${r.revisions} 份`
    },
  },
  'export clues': {
    usage: 'export clues [--period 2026-11 | --year 2026] [--status open|closed] [--out 文件.xlsx]',
    summary: '把线索导出为 Excel（含完整值，导出记入审计日志），另一张表为处理记录',
    details:
      '--period/--year 按线索登记时间（北京时间）筛选；--status open 为在办、closed 为已销号。\n文件含完整号码，请妥善保管；默认放在数据库旁的 exports 目录。',
    options: {
      period: { type: 'string' },
      year: { type: 'string' },
      status: { type: 'string' },
      out: { type: 'string' },
    },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const filter = exportFilter(values)
      const status = values.status as string | undefined
      if (status !== undefined && status !== 'open' && status !== 'closed')
        throw new UsageError(`--status 应为 open（在办）或 closed（已销号）（收到「${status}」）`)
      const label = `${filter.label}${status ? `-${status}` : ''}`
      const target = exportPath(values, config, `clues-${label}.xlsx`)
      const r = await exportClues(db, { ...filter, ...(status ? { status } : {}) }, new Date())
      const range = r.codes.length ? `（${r.codes[0]} 至 ${r.codes.at(-1)}）` : ''
      await writeExport(db, target, r.data, {
        action: 'export.clues',
        detail: `${r.codes.length} 条线索${range}，含完整值；范围 ${filter.label}${status ? `，状态 ${status}` : ''}`,
      })
      return `已导出线索：${target.path}\n${r.codes.length} 条线索（含完整值，请妥善保管），处理记录 ${r.history} 条`
    },
  },
  audit: {
    usage: 'audit [--since 2026-11-01] [--action 动作] [--limit 100]',
    summary: '查看审计日志：绑定/解绑、单位与表单的修改、销号、导出、备份/恢复、完整线索的显示',
    details: `按时间顺序显示最近的 --limit 条（默认 100）。--action 可用：${Object.entries(AUDIT_ACTIONS)
      .map(([a, n]) => `${a}（${n}）`)
      .join('、')}，\n或 units、forms、clue、export 表示一类。审计日志只追加，不修改、不删除。`,
    options: { since: { type: 'string' }, action: { type: 'string' }, limit: { type: 'string' } },
    async run(db, { positionals, values }) {
      noMorePositionals(positionals, 0)
      const since = typeof values.since === 'string' ? parseSince(values.since) : undefined
      const actions = typeof values.action === 'string' ? parseActions(values.action) : undefined
      const limitText = (values.limit as string | undefined) ?? '100'
      if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 10_000)
        throw new UsageError(`--limit 应为 1 到 10000 的整数（收到「${limitText}」）`)
      const { rows, total } = await listAudit(db, {
        ...(since ? { since } : {}),
        ...(actions ? { actions } : {}),
        limit: Number(limitText),
      })
      if (total === 0) return '没有符合条件的审计记录。'
      const lines = rows.map((r) =>
        [cstTime(r.at), r.actor, AUDIT_ACTIONS[r.action] ?? r.action, r.target, r.detail ?? ''].join('\t'),
      )
      const head = total > rows.length ? `共 ${total} 条，显示最近 ${rows.length} 条：` : `共 ${total} 条：`
      return [head, ...lines].join('\n')
    },
  },
  contacts: {
    usage: 'contacts',
    summary: '列出给机器人发过消息的联系人及其 ID（用于绑定）',
    async run(db) {
      const rows = await db.inboundMessage.groupBy({
        by: ['senderId', 'senderName'],
        _max: { receivedAt: true },
        orderBy: { senderName: 'asc' },
      })
      if (rows.length === 0) return '还没有人给机器人发过消息。'
      return rows
        .map((r) => `${r.senderName}\t${r.senderId}\t最近 ${r._max.receivedAt?.toISOString()}`)
        .join('\n')
    },
  },
}

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(64)} ${c.summary}`)
  return `用法: npm run cli -- <命令> [参数]\n\n${lines.join('\n')}\n\n每个命令加 --help 查看说明。`
}

export async function runCli(argv: string[], env = process.env): Promise<{ code: number; out: string }> {
  const [a, b] = argv
  const key = a && b && COMMANDS[`${a} ${b}`] ? `${a} ${b}` : a
  const command = key ? COMMANDS[key] : undefined
  if (!command) {
    if (!a || a === '--help' || a === '-h' || a === 'help') return { code: 0, out: help() }
    const group = Object.values(COMMANDS).filter((c) => c.usage.startsWith(`${a} `))
    if (group.length > 0 && !b?.match(/^[^-]/)) {
      const lines = group.map((c) => `  npm run cli -- ${c.usage}`)
      const asked = b === '--help' || b === '-h'
      return { code: asked ? 0 : 2, out: `${asked ? '用法' : '请指定子命令'}：\n${lines.join('\n')}` }
    }
    return { code: 2, out: `未知命令「${argv.join(' ')}」\n\n${help()}` }
  }
  const rest = argv.slice(key?.split(' ').length)
  if (rest.includes('--help') || rest.includes('-h')) {
    const more = command.details ? `\n\n${command.details}` : ''
    return { code: 0, out: `用法: npm run cli -- ${command.usage}\n${command.summary}${more}` }
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true })
  } catch (e) {
    return { code: 2, out: `参数有误：${(e as Error).message}\n用法: npm run cli -- ${command.usage}` }
  }
  let db: Db | undefined
  try {
    const config = readEnv(env)
    const args = { positionals: parsed.positionals, values: parsed.values as Args['values'] }
    let out: Output
    if (command.runWithoutDb) out = await command.runWithoutDb(args, config)
    else {
      db = await openDatabase(config.DATABASE_URL)
      await seedUnitsIfEmpty(db, loadRoster(config.ROSTER_FILE).units)
      out = (await command.run?.(db, args, config)) ?? ''
    }
    return typeof out === 'string' ? { code: 0, out } : out
  } catch (e) {
    if (e instanceof UsageError || e instanceof RosterEditError)
      return { code: 2, out: `${e.message}\n用法: npm run cli -- ${command.usage}` }
    if (e instanceof ConfigError) return { code: 2, out: e.message }
    return { code: 1, out: `失败：${(e as Error).message}` }
  } finally {
    await db?.$disconnect()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(({ code, out }) => {
    ;(code === 0 ? process.stdout : process.stderr).write(`${out}\n`)
    process.exit(code)
  })
}
