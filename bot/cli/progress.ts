// The progress of a long command (import-clues, migrate) on stderr.
import cliProgress from 'cli-progress'

/** Rows processed on stderr: a bar on a terminal, else one line at the end (`say`: the command's wording, with progress_bar and progress_done). */
export function progressReporter(
  total: number,
  say: (key: string, v?: Record<string, string | number>) => string,
) {
  const started = Date.now()
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({
        stream: process.stderr,
        format: say('progress_bar'),
        hideCursor: true,
        etaBuffer: 20,
      })
    : undefined
  const rate = (done: number) => String(Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)))
  bar?.start(total, 0, { rate: '0' })
  return {
    update(done: number) {
      bar?.update(done, { rate: rate(done) })
    },
    stop(done: number) {
      if (bar) bar.stop()
      else process.stderr.write(`${say('progress_done', { done, total, rate: rate(done) })}\n`)
    },
  }
}
