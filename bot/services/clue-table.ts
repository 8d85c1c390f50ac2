// Reading a clue list from a CSV or XLSX file: the value column is found by its header or, failing
// that, by which column's cells read as clues; a remark column is optional.
import { classifyClue } from '../domain/clues/classify.ts'
import type { Logger } from '../log.ts'
import type { ClueFileRows, ClueItem } from './clue-rows.ts'
import { readTableFile, type TableLimits } from './table-file.ts'

const VALUE_HEADER = /线索|号码|账号|账户|卡号|网址|域名|链接|值|内容|对象|value|clue/i
const REMARK_HEADER = /备注|说明|情况|描述|remark|note/i

export type ClueTable = ({ items: ClueItem[] } & ClueFileRows) | { error: string }

/**
 * Picks the columns from rows of cells: the clue items, and the rows themselves with the item
 * each became.
 */
export function tableFromRows(rows: string[][]): { items: ClueItem[] } & ClueFileRows {
  const nonEmpty = rows.filter((r) => r.some((c) => c.trim() !== ''))
  const header = nonEmpty[0] ?? []
  let valueCol = header.findIndex((h) => VALUE_HEADER.test(h) && !REMARK_HEADER.test(h))
  const remarkCol = header.findIndex((h) => REMARK_HEADER.test(h))
  let hasHeader = valueCol >= 0
  if (!hasHeader) {
    // No recognizable header: the column whose cells most often read as clues (sampled).
    const sample = nonEmpty.slice(0, 200)
    const width = Math.max(0, ...sample.map((r) => r.length))
    let best = -1
    for (let col = 0; col < width; col++) {
      const score = sample.filter((r) => r[col] && classifyClue(r[col] as string).kind !== 'unclear').length
      if (score > best) [best, valueCol] = [score, col]
    }
    hasHeader = header.every((h) => classifyClue(h).kind === 'unclear') && nonEmpty.length > 1
  }
  const items: ClueItem[] = []
  const body = (hasHeader ? nonEmpty.slice(1) : nonEmpty).map((cells) => {
    const raw = (cells[valueCol] ?? '').trim()
    if (raw === '') return { cells, item: null }
    items.push({ raw, remark: remarkCol >= 0 ? (cells[remarkCol] ?? '').trim() || null : null })
    return { cells, item: items.length - 1 }
  })
  return { items, header: hasHeader ? header : [], rows: body }
}

/** The clue items and rows of a CSV or XLSX file, read within `limits`; or a Chinese sentence why not. */
export async function readClueTable(
  name: string,
  data: Uint8Array,
  limits: TableLimits,
  log?: Logger,
): Promise<ClueTable> {
  const table = await readTableFile(name, data, limits, log)
  return 'error' in table ? table : tableFromRows(table.rows)
}
