// The deployment's offices, each with the settings of its own: its database (one per office), its
// liaison room, its roster file and its Redis prefix (one office's queues never carry another's
// rows). One office keeps every setting as it is, so a county runs exactly as before.
import type { Env, OfficeConfig } from './config.ts'
import { officeDatabaseUrl } from './store/office-url.ts'

export interface OfficeSetup extends OfficeConfig {
  /** The environment as this office's parts read it: DATABASE_URL, ROOM_TOPIC, REDIS_PREFIX, ROSTER_FILE its own. */
  env: Env
}

export function officeSetups(env: Env, offices: readonly OfficeConfig[]): OfficeSetup[] {
  const several = offices.length > 1
  return offices.map((o) => ({
    ...o,
    env: several
      ? {
          ...env,
          DATABASE_URL: officeDatabaseUrl(env.DATABASE_URL, o.office.key, true),
          REDIS_PREFIX: `${env.REDIS_PREFIX}:${o.office.key}`,
          ROOM_TOPIC: o.roomTopic,
          ROSTER_FILE: o.file,
        }
      : { ...env, ROOM_TOPIC: o.roomTopic },
  }))
}
