// The year's assessment as the office's 考核评比结果通报 (.docx): the ranking with each component,
// the rule it is scored by, and the units proposed for 表彰. Layout: official-docx.ts.
import type { CommendRule } from '../domain/bulletin/commend.ts'
import type { Assessment, AssessmentRow } from '../domain/bulletin/types.ts'
import { assessmentRule, commendText, localDateTime, percent } from './bulletin-format.ts'
import { type Block, buildOfficialDocx, doc, heading1, para, table } from './official-docx.ts'

export interface AssessmentDocxOptions {
  issuer: string
  commend: CommendRule
  date: Date
}

/** 报送及时率 83.3%（按时10 迟报1 未报1）: a component's rate with the counts it is taken over. */
function componentCells(r: AssessmentRow): string[] {
  const t = r.timeliness
  const c = r.clueClosure
  const k = r.completeness
  return [
    `${percent(t.share)}\n${doc('a-timeliness', { onTime: t.onTime, late: t.late, missing: t.missing })}`,
    `${percent(c.share)}\n${c.assessed ? doc('a-clues', { within: c.closedWithinDue, assessed: c.assessed }) : doc('a-clues-none')}`,
    `${percent(k.share)}\n${k.fields.length ? doc('a-complete', { complete: k.complete, months: k.months }) : doc('a-complete-none')}`,
  ]
}

export function assessmentDocx(a: Assessment, o: AssessmentDocxOptions): Promise<Buffer> {
  const rows = a.rows.map((r) => [
    r.rank ?? doc('unranked'),
    r.unit.name,
    r.score === null ? doc('unranked') : r.score.toFixed(1),
    ...componentCells(r),
  ])
  const body: Block[] = [
    para(doc('assessment-intro', { year: a.year })),
    heading1(doc('h-assess-ranking')),
    table(doc('t-assessment').split('|'), rows),
    heading1(doc('h-assess-rule')),
    ...assessmentRule(a).map((line) => para(line)),
    heading1(doc('h-assess-commend')),
    ...commendText(a, o.commend).map((line) => para(line)),
  ]
  return buildOfficialDocx({
    issuer: o.issuer,
    number: doc('number-assessment', { year: a.year, asOf: localDateTime(a.asOf) }),
    title: doc('assessment-title', { year: a.year }),
    body,
    date: o.date,
  })
}
