// A start against a puppet service that cannot be used stops at once with one line, in Chinese and
// English, naming the variable to check: a wrong token, a refused endpoint, a TLS mismatch.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.ts'
import { ConfigError, loadRoster, readEnv } from '../../bot/config.ts'
import { SimulatedClock } from '../../bot/domain/clock.ts'
import { createLogger } from '../../bot/log.ts'
import { freshStore } from '../helpers/app.ts'
import { freePort, newToken, startWireServer, wireEnv } from './wire.ts'

async function startAgainst(env: Record<string, unknown>): Promise<{ error: unknown }> {
  const store = freshStore()
  const app = await createApp({
    env: { ...readEnv({}), DATABASE_URL: `file:${store.dbPath}`, REDIS_PREFIX: store.prefix, ...env },
    roster: loadRoster('prisma/roster.yaml'),
    clock: new SimulatedClock(new Date('2026-11-18T10:00:00+08:00')),
    log: createLogger('silent'),
  })
  const error = await app.start({ live: false }).then(
    () => undefined,
    (e: unknown) => e,
  )
  await app.stop(2000)
  return { error }
}

const oneLine = (error: unknown) => {
  expect(error).toBeInstanceOf(ConfigError)
  const text = (error as Error).message
  expect(text.split('\n')).toHaveLength(1)
  expect(text).not.toMatch(/\.[jt]s:\d+/) // no stack
  return text
}

describe('a start against a puppet service that cannot be used', () => {
  it('names WECHATY_PUPPET_SERVICE_ENDPOINT when nothing listens there', async () => {
    const endpoint = `127.0.0.1:${await freePort()}`
    const { error } = await startAgainst(wireEnv(endpoint, newToken()))
    const text = oneLine(error)
    expect(text).toContain(`连不上微信服务 ${endpoint}：连接被拒绝`)
    expect(text).toContain('WECHATY_PUPPET_SERVICE_ENDPOINT')
    expect(text).toContain('connection to the puppet service')
  })

  it('names WECHATY_PUPPET_SERVICE_TOKEN when the service refuses the token', async () => {
    const service = await startWireServer()
    try {
      const { error } = await startAgainst(wireEnv(service.endpoint, newToken()))
      const text = oneLine(error)
      expect(text).toContain('拒绝了令牌')
      expect(text).toContain('WECHATY_PUPPET_SERVICE_TOKEN')
    } finally {
      await service.stop()
    }
  })

  it.each([
    { server: 'without TLS', client: 'with TLS', serverNoTls: true, clientNoTls: false },
    { server: 'with TLS', client: 'without TLS', serverNoTls: false, clientNoTls: true },
  ])('names the TLS variable when the service runs $server and the bot connects $client', async (c) => {
    const service = await startWireServer({ noTls: c.serverNoTls })
    try {
      const { error } = await startAgainst(wireEnv(service.endpoint, service.token, { noTls: c.clientNoTls }))
      const text = oneLine(error)
      expect(text).toContain('TLS 设置不一致')
      expect(text).toContain('WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT')
    } finally {
      await service.stop()
    }
  })
})

describe('the configuration of a puppet service', () => {
  it('asks for the endpoint and the token, and a provider prefix on the token when TLS is on', () => {
    expect(() => readEnv({ WECHATY_PUPPET: 'wechaty-puppet-service' })).toThrow(
      /WECHATY_PUPPET_SERVICE_TOKEN: 使用 wechaty-puppet-service 时必填[\s\S]*WECHATY_PUPPET_SERVICE_ENDPOINT: 使用 wechaty-puppet-service 时必填/,
    )
    expect(() =>
      readEnv({
        WECHATY_PUPPET: 'wechaty-puppet-service',
        WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:8788',
        WECHATY_PUPPET_SERVICE_TOKEN: '6f1c3f1e',
      }),
    ).toThrow(/启用 TLS 时令牌应带服务名前缀，例如 insecure_<uuid>/)
    expect(() => readEnv({ WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'yes' })).toThrow(
      /WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 应为 true 或 false/,
    )
    expect(() => readEnv({ WECHATY_PUPPET_SERVICE_ENDPOINT: 'http://x' })).toThrow(/应为 主机:端口/)
  })
})
