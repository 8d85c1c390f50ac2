// A puppet service on loopback, backed by the mock WeChat: what a paid provider is to the bot, played
// locally (`npm run gateway`, the wire tests). Like a provider it keeps the account logged in: when
// the bot's client restarts the puppet (a reconnection), the account logs in again by itself.
import { FileBox, type FileBoxInterface } from 'file-box'
import { mock, PuppetMock } from 'wechaty-puppet-mock'
import { loadPuppetService, type PuppetServerHandle } from './puppet-service.ts'

export class ProviderPuppet extends PuppetMock {
  /** The account kept logged in: the first to log in, unless set otherwise. */
  account?: string
  private accountSet = false

  keep(contactId: string | undefined): void {
    this.account = contactId
    this.accountSet = true
  }

  /** Remarks (aliases) the bot's account set, by contact id. */
  readonly remarks = new Map<string, string>()

  override async contactAlias(contactId: string): Promise<string>
  override async contactAlias(contactId: string, alias: string | null): Promise<void>
  // biome-ignore lint/suspicious/noConfusingVoidType: the signature of the method overridden
  override async contactAlias(contactId: string, alias?: string | null): Promise<string | void> {
    if (alias === undefined) return this.remarks.get(contactId) ?? ''
    if (alias === null) this.remarks.delete(contactId)
    else this.remarks.set(contactId, alias)
  }

  override async contactRawPayload(id: string) {
    const payload = await super.contactRawPayload(id)
    return { ...payload, alias: this.remarks.get(id) ?? '' }
  }

  override async login(contactId: string): Promise<void> {
    if (!this.accountSet) this.account = contactId
    this.accountSet = true
    return super.login(contactId)
  }

  override async onStart(): Promise<void> {
    await super.onStart()
    // After the mocker has started (PuppetMock starts it on the next tick).
    setImmediate(() => {
      if (this.account && !this.isLoggedIn) void this.login(this.account)
    })
  }

  // A file arrives as a UUID box readable only through the server's registry: like a provider
  // sending it on to WeChat, the content is fetched now, so that the mock world holds real bytes.
  override async messageSendFile(conversationId: string, file: FileBoxInterface): Promise<void> {
    const data = await file.toBase64()
    return super.messageSendFile(conversationId, FileBox.fromBase64(data, file.name))
  }
}

export interface WireServerOptions {
  /** host:port to listen on (loopback). */
  endpoint: string
  token: string
  /** Plain gRPC instead of TLS with the bundled insecure certificate. */
  noTls: boolean
}

export interface WireServer {
  mocker: mock.Mocker
  puppet: ProviderPuppet
  /** The account logged in again whenever the puppet starts (by default the first to log in). */
  keepLoggedIn(account: mock.ContactMock | undefined): void
  start(): Promise<void>
  /** Stops listening; the mock world stays as it is, to be served again by start(). */
  stop(): Promise<void>
}

export async function createWireServer(o: WireServerOptions): Promise<WireServer> {
  const { PuppetServer } = await loadPuppetService()
  const mocker = new mock.Mocker()
  const puppet = new ProviderPuppet({ mocker })
  let server: PuppetServerHandle | undefined
  return {
    mocker,
    puppet,
    keepLoggedIn(account) {
      puppet.keep(account?.id)
    },
    async start() {
      if (server) return
      server = new PuppetServer({ endpoint: o.endpoint, token: o.token, puppet, tls: { disable: o.noTls } })
      await server.start()
    },
    async stop() {
      const s = server
      server = undefined
      await s?.stop()
    },
  }
}
