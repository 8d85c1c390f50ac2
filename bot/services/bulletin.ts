// Issuing a bulletin: compile the figures from the record, render text, workbook and chart, and
// draft the group messages. A re-issue is a new version, labelled 更正 when the figures changed.

import type { Roster } from '../config.ts'
import { assessYear } from '../domain/bulletin/assessment.ts'
import { compileBulletin } from '../domain/bulletin/figures.ts'
import { splitPeriod } from '../domain/period.ts'
import { insertBulletin, latestBulletin, loadBulletinInput } from '../store/bulletins.ts'
import type { Db, Tx } from '../store/db.ts'
import type { OutboundDraft, Recipient } from '../store/outbound.ts'
import { moneyLabelsOf, renderBulletin } from './bulletin-render.ts'

export const ASSESSMENT_PHASE = '考核总结'

export interface IssueOptions {
  period: string
  now: Date
  roster: Roster
  kind: 'scheduled' | 'requested'
  to: Recipient
  /** Include the year's assessment (the office asks in the 考核总结 phase, or explicitly). */
  withAssessment?: boolean
}

/** Figures, assessment and rendering for a period as of `now`; nothing is recorded. */
async function compose(tx: Db | Tx, o: Pick<IssueOptions, 'period' | 'now' | 'roster' | 'withAssessment'>) {
  const input = await loadBulletinInput(tx, { period: o.period, asOf: o.now, roster: o.roster })
  const figures = compileBulletin(input)
  const assessment =
    o.withAssessment || figures.phase === ASSESSMENT_PHASE
      ? assessYear({ ...input, year: splitPeriod(o.period).year, weights: o.roster.assessment.weights })
      : undefined
  // Compare figures without the compile time, so an unchanged re-issue is not a correction.
  const fingerprint = JSON.stringify({ ...figures, asOf: undefined })
  const render = (correction: boolean, version: number) =>
    renderBulletin(figures, { assessment, correction, version, moneyLabels: moneyLabelsOf(input.units) })
  return { fingerprint, render }
}

function files(period: string, version: number, rendered: { workbook: Buffer; chart: Buffer }) {
  const { year, month } = splitPeriod(period)
  const base = `${year}年${month}月通报${version > 1 ? `-第${version}版` : ''}`
  return [
    { name: `${base}.xlsx`, data: rendered.workbook },
    { name: `${base}-目标进度.png`, data: rendered.chart },
  ]
}

/** The bulletin's outputs without issuing it (the command line writes them to files). */
export async function previewBulletin(
  db: Db,
  o: Pick<IssueOptions, 'period' | 'now' | 'roster' | 'withAssessment'>,
) {
  const rendered = await (await compose(db, o)).render(false, 1)
  return { text: rendered.text, files: files(o.period, 1, rendered) }
}

export async function issueBulletin(
  tx: Tx,
  o: IssueOptions,
): Promise<{ drafts: OutboundDraft[]; version: number; corrected: boolean }> {
  const { fingerprint, render } = await compose(tx, o)
  const previous = await latestBulletin(tx, o.period)
  const corrected = previous !== null && previous.figures !== fingerprint
  const version = (previous?.version ?? 0) + 1
  const rendered = await render(corrected, version)
  await insertBulletin(tx, {
    period: o.period,
    version,
    kind: o.kind,
    corrected,
    figures: fingerprint,
    text: rendered.text,
    createdAt: o.now,
  })
  return {
    version,
    corrected,
    drafts: [
      { to: o.to, text: rendered.text },
      ...files(o.period, version, rendered).map((file) => ({ to: o.to, text: '', file })),
    ],
  }
}
