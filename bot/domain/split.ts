// Long messages are split for WeChat: at most `max` characters a part, on line boundaries.

export const MAX_MESSAGE_CHARS = 1800

export function splitMessage(text: string, max = MAX_MESSAGE_CHARS): string[] {
  // No more UTF-16 units than max: no more characters either (the common case, counted for free).
  if (text.length <= max || [...text].length <= max) return [text]
  const parts: string[] = []
  let current = ''
  // Characters (code points) in `current`, kept as lines are added: counting the whole part again
  // for every line is quadratic in a 200-line notice.
  let length = 0
  const push = () => {
    if (current !== '') parts.push(current)
    current = ''
    length = 0
  }
  for (const line of text.split('\n')) {
    const chars = [...line]
    // A single line longer than a part is cut hard.
    if (chars.length > max) {
      push()
      for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''))
      continue
    }
    const candidate = current === '' ? chars.length : length + 1 + chars.length
    if (candidate > max) {
      push()
      current = line
      length = chars.length
    } else {
      current = current === '' ? line : `${current}\n${line}`
      length = candidate
    }
  }
  push()
  return parts
}
