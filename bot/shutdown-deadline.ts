// `worker.close()` waits for active jobs with no timeout: a stop gives its steps this long, then
// goes on (what is left is handled at the next start, as after a crash).
import type { Logger } from './log.ts'

export async function withinDeadline(
  steps: Promise<unknown>,
  deadlineMs: number,
  log: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn({ deadlineMs }, 'shutdown deadline passed')
      resolve()
    }, deadlineMs)
  })
  await Promise.race([steps, deadline])
  clearTimeout(timer)
}
