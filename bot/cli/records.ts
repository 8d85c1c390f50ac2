// bulletin, export reports/clues, audit: what the office takes out of the records.

import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { messages } from '../../prompts/messages.ts'
import type { Env } from '../config.ts'
import { fromLocal, parsePeriod } from '../domain/period.ts'
import { previewBulletin } from '../services/bulletin.ts'
import { type ExportFilter, exportClues, exportReports } from '../services/export.ts'
import { cstTime } from '../services/status.ts'
import { AUDIT_ACTIONS, type AuditAction, audit, listAudit } from '../store/audit.ts'
import { freePath } from '../store/backup.ts'
import { type Db, databasePath } from '../store/db.ts'
import { makePrivate, makePrivateDir, PRIVATE_FILE } from '../store/private-files.ts'
import { type Args, type CliCommand, cliActor, noMorePositionals, UsageError } from './command.ts'

const t = messages.cliRecords

/** Where bulletins and exports go unless told: data/exports, next to the database. */
function exportsDir(config: Env): string {
  return join(dirname(databasePath(config.DATABASE_URL)), 'exports')
}

const STATUS_NAME = { open: t('open'), closed: t('closed') } as const
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
  if (period !== undefined && year !== undefined) throw new UsageError(t('period_and_year'))
  if (period !== undefined) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new UsageError(t('bad_period', { text: period }))
    return { period, label: period }
  }
  if (year !== undefined) {
    if (!/^(19|20|21)\d{2}$/.test(year)) throw new UsageError(t('bad_year', { text: year }))
    return { year: Number(year), label: year }
  }
  return { label: t('all') }
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
  if (!/\.xlsx$/i.test(out)) throw new UsageError(t('bad_out', { text: out }))
  if (!isAbsolute(out)) {
    const path = resolve(dir, out)
    return { path, makeDir: dirname(path) }
  }
  if (!existsSync(dirname(out))) throw new UsageError(t('no_dir', { dir: dirname(out) }))
  if (existsSync(out) && !statSync(out).isFile()) throw new UsageError(t('not_a_file', { path: out }))
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
  const bad = () => new UsageError(t('bad_since', { text }))
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
    throw new UsageError(t('bad_action', { text, list }))
  }
  return found
}

export const RECORD_COMMANDS: Record<string, CliCommand> = {
  bulletin: {
    usage: t('bulletin_usage'),
    summary: t('bulletin_summary'),
    details: t('bulletin_details'),
    options: { out: { type: 'string' }, assessment: { type: 'boolean' } },
    async run(db, { positionals, values }, config, roster) {
      noMorePositionals(positionals, 1)
      const parsed = positionals[0] ? parsePeriod(positionals[0], new Date()) : undefined
      if (!parsed?.ok) throw new UsageError(t('bulletin_need_month', { text: positionals[0] ?? '' }))
      const out = outDir(values, config)
      const { text, files } = await previewBulletin(db, {
        period: parsed.period,
        now: new Date(),
        roster,
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
        return t('file_written', { path, bytes: f.data.length })
      })
      return t('bulletin_done', { period: parsed.period, files: written.join('\n') })
    },
  },
  'export reports': {
    usage: t('reports_usage'),
    summary: t('reports_summary'),
    details: t('reports_details'),
    options: { period: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 0)
      const filter = exportFilter(values)
      const target = exportPath(values, config, t('reports_file', { label: filter.label }))
      const r = await exportReports(db, filter, new Date())
      await writeExport(db, target, r.data, {
        action: 'export.reports',
        detail: t('reports_detail', { label: filter.label, latest: r.latest, revisions: r.revisions }),
      })
      return t('reports_done', {
        path: target.path,
        label: filter.label,
        latest: r.latest,
        revisions: r.revisions,
      })
    },
  },
  'export clues': {
    usage: t('clues_usage'),
    summary: t('clues_summary'),
    details: t('clues_details'),
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
      if (given !== undefined && !status) throw new UsageError(t('bad_status', { text: given }))
      const label = `${filter.label}${status ? `-${STATUS_NAME[status]}` : ''}`
      const target = exportPath(values, config, t('clues_file', { label }))
      const r = await exportClues(db, { ...filter, ...(status ? { status } : {}) }, new Date())
      const range = r.codes.length
        ? t('clues_range', { first: r.codes[0] ?? '', last: r.codes.at(-1) ?? '' })
        : ''
      await writeExport(db, target, r.data, {
        action: 'export.clues',
        detail: t('clues_detail', {
          count: r.codes.length,
          range,
          label: filter.label,
          status: status ? t('clues_detail_status', { status: STATUS_NAME[status] }) : '',
        }),
      })
      return t('clues_done', { path: target.path, count: r.codes.length, history: r.history })
    },
  },
  audit: {
    usage: t('audit_usage'),
    summary: t('audit_summary'),
    details: t('audit_details', {
      actions: Object.entries(AUDIT_ACTIONS)
        .map(([action, name]) => t('audit_action', { action, name }))
        .join('、'),
    }),
    options: { since: { type: 'string' }, action: { type: 'string' }, limit: { type: 'string' } },
    async run(db, { positionals, values }) {
      noMorePositionals(positionals, 0)
      const since = typeof values.since === 'string' ? parseSince(values.since) : undefined
      const actions = typeof values.action === 'string' ? parseActions(values.action) : undefined
      const limitText = (values.limit as string | undefined) ?? '100'
      if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 10_000)
        throw new UsageError(t('bad_limit', { text: limitText }))
      const { rows, total } = await listAudit(db, {
        ...(since ? { since } : {}),
        ...(actions ? { actions } : {}),
        limit: Number(limitText),
      })
      if (total === 0) return t('audit_none')
      const lines = rows.map((r) =>
        [cstTime(r.at), r.actor, AUDIT_ACTIONS[r.action] ?? r.action, r.target, r.detail ?? ''].join('\t'),
      )
      const head =
        total > rows.length
          ? t('audit_head_some', { total, shown: rows.length })
          : t('audit_head_all', { total })
      return [head, ...lines].join('\n')
    },
  },
}
