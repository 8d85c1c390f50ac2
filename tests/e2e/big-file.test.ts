// A file bigger than anything the bot takes is refused by its size, and its bytes are neither held
// nor stored: the receiver stops reading at the largest size a command could take.
import { Readable } from 'node:stream'
import Database from 'better-sqlite3'
import { FileBox } from 'file-box'
import { afterEach, describe, expect, it } from 'vitest'
import { readFileCapped } from '../../bot/chat/file-bytes.ts'
import { maxFileBytes } from '../../bot/commands/clue-file.ts'
import { loadRoster } from '../../bot/config.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { postFile } from '../helpers/documents.ts'
import { until } from '../helpers/wait.ts'

const MB = 1024 * 1024
const apps: TestApp[] = []
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop()
})

describe('a file over the largest size the bot takes', () => {
  it('is refused by its size in one sentence; only its name and size are stored', async () => {
    const t = await startTestApp({
      now: '2026-11-18T10:00:00+08:00',
      people: [{ name: '李强', role: 'office' }],
    })
    apps.push(t)
    const cap = maxFileBytes(loadRoster('prisma/roster.yaml'))
    const data = Buffer.alloc(cap + 3 * MB, '13800138000\n')
    await postFile(t, '李强', '线索.csv', data)
    await until(() => t.sent.length > 0, 'the answer')
    expect(t.sent.at(-1)).toContain(
      '文件「线索.csv」无法读取：文件有 23 MB，超过 10 MB 的上限；更大的文件请用命令行 import-clues 导入',
    )
    const db = new Database(t.dbPath, { readonly: true })
    const row = db.prepare('SELECT fileName, fileData, fileSize, outcome FROM InboundMessage').get()
    db.close()
    expect(row).toEqual({ fileName: '线索.csv', fileData: null, fileSize: data.length, outcome: 'handled' })
  }, 60_000)
})

describe('readFileCapped', () => {
  it('stops reading a stream of unknown size once it passes the cap', async () => {
    let served = 0
    const chunks = (function* () {
      for (let i = 0; i < 1000; i++) {
        served++
        yield Buffer.alloc(64 * 1024)
      }
    })()
    const box = FileBox.fromStream(Readable.from(chunks), 'big.bin')
    expect(box.size).toBe(-1)
    const r = await readFileCapped(box, MB)
    expect(r.data).toBeNull()
    expect(r.size).toBeGreaterThan(MB)
    expect(served).toBeLessThan(40)
    const small = await readFileCapped(FileBox.fromBuffer(Buffer.from('a,b\n'), 'x.csv'), MB)
    expect(Buffer.from(small.data ?? []).toString()).toBe('a,b\n')
  })
})
