// bulletin, export reports/clues, audit: what the office takes out of the records.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { type Env, loadRoster } from '../config.ts'
import { fromLocal, parsePeriod } from '../domain/period.ts'
import { previewBulletin } from '../services/bulletin.ts'
import { type ExportFilter, exportClues, exportReports } from '../services/export.ts'
import { cstTime } from '../services/status.ts'
import { AUDIT_ACTIONS, type AuditAction, audit, listAudit } from '../store/audit.ts'
import { freePath } from '../store/backup.ts'
import { type Db, databasePath } from '../store/db.ts'
import { makePrivate, makePrivateDir, PRIVATE_FILE } from '../store/private-files.ts'
import { type Args, type CliCommand, cliActor, noMorePositionals, UsageError } from './command.ts'

/** Where bulletins and exports go unless told: data/exports, next to the database. */
function exportsDir(config: Env): string {
  return join(dirname(databasePath(config.DATABASE_URL)), 'exports')
}

const STATUS_NAME = { open: '在办', closed: '已销号' } as const
/** --status: the code or the word people see. */
const CLUE_STATUS_OPTION: Record<string, 'open' | 'closed'> = {
  open: 'open',
  closed: 'closed',
  在办: 'open',
  已销号: 'closed',
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
  return { label: '全部' }
}

/**
 * Where an export goes: a new file in the exports folder next to the database (data/exports), or
 * --out FILE.xlsx: an absolute path as given (its folder must exist), a relative one inside the
 * exports folder. Files with full values never land in the working directory by accident.
 */
export function exportPath(
  values: Args['values'],
  config: Env,
  name: string,
): { path: string; makeDir?: string } {
  const out = values.out as string | undefined
  const dir = exportsDir(config)
  if (out === undefined) return { path: freePath(dir, name), makeDir: dir }
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 应为 .xlsx 文件（收到「${out}」）`)
  if (!isAbsolute(out)) {
    const path = resolve(dir, out)
    return { path, makeDir: dirname(path) }
  }
  if (!existsSync(dirname(out))) throw new UsageError(`目录不存在：${dirname(out)}`)
  if (existsSync(out) && !statSync(out).isFile()) throw new UsageError(`${out} 不是文件`)
  return { path: out }
}

/** --out of the bulletin: a folder, relative ones inside the exports folder. */
const outDir = (values: Args['values'], config: Env): string =>
  typeof values.out === 'string' ? resolve(exportsDir(config), values.out) : exportsDir(config)

/** Writes the export, then its audit row; without the audit row the file does not stay. */
export async function writeExport(
  db: Db,
  target: { path: string; makeDir?: string },
  data: Buffer,
  entry: { action: AuditAction; detail: string },
): Promise<void> {
  if (target.makeDir) makePrivateDir(target.makeDir)
  writeFileSync(target.path, data, { mode: PRIVATE_FILE })
  makePrivate(target.path)
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

/**
 * --action: a code (clue.show), a group (clue, export), or the words people see: the Chinese name
 * (显示完整线索) or a word of it (销号, 导出, 单位).
 */
function parseActions(raw: string): AuditAction[] {
  const text = raw.trim()
  const all = Object.keys(AUDIT_ACTIONS) as AuditAction[]
  const found = text
    ? all.filter((a) => a === text || AUDIT_ACTIONS[a].includes(text) || a.startsWith(`${text}.`))
    : []
  if (found.length === 0) {
    const list = all.map((a) => `${a}（${AUDIT_ACTIONS[a]}）`).join('、')
    throw new UsageError(`未知的 --action「${text}」；可用：${list}`)
  }
  return found
}

export const RECORD_COMMANDS: Record<string, CliCommand> = {
  bulletin: {
    usage: 'bulletin <2026-11> [--out 目录] [--assessment]',
    summary:
      '按当前记录生成某月通报（预览）：正式通报 Word 文档（.docx）、文字、Excel 工作簿和目标进度图写入文件（不发到群里，不记为已发布）',
    details:
      '默认目录为数据库旁的 exports（默认即 data/exports）；--out 给相对路径时也在 exports 之下。--assessment 同时生成年度考核排名，并另写考核评比结果通报（.docx）。',
    options: { out: { type: 'string' }, assessment: { type: 'boolean' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 1)
      const parsed = positionals[0] ? parsePeriod(positionals[0], new Date()) : undefined
      if (!parsed?.ok) throw new UsageError(`请给出月份，例如 2026-11（收到「${positionals[0] ?? ''}」）`)
      const out = outDir(values, config)
      const { text, files } = await previewBulletin(db, {
        period: parsed.period,
        now: new Date(),
        roster: loadRoster(config.ROSTER_FILE),
        withAssessment: values.assessment === true,
      })
      mkdirSync(out, { recursive: true })
      const written = [
        {
          name: `${files.find((f) => f.name.endsWith('.xlsx'))?.name.replace(/\.xlsx$/, '')}.txt`,
          data: Buffer.from(text),
        },
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
    details:
      '不给 --period/--year 时导出全部月份。默认文件放在数据库旁的 exports 目录（默认即 data/exports），\n--out 给相对路径时也在 exports 之下，给绝对路径时照写。导出记入审计日志。',
    options: { period: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const filter = exportFilter(values)
      const target = exportPath(values, config, `月报-${filter.label}.xlsx`)
      const r = await exportReports(db, filter, new Date())
      await writeExport(db, target, r.data, {
        action: 'export.reports',
        detail: `范围 ${filter.label}；最新版本 ${r.latest} 份，全部版本 ${r.revisions} 份`,
      })
      return `已导出月报：${target.path}\n范围 ${filter.label}；最新版本 ${r.latest} 份，全部版本 ${r.revisions} 份`
    },
  },
  'export clues': {
    usage: 'export clues [--period 2026-11 | --year 2026] [--status 在办|已销号] [--out 文件.xlsx]',
    summary: '把线索导出为 Excel（含完整值，导出记入审计日志），另一张表为处理记录',
    details:
      '--period/--year 按线索登记时间（北京时间）筛选；--status open（或 在办）为在办、closed（或 已销号）为已销号。\n文件含完整号码，请妥善保管；默认放在数据库旁的 exports 目录（默认即 data/exports），\n--out 给相对路径时也在 exports 之下，给绝对路径时照写。',
    options: {
      period: { type: 'string' },
      year: { type: 'string' },
      status: { type: 'string' },
      out: { type: 'string' },
    },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const filter = exportFilter(values)
      const given = values.status as string | undefined
      const status = given === undefined ? undefined : CLUE_STATUS_OPTION[given]
      if (given !== undefined && !status)
        throw new UsageError(`--status 应为 open（在办）或 closed（已销号）（收到「${given}」）`)
      const label = `${filter.label}${status ? `-${STATUS_NAME[status]}` : ''}`
      const target = exportPath(values, config, `线索-${label}.xlsx`)
      const r = await exportClues(db, { ...filter, ...(status ? { status } : {}) }, new Date())
      const range = r.codes.length ? `（${r.codes[0]} 至 ${r.codes.at(-1)}）` : ''
      await writeExport(db, target, r.data, {
        action: 'export.clues',
        detail: `${r.codes.length} 条线索${range}，含完整值；范围 ${filter.label}${status ? `，状态 ${STATUS_NAME[status]}` : ''}`,
      })
      return `已导出线索：${target.path}\n${r.codes.length} 条线索（含完整值，请妥善保管），处理记录 ${r.history} 条`
    },
  },
  audit: {
    usage: 'audit [--since 2026-11-01] [--action 动作] [--limit 100]',
    summary: '查看审计日志：绑定/解绑、单位与表单的修改、销号、导出、备份/恢复、完整线索的显示',
    details: `按时间顺序显示最近的 --limit 条（默认 100）。--action 可用：${Object.entries(AUDIT_ACTIONS)
      .map(([a, n]) => `${a}（${n}）`)
      .join(
        '、',
      )}，\n也可以只写其中的词（如 销号、导出、单位），或 units、forms、clue、export 表示一类。审计日志只追加，不修改、不删除。`,
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
}
