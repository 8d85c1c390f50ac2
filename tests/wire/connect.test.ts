// The bot over a puppet service's wire (gRPC on loopback, as with a provider): it logs in, finds the
// group and answers in it, with TLS and without.
import { afterEach, describe, expect, it } from 'vitest'
import { people } from '../helpers/people.ts'
import { until } from '../helpers/wait.ts'
import { startWireApp, type WireApp } from './wire.ts'

let t: WireApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const PEOPLE = people('王芳', '李强')

describe.each([
  { tls: 'TLS (the bundled certificate)', noTls: false },
  { tls: 'no TLS on either side', noTls: true },
])('over the wire with $tls', ({ noTls }) => {
  it('logs in and answers 进度 in the group', async () => {
    t = await startWireApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE, noTls })
    await t.say('王芳', '进度')
    await until(() => (t?.received.length ?? 0) > 0, 'the reply on the server side', 10_000)
    expect(t.received[0]?.to).toBe('room')
    expect(t.received[0]?.text).toContain('未报送')
  })
})
