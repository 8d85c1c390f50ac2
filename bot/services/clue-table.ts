// Reading a clue list from a CSV or XLSX file: the value column is found by its header or, failing
// that, by which column's cells read as clues; a remark column is optional.
import { classifyClue } from '../domain/clues/classify.ts'
import type { Logger } from '../log.ts'
import type { ClueItem } from './clue-intake.ts'
import { readTableFile, type TableLimits } from './table-file.ts'

const VALUE_HEADER = /线索|号码|账号|账户|卡号|网址|域名|链接|值|内容|对象|value|clue/i
const REMARK_HEADER = /备注|说明|情况|描述|remark|note/i

export type ClueTable = { items: ClueItem[] } | { error: string }

/** Picks the columns from rows of cells. */
export function itemsFromRows(rows: string[][]): ClueItem[] {
  const nonEmpty = rows.filter((r) => r.some((c) => c.trim() !== ''))
  const header = nonEmpty[0] ?? []
  let valueCol = header.findIndex((h) => VALUE_HEADER.test(h) && !REMARK_HEADER.test(h))
  const remarkCol = header.findIndex((h) => REMARK_HEADER.test(h))
  let body = nonEmpty
  if (valueCol >= 0) body = nonEmpty.slice(1)
  else {
    // No recognizable header: the column whose cells most often read as clues (sampled).
    const sample = nonEmpty.slice(0, 200)
    const width = Math.max(0, ...sample.map((r) => r.length))
    let best = -1
    for (let col = 0; col < width; col++) {
      const score = sample.filter((r) => r[col] && classifyClue(r[col] as string).kind !== 'unclear').length
      if (score > best) [best, valueCol] = [score, col]
    }
    if (header.every((h) => classifyClue(h).kind === 'unclear') && nonEmpty.length > 1)
      body = nonEmpty.slice(1)
  }
  return body
    .map((r) => ({
      raw: (r[valueCol] ?? '').trim(),
      remark: remarkCol >= 0 ? (r[remarkCol] ?? '').trim() || null : null,
    }))
    .filter((i) => i.raw !== '')
}

/** The clue items of a CSV or XLSX file, read within `limits`; or a Chinese sentence why not. */
export async function readClueTable(
  name: string,
  data: Uint8Array,
  limits: TableLimits,
  log?: Logger,
): Promise<ClueTable> {
  const table = await readTableFile(name, data, limits, log)
  return 'error' in table ? table : { items: itemsFromRows(table.rows) }
}
