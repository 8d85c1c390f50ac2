// Processes of their own for the tests: a fixture a test kills (runFixture), and `npm start` on
// its terminal chat (startBot). Both are started as `node --import tsx` (tsx as a loader): through
// the tsx wrapper, SIGKILL would leave the process doing the work alive.
import { type ChildProcess, spawn } from 'node:child_process'

export interface FixtureProcess {
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>
  /** What it wrote to stdout so far. */
  output(): string
  /** The last line of its stdout, parsed as JSON. */
  result<T>(): T
  /** kill -9; resolves once the process is gone. */
  kill(): Promise<void>
}

const running = new Set<ChildProcess>()

export function runFixture(file: string, args: string[], env: NodeJS.ProcessEnv = {}): FixtureProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  running.add(child)
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child)
      resolve(code)
    }),
  )
  return {
    exited,
    output: () => out,
    result: <T>() => JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as T,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
  }
}

/** For afterEach: kills what a test left running (fixtures and bots alike). */
export function killFixtures(): void {
  for (const child of running) child.kill('SIGKILL')
}

// `npm start` as a newcomer runs it: the real process, its terminal chat on stdin/stdout, on a data
// folder of the test's own. Lines are typed once the chat is ready; output is read as it comes.

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

/** For afterEach: kills the bots a test left running. */
export const killBots = killFixtures
