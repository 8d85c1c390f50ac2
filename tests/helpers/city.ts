// A city over its counties for the fast command tests: each county is a harness of its own (its own
// SQLite file, roster, room and people, reports filed through its own pipeline), handed to the
// city's harness as a SubOffice, as the tenancy wiring hands a city its counties.
import type { OfficeRef } from '../../bot/domain/office.ts'
import type { Roster } from '../../bot/domain/roster-types.ts'
import type { SubOffice } from '../../bot/services/sub-office.ts'
import { type CommandHarness, commandHarness } from './commands.ts'
import type { CastMember } from './people.ts'

export interface County {
  office: OfficeRef
  harness: CommandHarness
  sub: SubOffice
  /** Outbound row ids the city handed to this county's sender. */
  handed: number[]
  /** What those rows say, in order (room or a person's name, and the text). */
  handedRows(): Promise<{ to: string; text: string; mentions: string[] }[]>
}

export const CITY: OfficeRef = { key: 'hengshui', name: '衡水市反诈联席办' }

const withName = (name: string) => (r: Roster) => ({ ...r, office: { ...r.office, name } })

export async function county(o: {
  key: string
  name: string
  now: string
  people: CastMember[]
}): Promise<County> {
  const office: OfficeRef = { key: o.key, name: o.name, parent: CITY.key }
  const room = `${o.name.replace(/联席办$/, '')}联络员群`
  const harness = await commandHarness({
    now: o.now,
    people: o.people,
    rosterOf: withName(o.name),
    room,
    office,
  })
  const handed: number[] = []
  const sub: SubOffice = {
    office,
    roster: harness.roster,
    db: harness.db,
    roomTopic: room,
    onOutbound: (ids) => handed.push(...ids),
  }
  return {
    office,
    harness,
    sub,
    handed,
    async handedRows() {
      const rows = await harness.db.outboundMessage.findMany({
        where: { id: { in: handed } },
        orderBy: { id: 'asc' },
      })
      return rows.map((r) => ({
        to: r.chat === 'room' ? (r.roomTopic ?? 'room') : r.recipientName,
        text: r.text,
        mentions: (JSON.parse(r.mentions) as { name: string }[]).map((m) => m.name),
      }))
    },
  }
}

/** The city's own harness: its staff in its own room, its counties under it. */
export function city(o: {
  now: string
  people: CastMember[]
  counties: readonly County[]
  rosterOf?: (roster: Roster) => Roster
}): Promise<CommandHarness> {
  return commandHarness({
    now: o.now,
    people: o.people,
    rosterOf: (r) => (o.rosterOf ?? ((x) => x))(withName(CITY.name)(r)),
    room: '衡水市反诈联席会联络员群',
    office: CITY,
    subOffices: o.counties.map((c) => c.sub),
  })
}
