// What the bot handed to WeChat as files, read back from the outbound rows of the test database,
// and a chat helper for private messages and posted files through the real event path.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { FileBox } from 'file-box'
import type { TestApp } from './app.ts'

export interface SentFile {
  name: string
  data: Buffer
  chat: string
  contactId: string | null
}

export function sentFiles(dbPath: string): SentFile[] {
  const db = new Database(dbPath, { readonly: true })
  try {
    return (
      db
        .prepare(
          'SELECT fileName, fileData, chat, contactId FROM OutboundMessage WHERE fileName IS NOT NULL ORDER BY id',
        )
        .all() as { fileName: string; fileData: Buffer; chat: string; contactId: string | null }[]
    ).map((r) => ({ name: r.fileName, data: Buffer.from(r.fileData), chat: r.chat, contactId: r.contactId }))
  } finally {
    db.close()
  }
}

/** The texts the bot wrote for WeChat (delivered or still queued), in order. */
export function sentTexts(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true })
  try {
    return (db.prepare('SELECT text FROM OutboundMessage ORDER BY id').all() as { text: string }[]).map(
      (r) => r.text,
    )
  } finally {
    db.close()
  }
}

export function sentFile(dbPath: string, name: string): SentFile {
  const found = sentFiles(dbPath).filter((f) => f.name === name)
  if (found.length === 0)
    throw new Error(
      `no file ${name} was sent; sent: ${sentFiles(dbPath)
        .map((f) => f.name)
        .join(', ')}`,
    )
  return found.at(-1) as SentFile
}

/** A person writes to the bot privately; resolves when the bot has handled it. */
export async function dm(t: TestApp, from: string, text: string): Promise<void> {
  const settled = t.app.pipeline.nextSettled()
  t.world.dm(from, text)
  await settled
}

/** A person posts a file in the group (or privately, `to: 'dm'`); resolves when handled. */
export async function postFile(
  t: TestApp,
  from: string,
  name: string,
  data: Buffer,
  to: 'room' | 'dm' = 'room',
) {
  const settled = t.app.pipeline.nextSettled()
  const person = t.world.contacts.get(from)
  if (!person) throw new Error(`no such person: ${from}`)
  person
    .say(FileBox.fromBase64(data.toString('base64'), name))
    .to(to === 'room' ? t.world.room : t.world.botUser)
  await settled
}

/** Whether LibreOffice can be run here (it is not installed by default). */
export const sofficeAvailable = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0

/** The .docx converted to PDF by LibreOffice: its page count and text (pdfinfo/pdftotext). */
export function docxToPdf(data: Buffer): { pages: number; text: string; pdf: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fzdocx-'))
  writeFileSync(join(dir, 'doc.docx'), data)
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      join(dir, 'doc.docx'),
    ],
    {
      stdio: 'ignore',
      timeout: 120_000,
    },
  )
  const pdf = join(dir, 'doc.pdf')
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  // pdftotext puts spaces between CJK characters and digits: taken out, the text reads as written.
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, '')
  return { pages, text, pdf }
}
