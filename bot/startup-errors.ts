// A start that fails says what to check in one line, Chinese then English (the shape of the
// puppet service's lines in chat/connection.ts), instead of a stack: the operator reads which
// setting or which file, the stack goes to the log at debug level.
import { messages } from '../prompts/messages.ts'
import { ConfigError } from './config.ts'
import { RedisUnavailableError } from './redis-local.ts'

/** What the start was doing when it failed. */
export type StartStage = 'config' | 'roster' | 'redis' | 'database' | 'start'

export interface StartFailure {
  /** For stderr: the hint, then (for a roster) the problems it found, one a line. */
  text: string
}

const SQLITE_LOCKED = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED_SHAREDCACHE',
])
const NOT_WRITABLE =
  /^(SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_IOERR|SQLITE_FULL|SQLITE_PERM|SQLITE_NOTADB|SQLITE_CORRUPT)|^(EACCES|EPERM|EROFS|ENOTDIR|EEXIST|ENOSPC|EISDIR|ENOENT)$/

export function startFailure(
  err: unknown,
  stage: StartStage,
  env: { DATABASE_PATH: string; REDIS_URL: string; ROSTER_FILE: string },
): StartFailure {
  const e = err as { code?: unknown; message?: unknown } | undefined
  const code = typeof e?.code === 'string' ? e.code : ''
  const detail = oneLine(String(e?.message ?? err))
  if (stage === 'roster' && err instanceof ConfigError)
    return {
      text: [
        messages.startup('roster_invalid', { file: env.ROSTER_FILE }),
        ...indented(String(e?.message)),
      ].join('\n'),
    }
  // Already one line naming what to check (the environment, the puppet service, a missing Redis).
  if (err instanceof ConfigError || err instanceof RedisUnavailableError) return { text: String(e?.message) }
  if (SQLITE_LOCKED.has(code) || /database is locked/i.test(detail))
    return { text: messages.startup('db_locked', { path: env.DATABASE_PATH }) }
  if (stage === 'database' && (NOT_WRITABLE.test(code) || /unable to open database|readonly/i.test(detail)))
    return { text: messages.startup('db_unwritable', { path: env.DATABASE_PATH, detail }) }
  if (
    /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|NOAUTH|WRONGPASS|Connection is closed/.test(`${code} ${detail}`) &&
    stage !== 'database'
  )
    return { text: messages.startup('redis_unusable', { url: env.REDIS_URL, detail }) }
  return { text: messages.startup('start_failed', { detail }) }
}

/** The first line of an error's message, cut to a length a terminal shows whole. */
const oneLine = (text: string) => {
  const first =
    text
      .replace(/^\w*Error: /, '')
      .split('\n')
      .find((l) => l.trim() !== '') ?? ''
  return first.length > 160 ? `${first.slice(0, 157)}…` : first
}

/** The problems under the hint, indented, blank lines dropped. */
const indented = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `  ${l}`)
