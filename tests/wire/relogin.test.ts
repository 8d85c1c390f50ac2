// A re-login that gives everyone new ids (as wechat4u does): the bot has tagged each bound person's
// remark with FZ-<person id>, finds them again by it, and their rights follow them; the office hears
// how long the bot was away.
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../bot/app.ts'
import { identityTag, taggedIds } from '../../bot/chat/identity.ts'
import { createMockWorld } from '../../bot/chat/mock-world.ts'
import { deploymentOf, loadRoster, readEnv } from '../../bot/config.ts'
import { SimulatedClock } from '../../bot/domain/clock.ts'
import { createLogger } from '../../bot/log.ts'
import { bindPeople } from '../../bot/services/bind-people.ts'
import { listPeople } from '../../bot/store/people.ts'
import { freshStore } from '../helpers/database.ts'
import { until } from '../helpers/wait.ts'
import { startWireApp, startWireServer, type WireApp, wireEnv } from './wire.ts'

let t: WireApp | undefined
afterEach(async () => {
  await t?.stop()
  t = undefined
})

describe('logout and a re-login with new contact ids', () => {
  it('rights follow the people by the remark tag the bot set', async () => {
    t = await startWireApp({
      now: '2026-11-18T10:00:00+08:00',
      people: [
        { name: '王芳', unit: '人民银行' },
        { name: '李强', role: 'office' as const },
      ],
    })
    // Tagged at the login (bindings made later: at the next sync).
    await until(() => t?.server.puppet.remarks.size === 2, 'the remarks set', 10_000)
    const people = await listPeople(t.app.db)
    const wang = people.find((p) => p.name === '王芳')
    expect(t.server.puppet.remarks.get(wang?.contactId ?? '')).toBe(
      identityTag([{ personId: wang?.id ?? 0 }], '王芳'),
    )

    // WeChat logs the account out; at the next login everyone has a new id, remarks stay with people.
    const { puppet, mocker } = t.server
    await puppet.logout()
    await until(() => t?.app.bot.isLoggedIn === false, 'the logout', 10_000)
    // (The room keeps its id here: finding a room again is the room guard's, tested apart.)
    const old = t.world
    for (const c of old.contacts.values()) {
      const remark = puppet.remarks.get(c.id)
      if (remark) puppet.remarks.set(`${c.id}-new`, remark)
      puppet.remarks.delete(c.id)
    }
    const renewed = new Map(
      [...old.contacts.values()].map((c) => [
        c.payload.name,
        mocker.createContact({ id: `${c.id}-new`, name: c.payload.name }),
      ]),
    )
    const bot = mocker.createContact({ id: 'bot-new', name: '反诈助手' })
    mocker.roomPayload(old.room.id, {
      ...mocker.roomPayload(old.room.id),
      memberIdList: [bot.id, ...[...renewed.values()].map((c) => c.id)],
    })
    t.server.keepLoggedIn(bot)
    t.clock.set(new Date('2026-11-18T11:00:00+08:00'))
    mocker.login(bot)
    await until(() => t?.app.bot.isLoggedIn === true, 'the re-login', 10_000)
    await until(async () => (await t?.app.syncIdentities())?.found === 0, 'identities found again', 10_000)
    const after = await listPeople(t.app.db)
    expect(after.map((p) => [p.name, p.contactId])).toEqual(
      expect.arrayContaining([
        ['王芳', 'person-1-new'],
        ['李强', 'person-2-new'],
      ]),
    )

    // 王芳, with her new id, reports in the group found again by topic, with her rights.
    const settled = t.app.pipeline.nextSettled()
    renewed.get('王芳')?.say('#月报\n冻结账户数：12个\n清理空壳公司数：三').to(old.room)
    await settled
    await t.app.sender.drained(10_000)
    await until(
      () => t?.received.some((r) => r.text.includes('冻结涉案账户数')) === true,
      'the confirmation',
      10_000,
    )
    const toOffice = t.received.filter((r) => r.to === 'person-2-new').map((r) => r.text)
    expect(toOffice).toEqual([expect.stringContaining('离线约 1小时')])
    expect(t.received.some((r) => r.text.includes('确认换号'))).toBe(false)
  }, 60_000)
})

describe('several offices on one account: a re-login with new contact ids', () => {
  // The two counties and their city (a county's parent must be an office of the deployment).
  const rosters = ['anping', 'wuyi', 'hengshui'].map((key) => `tests/scenarios/offices/${key}.yaml`)

  it('each tag names the office of each id; everyone is found again in every office they are in', async () => {
    const service = await startWireServer()
    const store = freshStore()
    const clock = new SimulatedClock(new Date('2026-11-18T10:00:00+08:00'))
    const offices = deploymentOf(
      rosters.map((file) => ({ file, roster: loadRoster(file) })),
      '',
    )
    const app = await createApp({
      env: {
        ...readEnv({}),
        DATABASE_URL: store.url,
        REDIS_PREFIX: store.prefix,
        SEND_INTERVAL_MS: 0,
        SEND_PER_MINUTE: 0,
        ...wireEnv(service.endpoint, service.token),
      },
      offices,
      clock,
      log: createLogger('silent'),
    })
    try {
      await app.start({ live: false })
      const [anping, wuyi] = app.offices
      if (!anping || !wuyi) throw new Error('the two counties expected')
      await bindPeople(
        anping.db,
        [
          { id: 'p-wang', name: '王芳', unit: '安平人民银行' },
          { id: 'p-zhang', name: '张双', role: 'office' },
        ],
        clock.now(),
      )
      await bindPeople(
        wuyi.db,
        [
          { id: 'p-liu', name: '刘敏', unit: '武邑人民银行' },
          { id: 'p-zhang', name: '张双', unit: '武邑县法院' },
        ],
        clock.now(),
      )
      const { mocker, puppet } = service.server
      const world = createMockWorld(mocker, {
        roomTopic: offices[0]?.roomTopic ?? '',
        roomId: 'anping-room',
        botId: 'bot',
        people: [
          { id: 'p-wang', name: '王芳' },
          { id: 'p-liu', name: '刘敏' },
          { id: 'p-zhang', name: '张双' },
        ],
      })
      await until(() => app.bot.isLoggedIn, 'login over the wire', 10_000)
      await until(
        async () => (await app.syncIdentities()).tagged === 0 && puppet.remarks.size === 3,
        'tags set',
        10_000,
      )
      const idOf = async (db: typeof anping.db, name: string) =>
        (await listPeople(db)).find((p) => p.name === name)?.id ?? 0
      expect(Object.fromEntries(puppet.remarks)).toEqual({
        'p-wang': identityTag([{ office: 'anping', personId: await idOf(anping.db, '王芳') }], '王芳'),
        'p-liu': identityTag([{ office: 'wuyi', personId: await idOf(wuyi.db, '刘敏') }], '刘敏'),
        'p-zhang': identityTag(
          [
            { office: 'anping', personId: await idOf(anping.db, '张双') },
            { office: 'wuyi', personId: await idOf(wuyi.db, '张双') },
          ],
          '张双',
        ),
      })
      expect(taggedIds(puppet.remarks.get('p-zhang'))).toHaveLength(2)

      await puppet.logout()
      await until(() => app.bot.isLoggedIn === false, 'the logout', 10_000)
      for (const c of world.contacts.values()) {
        const remark = puppet.remarks.get(c.id)
        if (remark) puppet.remarks.set(`${c.id}-new`, remark)
        puppet.remarks.delete(c.id)
        mocker.createContact({ id: `${c.id}-new`, name: c.payload.name })
      }
      const bot = mocker.createContact({ id: 'bot-new', name: '反诈助手' })
      service.server.keepLoggedIn(bot)
      mocker.login(bot)
      await until(() => app.bot.isLoggedIn, 'the re-login', 10_000)
      const contacts = async (db: typeof anping.db) =>
        (await listPeople(db)).map((p) => [p.name, p.contactId]).sort()
      // The bot syncs on login by itself, and may have found everyone before the first call here:
      // what counts is that every binding, in each office, is on its new id.
      await until(
        async () => {
          await app.syncIdentities()
          const all = [...(await contacts(anping.db)), ...(await contacts(wuyi.db))]
          return all.every(([, id]) => String(id).endsWith('-new'))
        },
        'identities found again',
        10_000,
      )
      // 王芳 and 张双 in 安平, 刘敏 and 张双 in 武邑; nothing is left to find.
      expect((await app.syncIdentities()).found).toBe(0)
      expect(await contacts(anping.db)).toEqual([
        ['张双', 'p-zhang-new'],
        ['王芳', 'p-wang-new'],
      ])
      expect(await contacts(wuyi.db)).toEqual([
        ['刘敏', 'p-liu-new'],
        ['张双', 'p-zhang-new'],
      ])
    } finally {
      await app.stop()
      await service.stop()
    }
  }, 60_000)
})

describe('the remark tag', () => {
  it('one office: FZ-<id>; several: each office with its id; anything else is no tag', () => {
    expect(identityTag([{ personId: 12 }], '王芳')).toBe('FZ-12 王芳')
    expect(
      identityTag(
        [
          { office: 'anping', personId: 12 },
          { office: 'wuyi', personId: 7 },
        ],
        '张双',
      ),
    ).toBe('FZ-anping.12+wuyi.7 张双')
    expect(taggedIds('FZ-12 王芳')).toEqual([{ personId: 12 }])
    expect(taggedIds('FZ-anping.12+wuyi.7 张双')).toEqual([
      { office: 'anping', personId: 12 },
      { office: 'wuyi', personId: 7 },
    ])
    for (const alias of ['', null, '王芳', 'FZ-', 'FZ-anping.', 'FZ-12x 王芳', 'fz-12', 'FZ-anping.12+ 王芳'])
      expect(taggedIds(alias)).toEqual([])
  })
})
