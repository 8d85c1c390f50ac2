// Configuration: environment variables and the roster file, validated once with zod.
import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { UnitDef } from './domain/roster.ts'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, '应为 file:路径，例如 file:./data/bot.db')
    .default('file:./data/bot.db'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, '应为 redis://主机:端口')
    .default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、- 和 _')
    .default('fzbot'),
  ROSTER_FILE: z.string().min(1).default('prisma/roster.yaml'),
  ROOM_TOPIC: z.string().min(1).default('县反诈联席会联络员群'),
  WECHATY_PUPPET: z.string().optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  SEND_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('warn'),
})

export type Env = z.infer<typeof envSchema>

/** Reads and validates the environment; the error names every bad variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = envSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`环境变量配置有误:\n${lines.join('\n')}`)
  }
  return result.data
}

const fieldSchema = z.object({
  label: z.string().min(1),
  kind: z.enum(['count', 'money', 'text']),
  required: z.boolean().default(false),
  synonyms: z.array(z.string().min(1)).default([]),
})

const unitSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/, 'key 只能包含小写字母、数字和 _'),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  duty: z.string().default(''),
  clues: z.array(z.string()).default([]),
  fields: z.array(fieldSchema).min(1, '每个单位至少要有一个字段'),
})

const cron = z.string().regex(/^\S+(\s+\S+){4}$/, '应为五段 cron 表达式，例如 "0 9 20 * *"')
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, '应为 MM-DD')

export const scheduleSchema = z.object({
  timezone: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  deadline_day: z.number().int().min(1).max(28).default(25),
  reminders: z.array(cron).default([]),
  bulletin: cron.optional(),
  clue_due_hours: z.number().positive().default(72),
  clue_overdue_check: cron.optional(),
  /** A slot missed during downtime is caught up within this many hours, else recorded as skipped. */
  catch_up_hours: z.number().positive().default(6),
})

const rosterSchema = z
  .object({
    office: z.object({ name: z.string().min(1), aliases: z.array(z.string()).default([]) }),
    units: z.array(unitSchema).min(1),
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
    phases: z.array(z.object({ name: z.string(), from: monthDay, to: monthDay })).default([]),
    schedule: scheduleSchema,
    /** Weights of the year's assessment (考核); see bot/domain/bulletin/assessment.ts. */
    assessment: z
      .object({
        weights: z
          .object({
            timeliness: z.number().min(0).default(0.4),
            clueClosure: z.number().min(0).default(0.3),
            completeness: z.number().min(0).default(0.3),
          })
          .default({ timeliness: 0.4, clueClosure: 0.3, completeness: 0.3 }),
      })
      .default({ weights: { timeliness: 0.4, clueClosure: 0.3, completeness: 0.3 } }),
    /** Last year's annual figures by field label, for 两降三升 when last year's reports are not in the record. */
    last_year: z.record(z.string(), z.number()).optional(),
    /** Optional routing overrides: number segments (prefix → unit key) and kinds (kind → unit key or null). */
    clue_routing: z
      .object({
        phone_segments: z.record(z.string().regex(/^\d{3,7}$/), z.string().nullable()).default({}),
        kinds: z.record(z.string(), z.string().nullable()).default({}),
      })
      .optional(),
  })
  .superRefine((roster, ctx) => {
    const seen = new Map<string, string>()
    roster.units.forEach((unit, i) => {
      for (const name of [unit.name, ...unit.aliases]) {
        const owner = seen.get(name)
        if (owner && owner !== unit.key) {
          ctx.addIssue({ code: 'custom', path: ['units', i, 'name'], message: `名称「${name}」重复` })
        }
        seen.set(name, unit.key)
      }
    })
  })

export type Schedule = z.infer<typeof scheduleSchema>

export interface Roster {
  office: { name: string; aliases: string[] }
  units: UnitDef[]
  targets: z.infer<typeof rosterSchema>['targets']
  phases: { name: string; from: string; to: string }[]
  schedule: Schedule
  assessment: { weights: { timeliness: number; clueClosure: number; completeness: number } }
  last_year?: Record<string, number>
  clue_routing?: { phone_segments: Record<string, string | null>; kinds: Record<string, string | null> }
}

/** Validates a parsed roster document; the error names the path of each problem. */
export function parseRoster(doc: unknown, source = 'roster'): Roster {
  const result = rosterSchema.safeParse(doc)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(根)'}: ${i.message}`)
    throw new ConfigError(`${source} 内容有误:\n${lines.join('\n')}`)
  }
  const r = result.data
  return {
    ...r,
    units: r.units.map(({ clues, ...u }) => ({ ...u, clueKinds: clues })),
  }
}

export function loadRoster(path: string): Roster {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    throw new ConfigError(`找不到名册文件 ${path}（ROSTER_FILE）`)
  }
  let doc: unknown
  try {
    doc = parseYaml(text, { merge: true })
  } catch (e) {
    throw new ConfigError(`名册文件 ${path} 不是有效的 YAML: ${(e as Error).message}`)
  }
  return parseRoster(doc, path)
}
