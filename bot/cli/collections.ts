// collections list / export: the documents units owe, and one collection taken out as folders.
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { loadRoster } from '../config.ts'
import { dueDayLabel } from '../domain/due-date.ts'
import { toLocal } from '../domain/period.ts'
import { excelLocal } from '../services/bulletin-format.ts'
import { named, unitStatus, versionsOf, yearCollections } from '../services/collections.ts'
import { addSheet, type Cell, newWorkbook, toBuffer } from '../services/export.ts'
import { filesDirOf, readStoredFile } from '../services/file-store.ts'
import { audit } from '../store/audit.ts'
import { databasePath } from '../store/db.ts'
import { makePrivateDir, PRIVATE_FILE } from '../store/private-files.ts'
import { listUnits } from '../store/units.ts'
import { type CliCommand, cliActor, noMorePositionals, onePositional, UsageError } from './command.ts'

const STATUS: Record<string, string> = { on_time: '按时', late: '逾期', missing: '未报送' }

function yearOf(text: unknown): number {
  if (text === undefined) return toLocal(new Date()).year
  if (typeof text !== 'string' || !/^(19|20|21)\d{2}$/.test(text))
    throw new UsageError(`--year 应为四位年份，例如 2026（收到「${String(text)}」）`)
  return Number(text)
}

/** A name safe as one path segment (no separators or control characters). */
const segment = (name: string) =>
  [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '_') || '_'

export const COLLECTION_COMMANDS: Record<string, CliCommand> = {
  'collections list': {
    usage: 'collections list [--year 2026]',
    summary: '列出某年的征集（名称、截止日期、已报送/应报送单位数）',
    options: { year: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const year = yearOf(values.year)
      const units = await listUnits(db)
      const now = new Date()
      const at = year === toLocal(now).year ? now : new Date(Date.UTC(year, 6, 1))
      const all = await yearCollections(db, { roster: loadRoster(config.ROSTER_FILE), units, now: at })
      if (all.length === 0) return `${year} 年没有征集。`
      return all
        .map((c) => {
          const done = c.unitIds.filter((id) => unitStatus(c, id) !== 'missing').length
          return `${c.name}\t${dueDayLabel(c.dueAt)}前\t已报送 ${done}/${c.unitIds.length}`
        })
        .join('\n')
    },
  },
  'collections export': {
    usage: 'collections export <名称> --out 目录 [--year 2026]',
    summary: '把一项征集导出为文件夹：每单位一个子文件夹（各版本文件、文字说明），另附索引表 索引.xlsx',
    details: '目录须为空或不存在；文件名前加版本号（v1-、v2-）。导出记入审计日志。',
    options: { out: { type: 'string' }, year: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      const name = onePositional(positionals, '请给出征集名称，例如 总结报告')
      if (typeof values.out !== 'string' || !values.out) throw new UsageError('缺少 --out 目录')
      const out = resolve(values.out)
      if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`目录不是空的：${out}`)
      if (!existsSync(dirname(out))) throw new UsageError(`目录不存在：${dirname(out)}`)
      const year = yearOf(values.year)
      const units = await listUnits(db)
      const now = new Date()
      const at = year === toLocal(now).year ? now : new Date(Date.UTC(year, 6, 1))
      const all = await yearCollections(db, { roster: loadRoster(config.ROSTER_FILE), units, now: at })
      const c = named(all, name)
      if (!c)
        throw new UsageError(
          `找不到 ${year} 年的征集「${name}」；有：${all.map((x) => x.name).join('、') || '无'}`,
        )
      const filesDir = filesDirOf(databasePath(config.DATABASE_URL))
      makePrivateDir(out)
      const rows: Cell[][] = []
      let written = 0
      for (const unit of units.filter((u) => c.unitIds.includes(u.id))) {
        const answers = c.answers.filter((a) => a.unitId === unit.id)
        const status = STATUS[unitStatus(c, unit.id)] ?? ''
        if (answers.length === 0) rows.push([unit.name, status, 0, null, null, null, null, null, null])
        if (answers.length > 0) makePrivateDir(join(out, segment(unit.name)))
        for (const a of answers) {
          const file =
            a.kind === 'file'
              ? `v${a.version}-${segment(a.fileName ?? 'file')}`
              : `v${a.version}-文字说明.txt`
          const data =
            a.kind === 'file' ? readStoredFile(filesDir, a.sha256 ?? '') : Buffer.from(a.text ?? '')
          writeFileSync(join(out, segment(unit.name), file), data, { mode: PRIVATE_FILE })
          written++
          rows.push([
            unit.name,
            status,
            versionsOf(c, unit.id),
            a.version,
            `${segment(unit.name)}/${file}`,
            a.kind === 'file' ? (a.fileType ?? '') : '文字',
            data.length,
            a.byName,
            excelLocal(a.createdAt),
          ])
        }
      }
      const wb = newWorkbook(now)
      addSheet(
        wb,
        '索引',
        ['单位', '状态', '版本数', '版本', '文件', '类型', '字节', '报送人', '报送时间'],
        rows,
      )
      writeFileSync(join(out, '索引.xlsx'), await toBuffer(wb), { mode: PRIVATE_FILE })
      await audit(db, {
        actor: cliActor(),
        action: 'export.collection',
        target: out,
        detail: `${year} 年「${c.name}」：${written} 个文件`,
        at: now,
      })
      return `已导出「${c.name}」（${year} 年）：${out}\n${written} 个文件，索引 ${join(out, '索引.xlsx')}`
    },
  },
}
