// wechaty-puppet-service, typed here: its own declarations rewrite the global `util.promisify`
// type (breaking every other promisify in the project), so it is imported by a specifier the type
// checker does not follow, and described by the little this project uses.
import type { Puppet } from 'wechaty-puppet'

export interface PuppetServiceOptions {
  token?: string
  endpoint?: string
  tls?: { disable?: boolean }
}

export interface PuppetServerOptions {
  endpoint: string
  token: string
  puppet: Puppet
  tls?: { disable?: boolean }
}

export interface PuppetServerHandle {
  start(): Promise<void>
  stop(): Promise<void>
}

interface PuppetServiceModule {
  PuppetService: new (o: PuppetServiceOptions) => Puppet
  PuppetServer: new (o: PuppetServerOptions) => PuppetServerHandle
}

const SPECIFIER: string = 'wechaty-puppet-service'

export const loadPuppetService = (): Promise<PuppetServiceModule> => import(SPECIFIER)
