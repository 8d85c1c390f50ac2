/** A joint office (联席办): a county's, or a city's over its counties (`parent` names the office above). */
export interface OfficeRef {
  readonly key: string
  readonly name: string
  readonly parent?: string
}
