// Choosing the WeChat puppet. Real puppets cannot be exercised here, so this stays thin:
// WECHATY_PUPPET names one (Wechaty's own convention); without it the mock puppet plays WeChat.
import { type Wechaty, WechatyBuilder } from 'wechaty'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import type { Env } from '../config.ts'

export interface BotHandle {
  bot: Wechaty
  /** Present when the mock puppet plays WeChat (terminal chat, simulator, tests). */
  mocker?: mock.Mocker
}

export function createWechaty(
  env: Pick<Env, 'WECHATY_PUPPET' | 'WECHATY_PUPPET_SERVICE_TOKEN'>,
  name = 'fanzha-bot',
): BotHandle {
  if (env.WECHATY_PUPPET && env.WECHATY_PUPPET !== 'wechaty-puppet-mock') {
    const puppetOptions = env.WECHATY_PUPPET_SERVICE_TOKEN ? { token: env.WECHATY_PUPPET_SERVICE_TOKEN } : {}
    // biome-ignore lint/suspicious/noExplicitAny: Wechaty resolves the puppet module by name at run time
    const bot = WechatyBuilder.build({ name, puppet: env.WECHATY_PUPPET as any, puppetOptions })
    return { bot }
  }
  const mocker = new mock.Mocker()
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) })
  return { bot, mocker }
}
