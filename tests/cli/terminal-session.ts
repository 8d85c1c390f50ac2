// `npm start` as a newcomer runs it: the real process, its terminal chat on stdin/stdout, on a data
// folder of the test's own. Lines are typed once the chat is ready; output is read as it comes.
import { type ChildProcess, spawn } from 'node:child_process'

export interface TerminalSession {
  /** Types one line into the terminal chat. */
  type(line: string): void
  /** Resolves once stdout (since the start) matches; rejects after the timeout with what was seen. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>
  output(): string
  errors(): string
  /** Resolves with the exit code. */
  exited: Promise<number | null>
  kill(): void
}

const running = new Set<ChildProcess>()

export function startBot(env: NodeJS.ProcessEnv, args: string[] = []): TerminalSession {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  running.add(child)
  let out = ''
  let err = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    err += d
  })
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child)
      resolve(code)
    }),
  )
  return {
    type: (line) => child.stdin?.write(`${line}\n`),
    async waitFor(pattern, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs
      while (!pattern.test(out)) {
        if (Date.now() > until || child.exitCode !== null)
          throw new Error(`not seen: ${pattern}\n--- stdout:\n${out}\n--- stderr:\n${err}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      return out
    },
    output: () => out,
    errors: () => err,
    exited,
    kill: () => child.kill('SIGKILL'),
  }
}

/** For afterEach: kills what a test left running. */
export function killBots(): void {
  for (const child of running) child.kill('SIGKILL')
}
