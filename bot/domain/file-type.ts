// What a file is, judged by its content (never its name): PDF, PNG and JPEG by their signature; DOCX
// and XLSX are zip files whose directory names word/document.xml or xl/workbook.xml; an OLE compound
// file is an old Word/WPS/Excel document. Reads only the head and the zip's central directory.

export type FileType = 'pdf' | 'png' | 'jpg' | 'docx' | 'xlsx' | 'ole'

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x)

export function fileTypeOf(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf' // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg'
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole'
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes)
    if (names.includes('word/document.xml')) return 'docx'
    if (names.includes('xl/workbook.xml')) return 'xlsx'
  }
  return undefined
}

/** Zip entries are listed at most this many (a real document has a few dozen). */
const MAX_ENTRIES = 10_000

/** The names in a zip's central directory ([] when it has none that can be read). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // The end-of-central-directory record is within the last 22 + 65,535 bytes.
  const floor = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return []
  const count = Math.min(view.getUint16(eocd + 10, true), MAX_ENTRIES)
  let at = view.getUint32(eocd + 16, true)
  const names: string[] = []
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) break
    const nameLength = view.getUint16(at + 28, true)
    const extra = view.getUint16(at + 30, true)
    const comment = view.getUint16(at + 32, true)
    if (at + 46 + nameLength > bytes.length) break
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)))
    at += 46 + nameLength + extra + comment
  }
  return names
}

/** The answer kind (roster `accepts`) a file type is: an OLE document (.doc, .wps, .xls) counts as wps. */
export function answerKindsOf(type: FileType): string[] {
  return type === 'ole' ? ['wps'] : [type]
}
