// A test fixture run as a process of its own, for tests that kill it. It is started as
// `node --import tsx` (tsx as a loader): through the tsx wrapper, SIGKILL would leave the process
// doing the work alive.
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

/** For afterEach: kills what a test left running. */
export function killFixtures(): void {
  for (const child of running) child.kill('SIGKILL')
}
