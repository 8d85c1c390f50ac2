// The bulletin's three editions. A preview (通报 on request, the command line) shows the figures as
// of now and records nothing. An issue (the scheduled one on the 26th, or the office's 发布通报) is
// recorded and numbered 第1版. A correction is a later issue whose figures changed: 更正·第N版, with
// the changes since the last issue listed. An issue that would change nothing is not made.

import { messages } from '../../prompts/messages.ts'
import { assessYear } from '../domain/bulletin/assessment.ts'
import { changesBetween, parseSnapshot, snapshotOf } from '../domain/bulletin/changes.ts'
import { compileBulletin } from '../domain/bulletin/figures.ts'
import type { Assessment } from '../domain/bulletin/types.ts'
import { splitPeriod } from '../domain/period.ts'
import type { Roster } from '../domain/roster-types.ts'
import { insertBulletin, issueNumber, latestIssue, loadBulletinInput } from '../store/bulletins.ts'
import type { Store, Tx } from '../store/db.ts'
import type { OutboundDraft, Recipient } from '../store/outbound.ts'
import { listUnits } from '../store/units.ts'
import { assessmentDocx } from './assessment-docx.ts'
import { bulletinDocx } from './bulletin-docx.ts'
import { moneyLabelSet } from './bulletin-format.ts'
import { type Edition, moneyLabelsOf, renderAssessment, renderBulletin } from './bulletin-render.ts'
import { buildAssessmentWorkbook } from './bulletin-workbook.ts'
import { documentRowsOf } from './collections.ts'
import { taskRowsOf } from './tasks.ts'

export const ASSESSMENT_PHASE = '考核总结'

interface ComposeOptions {
  period: string
  now: Date
  roster: Roster
  /** Include the year's assessment (also automatic in the 考核总结 phase). */
  withAssessment?: boolean
}

/** Figures, assessment and rendering for a period as of `now`; nothing is recorded. */
async function compose(tx: Store, o: ComposeOptions) {
  const loaded = await loadBulletinInput(tx, { period: o.period, asOf: o.now, roster: o.roster })
  const input = { ...loaded, ...(await yearWork(tx, splitPeriod(o.period).year, o)) }
  const figures = compileBulletin(input)
  const assessment =
    o.withAssessment || figures.phase === ASSESSMENT_PHASE
      ? assessYear({
          ...input,
          year: splitPeriod(o.period).year,
          weights: o.roster.assessment.weights,
        })
      : undefined
  const snapshot = snapshotOf(figures)
  const moneyLabels = moneyLabelsOf(input.units)
  /** The text, workbook and chart, and the official document (.docx) with its file name. */
  const render = async (edition: Edition) => {
    const [rendered, document, assessmentDocument] = await Promise.all([
      renderBulletin(figures, { assessment, edition, moneyLabels, commend: o.roster.assessment.commend }),
      bulletinDocx(figures, {
        edition,
        number: edition.kind === 'preview' ? null : (edition.number ?? null),
        issuer: officeFullName(o.roster),
        nextSteps: o.roster.next_steps,
        isMoney: moneyLabelSet(moneyLabels),
        date: o.now,
      }),
      assessment ? officialAssessment(assessment, o) : undefined,
    ])
    return { ...rendered, document, assessmentDocument }
  }
  return { snapshot, render }
}

/** The 发文机关标志 and 落款 of the office's documents: its full name, else its short one. */
export function officeFullName(roster: Pick<Roster, 'office'>): string {
  return roster.office.full_name ?? roster.office.name
}

/**
 * The attachments: the official 通报 (2026年第11期通报.docx, 2026年第11期通报（更正·第2版）.docx,
 * or 2026年11月通报-预览.docx), the workbook and the chart.
 */
function files(
  period: string,
  edition: Edition,
  rendered: { workbook: Buffer; chart: Buffer; document: Buffer; assessmentDocument?: Buffer | undefined },
) {
  const { year, month } = splitPeriod(period)
  const suffix =
    edition.kind === 'preview'
      ? messages.fileName('bulletin_preview')
      : edition.version > 1
        ? messages.fileName('bulletin_correction', { version: edition.version })
        : ''
  const base = messages.fileName('bulletin', { year, month, suffix })
  const official =
    edition.kind === 'preview' || edition.number === undefined
      ? `${base}.docx`
      : `${messages.fileName('official', {
          year,
          number: edition.number,
          correction:
            edition.version > 1 ? messages.fileName('official_correction', { version: edition.version }) : '',
        })}.docx`
  return [
    { name: official, data: rendered.document },
    { name: `${base}.xlsx`, data: rendered.workbook },
    { name: messages.fileName('chart', { base }), data: rendered.chart },
    ...(rendered.assessmentDocument
      ? [{ name: assessmentFileName(year, edition.kind === 'preview'), data: rendered.assessmentDocument }]
      : []),
  ]
}

const assessmentFileName = (year: number, preview: boolean) =>
  messages.fileName('assessment', { year, suffix: preview ? messages.fileName('bulletin_preview') : '' })

/** The 考核评比结果通报 (.docx) of an assessment. */
function officialAssessment(a: Assessment, o: { now: Date; roster: Roster }): Promise<Buffer> {
  return assessmentDocx(a, {
    issuer: officeFullName(o.roster),
    commend: o.roster.assessment.commend,
    date: o.now,
  })
}

/** The bulletin as of now, marked 预览, without issuing it (通报 in the chat, the command line). */
export async function previewBulletin(db: Store, o: ComposeOptions) {
  const edition: Edition = { kind: 'preview' }
  const rendered = await (await compose(db, o)).render(edition)
  return { text: rendered.text, files: files(o.period, edition, rendered) }
}

export interface IssueOptions extends ComposeOptions {
  kind: 'scheduled' | 'issued'
  to: Recipient
}

export type IssueResult =
  | { issued: true; version: number; corrected: boolean; drafts: OutboundDraft[] }
  /** The last issue's figures still hold: nothing was issued. */
  | { issued: false; version: number }

/** What an issue would be now: its figures, and its edition (none: the last issue still holds). */
async function planIssue(db: Store, o: IssueOptions) {
  const { snapshot, render } = await compose(db, o)
  const fingerprint = JSON.stringify(snapshot)
  const previous = await latestIssue(db, o.period)
  const before = previous ? parseSnapshot(previous.figures) : null
  const changes = before ? changesBetween(before, snapshot) : null
  // Nothing a reader compares has moved: no correction to make.
  if (previous && (previous.figures === fingerprint || changes?.length === 0))
    return { fingerprint, render, previous, edition: undefined }
  const version = (previous?.version ?? 0) + 1
  const number = await issueNumber(db, o.period)
  const edition: Edition = previous
    ? { kind: 'correction', version, previousVersion: previous.version, changes, number }
    : { kind: 'issue', version, number }
  return { fingerprint, render, previous, edition }
}

/** An issue worked out and rendered before the write lock (the chart, workbook and .docx take seconds). */
export interface PreparedIssue {
  fingerprint: string
  edition: Edition
  rendered: Awaited<ReturnType<Awaited<ReturnType<typeof compose>>['render']>>
}

export async function prepareIssue(db: Store, o: IssueOptions): Promise<PreparedIssue | undefined> {
  const { fingerprint, render, edition } = await planIssue(db, o)
  return edition ? { fingerprint, edition, rendered: await render(edition) } : undefined
}

/**
 * Issues the bulletin (in the caller's write transaction). `prepared`, made before the lock, is
 * used when the figures and the edition are still what it was made for; else it renders here.
 */
export async function issueBulletin(tx: Tx, o: IssueOptions, prepared?: PreparedIssue): Promise<IssueResult> {
  const { fingerprint, render, previous, edition } = await planIssue(tx, o)
  if (!edition) return { issued: false, version: previous?.version ?? 0 }
  const still =
    prepared?.fingerprint === fingerprint && JSON.stringify(prepared.edition) === JSON.stringify(edition)
  const rendered = still ? prepared.rendered : await render(edition)
  await insertBulletin(tx, {
    period: o.period,
    version: edition.version,
    kind: o.kind,
    corrected: previous !== null,
    figures: fingerprint,
    text: rendered.text,
    createdAt: o.now,
  })
  return {
    issued: true,
    version: edition.version,
    corrected: previous !== null,
    drafts: [
      { to: o.to, text: rendered.text },
      ...files(o.period, edition, rendered).map((file) => ({ to: o.to, text: '', file })),
    ],
  }
}

/**
 * The year's assessment alone (考核), as of now; nothing is recorded. The text, the
 * 考核评比结果通报 (.docx) and the workbook with the same tables.
 */
export async function assessmentOf(tx: Store, o: { year: number; now: Date; roster: Roster }) {
  const input = await loadBulletinInput(tx, { period: `${o.year}-12`, asOf: o.now, roster: o.roster })
  const work = await yearWork(tx, o.year, o)
  const a = assessYear({ ...input, ...work, year: o.year, weights: o.roster.assessment.weights })
  const [document, workbook] = await Promise.all([
    officialAssessment(a, o),
    buildAssessmentWorkbook(a, o.roster.assessment.commend),
  ])
  return {
    text: renderAssessment(a),
    files: [
      { name: assessmentFileName(o.year, false), data: document },
      { name: messages.fileName('assessment_workbook', { year: o.year }), data: workbook },
    ],
  }
}

/** The year's tasks and documents owed, for the assessment. */
async function yearWork(tx: Store, year: number, o: { roster: Roster; now: Date }) {
  const units = await listUnits(tx)
  return {
    tasks: await taskRowsOf(tx, year, units),
    documents: await documentRowsOf(tx, year, { roster: o.roster, units, now: o.now }),
  }
}
