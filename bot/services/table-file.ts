// Reading a CSV or XLSX file with bounded work: the size is checked first; an XLSX's zip directory
// (each entry's sizes and compression ratio) is checked, and its entries inflated against those
// limits without keeping the output, before anything is parsed; rows are streamed and reading stops
// at the row limit. Problems are one Chinese sentence; the library's detail goes to the log.
import { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'
import { parse as parseCsv } from 'csv-parse/sync'
import type ExcelJS from 'exceljs'
import { messages } from '../../prompts/messages.ts'
import { lazyRequire } from '../lazy-require.ts'
import type { Logger } from '../log.ts'

const excel = lazyRequire<typeof ExcelJS>('exceljs')

export interface TableLimits {
  /** The file as posted. */
  maxFileBytes: number
  /** All zip entries together, inflated. */
  maxUnzippedBytes: number
  /** Inflated / compressed size of any one zip entry. */
  maxRatio: number
  /** Non-empty rows read (the header included). */
  maxRows: number
}

const MB = 1024 * 1024

/** A file posted in the group: handled inside the bot's message loop, so kept small. */
export const GROUP_TABLE_LIMITS: TableLimits = {
  maxFileBytes: 10 * MB,
  maxUnzippedBytes: 64 * MB,
  maxRatio: 100,
  maxRows: 20_000,
}

/** A file given to the command line by the office (a process of its own). */
export const CLI_TABLE_LIMITS: TableLimits = {
  maxFileBytes: 200 * MB,
  maxUnzippedBytes: 2048 * MB,
  maxRatio: 100,
  maxRows: 1_000_000,
}

export type TableFile = { rows: string[][] } | { error: string }

class TableProblem extends Error {
  constructor(
    readonly kind: string,
    readonly vars: Record<string, string> = {},
    detail?: string,
  ) {
    super(detail ?? kind)
  }
}

const size = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`

export async function readTableFile(
  name: string,
  bytes: Uint8Array,
  limits: TableLimits,
  log?: Logger,
  /** The file's size, when its bytes were not loaded (too big for the receiver). */
  fileSize = bytes.byteLength,
): Promise<TableFile> {
  const xlsx = /\.xlsx$/i.test(name)
  try {
    if (fileSize > limits.maxFileBytes)
      throw new TableProblem('too_big', { size: size(fileSize), limit: size(limits.maxFileBytes) })
    return { rows: xlsx ? await readXlsx(Buffer.from(bytes), limits) : readCsv(Buffer.from(bytes), limits) }
  } catch (err) {
    const problem =
      err instanceof TableProblem ? err : new TableProblem(xlsx ? 'not_xlsx' : 'not_csv', {}, String(err))
    log?.warn(
      { file: name, bytes: fileSize, problem: problem.kind, detail: problem.message },
      'table file refused',
    )
    return { error: messages.tableFileProblem(problem.kind, problem.vars) }
  }
}

function readCsv(data: Buffer, limits: TableLimits): string[][] {
  const text = data.toString('utf8').replace(/^\uFEFF/, '')
  const rows = parseCsv(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    to: limits.maxRows + 1,
  }) as string[][]
  if (rows.length > limits.maxRows) throw new TableProblem('too_many_rows', { limit: String(limits.maxRows) })
  return rows
}

interface ZipEntry {
  name: string
  method: number
  compressed: number
  inflated: number
  /** Where the entry's local header starts. */
  offset: number
}

/** The zip's central directory, read without inflating anything. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const from = Math.max(0, zip.length - 22 - 0xffff)
  let eocd = -1
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new TableProblem('not_xlsx', {}, 'no end of central directory')
  const count = zip.readUInt16LE(eocd + 10)
  let at = zip.readUInt32LE(eocd + 16)
  const entries: ZipEntry[] = []
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw new TableProblem('not_xlsx', {}, 'bad central directory entry')
    const nameLength = zip.readUInt16LE(at + 28)
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      inflated: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      offset: zip.readUInt32LE(at + 42),
    })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

/** Inflates one entry, counting its bytes and keeping none; refuses once it passes `max`. */
async function inflatedSize(zip: Buffer, e: ZipEntry, max: number): Promise<number> {
  if (zip.readUInt32LE(e.offset) !== 0x04034b50)
    throw new TableProblem('not_xlsx', {}, `bad local header ${e.name}`)
  const start = e.offset + 30 + zip.readUInt16LE(e.offset + 26) + zip.readUInt16LE(e.offset + 28)
  const data = zip.subarray(start, start + e.compressed)
  if (e.method === 0) return data.length
  if (e.method !== 8) throw new TableProblem('not_xlsx', {}, `compression method ${e.method}`)
  let total = 0
  const inflate = createInflateRaw()
  return await new Promise<number>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length
      if (total > max) {
        inflate.destroy()
        reject(
          new TableProblem('unzipped_too_big', { limit: size(max) }, `${e.name} inflates past its limit`),
        )
      }
    })
    inflate.on('end', () => resolve(total))
    inflate.on('error', reject)
    inflate.end(data)
  })
}

/** Checks the zip before any parser sees it: declared and actual inflated sizes, and ratios. */
async function checkZip(zip: Buffer, limits: TableLimits): Promise<void> {
  const entries = zipEntries(zip)
  const tooBig = () => new TableProblem('unzipped_too_big', { limit: size(limits.maxUnzippedBytes) })
  let declared = 0
  for (const e of entries) {
    if (e.compressed === 0xffffffff || e.inflated === 0xffffffff) throw tooBig() // zip64: gigabytes
    declared += e.inflated
    const ratio = e.inflated / Math.max(1, e.compressed)
    if (e.inflated > 1 * MB && ratio > limits.maxRatio)
      throw new TableProblem('ratio', { ratio: String(Math.round(ratio)) })
  }
  if (declared > limits.maxUnzippedBytes) throw tooBig()
  // The directory may lie: the entries are inflated (and thrown away) against what is left.
  let actual = 0
  for (const e of entries) {
    const n = await inflatedSize(
      zip,
      e,
      Math.min(limits.maxUnzippedBytes - actual, Math.max(e.inflated, 0) + 1),
    )
    if (n !== e.inflated)
      throw new TableProblem('not_xlsx', {}, `${e.name}: ${n} bytes, ${e.inflated} declared`)
    actual += n
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string }
    if (o.richText) return o.richText.map((r) => r.text).join('')
    if (o.text !== undefined) return String(o.text)
    if (o.result !== undefined) return String(o.result)
    if (o.hyperlink) return o.hyperlink
  }
  return String(v).trim()
}

/** The first worksheet's rows, streamed; stops past the row limit. */
async function readXlsx(zip: Buffer, limits: TableLimits): Promise<string[][]> {
  await checkZip(zip, limits)
  const reader = new (excel().stream.xlsx.WorkbookReader)(Readable.from([zip]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  })
  for await (const sheet of reader) {
    const rows: string[][] = []
    for await (const row of sheet) {
      const cells = (row.values as unknown[]).slice(1).map(cellText)
      if (cells.every((c) => c === '')) continue
      if (rows.length >= limits.maxRows)
        throw new TableProblem('too_many_rows', { limit: String(limits.maxRows) })
      rows.push(cells)
    }
    return rows
  }
  throw new TableProblem('no_sheet')
}
