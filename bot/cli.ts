// `npm run cli -- <command>`: what the office does outside the chat (units, forms, bindings, clue
// files, status, backup and restore, the move to PostgreSQL, exports, the audit log). The commands are in bot/cli/.
import './load-env.ts'
import { parseArgs } from 'node:util'
import { messages } from '../prompts/messages.ts'
import { CLUE_COMMANDS } from './cli/clues.ts'
import { COLLECTION_COMMANDS } from './cli/collections.ts'
import { type Args, type CliCommand, type Output, UsageError } from './cli/command.ts'
import { FORM_COMMANDS } from './cli/forms.ts'
import { MIGRATE_COMMANDS } from './cli/migrate.ts'
import { officeEnv, takeOfficeOption } from './cli/office-option.ts'
import { OPERATION_COMMANDS } from './cli/operations.ts'
import { BINDING_COMMANDS, CONTACT_COMMANDS } from './cli/people.ts'
import { RECORD_COMMANDS } from './cli/records.ts'
import { UNIT_COMMANDS } from './cli/units.ts'
import { ConfigError, loadRoster, readEnv } from './config.ts'
import { RosterEditError } from './domain/roster-edit.ts'
import { closeDatabase, type Db, openDatabase } from './store/db.ts'
import { seedUnitsIfEmpty } from './store/units.ts'

/** Every command, in the order --help lists them. */
const COMMANDS: Record<string, CliCommand> = {
  ...UNIT_COMMANDS,
  ...FORM_COMMANDS,
  ...BINDING_COMMANDS,
  ...CLUE_COMMANDS,
  ...COLLECTION_COMMANDS,
  ...OPERATION_COMMANDS,
  ...MIGRATE_COMMANDS,
  ...RECORD_COMMANDS,
  ...CONTACT_COMMANDS,
}

function help(): string {
  // Usage and summary on lines of their own: Chinese is wider than padEnd counts, so columns would not line up.
  const entries = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`)
  return messages.cli('usage', { entries: entries.join('\n') })
}

export async function runCli(argv: string[], env = process.env): Promise<{ code: number; out: string }> {
  const [a, b] = argv
  const key = a && b && COMMANDS[`${a} ${b}`] ? `${a} ${b}` : a
  const command = key ? COMMANDS[key] : undefined
  if (!command) {
    if (!a || a === '--help' || a === '-h' || a === 'help') return { code: 0, out: help() }
    const group = Object.values(COMMANDS).filter((c) => c.usage.startsWith(`${a} `))
    if (group.length > 0 && !b?.match(/^[^-]/)) {
      const lines = group.map((c) => `  npm run cli -- ${c.usage}`)
      const asked = b === '--help' || b === '-h'
      return {
        code: asked ? 0 : 2,
        out: messages.cli(asked ? 'group_usage' : 'group_which', { lines: lines.join('\n') }),
      }
    }
    return { code: 2, out: messages.cli('unknown', { command: argv.join(' '), help: help() }) }
  }
  const { key: officeKey, rest } = takeOfficeOption(argv.slice(key?.split(' ').length))
  if (rest.includes('--help') || rest.includes('-h')) {
    const more = command.details ? `\n\n${command.details}` : ''
    return {
      code: 0,
      out: messages.cli('command_help', { usage: command.usage, summary: command.summary, more }),
    }
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true })
  } catch (e) {
    return {
      code: 2,
      out: messages.cli('bad_arguments', { error: (e as Error).message, usage: command.usage }),
    }
  }
  let db: Db | undefined
  try {
    const config = officeEnv(readEnv(env), officeKey)
    const args = { positionals: parsed.positionals, values: parsed.values as Args['values'] }
    let out: Output
    if (command.runWithoutDb) out = await command.runWithoutDb(args, config)
    else {
      db = await openDatabase(config.DATABASE_URL)
      const roster = loadRoster(config.ROSTER_FILE)
      await seedUnitsIfEmpty(db, roster.units)
      out = (await command.run?.(db, args, config, roster)) ?? ''
    }
    return typeof out === 'string' ? { code: 0, out } : out
  } catch (e) {
    if (e instanceof UsageError || e instanceof RosterEditError)
      return { code: 2, out: messages.cli('usage_error', { error: e.message, usage: command.usage }) }
    if (e instanceof ConfigError) return { code: 2, out: e.message }
    return { code: 1, out: messages.cli('failed', { error: (e as Error).message }) }
  } finally {
    if (db) await closeDatabase(db)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(({ code, out }) => {
    ;(code === 0 ? process.stdout : process.stderr).write(`${out}\n`)
    process.exit(code)
  })
}
