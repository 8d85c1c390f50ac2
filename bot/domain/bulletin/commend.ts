// The units proposed for 表彰 after the year's assessment, by the roster's `assessment.commend`
// rule: the best `top` ranks (units sharing the last rank all count), or every unit scoring at
// least `min_score`. A unit without a score is never proposed.
import type { Assessment, AssessmentRow } from './types.ts'

export type CommendRule = { top: number } | { min_score: number }

export function commendedUnits(a: Pick<Assessment, 'rows'>, rule: CommendRule): AssessmentRow[] {
  return a.rows.filter((r) => {
    if (r.rank === null || r.score === null) return false
    return 'top' in rule ? r.rank <= rule.top : r.score >= rule.min_score
  })
}
