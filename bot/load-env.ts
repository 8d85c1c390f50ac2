// Imported first by entry points: reads ./.env when present (variables already set win).
import { existsSync } from 'node:fs'

if (existsSync('.env')) process.loadEnvFile('.env')
