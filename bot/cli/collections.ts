// collections list / export: the documents units owe, and one collection taken out as folders.

import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { messages } from '../../prompts/messages.ts'
import { dueDayLabel } from '../domain/due-date.ts'
import { toLocal } from '../domain/period.ts'
import { excelLocal } from '../services/bulletin-format.ts'
import { named, unitStatus, versionsOf, yearCollections } from '../services/collections.ts'
import { filesDirOf, readStoredFile } from '../services/file-store.ts'
import { addSheet, type Cell, newWorkbook, workbookBytes } from '../services/workbook.ts'
import { audit } from '../store/audit.ts'
import { databasePath } from '../store/db.ts'
import { makePrivateDir, PRIVATE_FILE } from '../store/private-files.ts'
import { listUnits } from '../store/units.ts'
import { type CliCommand, cliActor, noMorePositionals, onePositional, UsageError } from './command.ts'

const t = messages.cliCollections
const STATUS: Record<string, string> = { on_time: t('on_time'), late: t('late'), missing: t('missing') }

function yearOf(text: unknown): number {
  if (text === undefined) return toLocal(new Date()).year
  if (typeof text !== 'string' || !/^(19|20|21)\d{2}$/.test(text))
    throw new UsageError(t('bad_year', { text: String(text) }))
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
    summary: t('list_summary'),
    options: { year: { type: 'string' } },
    async run(db, { positionals, values }, _config, roster) {
      noMorePositionals(positionals, 0)
      const year = yearOf(values.year)
      const units = await listUnits(db)
      const now = new Date()
      const at = year === toLocal(now).year ? now : new Date(Date.UTC(year, 6, 1))
      const all = await yearCollections(db, { roster, units, now: at })
      if (all.length === 0) return t('list_none', { year })
      return all
        .map((c) => {
          const done = c.unitIds.filter((id) => unitStatus(c, id) !== 'missing').length
          return t('list_line', { name: c.name, due: dueDayLabel(c.dueAt), done, total: c.unitIds.length })
        })
        .join('\n')
    },
  },
  'collections export': {
    usage: t('export_usage'),
    summary: t('export_summary'),
    details: t('export_details'),
    options: { out: { type: 'string' }, year: { type: 'string' } },
    async run(db, { positionals, values }, config, roster) {
      const name = onePositional(positionals, t('need_name'))
      if (typeof values.out !== 'string' || !values.out) throw new UsageError(t('need_out'))
      const out = resolve(values.out)
      if (existsSync(out) && readdirSync(out).length > 0)
        throw new UsageError(t('out_not_empty', { dir: out }))
      if (!existsSync(dirname(out))) throw new UsageError(t('out_parent_missing', { dir: dirname(out) }))
      const year = yearOf(values.year)
      const units = await listUnits(db)
      const now = new Date()
      const at = year === toLocal(now).year ? now : new Date(Date.UTC(year, 6, 1))
      const all = await yearCollections(db, { roster, units, now: at })
      const c = named(all, name)
      if (!c)
        throw new UsageError(
          t('not_found', { year, name, names: all.map((x) => x.name).join('、') || t('none') }),
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
              : t('text_file', { version: a.version })
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
            a.kind === 'file' ? (a.fileType ?? '') : t('text_kind'),
            data.length,
            a.byName,
            excelLocal(a.createdAt),
          ])
        }
      }
      const wb = newWorkbook(now)
      addSheet(
        wb,
        t('index_sheet'),
        [
          t('index_unit'),
          t('index_status'),
          t('index_versions'),
          t('index_version'),
          t('index_file'),
          t('index_type'),
          t('index_bytes'),
          t('index_by'),
          t('index_at'),
        ].map((header) => ({ header })),
        rows,
        { dateFormat: 'yyyy-mm-dd hh:mm:ss' },
      )
      writeFileSync(join(out, t('index_file_name')), await workbookBytes(wb), { mode: PRIVATE_FILE })
      await audit(db, {
        actor: cliActor(),
        action: 'export.collection',
        target: out,
        detail: t('audit_detail', { year, name: c.name, count: written }),
        at: now,
      })
      return t('exported', {
        name: c.name,
        year,
        out,
        count: written,
        index: join(out, t('index_file_name')),
      })
    },
  },
}
