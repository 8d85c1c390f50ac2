// The line of a unit's free text (存在问题, 其他工作) the bulletin quotes: the first sentence that says
// something, cut to a length a group message can carry. The full text goes to the workbook.

/** What people write when there is nothing to report. */
const NOTHING = /^(无|暂无|没有|无问题|暂无问题|无其他|无其他工作|\/|-|—)[。.]?$/

const SENTENCE_END = /[。；;！!？?\n]/

/** The quoted line, or null when the text says nothing (blank, 无, 暂无…). */
export function excerpt(text: string, max: number): string | null {
  const trimmed = text.trim()
  if (trimmed === '' || NOTHING.test(trimmed)) return null
  const end = trimmed.search(SENTENCE_END)
  const first = (end <= 0 ? trimmed : trimmed.slice(0, end)).trim()
  const chars = [...first]
  if (chars.length > max) return `${chars.slice(0, max).join('')}…`
  const more = end > 0 && trimmed.slice(end + 1).trim() !== ''
  return more ? `${first}…` : first
}
