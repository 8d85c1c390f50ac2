// The group's work over a puppet service's wire: a report and its reply, a clue push (masked in the
// group, full values privately), the bulletin's workbook and chart arriving byte for byte, and a
// clue table posted as a file read through the wire.
import { afterEach, describe, expect, it } from 'vitest'
import { withoutMentions } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'
import { until } from '../helpers/wait.ts'
import { startWireApp, type WireApp } from './wire.ts'

let t: WireApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const PEOPLE = people('王芳', '马丽', '李强')
const NOW = '2026-11-18T10:00:00+08:00'

const wired = () => startWireApp({ now: NOW, people: PEOPLE })

/** Waits until every outbound row is delivered and has arrived on the server side. */
async function delivered(app: WireApp, count: number): Promise<void> {
  await app.app.sender.drained(15_000)
  await until(() => app.received.length >= count, `${count} messages on the server side`, 10_000)
}

const contactId = (app: WireApp, name: string) => app.world.contacts.get(name)?.id

describe('over the wire', () => {
  it('a liaison reports in the group and the group sees the confirmation', async () => {
    t = await wired()
    await t.say('王芳', '#月报\n冻结账户数：12个\n清理空壳公司数：三')
    await delivered(t, 1)
    expect(t.received).toHaveLength(1)
    expect(t.received[0]?.to).toBe('room')
    expect(withoutMentions(t.received[0]?.text ?? '')).toContain('人民银行')
    expect(t.received[0]?.text).toContain('冻结涉案账户数')
  })

  it('a clue push: the group notice is masked, the liaison gets the full number privately', async () => {
    t = await wired()
    await t.say('李强', '线索\n13912345678 冒充客服')
    const rows = await t.app.db.outboundMessage.count()
    await delivered(t, rows)
    const group = t.received.filter((r) => r.to === 'room').map((r) => r.text)
    expect(group.join('\n')).toContain('139****5678')
    expect(group.join('\n')).not.toContain('13912345678')
    const toMaLi = t.received.filter((r) => r.to === contactId(t as WireApp, '马丽'))
    expect(toMaLi.map((r) => r.text).join('\n')).toContain('13912345678（冒充客服）')
  })

  it("the bulletin's document, workbook and chart arrive intact", async () => {
    t = await wired()
    await t.say('李强', '通报')
    const rows = await t.app.db.outboundMessage.findMany({ where: { fileName: { not: null } } })
    expect(rows.map((r) => r.fileName)).toEqual([
      expect.stringMatching(/\.docx$/),
      expect.stringMatching(/\.xlsx$/),
      expect.stringMatching(/\.png$/),
    ])
    await delivered(t, rows.length + 1)
    for (const row of rows) {
      const got = t.received.find((r) => r.file?.name === row.fileName)
      expect(got?.to, row.fileName ?? '').toBe('room')
      expect(Buffer.compare(got?.file?.data ?? Buffer.alloc(0), Buffer.from(row.fileData ?? []))).toBe(0)
    }
  })

  it('a clue table posted by the office is read through the wire', async () => {
    t = await wired()
    const settled = t.app.pipeline.nextSettled()
    t.world.sayFile('李强', {
      name: '线索.csv',
      data: Buffer.from('线索,备注\n13800138000,冒充客服\n18612345678,刷单\n', 'utf8'),
    })
    await settled
    const clues = await t.app.db.clue.findMany({ orderBy: { id: 'asc' } })
    expect(clues.map((c) => c.remark)).toEqual(['冒充客服', '刷单'])
    await delivered(t, 1)
    expect(t.received.some((r) => r.to === 'room' && r.text.includes('已登记线索 2 条'))).toBe(true)
  })
})
