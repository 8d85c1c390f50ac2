// A private redis-server on a free loopback port, for tests that stop and restart Redis without
// disturbing the shared one other tests use.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

export async function startPrivateRedis() {
  const port = await freePort()
  let proc: ChildProcess | undefined
  const url = `redis://127.0.0.1:${port}`
  const start = async () => {
    proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    )
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
    probe.on('error', () => undefined)
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect()
        await probe.ping()
        break
      } catch {
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    probe.disconnect()
  }
  const stop = async () => {
    if (!proc || proc.exitCode !== null) return
    const exited = new Promise((r) => proc?.once('exit', r))
    proc.kill('SIGKILL')
    await exited
  }
  await start()
  return { url, start, stop }
}
