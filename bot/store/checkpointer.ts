// Not on the hot path: a thread of its own, with a connection of its own.
// WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit
// that crosses the threshold: every ~1,000 pages one message's commit copies the log into the
// database and syncs it, on the event loop (ingest p99 29 ms with it, 9 ms without). The running
// bot turns that off for its connection (down to a far-off fallback) and a worker thread, with a
// connection of its own, runs a PASSIVE checkpoint every second: it never waits for or blocks a
// writer, and the log restarts from its beginning once a checkpoint has caught up.
//
// The worker is plain JavaScript (no TypeScript loader in the thread: ~7 MB instead of ~40).
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../log.ts'
import type { Db } from './db.ts'
import { onSqlite, setAutocheckpoint, sqliteOf } from './sqlite.ts'

/** The bot's own connection checkpoints only if the worker falls this far behind (pages, ~40 MB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000

const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000
/** Resolved here: an eval'd worker would resolve it from the working directory. */
const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3')

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqliteModule)
const db = new Database(workerData.path)
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) })
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs)
parentPort.on('message', () => {
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  /** A last checkpoint, then the thread ends. */
  stop(): Promise<void>
}

export async function startCheckpointer(
  db: Db,
  path: string,
  log: Logger,
  intervalMs = 1000,
): Promise<Checkpointer> {
  // PostgreSQL checkpoints on its own: nothing to move off the event loop.
  if (!onSqlite(db)) return { stop: async () => {} }
  const conn = sqliteOf(db)
  setAutocheckpoint(conn, FALLBACK_AUTOCHECKPOINT_PAGES)
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { path, intervalMs, sqliteModule },
  })
  let lastError = ''
  worker.on('message', (m: { error?: string }) => {
    // Logged once per distinct error (a checkpoint that fails every second would flood the log).
    if (m.error && m.error !== lastError) log.warn({ error: m.error }, 'WAL checkpoint failed')
    lastError = m.error ?? ''
  })
  worker.on('error', (err) => log.warn({ err }, 'WAL checkpoint thread failed'))
  let stopping = false
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      resolve()
      if (stopping) return
      // Without the thread, SQLite checkpoints in the commits again, as often as by default.
      log.warn('WAL checkpoint thread ended; checkpoints are back in the commits')
      // A bot that is stopping may have closed the connection already.
      if (conn.open) setAutocheckpoint(conn, SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES)
    }),
  )
  worker.unref()
  return {
    async stop() {
      stopping = true
      worker.postMessage('stop')
      await exited
    },
  }
}

/**
 * Runs a bulk write (a file of clues, chunk by chunk) with this connection's in-commit checkpoints
 * held back to one every FALLBACK_AUTOCHECKPOINT_PAGES (~40 MB of log) until it is done. Each
 * checkpoint copies the log into the database file, and a bulk write changes the same index pages
 * chunk after chunk: at SQLite's default of 1,000 pages a 100,000-clue import copied them ten
 * times over. Not never: the log would grow with the whole import (84 MB for 100,000 clues, and
 * the command line takes files of a million rows). The checkpoint thread of a running bot goes on.
 */
export async function withCheckpointsDeferred<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  if (!onSqlite(db)) return fn()
  const conn = sqliteOf(db)
  const pages = conn.pragma('wal_autocheckpoint', { simple: true }) as number
  setAutocheckpoint(conn, Math.max(pages, FALLBACK_AUTOCHECKPOINT_PAGES))
  try {
    return await fn()
  } finally {
    if (conn.open) setAutocheckpoint(conn, pages)
  }
}
