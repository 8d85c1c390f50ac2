import { defineConfig } from 'prisma/config'
import { databasePath } from './bot/store/sqlite.ts'
import { sqliteCliAdapter } from './bot/store/sqlite-adapter.ts'

// Runs the schema engine as WebAssembly through the project's own adapter: no engine download.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => sqliteCliAdapter(databasePath(process.env.DATABASE_URL ?? 'file:./data/bot.db')),
})
