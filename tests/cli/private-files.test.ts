// Files with full values are the owner's alone: the database and its WAL, backups and exports are
// created 0600 (folders 0700) whatever the umask; `status` warns when one is readable by others.
import { chmodSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../bot/store/db.ts'
import { cliStore } from './cli-store.ts'

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8)

describe('owner-only files', () => {
  it('database, WAL, backups and exports are 0600 in 0700 folders; status warns when they are not', async () => {
    const old = process.umask(0o022)
    try {
      const s = cliStore()
      const dataDir = join(s.dir, 'data')
      const dbPath = join(dataDir, 'bot.db')
      const store = cliStore({ DATABASE_URL: `file:${dbPath}` })
      const db = await openDatabase(`file:${dbPath}`)
      expect(mode(dataDir)).toBe('700')
      expect(mode(dbPath)).toBe('600')
      await db.serviceState.create({ data: { key: 'x', value: 'y', updatedAt: new Date() } })
      expect(mode(`${dbPath}-wal`)).toBe('600')
      await db.$disconnect()

      expect((await store.cli('backup')).code).toBe(0)
      const backups = join(dataDir, 'backups')
      expect(mode(backups)).toBe('700')
      for (const f of readdirSync(backups)) expect(mode(join(backups, f))).toBe('600')
      expect((await store.cli('export', 'clues')).code).toBe(0)
      const exports = join(dataDir, 'exports')
      expect(mode(exports)).toBe('700')
      for (const f of readdirSync(exports)) expect(mode(join(exports, f))).toBe('600')

      expect((await store.cli('status')).out).not.toContain('他人可读')
      // a backup copied around with cp keeps whatever mode it got
      const backup = join(backups, readdirSync(backups)[0] as string)
      chmodSync(backup, 0o644)
      expect((await store.cli('status')).out).toContain(
        `⚠️ 他人可读（权限 644）：${backup}；其中有完整号码，请执行 chmod 600`,
      )
      // the database itself is made owner-only again whenever the bot or the command line opens it
      chmodSync(dbPath, 0o644)
      await store.cli('status')
      expect(mode(dbPath)).toBe('600')
    } finally {
      process.umask(old)
    }
  })
})
