import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['tests/helpers/privacy-guard.ts', 'tests/helpers/drop-schemas.ts'],
    env: { WECHATY_LOG: 'silent', LOG_LEVEL: 'silent' },
  },
})
