// Full phone, bank card and ID numbers never appear in the group, in logs or in Redis job data:
// a clue scenario is run with every log line captured and every Redis command monitored.
import { Writable } from 'node:stream'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { containsUnmaskedNumber } from '../../bot/domain/clues/mask.ts'
import { parseScenario } from '../../bot/scenario.ts'
import { runSimulation, type SimEvent } from '../../bot/simulation.ts'

const PHONE = '13912345678'
const CARD = '6222021234567890128'
const ID = '11010519491231002X'
const FULL = [PHONE, CARD, ID, '139-1234-5678']

describe('privacy of clue values', () => {
  it('no unmasked number in any group message, log line or Redis command of a clue scenario', async () => {
    const logLines: string[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk))
        done()
      },
    })
    const monitor = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
    const redisCommands: string[] = []
    const m = await monitor.monitor()
    m.on('monitor', (_time: string, args: string[]) => redisCommands.push(args.join(' ')))

    const events: SimEvent[] = []
    await runSimulation(
      parseScenario({
        start: '2026-11-18T09:00:00+08:00',
        room: '县反诈联席会联络员群',
        people: [
          { name: '马丽', unit: '中国移动' },
          { name: '王芳', unit: '人民银行' },
          { name: '高峰', unit: '县公安局' },
          { name: '李强', role: 'office' },
        ],
        steps: [
          {
            at: '2026-11-18T10:00:00+08:00',
            from: '李强',
            say: `线索\n${PHONE} 冒充客服\n${CARD}\n${ID}\n139-1234-5678`,
          },
          { at: '2026-11-18T10:05:00+08:00', from: '马丽', say: '我的线索' },
          { at: '2026-11-18T10:10:00+08:00', from: '马丽', say: '销号 XS-2026-0001 实名不实人' },
          {
            at: '2026-11-18T10:20:00+08:00',
            from: '李强',
            file: { name: '线索.csv', text: `线索\n${CARD}\n13800138000\n` },
          },
          { until: '2026-11-23T10:00:00+08:00' },
        ],
      }),
      { baseDir: process.cwd(), log: pino({ level: 'trace' }, sink), emit: (e) => events.push(e) },
    )
    m.disconnect()
    monitor.disconnect()

    const messages = events.filter((e): e is Extract<SimEvent, { type: 'message' }> => e.type === 'message')
    const group = messages.filter((e) => e.to === 'room').map((e) => e.text)
    const privately = messages.filter((e) => e.to !== 'room').map((e) => e.text)
    expect(group.length).toBeGreaterThan(5)
    expect(logLines.length).toBeGreaterThan(5)
    expect(redisCommands.length).toBeGreaterThan(5)

    for (const text of group) expect(containsUnmaskedNumber(text), text).toBe(false)
    for (const line of logLines) expect(containsUnmaskedNumber(line), line).toBe(false)
    for (const value of FULL) {
      expect(group.join('\n')).not.toContain(value)
      expect(logLines.join('\n')).not.toContain(value)
      expect(redisCommands.join('\n')).not.toContain(value)
    }
    // ...while the responsible liaisons did get them privately
    expect(privately.join('\n')).toContain(PHONE)
    expect(privately.join('\n')).toContain(CARD)
  })
})
