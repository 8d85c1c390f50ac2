// Imported first by entry points: Wechaty's logger reads WECHATY_LOG when it is first imported.
process.env.WECHATY_LOG ??= 'silent'
