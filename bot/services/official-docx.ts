// The layout of the office's documents (公文) as GB/T 9704-2012 asks: A4, margins 上37 下35 左28
// 右26 mm, 22 lines of 28 characters, a red 发文机关标志 and separator, the title in 小标宋 二号,
// the body in 仿宋_GB2312 三号, level-1 headings in 黑体 and level-2 in 楷体_GB2312, 落款 and
// 成文日期 at the end, page numbers "— 1 —" in 宋体 四号 (odd pages right, even pages left).
// Fonts are named, not embedded: Word on an office computer has them; elsewhere it substitutes.
import type * as Docx from 'docx'
import { messages } from '../../prompts/messages.ts'
import { toLocal } from '../domain/period.ts'
import { lazyRequire } from '../lazy-require.ts'

const docx = lazyRequire<typeof Docx>('docx')

export const doc = (key: string, v: Record<string, string | number> = {}) => messages.documentLine(key, v)

const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  pageNumber: '宋体',
} as const
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 24 } as const
const RED = 'FF0000'
/** 28.95 pt: the line pitch that gives 22 lines in the 225 mm type area. */
const LINE = 579
/** Two characters of 三号 (first-line indent), in twips. */
const TWO_CHARS = 640
/** The type area's width, 156 mm, in points. */
const TYPE_WIDTH_PT = 156 * 2.835

const mm = (x: number) => Math.round((x * 1440) / 25.4)

type Font = keyof typeof FONT

function run(text: string, font: Font, size: number, extra: Partial<Docx.IRunOptions> = {}) {
  const d = docx()
  return new d.TextRun({
    text,
    size,
    font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: FONT[font], cs: FONT[font] },
    ...extra,
  })
}

const exact = () => ({ line: LINE, lineRule: docx().LineRuleType.EXACT })

/** A body paragraph: 仿宋 三号, first line indented two characters. */
export function para(text: string, o: { indent?: boolean; align?: 'left' | 'right' | 'center' } = {}) {
  const d = docx()
  return new d.Paragraph({
    children: [run(text, 'body', SIZE.body)],
    spacing: exact(),
    indent: o.indent === false ? undefined : { firstLine: TWO_CHARS },
    alignment:
      o.align === 'right'
        ? d.AlignmentType.RIGHT
        : o.align === 'center'
          ? d.AlignmentType.CENTER
          : d.AlignmentType.JUSTIFIED,
  })
}

/** 一、总体情况: 黑体 三号, indented two characters. */
export function heading1(text: string) {
  const d = docx()
  return new d.Paragraph({
    children: [run(text, 'h1', SIZE.body)],
    spacing: exact(),
    indent: { firstLine: TWO_CHARS },
  })
}

/** （一）…: 楷体 三号; with `text`, the rest of the paragraph follows in 仿宋. */
export function heading2(label: string, text = '') {
  const d = docx()
  const children = [run(label, 'h2', SIZE.body)]
  if (text) children.push(run(text, 'body', SIZE.body))
  return new d.Paragraph({
    children,
    spacing: exact(),
    indent: { firstLine: TWO_CHARS },
  })
}

const empty = () => para('', { indent: false })

/** A table of the figures: header row repeated on each page, 仿宋 小四, centred; \n breaks a cell's line. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]) {
  const d = docx()
  const cell = (text: string | number, bold: boolean) =>
    new d.TableCell({
      verticalAlign: d.VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 30, bottom: 30 },
      children: String(text)
        .split('\n')
        .map(
          (line) =>
            new d.Paragraph({
              alignment: d.AlignmentType.CENTER,
              children: [run(line, bold ? 'h1' : 'body', SIZE.table)],
            }),
        ),
    })
  return new d.Table({
    width: { size: 100, type: d.WidthType.PERCENTAGE },
    rows: [
      new d.TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) })),
    ],
  })
}

/** "2026年11月26日": the 成文日期 in Beijing time, as GB/T 9704-2012 writes it (Arabic numerals). */
export function documentDate(at: Date): string {
  const l = toLocal(at)
  return doc('signature-date', { year: l.year, month: l.month, day: l.day })
}

export type Block = Docx.Paragraph | Docx.Table

export interface OfficialDocument {
  /** 发文机关标志: the office's full name. */
  issuer: string
  /** The 期号 line under the banner. */
  number: string
  title: string
  /** The body after 主送 (各成员单位：). */
  body: Block[]
  /** 成文日期. */
  date: Date
}

/** The 发文机关标志's size: as large as 初号 (42 pt), small enough for the name to fit one line. */
function bannerSize(name: string): number {
  const pt = Math.max(16, Math.min(42, Math.floor(TYPE_WIDTH_PT / Math.max(1, [...name].length))))
  return pt * 2
}

function pageNumber(align: 'left' | 'right') {
  const d = docx()
  return new d.Footer({
    children: [
      new d.Paragraph({
        alignment: align === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new d.TextRun({
            children: ['— ', d.PageNumber.CURRENT, ' —'],
            size: SIZE.pageNumber,
            font: { ascii: FONT.pageNumber, hAnsi: FONT.pageNumber, eastAsia: FONT.pageNumber },
          }),
        ],
      }),
    ],
  })
}

/** The document as .docx bytes. */
export async function buildOfficialDocx(o: OfficialDocument): Promise<Buffer> {
  const d = docx()
  const banner = new d.Paragraph({
    alignment: d.AlignmentType.CENTER,
    spacing: { before: 0, after: 0 },
    children: [run(o.issuer, 'title', bannerSize(o.issuer), { color: RED })],
  })
  const number = new d.Paragraph({
    alignment: d.AlignmentType.CENTER,
    spacing: { ...exact(), before: LINE },
    border: { bottom: { style: d.BorderStyle.SINGLE, size: 12, color: RED, space: 8 } },
    children: [run(o.number, 'body', SIZE.body)],
  })
  const title = new d.Paragraph({
    alignment: d.AlignmentType.CENTER,
    spacing: { line: 700, lineRule: d.LineRuleType.EXACT },
    children: [run(o.title, 'title', SIZE.title)],
  })
  const signature = [
    empty(),
    empty(),
    new d.Paragraph({
      alignment: d.AlignmentType.RIGHT,
      spacing: exact(),
      indent: { right: TWO_CHARS * 2 },
      children: [run(o.issuer, 'body', SIZE.body)],
    }),
    new d.Paragraph({
      alignment: d.AlignmentType.RIGHT,
      spacing: exact(),
      indent: { right: TWO_CHARS * 2 },
      children: [run(documentDate(o.date), 'body', SIZE.body)],
    }),
  ]
  const document = new d.Document({
    creator: o.issuer,
    title: o.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { size: SIZE.body, font: { ascii: 'Times New Roman', eastAsia: FONT.body } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) },
          },
        },
        footers: { default: pageNumber('right'), even: pageNumber('left') },
        children: [
          banner,
          number,
          empty(),
          title,
          empty(),
          para(doc('addressee'), { indent: false }),
          ...o.body,
          ...signature,
        ],
      },
    ],
  })
  return d.Packer.toBuffer(document)
}
