// Real WeChat message kinds through the real Wechaty event path (the mock puppet in-process, and
// over a puppet service's wire): pictures, voice, emoticons, links and mini-programs.
import { FileBox } from 'file-box'
import { afterEach, describe, expect, it } from 'vitest'
import { types } from 'wechaty'
import { startTestApp, type TestApp, withoutMentions } from '../helpers/app.ts'
import { people } from '../helpers/people.ts'
import { until } from '../helpers/wait.ts'
import { startWireApp } from './wire.ts'

let t: TestApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

const PEOPLE = people('王芳', '李强', '赵六')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
const UNREADABLE_PICTURE = '图片暂不能识别，请按模板文字报送或发送表格'

/** Waits until every inbound message is handled and every reply delivered; the replies' texts. */
async function answered(app: TestApp, inbound: number): Promise<string[]> {
  await until(
    async () => (await app.app.db.inboundMessage.count({ where: { handledAt: { not: null } } })) >= inbound,
    `${inbound} messages handled`,
    10_000,
  )
  await app.app.sender.drained(10_000)
  return (await app.app.db.outboundMessage.findMany({ orderBy: { id: 'asc' } })).map((r) =>
    withoutMentions(r.text),
  )
}

const postPicture = (app: TestApp, from: string, name: string) => app.world.sayFile(from, { name, data: PNG })

describe('pictures', () => {
  it('a screenshot from a liaison while reports are due: one answer saying it cannot be read', async () => {
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    postPicture(t, '王芳', '微信图片_20261118.png')
    const replies = await answered(t, 1)
    expect(replies).toHaveLength(1)
    expect(replies[0]).toContain(UNREADABLE_PICTURE)
    const row = await t.app.db.inboundMessage.findFirst()
    expect(row?.fileName).toBe('微信图片_20261118.png')
  })

  it('after the deadline a picture in the group is chatter (stored, no answer); privately it is answered', async () => {
    t = await startTestApp({ now: '2026-11-27T10:00:00+08:00', people: PEOPLE })
    postPicture(t, '王芳', '照片.png')
    expect(await answered(t, 1)).toEqual([])
    expect((await t.app.db.inboundMessage.findFirst())?.outcome).toBe('handled')
    t.world.contacts
      .get('王芳')
      ?.say(FileBox.fromBase64(PNG.toString('base64'), '照片.png'))
      .to(t.world.botUser)
    const replies = await answered(t, 2)
    expect(replies).toHaveLength(1)
    expect(replies[0]).toContain(UNREADABLE_PICTURE)
  })

  it('a picture named after an open collection is that collection’s answer, stored like other files', async () => {
    t = await startTestApp({ now: '2026-12-01T10:00:00+08:00', people: PEOPLE })
    await t.say('李强', '征集 宣传照片 12月10日前 全体')
    postPicture(t, '王芳', '宣传照片.png')
    const replies = await answered(t, 2)
    expect(replies.at(-1)).toContain('宣传照片')
    expect(replies.join('\n')).not.toContain(UNREADABLE_PICTURE)
    const answers = await t.app.db.collectionAnswer.findMany()
    expect(answers).toEqual([
      expect.objectContaining({ kind: 'file', fileName: '宣传照片.png', fileType: 'png' }),
    ])
  })

  it('with several collections open, an unnamed picture is answered with how to hand it in', async () => {
    t = await startTestApp({ now: '2026-12-01T10:00:00+08:00', people: PEOPLE })
    await t.say('李强', '征集 宣传照片 12月10日前 全体')
    postPicture(t, '王芳', 'IMG_0001.png')
    const replies = await answered(t, 2)
    expect(replies.at(-1)).toContain(UNREADABLE_PICTURE)
    expect(replies.at(-1)).toContain('报送 名称')
    await t.say('王芳', '报送 宣传照片')
    await t.app.sender.drained(10_000)
    expect(await t.app.db.collectionAnswer.findMany()).toEqual([
      expect.objectContaining({ fileName: 'IMG_0001.png', fileType: 'png' }),
    ])
  })
})

describe('voice, emoticons, links', () => {
  it('privately from a bound person: one short answer naming what the bot can read', async () => {
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    t.world.sayKind('王芳', types.Message.Audio, '', 'dm')
    t.world.sayKind('王芳', types.Message.Emoticon, '<msg><emoji md5="x"/></msg>', 'dm')
    t.world.sayKind('李强', types.Message.Url, '<msg><appmsg><title>通知</title></appmsg></msg>', 'dm')
    t.world.sayKind('李强', types.Message.MiniProgram, '', 'dm')
    const replies = await answered(t, 4)
    expect(replies).toHaveLength(4)
    expect(replies[0]).toMatch(/^暂不能识别语音。我能读的是文字消息/)
    expect(replies[1]).toMatch(/^暂不能识别表情。/)
    expect(replies[2]).toMatch(/^暂不能识别链接。/)
    expect(replies[3]).toMatch(/^暂不能识别小程序。/)
    // stored as received
    const rows = await t.app.db.inboundMessage.findMany({ orderBy: { id: 'asc' } })
    expect(rows[1]?.text).toBe('<msg><emoji md5="x"/></msg>')
  })

  it('in the group (nobody addressed), or privately from someone without rights: silence, still stored', async () => {
    t = await startTestApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    t.world.sayKind('王芳', types.Message.Audio, '', 'room')
    t.world.sayKind('王芳', types.Message.Url, '<msg/>', 'room')
    t.world.sayKind('赵六', types.Message.Audio, '', 'dm')
    expect(await answered(t, 3)).toEqual([])
    const rows = await t.app.db.inboundMessage.findMany()
    expect(rows.map((r) => r.outcome)).toEqual(['ignored', 'ignored', 'ignored'])
  })
})

describe('over the wire', () => {
  it('a voice message privately and a screenshot in the group are answered through the puppet service', async () => {
    const w = await startWireApp({ now: '2026-11-18T10:00:00+08:00', people: PEOPLE })
    t = w
    w.world.sayKind('王芳', types.Message.Audio, '', 'dm')
    postPicture(w, '王芳', 'Screenshot.png')
    await answered(w, 2)
    await until(() => w.received.length >= 2, 'two replies on the server side', 10_000)
    const wangFang = w.world.contacts.get('王芳')?.id
    expect(w.received.find((r) => r.to === wangFang)?.text).toMatch(/^暂不能识别语音。/)
    expect(w.received.find((r) => r.to === 'room')?.text).toContain(UNREADABLE_PICTURE)
  })
})
