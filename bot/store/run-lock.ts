// Not on the hot path.
// Which processes are running the bot on a database: each holds a file named by its pid in
// `<database>.running/` from start to stop. A file whose process is gone (a crash, kill -9) holds
// nothing. Two bots on one database are allowed (each schedule slot still fires once), so this
// is not a lock against a second bot; `restore` and `status` read it.

import { randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dirOf = (dbPath: string) => `${dbPath}.running`

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Marks this process as running the bot on the database until `release()`. */
export function holdRunLock(dbPath: string): { release(): void } {
  const dir = dirOf(dbPath)
  mkdirSync(dir, { recursive: true })
  // pid plus a random part: several apps in one process (tests) each hold their own.
  const file = join(dir, `${process.pid}-${randomBytes(4).toString('hex')}`)
  writeFileSync(file, `${new Date().toISOString()}\n`)
  return { release: () => rmSync(file, { force: true }) }
}

/** The pids of live processes running the bot on the database; stale files are removed. */
export function runningBots(dbPath: string): number[] {
  let names: string[]
  try {
    names = readdirSync(dirOf(dbPath))
  } catch {
    return []
  }
  const pids = new Set<number>()
  for (const name of names) {
    const pid = Number(name.split('-')[0])
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) pids.add(pid)
    else rmSync(join(dirOf(dbPath), name), { force: true })
  }
  return [...pids]
}
