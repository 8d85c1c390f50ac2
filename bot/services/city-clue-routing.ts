// The city's own clue file routed to its counties: a column names each row's county (区县 / 县区 /
// 所属区县, by the county office's name or a short form of it); each county's rows go in through
// that county's own intake (classification, XS-numbering, routing to its units, notices in its room
// handed to its sender), in a transaction on its own store. The city gets one summary: per county
// how many and which ids, and the rows refused with why. No full value is in the summary.
import { messages } from '../../prompts/messages.ts'
import { countyLabel, countyNamed } from '../domain/city.ts'
import type { NewBatch } from '../store/clue-batches.ts'
import { writeTransaction } from '../store/db.ts'
import { insertOutbound } from '../store/outbound.ts'
import { listPeople } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { intakeClues } from './clue-intake.ts'
import { tableFromRows } from './clue-table.ts'
import type { SubOffice } from './sub-office.ts'

const COUNTY_HEADER = /^(所属)?(区县|县区|县市区|区县名称|县\(市、区\)|县（市、区）)$/

/** Refused rows listed at most this many. */
const REFUSED_SHOWN = 30
/** Ids listed per county at most this many. */
const CODES_SHOWN = 10

/** The column naming each row's county, from the header row; -1 when there is none. */
export function countyColumn(header: readonly string[]): number {
  return header.findIndex((h) => COUNTY_HEADER.test(h.replace(/\s+/g, '')))
}

export interface CityFile {
  fileName: string
  source: NewBatch['source']
  /** The file's rows of cells, as read. */
  rows: string[][]
}

/**
 * Routes the file's rows to the counties when it has a county column: the summary for the city;
 * undefined when the file names no county (a clue file of the city's own).
 */
export async function routeToCounties(
  file: CityFile,
  o: { counties: readonly SubOffice[]; now: Date; actor: string },
): Promise<{ summary: string; routed: number } | undefined> {
  const rows = file.rows.filter((r) => r.some((c) => c.trim() !== ''))
  const header = rows[0] ?? []
  const col = countyColumn(header)
  if (col < 0) return undefined

  const refused: { row: number; reason: string }[] = []
  const byCounty = new Map<SubOffice, { lines: number[]; rows: string[][] }>()
  const offices = o.counties.map((c) => ({ key: c.office.key, name: c.office.name, c }))
  const names = o.counties.map((c) => countyLabel(c.office)).join('、')
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2 // the file's row number among its non-blank rows, the header being 1
    const named = (cells[col] ?? '').trim()
    const county = countyNamed(offices, named)?.c
    if (!county) {
      const reason =
        named === ''
          ? messages.city('push_no_county')
          : messages.city('push_unknown_county', { text: named, names })
      refused.push({ row: line, reason })
      return
    }
    const mine = byCounty.get(county) ?? { lines: [], rows: [] }
    mine.lines.push(line)
    mine.rows.push(cells)
    byCounty.set(county, mine)
  })

  const routedLines: string[] = []
  let routed = 0
  for (const county of o.counties) {
    const mine = byCounty.get(county)
    if (!mine) continue
    const table = tableFromRows([header, ...mine.rows])
    table.rows.forEach((r, i) => {
      if (r.item === null)
        refused.push({ row: mine.lines[i] as number, reason: messages.city('push_no_value') })
    })
    if (table.items.length === 0) continue
    const { codes, ids } = await writeTransaction(county.db, async (tx) => {
      const result = await intakeClues(tx, table.items, {
        now: o.now,
        actor: o.actor,
        roster: county.roster,
        units: await listUnits(tx),
        people: await listPeople(tx),
        roomTopic: county.roomTopic,
        file: { fileName: file.fileName, source: file.source, header: table.header, rows: table.rows },
        inboundId: null,
      })
      return { codes: result.codes, ids: await insertOutbound(tx, result.notices, o.now, null) }
    })
    county.onOutbound(ids)
    routed += table.items.length
    const shown = [...new Set(codes)].slice(0, CODES_SHOWN).join('、')
    const more = codes.length > CODES_SHOWN ? messages.city('push_codes_more', { count: codes.length }) : ''
    routedLines.push(
      messages.city('push_county', {
        county: countyLabel(county.office),
        count: table.items.length,
        codes: shown + more,
      }),
    )
  }
  refused.sort((a, b) => a.row - b.row)
  const refusedText = refused.length
    ? `\n${messages.cityPushRefused({
        count: refused.length,
        lines: [
          ...refused.slice(0, REFUSED_SHOWN).map((r) => messages.city('push_refused', r)),
          ...(refused.length > REFUSED_SHOWN
            ? [messages.city('push_more', { count: refused.length - REFUSED_SHOWN })]
            : []),
        ].join('\n'),
      })}`
    : ''
  const summary = messages.cityPush({
    name: file.fileName,
    rows: rows.length - 1,
    routed,
    counties: routedLines.join('\n'),
    refused: refusedText,
  })
  return { summary, routed }
}
