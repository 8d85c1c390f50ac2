// Where each office's record is: one database per office (a county's data cannot leak by a missing
// WHERE). One office keeps DATABASE_URL as it is; several get a SQLite file each beside it, or a
// PostgreSQL schema each in the one database (named after the URL's schema, if it gives one, as a
// file is named after the URL's file: two deployments on one database never share a schema).

/** The database URL of the office `officeKey`; `several`: the deployment has more than one office. */
export function officeDatabaseUrl(databaseUrl: string, officeKey: string, several: boolean): string {
  if (!several) return databaseUrl
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const url = new URL(databaseUrl)
    const base = url.searchParams.get('schema')
    url.searchParams.set('schema', base ? `${base}_${officeKey}` : officeKey)
    return url.toString()
  }
  // file:./data/bot.db → file:./data/bot.<key>.db (a query, if any, stays after the path).
  const [path = '', query] = databaseUrl.split('?', 2)
  const dot = path.lastIndexOf('.')
  const slash = path.lastIndexOf('/')
  const named =
    dot > slash && dot > 'file:'.length
      ? `${path.slice(0, dot)}.${officeKey}${path.slice(dot)}`
      : `${path}.${officeKey}`
  return query === undefined ? named : `${named}?${query}`
}
