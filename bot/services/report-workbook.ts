// The unit's report form as a workbook to fill in (模板's attachment): one row per field with
// 字段, 数值 and 说明 (kind, unit 万元, required), a 单位 row naming the unit and a 月份 row.
import { messages } from '../../prompts/messages.ts'
import { type FieldDef, formOf, type UnitDef } from '../domain/roster.ts'
import { excel } from './workbook.ts'

const line = messages.reportSheetLine

function note(f: FieldDef): string {
  return `${line(f.required ? 'required' : 'optional')}；${line(`kind_${f.kind}`)}`
}

export function templateWorkbookName(unit: Pick<UnitDef, 'name'>): string {
  return line('file_name', { unit: unit.name })
}

export async function templateWorkbook(unit: UnitDef): Promise<Uint8Array> {
  const book = new (excel().Workbook)() // undated: the same template whenever it is asked for
  const sheet = book.addWorksheet(line('sheet_name'))
  sheet.columns = [{ width: 24 }, { width: 14 }, { width: 36 }]
  const header = sheet.addRow([line('header_label'), line('header_value'), line('header_note')])
  header.font = { bold: true }
  sheet.addRow([line('unit_label'), unit.name, line('unit_note')])
  sheet.addRow([line('period_label'), '', line('period_note')])
  for (const f of formOf(unit)) sheet.addRow([f.label, null, note(f)])
  return new Uint8Array(await book.xlsx.writeBuffer())
}
