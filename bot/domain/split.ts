// Long messages are split for WeChat: at most `max` characters a part, on line boundaries.

export const MAX_MESSAGE_CHARS = 1800

export function splitMessage(text: string, max = MAX_MESSAGE_CHARS): string[] {
  // No more UTF-16 units than max: no more characters either (the common case, counted for free).
  if (text.length <= max || [...text].length <= max) return [text]
  const parts: string[] = []
  let current = ''
  const push = () => {
    if (current !== '') parts.push(current)
    current = ''
  }
  for (const line of text.split('\n')) {
    const chars = [...line]
    // A single line longer than a part is cut hard.
    if (chars.length > max) {
      push()
      for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''))
      continue
    }
    const candidate = current === '' ? line : `${current}\n${line}`
    if ([...candidate].length > max) {
      push()
      current = line
    } else {
      current = candidate
    }
  }
  push()
  return parts
}
