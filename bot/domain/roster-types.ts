// The roster file as the rest of the bot reads it: plain data, produced by bot/config.ts from the
// YAML file (which checks the file against these types) and by the simulator's scenarios.
import type { UnitDef } from './roster.ts'

/** What a collection (征集) takes as an answer: file types judged by content, or a text message. */
export const ANSWER_KINDS = ['docx', 'xlsx', 'pdf', 'wps', 'jpg', 'png', 'text'] as const
export type AnswerKind = (typeof ANSWER_KINDS)[number]

/** A campaign phase: an MM-DD range that repeats every year. */
export interface Phase {
  name: string
  from: string
  to: string
  /** What units owe in the phase: posted in the phase's notice and shown by 阶段. */
  duties: string
}

export interface Schedule {
  timezone: 'Asia/Shanghai'
  deadline_day: number
  /** Five-field cron expressions (Asia/Shanghai). */
  reminders: string[]
  bulletin?: string | undefined
  clue_due_hours: number
  clue_overdue_check?: string | undefined
  /** A slot missed during downtime is caught up within this many hours, else recorded as skipped. */
  catch_up_hours: number
}

export interface Ratio {
  name: string
  numerator: string
  denominator: string
  per: number
  min: number
}

/** The county's annual targets by field label. */
export interface Targets {
  max: Record<string, number>
  min: Record<string, number>
  ratios: Ratio[]
  trend: { down: string[]; up: string[] }
}

/** A document every unit owes each year, due at the end of a phase or on a day (MM-DD). */
export interface CollectionDef {
  name: string
  phase?: string | undefined
  due?: string | undefined
  accepts: AnswerKind[]
}

export interface AssessmentRule {
  weights: {
    timeliness: number
    clueClosure: number
    completeness: number
    taskCompletion: number
    documents: number
  }
  /** The units proposed for 表彰: the best `top` ranks, or every unit scoring at least `min_score`. */
  commend: { top: number } | { min_score: number }
}

/** Routing overrides: number segments (prefix → unit key) and kinds (kind → unit key or null). */
export interface ClueRouting {
  phone_segments: Record<string, string | null>
  kinds: Record<string, string | null>
}

export interface Roster {
  office: {
    name: string
    aliases: string[]
    full_name?: string | undefined
    /** The office's key in a deployment of several (domain/office.ts); none: today's one county. */
    key?: string | undefined
    /** The key of the office above (a county's city). */
    parent?: string | undefined
    /** The liaison room's topic (ROOM_TOPIC otherwise). */
    room?: string | undefined
  }
  /** 六、下步要求 of the bulletin document, one requirement per item. */
  next_steps: string[]
  units: UnitDef[]
  targets: Targets
  phases: Phase[]
  /** Days added to the library's working-day calendar. */
  calendar: { holidays: string[]; workdays: string[] }
  collections: CollectionDef[]
  collection_file_max_mb: number
  welcome_new_members: boolean
  schedule: Schedule
  assessment: AssessmentRule
  /** Last year's annual figures by field label, for 两降三升 when last year's reports are not in the record. */
  last_year?: Record<string, number> | undefined
  clue_routing?: ClueRouting | undefined
}
