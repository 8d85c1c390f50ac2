// Choosing the WeChat puppet. WECHATY_PUPPET names one (Wechaty's own convention); without it the mock
// puppet plays WeChat. wechaty-puppet-service (the gRPC client every paid provider speaks) is built
// here from the config, so that its endpoint, token and TLS come from one validated place.
import { type Wechaty, WechatyBuilder } from 'wechaty'
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
    const { PuppetService } = await loadPuppetService()
    const puppet = new PuppetService({
      token: env.WECHATY_PUPPET_SERVICE_TOKEN,
      endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT,
      tls: { disable: env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT },
    })
    return { bot: WechatyBuilder.build({ name, puppet }), wire: true }
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
