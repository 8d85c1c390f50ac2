import type { OfficeRef } from '../domain/office.ts'
import type { Roster } from '../domain/roster-types.ts'
import type { Db } from '../store/db.ts'

/** An office under the one a command runs in (a city's county), with its own store and roster. */
export interface SubOffice {
  readonly office: OfficeRef
  readonly roster: Roster
  readonly db: Db
  readonly roomTopic: string
  /** Hands outbound row ids written in `db` to that office's sender. */
  readonly onOutbound: (ids: number[]) => void
}
