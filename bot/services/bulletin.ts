// The bulletin's three editions. A preview (通报 on request, the command line) shows the figures as
// of now and records nothing. An issue (the scheduled one on the 26th, or the office's 发布通报) is
// recorded and numbered 第1版. A correction is a later issue whose figures changed: 更正·第N版, with
// the changes since the last issue listed. An issue that would change nothing is not made.

import type { Roster } from '../config.ts'
import { assessYear } from '../domain/bulletin/assessment.ts'
import { changesBetween, parseSnapshot, snapshotOf } from '../domain/bulletin/changes.ts'
import { compileBulletin } from '../domain/bulletin/figures.ts'
import { splitPeriod } from '../domain/period.ts'
import { insertBulletin, latestIssue, loadBulletinInput } from '../store/bulletins.ts'
import type { Db, Tx } from '../store/db.ts'
import type { OutboundDraft, Recipient } from '../store/outbound.ts'
import { listUnits } from '../store/units.ts'
import { type Edition, moneyLabelsOf, renderAssessment, renderBulletin } from './bulletin-render.ts'
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
async function compose(tx: Db | Tx, o: ComposeOptions) {
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
  const render = (edition: Edition) =>
    renderBulletin(figures, { assessment, edition, moneyLabels: moneyLabelsOf(input.units) })
  return { snapshot, render }
}

function files(period: string, edition: Edition, rendered: { workbook: Buffer; chart: Buffer }) {
  const { year, month } = splitPeriod(period)
  const suffix =
    edition.kind === 'preview' ? '-预览' : edition.version > 1 ? `-更正第${edition.version}版` : ''
  const base = `${year}年${month}月通报${suffix}`
  return [
    { name: `${base}.xlsx`, data: rendered.workbook },
    { name: `${base}-目标进度.png`, data: rendered.chart },
  ]
}

/** The bulletin as of now, marked 预览, without issuing it (通报 in the chat, the command line). */
export async function previewBulletin(db: Db | Tx, o: ComposeOptions) {
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

export async function issueBulletin(tx: Tx, o: IssueOptions): Promise<IssueResult> {
  const { snapshot, render } = await compose(tx, o)
  const fingerprint = JSON.stringify(snapshot)
  const previous = await latestIssue(tx, o.period)
  const before = previous ? parseSnapshot(previous.figures) : null
  const changes = before ? changesBetween(before, snapshot) : null
  // Nothing a reader compares has moved: no correction to make.
  if (previous && (previous.figures === fingerprint || changes?.length === 0))
    return { issued: false, version: previous.version }
  const version = (previous?.version ?? 0) + 1
  const edition: Edition = previous
    ? { kind: 'correction', version, previousVersion: previous.version, changes }
    : { kind: 'issue', version }
  const rendered = await render(edition)
  await insertBulletin(tx, {
    period: o.period,
    version,
    kind: o.kind,
    corrected: previous !== null,
    figures: fingerprint,
    text: rendered.text,
    createdAt: o.now,
  })
  return {
    issued: true,
    version,
    corrected: previous !== null,
    drafts: [
      { to: o.to, text: rendered.text },
      ...files(o.period, edition, rendered).map((file) => ({ to: o.to, text: '', file })),
    ],
  }
}

/** The year's assessment alone (考核), as of now; nothing is recorded. */
export async function assessmentOf(tx: Db | Tx, o: { year: number; now: Date; roster: Roster }) {
  const input = await loadBulletinInput(tx, { period: `${o.year}-12`, asOf: o.now, roster: o.roster })
  const work = await yearWork(tx, o.year, o)
  return renderAssessment(
    assessYear({ ...input, ...work, year: o.year, weights: o.roster.assessment.weights }),
  )
}

/** The year's tasks and documents owed, for the assessment. */
async function yearWork(tx: Db | Tx, year: number, o: { roster: Roster; now: Date }) {
  const units = await listUnits(tx)
  return {
    tasks: await taskRowsOf(tx, year, units),
    documents: await documentRowsOf(tx, year, { roster: o.roster, units, now: o.now }),
  }
}
