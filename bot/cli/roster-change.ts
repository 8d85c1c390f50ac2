// How the units and forms commands store a change of the units: planned from the units as they
// are, checked by the roster file's rules, written with its audit row in one transaction.
import { messages } from '../../prompts/messages.ts'
import { unitsProblems } from '../config.ts'
import { targetLabels } from '../domain/bulletin/figures.ts'
import type { UnitDef } from '../domain/roster.ts'
import { lostTargetFields, retiredClashes, unitLabel } from '../domain/roster-edit.ts'
import type { Roster } from '../domain/roster-types.ts'
import { type AuditAction, audit } from '../store/audit.ts'
import { type Db, type Tx, writeTransaction } from '../store/db.ts'
import { applyUnits, listRetiredUnits, listUnits, type UnitRecord } from '../store/units.ts'
import { cliActor, UsageError } from './command.ts'

/** The stored units a change is planned from, read in its transaction. */
interface StoredUnits {
  tx: Tx
  /** Active units, in roster order. */
  active: UnitRecord[]
  retired: (UnitRecord & { position: number })[]
}

/** One change of the stored units, as a command plans it. */
export interface RosterChange {
  /** The active units after the change, in roster order. */
  units: UnitDef[]
  action: AuditAction
  /** The unit changed. */
  unit: UnitDef
  /** What changes, for the audit row; '' when nothing would. */
  detail: string
  reply: string
  /** Writes that go with the change (in its transaction); a note on what they did. */
  also?: (tx: Tx) => Promise<string>
}

/**
 * Stores a change of the units, planned from the units as they are: the result is checked by the
 * roster file's rules (and must keep the sources of the roster's targets), then written with its
 * audit row in one transaction, so that on any problem nothing is written. applyUnits bumps the
 * roster version: a running bot reads the new units with its next message.
 */
export async function changeRoster(
  db: Db,
  roster: Roster,
  plan: (stored: StoredUnits) => RosterChange | Promise<RosterChange>,
): Promise<string> {
  const targets = targetLabels(roster.targets)
  return writeTransaction(db, async (tx) => {
    const stored = { tx, active: await listUnits(tx), retired: await listRetiredUnits(tx) }
    const change = await plan(stored)
    if (change.detail === '') return messages.cliUnits('no_change')
    const reactivated = change.action === 'units.activate' ? change.unit.key : undefined
    const staysRetired = stored.retired.filter((r) => r.key !== reactivated)
    const problems = [
      ...unitsProblems(change.units),
      ...retiredClashes(change.units, staysRetired),
      ...lostTargetFields(stored.active, change.units, targets),
    ]
    if (problems.length > 0)
      throw new UsageError(messages.cliUnits('not_changed', { problems: problems.join('\n') }))
    await applyUnits(tx, change.units)
    const note = change.also ? await change.also(tx) : ''
    const at = new Date()
    const detail = `${change.detail}${note}`
    await audit(tx, { actor: cliActor(), action: change.action, target: unitLabel(change.unit), detail, at })
    return `${change.reply}${note}`
  })
}
