// The chart of target progress attached to the bulletin: one horizontal bar per annual target (the
// year-to-date figure as a share of the target), a marker for where it should be by now, green when
// on track and orange/red when not; the ratios are listed underneath.
//
// Chinese needs a CJK font, which servers rarely have. We look for one on the system (fontconfig, or
// well-known font files), else use the Noto Sans SC font shipped by @expo-google-fonts/noto-sans-sc.
// Without any, the chart is still drawn (the Chinese shows as boxes); cjkFontAvailable() tells.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { SKRSContext2D } from '@napi-rs/canvas'
import { messages } from '../../prompts/messages.ts'
import type { BulletinFigures, TargetProgress } from '../domain/bulletin/types.ts'
import { periodLabel, splitPeriod } from '../domain/period.ts'
import { lazyRequire } from '../lazy-require.ts'
import { figure, num, percent } from './bulletin-format.ts'

const say = messages.chart

const canvasLib = lazyRequire<typeof import('@napi-rs/canvas')>('@napi-rs/canvas')

// --- the CJK font -----------------------------------------------------------------------------

const FAMILY = 'BulletinCJK'
const CJK_FILE = /^(NotoSansCJK|NotoSansSC|NotoSerifCJK|SourceHanSans|SourceHanSerif|wqy|DroidSansFallback)/i
const FONT_EXT = /\.(ttf|otf|ttc)$/i

let registered: { path: string | null } | undefined

/** Font files under a directory (a few levels deep) whose names mark them as CJK fonts. */
function cjkFilesUnder(dir: string, depth = 4): string[] {
  if (depth < 0 || !existsSync(dir)) return []
  let entries: import('node:fs').Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    // A font folder we may not read: look in the others.
    return []
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return cjkFilesUnder(path, depth - 1)
    return CJK_FILE.test(e.name) && FONT_EXT.test(e.name) ? [path] : []
  })
}

/** Fontconfig's Chinese fonts, when fontconfig is installed. */
function fontconfigCjk(): string[] {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'file'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    })
    return out
      .split('\n')
      .map((l) => l.replace(/:\s*$/, '').trim())
      .filter((p) => FONT_EXT.test(p) && existsSync(p))
  } catch {
    // No fc-list on this machine (or it timed out): the folders and the packaged font remain.
    return []
  }
}

/** Regular weights first, so the chart's plain text is not bold or thin. */
const byWeight = (paths: string[]) => {
  const rank = (p: string) =>
    /regular|normal|zenhei|microhei/i.test(p) ? 0 : /bold|black|heavy|thin|light/i.test(p) ? 2 : 1
  return [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

function packagedFont(file: string): string | null {
  try {
    const path = createRequire(import.meta.url).resolve(`@expo-google-fonts/noto-sans-sc/${file}`)
    return existsSync(path) ? path : null
  } catch {
    // The font package is not installed: the chart falls back to the system's fonts.
    return null
  }
}

/** Finds and registers a CJK font once; returns the regular font's path, null when there is none. */
function ensureFont(): string | null {
  if (registered) return registered.path
  const { GlobalFonts } = canvasLib()
  const dirs = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(homedir(), '.fonts'),
    join(homedir(), '.local/share/fonts'),
  ]
  const system = byWeight([...dirs.flatMap((d) => cjkFilesUnder(d)), ...fontconfigCjk()])
  let path: string | null = null
  for (const candidate of system) {
    if (GlobalFonts.registerFromPath(candidate, FAMILY)) {
      path = candidate
      break
    }
  }
  if (!path) {
    const regular = packagedFont('400Regular/NotoSansSC_400Regular.ttf')
    if (regular && GlobalFonts.registerFromPath(regular, FAMILY)) {
      path = regular
      const bold = packagedFont('700Bold/NotoSansSC_700Bold.ttf')
      if (bold) GlobalFonts.registerFromPath(bold, FAMILY)
    }
  }
  registered = { path }
  return path
}

/** Whether a CJK font was found, so the chart's Chinese labels render (else they show as boxes). */
export function cjkFontAvailable(): boolean {
  return ensureFont() !== null
}

/** The CJK font file the chart uses, null when there is none. */
export function cjkFontPath(): string | null {
  return ensureFont()
}

// --- the chart --------------------------------------------------------------------------------

const WIDTH = 1000
const MIN_HEIGHT = 600
const COLORS = {
  ok: '#2f9e44',
  warn: '#f08c00',
  bad: '#e03131',
  none: '#adb5bd',
  text: '#212529',
  muted: '#495057',
  grid: '#dee2e6',
  marker: '#1c1c1c',
}
/** Off track by more than this share of the expected value is shown red rather than orange. */
const BAD_MARGIN = 0.2

type Severity = 'ok' | 'warn' | 'bad' | 'none'

export function severityOf(t: TargetProgress): Severity {
  if (t.ytd === null || t.onTrack === null) return 'none'
  if (t.onTrack) return 'ok'
  if (t.kind === 'max') return t.ytd > t.target || t.ytd > t.expectedByNow * (1 + BAD_MARGIN) ? 'bad' : 'warn'
  return t.ytd < t.expectedByNow * (1 - BAD_MARGIN) ? 'bad' : 'warn'
}

const font = (size: number, bold = false) =>
  `${bold ? 'bold ' : ''}${size}px ${FAMILY}, "DejaVu Sans", sans-serif`

/** Year-to-date as a percentage of the annual target. */
const pctOf = (t: TargetProgress) =>
  t.ytd === null ? 0 : t.target === 0 ? (t.ytd > 0 ? Number.POSITIVE_INFINITY : 0) : (t.ytd / t.target) * 100

export async function renderTargetChart(
  f: BulletinFigures,
  o: { isMoney: (label: string) => boolean },
): Promise<Buffer> {
  ensureFont()
  const targets = f.targetProgress
  const { month } = splitPeriod(f.period)
  const share = targets[0]?.share ?? month / 12

  const top = 160
  const rows = Math.max(targets.length, 1)
  // Rows share the minimum height; many targets make the picture taller instead of cramped.
  const rowH = Math.min(110, Math.max(78, (MIN_HEIGHT - top - 64 - f.ratios.length * 32) / rows))
  const plotBottom = top + rows * rowH
  const ratiosTop = plotBottom + 56
  const height = Math.max(MIN_HEIGHT, ratiosTop + f.ratios.length * 32 + 8)
  const canvas = canvasLib().createCanvas(WIDTH, height)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, WIDTH, height)
  ctx.textBaseline = 'middle'

  // Title, subtitle and legend.
  ctx.fillStyle = COLORS.text
  ctx.font = font(30, true)
  ctx.fillText(say('title', { period: periodLabel(f.period) }), 40, 42)
  ctx.font = font(20)
  ctx.fillStyle = COLORS.muted
  ctx.fillText(say('subtitle', { month, share: percent(share) }), 40, 82)
  legend(ctx, 40, 112)

  // Plot area: labels on the left, values on the right.
  ctx.font = font(22, true)
  const labelW = Math.max(200, ...targets.map((t) => ctx.measureText(t.name).width + 56))
  const left = Math.min(labelW, 360)
  const right = WIDTH - 190
  const finite = targets.map(pctOf).filter((p) => Number.isFinite(p))
  const maxPct = Math.min(200, Math.max(120, Math.ceil(Math.max(0, ...finite) / 20) * 20 + 10))
  const x = (pct: number) => left + (Math.min(pct, maxPct) / maxPct) * (right - left)

  grid(ctx, x, maxPct, top - 8, plotBottom)

  targets.forEach((t, i) => {
    const cy = top + i * rowH + rowH / 2
    const money = o.isMoney(t.name)
    // Label: the target's name, and its requirement below.
    ctx.textAlign = 'right'
    ctx.fillStyle = COLORS.text
    ctx.font = font(22, true)
    ctx.fillText(t.name, left - 16, cy - 13)
    ctx.font = font(18)
    ctx.fillStyle = COLORS.muted
    const sign = t.kind === 'max' ? '≤' : '≥'
    ctx.fillText(say('requirement', { sign, target: figure(t.target, money) }), left - 16, cy + 15)

    if (t.ytd === null) {
      label(ctx, say('no_data'), left + 12, cy, font(20), COLORS.muted)
      return
    }

    // Bar.
    const severity = severityOf(t)
    const barH = 40
    const pct = pctOf(t)
    const end = x(pct)
    ctx.fillStyle = COLORS[severity]
    ctx.fillRect(left, cy - barH / 2, Math.max(end - left, 2), barH)
    if (pct > maxPct) overflowMark(ctx, end, cy)

    // Where it should be by now.
    const mx = x(t.share * 100)
    ctx.strokeStyle = COLORS.marker
    ctx.lineWidth = 3
    ctx.setLineDash([7, 5])
    ctx.beginPath()
    ctx.moveTo(mx, cy - barH / 2 - 10)
    ctx.lineTo(mx, cy + barH / 2 + 10)
    ctx.stroke()
    ctx.setLineDash([])

    // Value.
    const valueX = Math.max(end, mx) + 12
    const value = say('value', {
      figure: figure(t.ytd, money),
      percent: Number.isFinite(pct) ? `${Math.round(pct)}%` : '—',
    })
    label(ctx, value, valueX, cy - 11, font(20, true), COLORS.text)
    const status = t.onTrack ? say('on_track') : say('behind')
    const expected = say('expected', { status, sign, figure: figure(t.expectedByNow, money) })
    label(ctx, expected, valueX, cy + 14, font(18), COLORS[severity])
  })
  if (targets.length === 0) {
    ctx.textAlign = 'left'
    ctx.fillStyle = COLORS.muted
    ctx.font = font(22)
    ctx.fillText(say('no_targets'), left + 12, top + rowH / 2)
  }

  // Axis labels.
  ctx.textAlign = 'center'
  ctx.fillStyle = COLORS.muted
  ctx.font = font(18)
  for (let p = 0; p <= maxPct; p += 20) ctx.fillText(`${p}%`, x(p), plotBottom + 20)
  ctx.fillText(say('full_year'), x(100), top - 18)

  // Ratios.
  ctx.textAlign = 'left'
  ctx.font = font(20)
  f.ratios.forEach((r, i) => {
    const y = ratiosTop + i * 32
    const value = r.value === null ? say('no_denominator') : num(Number(r.value.toFixed(1)))
    const state = r.onTrack === null ? '' : r.onTrack ? say('met') : say('not_met')
    ctx.fillStyle = r.onTrack === null ? COLORS.muted : r.onTrack ? COLORS.ok : COLORS.bad
    ctx.fillText('●', 40, y)
    ctx.fillStyle = COLORS.text
    ctx.fillText(say('ratio_line', { name: r.name, value, min: num(r.min), state }), 66, y)
  })

  return canvas.encode('png')
}

/** Left-aligned text on a white ground (so grid and marker lines do not cross it), kept inside the picture. */
function label(ctx: SKRSContext2D, text: string, x: number, y: number, style: string, color: string): void {
  ctx.font = style
  ctx.textAlign = 'left'
  const width = ctx.measureText(text).width
  const left = Math.min(x, WIDTH - width - 12)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(left - 4, y - 12, width + 8, 24)
  ctx.fillStyle = color
  ctx.fillText(text, left, y)
}

function legend(ctx: SKRSContext2D, x0: number, y: number): void {
  ctx.font = font(18)
  ctx.textAlign = 'left'
  let x = x0
  for (const [color, label] of [
    [COLORS.ok, say('on_track')],
    [COLORS.warn, say('behind')],
    [COLORS.bad, say('far_behind')],
  ] as const) {
    ctx.fillStyle = color
    ctx.fillRect(x, y - 10, 20, 20)
    ctx.fillStyle = COLORS.text
    ctx.fillText(label, x + 28, y)
    x += 28 + ctx.measureText(label).width + 28
  }
  ctx.strokeStyle = COLORS.marker
  ctx.lineWidth = 3
  ctx.setLineDash([7, 5])
  ctx.beginPath()
  ctx.moveTo(x + 10, y - 13)
  ctx.lineTo(x + 10, y + 13)
  ctx.stroke()
  ctx.setLineDash([])
  ctx.fillText(say('marker'), x + 26, y)
}

function grid(
  ctx: SKRSContext2D,
  x: (pct: number) => number,
  maxPct: number,
  top: number,
  bottom: number,
): void {
  for (let p = 0; p <= maxPct; p += 20) {
    ctx.strokeStyle = p === 100 ? '#868e96' : COLORS.grid
    ctx.lineWidth = p === 100 || p === 0 ? 2 : 1
    ctx.beginPath()
    ctx.moveTo(x(p), top)
    ctx.lineTo(x(p), bottom)
    ctx.stroke()
  }
}

/** A bar beyond the axis ends in an arrow. */
function overflowMark(ctx: SKRSContext2D, end: number, cy: number): void {
  ctx.fillStyle = '#ffffff'
  ctx.beginPath()
  ctx.moveTo(end - 14, cy - 20)
  ctx.lineTo(end, cy)
  ctx.lineTo(end - 14, cy + 20)
  ctx.closePath()
  ctx.fill()
}
