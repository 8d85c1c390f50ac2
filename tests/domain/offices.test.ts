// Several offices on one deployment, the fast parts: what the rosters must say of their offices,
// where each office's record is, how a message finds its office, and the CLI's --office.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { OfficeRouter, type OfficeRouter as Router } from '../../bot/chat/office-router.ts'
import { runCli } from '../../bot/cli.ts'
import { ConfigError, deploymentOf, loadRoster, parseRoster } from '../../bot/config.ts'
import { afterOfficeWord, officeOf, officeWords, shortWord } from '../../bot/domain/office-names.ts'
import { type OfficeApp, subOfficesOf } from '../../bot/office-app.ts'
import { closeDatabase, openDatabase } from '../../bot/store/db.ts'
import { officeDatabaseUrl } from '../../bot/store/office-url.ts'
import { bindPerson } from '../../bot/store/people.ts'
import { freshStore } from '../helpers/app.ts'

const FILES = ['anping', 'wuyi', 'hengshui'].map((k) => `tests/scenarios/offices/${k}.yaml`)
const doc = (file: string) => parseYaml(readFileSync(file, 'utf8')) as { office: Record<string, unknown> }
/** A roster of the city scenario with its office section changed. */
const withOffice = (file: string, office: Record<string, unknown>) => {
  const d = doc(file)
  return { file, roster: parseRoster({ ...d, office: { ...d.office, ...office } }, file) }
}
const problems = (loaded: Parameters<typeof deploymentOf>[0]) => {
  try {
    deploymentOf(loaded, '县反诈联席会联络员群')
    return ''
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as Error).message
  }
}

describe('the deployment’s offices', () => {
  it('one roster without a key is today’s county, in ROOM_TOPIC', () => {
    const [one] = deploymentOf(
      [{ file: 'prisma/roster.yaml', roster: loadRoster('prisma/roster.yaml') }],
      '县群',
    )
    expect(one?.office).toEqual({ key: 'county', name: '县联席办' })
    expect(one?.roomTopic).toBe('县群')
  })

  it('several rosters: each its key and parent (and its room: one may take ROOM_TOPIC)', () => {
    const [anping, wuyi, city] = FILES as [string, string, string]
    const offices = deploymentOf(
      [
        withOffice(anping, { room: 'A群' }),
        withOffice(wuyi, { room: 'B群' }),
        withOffice(city, { room: undefined }),
      ],
      '县群',
    )
    expect(offices.map((o) => o.roomTopic)).toEqual(['A群', 'B群', '县群'])
    expect(offices.map((o) => [o.office.key, o.office.parent])).toEqual([
      ['anping', 'hengshui'],
      ['wuyi', 'hengshui'],
      ['hengshui', undefined],
    ])
  })

  it('refuses keys twice, a missing key, an unknown parent and one room for two offices, naming each in Chinese', () => {
    const [anping, wuyi, city] = FILES as [string, string, string]
    const text = problems([
      withOffice(anping, { room: 'A群' }),
      withOffice(wuyi, { key: 'anping', room: 'B群' }),
      withOffice(city, { key: undefined, parent: 'shijiazhuang', room: 'A群' }),
    ])
    expect(text).toContain('办公室 key「anping」重复')
    expect(text).toContain('office 都要写 key')
    expect(text).toContain('上级办公室「shijiazhuang」不在本部署中')
    expect(text).toContain('联络员群「A群」同时属于')
    expect(
      problems([withOffice(anping, { room: 'A群', parent: 'anping' }), withOffice(city, { room: 'C群' })]),
    ).toContain('上级办公室不能是它自己')
    expect(() => parseRoster({ ...doc(anping), office: { name: 'x', key: 'An-Ping' } })).toThrow(
      /key「An-Ping」/,
    )
  })
})

describe('a city’s commands', () => {
  it('see the offices whose parent it is, each with its own record and sender', () => {
    const office = (key: string, parent?: string) =>
      ({
        office: { key, name: key, ...(parent ? { parent } : {}) },
        roster: {},
        db: { key },
        env: { ROOM_TOPIC: `${key}群` },
        onOutbound: () => undefined,
      }) as unknown as OfficeApp
    const all = [
      office('anping', 'hengshui'),
      office('wuyi', 'hengshui'),
      office('hengshui'),
      office('other', 'anping'),
    ]
    const city = all[2] as OfficeApp
    expect(subOfficesOf(city.office, all).map((s) => [s.office.key, s.roomTopic, s.db])).toEqual([
      ['anping', 'anping群', { key: 'anping' }],
      ['wuyi', 'wuyi群', { key: 'wuyi' }],
    ])
    expect(subOfficesOf((all[1] as OfficeApp).office, all)).toEqual([])
  })
})

describe('each office’s record', () => {
  it('one office keeps DATABASE_URL; several get a file each beside it, or a schema each', () => {
    expect(officeDatabaseUrl('file:./data/bot.db', 'county', false)).toBe('file:./data/bot.db')
    expect(officeDatabaseUrl('file:./data/bot.db', 'anping', true)).toBe('file:./data/bot.anping.db')
    expect(officeDatabaseUrl('file:/srv/fz/record', 'wuyi', true)).toBe('file:/srv/fz/record.wuyi')
    expect(officeDatabaseUrl('postgresql://fz@127.0.0.1:5432/fz', 'wuyi', true)).toBe(
      'postgresql://fz@127.0.0.1:5432/fz?schema=wuyi',
    )
    expect(
      officeDatabaseUrl('postgresql://fz@127.0.0.1:5432/fz?schema=x&sslmode=disable', 'wuyi', true),
    ).toBe('postgresql://fz@127.0.0.1:5432/fz?schema=x_wuyi&sslmode=disable')
  })
})

describe('which office a private message is for', () => {
  const anping = loadRoster(FILES[0] as string)
  const words = officeWords(officeOf(anping), anping)

  it('an office is named by its key, name or short name at the head of a message', () => {
    expect(shortWord(officeOf(anping))).toBe('安平')
    expect(afterOfficeWord('安平 进度', words)).toBe('进度')
    expect(afterOfficeWord('安平县反诈联席办：我的线索', words)).toBe('我的线索')
    expect(afterOfficeWord('anping 进度', words)).toBe('进度')
    expect(afterOfficeWord('安平人民银行 进度', words)).toBeUndefined()
    expect(afterOfficeWord('进度', words)).toBeUndefined()
  })

  it('goes where the sender is bound; bound in two: the one named, else asked; bound nowhere: the first', async () => {
    const offices = await Promise.all(
      FILES.slice(0, 2).map(async (file) => {
        const roster = loadRoster(file)
        const db = await openDatabase(`file:${freshStore().dbPath}`)
        const guard = { actsOn: async () => false, isLiaisonRoom: async () => false }
        return { key: officeOf(roster).key, db, guard, words: officeWords(officeOf(roster), roster) }
      }),
    )
    const [a, w] = offices as [(typeof offices)[0], (typeof offices)[0]]
    const now = new Date()
    await bindPerson(a.db, { contactId: 'only-a', name: '王芳', role: 'office', unitId: null }, now)
    await bindPerson(a.db, { contactId: 'both', name: '张双', role: 'office', unitId: null }, now)
    await bindPerson(w.db, { contactId: 'both', name: '张双', role: 'office', unitId: null }, now)
    const router: Router<typeof a> = new OfficeRouter([a, w])
    const key = async (id: string, text: string) => {
      const r = await router.forPrivate(id, text)
      return 'office' in r ? r.office.key : r.ask.map((o) => o.key)
    }
    expect(await key('only-a', '进度')).toBe('anping')
    expect(await key('stranger', '进度')).toBe('anping')
    expect(await key('both', '进度')).toEqual(['anping', 'wuyi'])
    expect(await key('both', '武邑 进度')).toBe('wuyi')
    expect(await key('both', 'anping 进度')).toBe('anping')
    for (const o of offices) await closeDatabase(o.db)
  })
})

describe('npm run cli -- … --office', () => {
  const { dbPath, prefix } = freshStore()
  const env = {
    ...process.env,
    DATABASE_URL: `file:${dbPath}`,
    REDIS_PREFIX: prefix,
    ROSTER_FILE: FILES.join(','),
  }

  it('with several offices, a command without --office is told the keys', async () => {
    const r = await runCli(['units', 'list'], env)
    expect(r.code).toBe(2)
    expect(r.out).toContain('请用 --office 指定：anping、wuyi、hengshui')
    expect((await runCli(['units', 'list', '--office', 'handan'], env)).out).toContain(
      '没有 key 为「handan」的办公室',
    )
  })

  it('works on the office named: its own database file and roster', async () => {
    const r = await runCli(['units', 'list', '--office', 'wuyi'], env)
    expect(r.code).toBe(0)
    expect(r.out).toContain('武邑人民银行')
    expect(r.out).not.toContain('安平')
    expect(existsSync(join(dirname(dbPath), 'bot.wuyi.db'))).toBe(true)
    expect(existsSync(dbPath)).toBe(false)
  })
})
