// Formatting instants for people and for machine-readable output, in China Standard Time.

/** 2026-11-18T10:00:00+08:00 */
export function isoCst(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3600_000)
  return `${shifted.toISOString().slice(0, 19)}+08:00`
}
