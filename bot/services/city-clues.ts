// 线索 全市: each county's clues by kind (open, overdue, closed), read from its own store.

import { CLUE_KINDS } from '../domain/clues/kinds.ts'
import type { OfficeRef } from '../domain/office.ts'
import { clueCountsByKind, type KindCounts } from '../store/clues.ts'
import type { SubOffice } from './sub-office.ts'

export interface CountyClues {
  office: OfficeRef
  /** In the kinds' own order; kinds without a clue left out. */
  kinds: KindCounts[]
  total: Omit<KindCounts, 'kind'>
}

export async function cityClues(counties: readonly SubOffice[], now: Date): Promise<CountyClues[]> {
  const rows: CountyClues[] = []
  for (const county of counties) {
    const kinds = (await clueCountsByKind(county.db, now)).sort(
      (a, b) => CLUE_KINDS.indexOf(a.kind) - CLUE_KINDS.indexOf(b.kind),
    )
    const total = { open: 0, overdue: 0, closed: 0 }
    for (const k of kinds) {
      total.open += k.open
      total.overdue += k.overdue
      total.closed += k.closed
    }
    rows.push({ office: county.office, kinds, total })
  }
  return rows
}
