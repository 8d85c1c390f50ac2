// The real app connected to a puppet service on loopback (bot/chat/wire-server.ts) over real gRPC,
// as it connects to a provider; what the bot says is read on the server side of the wire.
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { types } from 'wechaty'
import { createWireServer, type WireServer } from '../../bot/chat/wire-server.ts'
import { type Env, PUPPET_SERVICE } from '../../bot/config.ts'
import { startTestApp, type TestApp, type TestPerson } from '../helpers/app.ts'
import { until } from '../helpers/wait.ts'

/**
 * A token of its own per service: the client caches payloads on disk under
 * ~/.wechaty/wechaty-puppet-service/<token>, which tests must not share.
 */
export const newToken = () => `insecure_${randomUUID()}`
const forgetToken = (token: string) =>
  rmSync(join(homedir(), '.wechaty', 'wechaty-puppet-service', token), { recursive: true, force: true })

/** What arrived on the server side of the wire from the bot. */
export interface Received {
  /** 'room', or the contact id of a private chat. */
  to: string
  text: string
  file?: { name: string; data: Buffer }
  /** When it arrived (Date.now()). */
  at: number
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface WireApp extends TestApp {
  server: WireServer
  endpoint: string
  received: Received[]
}

export async function startWireServer(o: { noTls?: boolean } = {}) {
  const endpoint = `127.0.0.1:${await freePort()}`
  const token = newToken()
  const server = await createWireServer({ endpoint, token, noTls: o.noTls ?? false })
  await server.start()
  return {
    server,
    endpoint,
    token,
    async stop() {
      await server.stop()
      forgetToken(token)
    },
  }
}

/** Env of a bot connecting to `endpoint`. */
export const wireEnv = (endpoint: string, token: string, o: { noTls?: boolean } = {}) => ({
  WECHATY_PUPPET: PUPPET_SERVICE,
  WECHATY_PUPPET_SERVICE_ENDPOINT: endpoint,
  WECHATY_PUPPET_SERVICE_TOKEN: token,
  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: o.noTls ?? false,
})

/** The app started against a fresh puppet service, resolved once it has logged in over the wire. */
export async function startWireApp(o: {
  now: string
  people: TestPerson[]
  noTls?: boolean
  /** Settings replacing the test defaults (e.g. SEND_INTERVAL_MS). */
  env?: Partial<Env>
}): Promise<WireApp> {
  const service = await startWireServer({ noTls: o.noTls })
  const { server, endpoint } = service
  const received: Received[] = []
  const { puppet } = server
  puppet.on('message', async ({ messageId }) => {
    const p = await puppet.messagePayload(messageId)
    if (p.talkerId !== puppet.currentUserId) return
    const to = p.roomId ? 'room' : (p.listenerId ?? '')
    const r: Received = { to, text: p.text ?? '', at: Date.now() }
    if (p.type !== types.Message.Text) {
      const box = await puppet.messageFile(messageId)
      r.file = { name: box.name, data: await box.toBuffer() }
    }
    received.push(r)
  })
  const t = await startTestApp({
    now: o.now,
    people: o.people,
    env: o.env,
    puppet: { env: wireEnv(endpoint, service.token, { noTls: o.noTls }), mocker: server.mocker },
  })
  const app: WireApp = {
    ...t,
    server,
    endpoint,
    received,
    async stop() {
      await t.stop()
      await service.stop()
    },
  }
  await until(() => t.app.bot.isLoggedIn, 'login over the wire', 10_000).catch(async (err) => {
    await app.stop()
    throw err
  })
  return app
}
