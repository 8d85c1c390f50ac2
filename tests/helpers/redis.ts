// A private redis-server on a loopback port of its own, for tests that stop and restart Redis
// without disturbing the shared one other tests use. It keeps nothing on disk: started again, it
// is empty, as a Redis without persistence comes back after a restart.
import { type ChildProcess, spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { freePort } from '../../bot/redis-local.ts'

export async function startPrivateRedis() {
  const port = await freePort()
  let proc: ChildProcess | undefined
  const url = `redis://127.0.0.1:${port}`
  /** Starts the server on the port; resolves once it answers PING. */
  const start = async () => {
    proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    )
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    probe.on('error', () => undefined)
    try {
      for (let i = 0; i < 100; i++) {
        try {
          await probe.connect()
          if ((await probe.ping()) === 'PONG') return
        } catch {
          await new Promise((r) => setTimeout(r, 50))
        }
      }
      throw new Error(`the private redis-server did not answer on port ${port}`)
    } finally {
      probe.disconnect()
    }
  }
  /** kill -9; resolves once the server is gone. */
  const stop = async () => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise((r) => proc?.once('exit', r))
    proc.kill('SIGKILL')
    await exited
  }
  await start()
  return { url, start, stop }
}
