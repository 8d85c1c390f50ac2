// wechaty-puppet's cache asks the puppet service to refresh a payload without awaiting the call
// (after a remark is set, for one). When the wire is down at that moment, the call fails: the bot
// must live on, not end on an unhandled rejection.
import { afterEach, describe, expect, it } from 'vitest'
import { puppetService } from '../../bot/chat/puppet.ts'
import { sleep } from '../helpers/wait.ts'
import { freePort, newToken, wireEnv } from './wire.ts'

const unhandled: unknown[] = []
const record = (reason: unknown) => unhandled.push(reason)
afterEach(() => {
  process.off('unhandledRejection', record)
})

describe('a payload refresh while the puppet service is unreachable', () => {
  it('fails without an unhandled rejection', async () => {
    process.on('unhandledRejection', record)
    const puppet = await puppetService(wireEnv(`127.0.0.1:${await freePort()}`, newToken(), { noTls: true }))
    // The cache's own call: started, never awaited (the client is not connected).
    puppet.dirtyPayload(2, 'someone')
    await sleep(200)
    expect(unhandled).toEqual([])
  })
})
