// `npm run simulate` as a newcomer or an outside checker runs it: JSON Lines on stdout only.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const TSX = join('node_modules', '.bin', 'tsx')

async function simulateCommand(path: string) {
  try {
    const { stdout, stderr } = await run(TSX, ['bot/simulate.ts', path], {
      env: { ...process.env, LOG_LEVEL: 'info' },
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string }
    return { code: err.code, stdout: err.stdout, stderr: err.stderr }
  }
}

describe('npm run simulate', () => {
  it('prints one JSON object per line, messages in time order, the state last', async () => {
    const { code, stdout, stderr } = await simulateCommand('tests/scenarios/example-month.json')
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    const events = lines.map((l) => JSON.parse(l))
    expect(events.at(-1).type).toBe('state')
    const times = events.filter((e) => e.type === 'message').map((e) => Date.parse(e.at))
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(
      events
        .at(-1)
        .submissions.map((s: { unit: string }) => s.unit)
        .sort(),
    ).toEqual(['人民银行', '县公安局'])
    // logs went to stderr, not stdout
    expect(stderr).toContain('"msg":"handled"')
  })

  it('rejects an invalid scenario with a one-line reason naming the step', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fzscn-'))
    const path = join(dir, 'bad.json')
    writeFileSync(
      path,
      JSON.stringify({
        start: '2026-11-18T09:00:00+08:00',
        room: '群',
        people: [{ name: '王芳', unit: '人民银行' }],
        steps: [
          { at: '2026-11-18T10:00:00+08:00', from: '王芳', say: 'hi' },
          { at: 'tomorrow', from: '王芳', say: 'x' },
        ],
      }),
    )
    const { code, stdout, stderr } = await simulateCommand(path)
    expect(code).not.toBe(0)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).toContain('step 2')
  })
})
