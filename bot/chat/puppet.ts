// Choosing the WeChat puppet. WECHATY_PUPPET names one (Wechaty's own convention); without it the mock
// puppet plays WeChat. wechaty-puppet-service (the gRPC client every paid provider speaks) is built
// here from the config, so that its endpoint, token and TLS come from one validated place.
import { type Wechaty, WechatyBuilder } from 'wechaty'
import type { Puppet } from 'wechaty-puppet'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { type Env, PUPPET_SERVICE } from '../config.ts'
import { loadPuppetService } from './puppet-service.ts'

export interface BotHandle {
  bot: Wechaty
  /** Present when the mock puppet plays WeChat (terminal chat, simulator, tests). */
  mocker?: mock.Mocker
  /** The puppet talks to WeChat over a wire (a puppet service): connection errors can happen. */
  wire: boolean
}

export type PuppetEnv = Pick<
  Env,
  | 'WECHATY_PUPPET'
  | 'WECHATY_PUPPET_SERVICE_TOKEN'
  | 'WECHATY_PUPPET_SERVICE_ENDPOINT'
  | 'WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT'
>

export async function createWechaty(env: PuppetEnv, name = 'fanzha-bot'): Promise<BotHandle> {
  if (env.WECHATY_PUPPET === PUPPET_SERVICE) {
    return { bot: WechatyBuilder.build({ name, puppet: await puppetService(env) }), wire: true }
  }
  if (env.WECHATY_PUPPET && env.WECHATY_PUPPET !== 'wechaty-puppet-mock') {
    // biome-ignore lint/suspicious/noExplicitAny: Wechaty resolves the puppet module by name at run time
    const bot = WechatyBuilder.build({ name, puppet: env.WECHATY_PUPPET as any })
    return { bot, wire: true }
  }
  const mocker = new mock.Mocker()
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) })
  return { bot, mocker, wire: false }
}

/** The client of a puppet service, as the config describes it. */
export async function puppetService(env: PuppetEnv): Promise<Puppet> {
  const { PuppetService } = await loadPuppetService()
  const puppet = new PuppetService({
    token: env.WECHATY_PUPPET_SERVICE_TOKEN,
    endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT,
    tls: { disable: env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT },
  })
  noUnhandledDirtyPayload(puppet)
  return puppet
}

/**
 * wechaty-puppet's cache starts the client's `dirtyPayload` (a gRPC call) without awaiting it, for
 * instance after a remark is set. If the wire drops at that moment, its rejection is unhandled and
 * Node ends the process. Here that rejection is settled. The client has already logged it, and the
 * cache's own 5-second wait for the `dirty` event ends the call that started it.
 */
function noUnhandledDirtyPayload(puppet: Puppet): void {
  const send = puppet.dirtyPayload.bind(puppet) as (...a: Parameters<Puppet['dirtyPayload']>) => unknown
  puppet.dirtyPayload = (type, id) => {
    // the client logged this rejection when it made it (see above)
    Promise.resolve()
      .then(() => send(type, id))
      .catch(() => undefined)
  }
}
