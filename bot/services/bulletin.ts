// Issuing a bulletin: compile the figures from the record, render text, workbook and chart, and
// draft the group messages. A re-issue is a new version, labelled 更正 when the figures changed.

import type { Roster } from '../config.ts'
import { assessYear } from '../domain/bulletin/assessment.ts'
import { compileBulletin } from '../domain/bulletin/figures.ts'
import { splitPeriod } from '../domain/period.ts'
import { insertBulletin, latestBulletin, loadBulletinInput } from '../store/bulletins.ts'
import type { Tx } from '../store/db.ts'
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

export async function issueBulletin(
  tx: Tx,
  o: IssueOptions,
): Promise<{ drafts: OutboundDraft[]; version: number; corrected: boolean }> {
  const input = await loadBulletinInput(tx, { period: o.period, asOf: o.now, roster: o.roster })
  const figures = compileBulletin(input)
  const assessment =
    o.withAssessment || figures.phase === ASSESSMENT_PHASE
      ? assessYear({ ...input, year: splitPeriod(o.period).year, weights: o.roster.assessment.weights })
      : undefined
  // Compare figures without the compile time, so an unchanged re-issue is not a correction.
  const fingerprint = JSON.stringify({ ...figures, asOf: undefined })
  const previous = await latestBulletin(tx, o.period)
  const corrected = previous !== null && previous.figures !== fingerprint
  const version = (previous?.version ?? 0) + 1
  const rendered = await renderBulletin(figures, {
    assessment,
    correction: corrected,
    version,
    moneyLabels: moneyLabelsOf(input.units),
  })
  await insertBulletin(tx, {
    period: o.period,
    version,
    kind: o.kind,
    corrected,
    figures: fingerprint,
    text: rendered.text,
    createdAt: o.now,
  })
  const { year, month } = splitPeriod(o.period)
  const base = `${year}年${month}月通报${version > 1 ? `-第${version}版` : ''}`
  return {
    version,
    corrected,
    drafts: [
      { to: o.to, text: rendered.text },
      { to: o.to, text: '', file: { name: `${base}.xlsx`, data: rendered.workbook } },
      { to: o.to, text: '', file: { name: `${base}-目标进度.png`, data: rendered.chart } },
    ],
  }
}
