// `--office <key>`, which every command takes: the office whose database, roster, room and queues
// the command works on. One office needs none; with several, leaving it out is a usage error naming the keys.
import { messages } from '../../prompts/messages.ts'
import { type Env, loadOffices, rosterFiles } from '../config.ts'
import { officeSetups } from '../offices.ts'
import { UsageError } from './command.ts'

/** The arguments without `--office <key>` (or `--office=<key>`), and the key given. */
export function takeOfficeOption(args: readonly string[]): { key?: string; rest: string[] } {
  const rest: string[] = []
  let key: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--office') {
      key = args[i + 1] ?? ''
      i++
    } else if (arg.startsWith('--office=')) key = arg.slice('--office='.length)
    else rest.push(arg)
  }
  return key === undefined ? { rest } : { key: key.trim(), rest }
}

/** The settings as the office's parts read them; one roster and no --office: as they are. */
export function officeEnv(env: Env, key: string | undefined): Env {
  if (key === undefined && rosterFiles(env.ROSTER_FILE).length === 1) return env
  const offices = officeSetups(env, loadOffices(env))
  const keys = offices.map((o) => o.office.key).join('、')
  if (key === undefined) {
    if (offices.length === 1) return (offices[0] as (typeof offices)[number]).env
    throw new UsageError(messages.offices('cli_which', { keys }))
  }
  const office = offices.find((o) => o.office.key === key)
  if (!office) throw new UsageError(messages.offices('cli_unknown', { key, keys }))
  return office.env
}
