// Which unit checks which clue: decided by the roster alone. Each unit's `clues:` list names the
// kinds it checks; a unit listing `phone` checks the mobile numbers of the carrier it is named
// after (its name or an alias: 中国移动, 中国联通, 中国电信, 中国广电); the roster's `clue_routing:`
// overrides segments and kinds. Pure.

import { findUnit, type UnitDef } from '../roster.ts'
import type { ClueRouting } from '../roster-types.ts'
import { DETAIL } from './details.ts'
import type { ClueKind } from './kinds.ts'
import { CARRIERS, LONGEST_SEGMENT, segmentWithPrefix } from './phones.ts'

export interface RoutingRules {
  /** Kind → the unit that checks it (null: the office assigns). A kind not here: the office assigns. */
  kindUnits?: Partial<Record<ClueKind, string | null>>
  /** Carrier → the unit that checks the mobile numbers on its network. */
  carrierUnits?: Record<string, string>
  /**
   * Number segments configured in the roster (prefix → unit key, null = office assigns); with the
   * built-in ones, the longest prefix wins.
   */
  phoneSegments?: Record<string, string | null>
  /** If given, an ID number whose birth date is after this is not an ID number. */
  now?: Date
}

/** The rules of a roster's units (the active ones) and its `clue_routing:`. */
export function routingRules(
  units: readonly Pick<UnitDef, 'key' | 'name' | 'aliases' | 'clues'>[],
  roster: { clue_routing?: ClueRouting | undefined },
): RoutingRules {
  const kindUnits: Partial<Record<ClueKind, string | null>> = {}
  for (const unit of units) {
    for (const kind of unit.clues) if (kind !== 'phone') kindUnits[kind as ClueKind] ??= unit.key
  }
  if (kindUnits.company && !kindUnits.credit_code) kindUnits.credit_code = kindUnits.company
  if (kindUnits.url) for (const k of ['domain', 'ip'] as const) kindUnits[k] ??= kindUnits.url
  const phoneUnits = units.filter((u) => u.clues.includes('phone'))
  const carrierUnits: Record<string, string> = {}
  for (const carrier of CARRIERS) {
    const unit = findUnit(phoneUnits, carrier)
    if (unit) carrierUnits[carrier] = unit.key
  }
  return {
    kindUnits: { ...kindUnits, ...(roster.clue_routing?.kinds ?? {}) } as Partial<
      Record<ClueKind, string | null>
    >,
    carrierUnits,
    phoneSegments: roster.clue_routing?.phone_segments ?? {},
  }
}

/** The unit that checks a kind, null when none does (the office assigns). */
export function unitForKind(kind: ClueKind, rules: RoutingRules): string | null {
  return rules.kindUnits?.[kind] ?? null
}

export interface PhoneRoute {
  /** The unit that checks the number; null waits for the office. */
  unitKey: string | null
  /** The carrier, 虚拟运营商…, as the notice shows it. */
  detail: string
}

/** The route of an 11-digit mobile number by its segment (longest prefix wins), if the segment is known. */
export function phoneRoute(phone: string, rules: RoutingRules): PhoneRoute | undefined {
  const configured = rules.phoneSegments ?? NO_SEGMENTS
  for (let len = Math.min(phone.length, 11, longestPrefix(configured)); len >= 1; len--) {
    const prefix = phone.slice(0, len)
    const builtIn = segmentWithPrefix(prefix)
    if (Object.hasOwn(configured, prefix)) {
      const unitKey = configured[prefix] ?? null
      return { unitKey, detail: builtIn?.detail ?? carrierOf(unitKey, rules) ?? DETAIL.custom_segment }
    }
    if (builtIn) return { unitKey: rules.carrierUnits?.[builtIn.carrier] ?? null, detail: builtIn.detail }
  }
  return undefined
}

const NO_SEGMENTS: Readonly<Record<string, string | null>> = {}

/** Per segment table of the roster: the longest prefix it or the built-in table has. */
const LONGEST = new WeakMap<object, number>()

function longestPrefix(configured: Record<string, unknown>): number {
  let longest = LONGEST.get(configured)
  if (longest === undefined) {
    longest = Math.max(LONGEST_SEGMENT, ...Object.keys(configured).map((k) => k.length))
    LONGEST.set(configured, longest)
  }
  return longest
}

/** The carrier a unit checks the numbers of, if it is one. */
function carrierOf(unitKey: string | null, rules: RoutingRules): string | undefined {
  if (unitKey === null) return undefined
  return Object.entries(rules.carrierUnits ?? {}).find(([, key]) => key === unitKey)?.[0]
}
