// Configuration: environment variables and the roster file, validated once with zod. The roster's
// schemas produce the domain's types (domain/roster.ts, domain/roster-types.ts): each is checked
// with `satisfies`, so that the file's shape and the types the bot reads cannot drift apart.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { messages } from '../prompts/messages.ts'
import { UNIT_CLUE_KINDS } from './domain/clues/kinds.ts'
import type { OfficeRef } from './domain/office.ts'
import { officeOf } from './domain/office-names.ts'
import {
  FIELD_KIND_NAMES,
  FIELD_KINDS,
  type FieldDef,
  formOf,
  nameKey,
  type UnitDef,
} from './domain/roster.ts'
import {
  ANSWER_KINDS,
  type AssessmentRule,
  type CollectionDef,
  type Phase,
  type Roster,
  type Schedule,
} from './domain/roster-types.ts'

const say = messages.config

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const flag = z
  .enum(['true', 'false'], { error: say('flag') })
  .default('false')
  .transform((v) => v === 'true')

export const PUPPET_SERVICE = 'wechaty-puppet-service'

const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, say('database_url'))
      .default('file:./data/bot.db'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, say('redis_url'))
      .default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, say('redis_prefix'))
      .default('fzbot'),
    ROSTER_FILE: z.string().min(1).default('prisma/roster.yaml'),
    ROOM_TOPIC: z.string().min(1).default('县反诈联席会联络员群'),
    WECHATY_PUPPET: z.string().optional(),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
    /** host:port of the puppet service; without it the client would look the token up on the internet. */
    WECHATY_PUPPET_SERVICE_ENDPOINT: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, say('endpoint'))
      .optional(),
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: flag,
    /** Read by `npm run gateway` (the server side). */
    WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER: flag,
    SEND_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
    /** At most this many sends a minute, over every chat (0: no cap). */
    SEND_PER_MINUTE: z.coerce.number().int().min(0).max(600).default(20),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('warn'),
  })
  .superRefine((env, ctx) => {
    if (env.WECHATY_PUPPET !== PUPPET_SERVICE) return
    const need = (
      key: 'WECHATY_PUPPET_SERVICE_TOKEN' | 'WECHATY_PUPPET_SERVICE_ENDPOINT',
      message: string,
    ) => {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message })
    }
    need('WECHATY_PUPPET_SERVICE_TOKEN', say('need_token'))
    need('WECHATY_PUPPET_SERVICE_ENDPOINT', say('need_endpoint'))
    // With TLS the client takes the server name (SNI) from the token's prefix.
    const token = env.WECHATY_PUPPET_SERVICE_TOKEN
    if (token && !env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT && !/^[A-Za-z0-9-]+_\S+$/.test(token))
      ctx.addIssue({
        code: 'custom',
        path: ['WECHATY_PUPPET_SERVICE_TOKEN'],
        message: say('token_prefix'),
      })
  })

export type Env = z.infer<typeof envSchema>

/** Reads and validates the environment; the error names every bad variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = envSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(say('env_problems', { lines: lines.join('\n') }))
  }
  return result.data
}

const fieldSchema = z.object({
  label: z.string().min(1, say('field_label')),
  kind: z.enum(FIELD_KINDS, {
    error: (i) =>
      say('field_kind', {
        input: String(i.input),
        kinds: FIELD_KINDS.map((k) => `${k} ${FIELD_KIND_NAMES[k]}`).join('、'),
      }),
  }),
  required: z.boolean().default(false),
  synonyms: z.array(z.string().min(1, say('synonym_empty'))).default([]),
}) satisfies z.ZodType<FieldDef>

const unitSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/, { error: (i) => say('unit_key', { input: String(i.input) }) }),
  name: z.string().min(1, say('unit_name')),
  aliases: z.array(z.string().min(1, say('alias_empty'))).default([]),
  duty: z.string().default(''),
  clues: z
    .array(
      z.enum(UNIT_CLUE_KINDS, {
        error: (i) => say('clue_kind', { input: String(i.input), kinds: UNIT_CLUE_KINDS.join('、') }),
      }),
    )
    .default([]),
  // May be empty: every form also has the common fields (formOf).
  fields: z.array(fieldSchema).default([]),
}) satisfies z.ZodType<UnitDef>

/** Problems of one unit's form: a label or synonym (compared as nameKey) naming two fields. */
function formProblems(unit: UnitDef): string[] {
  const form = formOf(unit)
  const owner = new Map<string, number>()
  const problems: string[] = []
  form.forEach((field, i) => {
    for (const name of [field.label, ...field.synonyms]) {
      const key = nameKey(name)
      const other = owner.get(key)
      if (other === undefined) owner.set(key, i)
      else if (other !== i) {
        const first = form[other] as FieldDef
        problems.push(
          nameKey(first.label) === key && name === field.label
            ? say('field_repeated', { unit: unit.name, label: field.label })
            : say('name_two_fields', { unit: unit.name, name, first: first.label, second: field.label }),
        )
      }
    }
  })
  return problems
}

/** Keys, names and aliases are unique across units (names as nameKey, as findUnit compares them). */
const unitsSchema = z
  .array(unitSchema)
  .min(1, say('units_none'))
  .superRefine((units, ctx) => {
    const keys = new Set<string>()
    const names = new Map<string, UnitDef>()
    units.forEach((unit, i) => {
      if (keys.has(unit.key))
        ctx.addIssue({ code: 'custom', path: [i, 'key'], message: say('key_repeated', { key: unit.key }) })
      keys.add(unit.key)
      for (const name of [unit.name, ...unit.aliases]) {
        const owner = names.get(nameKey(name))
        if (owner && owner !== unit)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: say('name_repeated', { name, first: owner.name, second: unit.name }),
          })
        else names.set(nameKey(name), unit)
      }
      for (const message of formProblems(unit)) ctx.addIssue({ code: 'custom', path: [i, 'fields'], message })
    })
  })

const cron = z.string().regex(/^\S+(\s+\S+){4}$/, say('cron'))
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
  error: (i) => say('month_day', { input: String(i.input) }),
})
const isoDay = z
  .string()
  .refine(
    (d) =>
      /^\d{4}-\d{2}-\d{2}$/.test(d) &&
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      error: (i) => say('iso_day', { input: String(i.input) }),
    },
  )

/** The campaign phases: names and starts unique, each range inside one year. */
const phasesSchema = z
  .array(
    z.object({
      name: z.string().min(1, say('phase_name')),
      from: monthDay,
      to: monthDay,
      /** What units owe in the phase: posted in the phase's notice and shown by 阶段. */
      duties: z.string().default(''),
    }) satisfies z.ZodType<Phase>,
  )
  .default([])
  .superRefine((phases, ctx) => {
    const names = new Set<string>()
    const starts = new Set<string>()
    phases.forEach((p, i) => {
      if (p.from > p.to)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'to'],
          message: say('phase_order', { name: p.name, to: p.to, from: p.from }),
        })
      if (names.has(p.name))
        ctx.addIssue({ code: 'custom', path: [i, 'name'], message: say('phase_repeated', { name: p.name }) })
      if (starts.has(p.from))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'from'],
          message: say('phase_same_start', { from: p.from }),
        })
      names.add(p.name)
      starts.add(p.from)
    })
  })

/** Days the roster adds to the library's calendar (a year it does not know yet); one day not both. */
const calendarSchema = z
  .object({ holidays: z.array(isoDay).default([]), workdays: z.array(isoDay).default([]) })
  .default({ holidays: [], workdays: [] })
  .superRefine((c, ctx) => {
    const holidays = new Set(c.holidays)
    for (const d of c.workdays)
      if (holidays.has(d))
        ctx.addIssue({ code: 'custom', path: ['workdays'], message: say('day_both', { day: d }) })
  })

export const scheduleSchema = z.object({
  timezone: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  deadline_day: z.number().int().min(1).max(28).default(25),
  reminders: z.array(cron).default([]),
  bulletin: cron.optional(),
  clue_due_hours: z.number().positive().default(72),
  clue_overdue_check: cron.optional(),
  /** A slot missed during downtime is caught up within this many hours, else recorded as skipped. */
  catch_up_hours: z.number().positive().default(6),
}) satisfies z.ZodType<Schedule>

const collectionSchema = z
  .object({
    name: z.string().min(1, say('collection_name')),
    /** Due at the end of this phase (a name in phases:), or on a day: "MM-DD". */
    phase: z.string().min(1).optional(),
    due: monthDay.optional(),
    accepts: z
      .array(
        z.enum(ANSWER_KINDS, {
          error: (i) => say('answer_kind', { input: String(i.input), kinds: ANSWER_KINDS.join('、') }),
        }),
      )
      .default([...ANSWER_KINDS]),
  })
  .refine(
    (c) => (c.phase === undefined) !== (c.due === undefined),
    say('collection_due'),
  ) satisfies z.ZodType<CollectionDef>

const rosterSchema = z.object({
  office: z.object({
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    /** The office's full name: the 发文机关标志 and 落款 of its documents. */
    full_name: z.string().min(1).optional(),
    /** Its key in a deployment of several offices (see loadOffices). */
    key: z
      .string()
      .regex(/^[a-z0-9_]+$/, { error: (i) => messages.offices('key_invalid', { key: String(i.input) }) })
      .optional(),
    parent: z.string().min(1).optional(),
    room: z.string().min(1).optional(),
  }),
  /** 六、下步要求 of the bulletin document: one requirement per item, as the office writes them. */
  next_steps: z.array(z.string().min(1)).default([]),
  units: unitsSchema,
  targets: z
    .object({
      max: z.record(z.string(), z.number()).default({}),
      min: z.record(z.string(), z.number()).default({}),
      ratios: z
        .array(
          z.object({
            name: z.string(),
            numerator: z.string(),
            denominator: z.string(),
            per: z.number().positive(),
            min: z.number(),
          }),
        )
        .default([]),
      trend: z
        .object({ down: z.array(z.string()).default([]), up: z.array(z.string()).default([]) })
        .default({ down: [], up: [] }),
    })
    .default({ max: {}, min: {}, ratios: [], trend: { down: [], up: [] } }),
  phases: phasesSchema,
  calendar: calendarSchema,
  /** Documents every unit owes each year (征集), opened on the first of January (or at first start). */
  collections: z.array(collectionSchema).default([]),
  /** A file posted for a collection larger than this is refused and not stored. */
  collection_file_max_mb: z.number().positive().max(200).default(20),
  /** Someone joining the liaison group is welcomed once with how to use the bot. */
  welcome_new_members: z.boolean().default(false),
  schedule: scheduleSchema,
  /** Weights of the year's assessment (考核); see bot/domain/bulletin/assessment.ts. */
  assessment: z
    .object({
      weights: z
        .object({
          timeliness: z.number().min(0).default(0.4),
          clueClosure: z.number().min(0).default(0.3),
          completeness: z.number().min(0).default(0.3),
          taskCompletion: z.number().min(0).default(0),
          documents: z.number().min(0).default(0),
        })
        .default({ timeliness: 0.4, clueClosure: 0.3, completeness: 0.3, taskCompletion: 0, documents: 0 }),
      /** The units proposed for 表彰: the best `top` ranks, or every unit scoring at least `min_score`. */
      commend: z
        .union([
          z.object({ top: z.number().int().positive() }).strict(),
          z.object({ min_score: z.number().min(0).max(100) }).strict(),
        ])
        .default({ top: 3 }),
    })
    .default({
      weights: { timeliness: 0.4, clueClosure: 0.3, completeness: 0.3, taskCompletion: 0, documents: 0 },
      commend: { top: 3 },
    }) satisfies z.ZodType<AssessmentRule>,
  /** Last year's annual figures by field label, for 两降三升 when last year's reports are not in the record. */
  last_year: z.record(z.string(), z.number()).optional(),
  /** Optional routing overrides: number segments (prefix → unit key) and kinds (kind → unit key or null). */
  clue_routing: z
    .object({
      phone_segments: z.record(z.string().regex(/^\d{3,7}$/), z.string().nullable()).default({}),
      kinds: z.record(z.string(), z.string().nullable()).default({}),
    })
    .optional(),
}) satisfies z.ZodType<Roster>

/** Validates a parsed roster document; the error names the path of each problem. */
export function parseRoster(doc: unknown, source = 'roster'): Roster {
  const result = rosterSchema.safeParse(doc)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || say('root')}: ${i.message}`)
    throw new ConfigError(say('roster_problems', { source, lines: lines.join('\n') }))
  }
  const r = result.data
  const phases = new Set(r.phases.map((p) => p.name))
  const unknown = r.collections.filter((c) => c.phase !== undefined && !phases.has(c.phase))
  if (unknown.length > 0)
    throw new ConfigError(
      say('roster_problems', {
        source,
        lines: unknown.map((c) => say('collection_phase', { name: c.name, phase: c.phase ?? '' })).join('\n'),
      }),
    )
  return r
}

const issueTexts = (error: z.ZodError) => [...new Set(error.issues.map((i) => i.message))]

/** One form field by the roster file's rules: the field, or what is wrong with it. */
export function checkField(
  field: unknown,
): { ok: true; field: FieldDef } | { ok: false; problems: string[] } {
  const r = fieldSchema.safeParse(field)
  return r.success ? { ok: true, field: r.data } : { ok: false, problems: issueTexts(r.error) }
}

/** What is wrong with a set of units (the active ones) by the roster file's rules; [] if nothing. */
export function unitsProblems(units: readonly UnitDef[]): string[] {
  const r = unitsSchema.safeParse(units)
  return r.success ? [] : issueTexts(r.error)
}

export function loadRoster(path: string): Roster {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    // Missing or unreadable: the operator's fix is the same (the path in ROSTER_FILE).
    throw new ConfigError(say('roster_missing', { path }))
  }
  let doc: unknown
  try {
    doc = parseYaml(text, { merge: true })
  } catch (e) {
    throw new ConfigError(say('roster_not_yaml', { path, error: (e as Error).message }))
  }
  return parseRoster(doc, path)
}

/** One office of the deployment: its roster (and the file it came from) and its liaison room. */
export interface OfficeConfig {
  office: OfficeRef
  roster: Roster
  file: string
  roomTopic: string
}

/** ROSTER_FILE's roster files: comma-separated paths, or a folder of *.yaml rosters (in name order). */
export function rosterFiles(rosterFile: string): string[] {
  return rosterFile
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .flatMap((path) => {
      let folder = false
      try {
        folder = statSync(path).isDirectory()
      } catch {
        // Not there: loadRoster names the missing file.
      }
      if (!folder) return [path]
      const files = readdirSync(path)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(path, f))
      if (files.length === 0) throw new ConfigError(messages.offices('no_rosters', { folder: path }))
      return files
    })
}

/**
 * The deployment's offices from ROSTER_FILE. One roster is one office (without `office.key`, today's
 * county); with several, each names its key, keys and rooms are unique and a parent is one of them.
 */
export function loadOffices(env: Pick<Env, 'ROSTER_FILE' | 'ROOM_TOPIC'>): OfficeConfig[] {
  const loaded = rosterFiles(env.ROSTER_FILE).map((file) => ({ file, roster: loadRoster(file) }))
  return deploymentOf(loaded, env.ROOM_TOPIC)
}

/** The offices of these rosters, checked together; the error names every problem. */
export function deploymentOf(loaded: { file: string; roster: Roster }[], roomTopic: string): OfficeConfig[] {
  const offices = loaded.map(({ file, roster }) => ({
    office: officeOf(roster),
    roster,
    file,
    roomTopic: roster.office.room ?? roomTopic,
  }))
  if (offices.length < 2) return offices
  const problems: string[] = []
  const byKey = new Map<string, OfficeConfig[]>()
  for (const o of offices) {
    if (!o.roster.office.key) problems.push(messages.offices('key_missing', { file: o.file }))
    else byKey.set(o.office.key, [...(byKey.get(o.office.key) ?? []), o])
  }
  for (const [key, same] of byKey)
    if (same.length > 1)
      problems.push(messages.offices('key_twice', { key, files: same.map((o) => o.file).join('、') }))
  const keys = [...byKey.keys()].join('、')
  for (const { office } of offices) {
    if (office.parent === undefined) continue
    if (office.parent === office.key) problems.push(messages.offices('parent_self', { name: office.name }))
    else if (!byKey.has(office.parent))
      problems.push(messages.offices('parent_unknown', { name: office.name, parent: office.parent, keys }))
  }
  const byRoom = new Map<string, OfficeConfig[]>()
  for (const o of offices) byRoom.set(o.roomTopic, [...(byRoom.get(o.roomTopic) ?? []), o])
  for (const [room, same] of byRoom)
    if (same.length > 1)
      problems.push(
        messages.offices('room_twice', { room, offices: same.map((o) => o.office.name).join('、') }),
      )
  if (problems.length > 0)
    throw new ConfigError(
      messages.offices('deployment_invalid', { lines: problems.map((p) => `  ${p}`).join('\n') }),
    )
  return offices
}
