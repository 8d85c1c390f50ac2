// `npm run cli -- <command>`: what the office does outside the chat (units, forms, bindings, clue files).
import './load-env.ts'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { ConfigError, type Env, loadRoster, readEnv } from './config.ts'
import { systemClock } from './domain/clock.ts'
import { findUnit, formOf } from './domain/roster.ts'
import { importClues } from './services/clue-intake.ts'
import { readClueTable } from './services/clue-table.ts'
import { type Db, openDatabase } from './store/db.ts'
import { bindPerson, listPeople, unbindPerson } from './store/people.ts'
import { listUnits, seedUnitsIfEmpty, syncUnits } from './store/units.ts'

class UsageError extends Error {}

interface CliCommand {
  usage: string
  summary: string
  options?: Record<string, { type: 'string' | 'boolean' }>
  run(
    db: Db,
    args: { positionals: string[]; values: Record<string, string | boolean | undefined> },
    config: Env,
  ): Promise<string>
}

const KIND_NAMES = { count: '整数', money: '金额(万元)', text: '文字' } as const

function need(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name]
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(`缺少 --${name}`)
  return v.trim()
}

/** The file's bytes, or a usage error naming the problem. */
function readInput(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UsageError(`找不到文件 ${file}`)
    if (code === 'EISDIR') throw new UsageError(`${file} 是目录，请给出 CSV 或 XLSX 文件`)
    if (code === 'EACCES') throw new UsageError(`没有权限读取文件 ${file}`)
    throw new UsageError(`无法读取文件 ${file}：${(e as Error).message}`)
  }
}

/** Rows processed on stderr: a bar on a terminal, else one line at the end. */
function progressReporter(total: number) {
  const started = Date.now()
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({
        stream: process.stderr,
        format: '导入线索 [{bar}] {value}/{total} 行 | {rate} 行/秒 | 剩余 {eta_formatted}',
        hideCursor: true,
        etaBuffer: 20,
      })
    : undefined
  const rate = (done: number) => String(Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)))
  bar?.start(total, 0, { rate: '0' })
  return {
    update(done: number) {
      bar?.update(done, { rate: rate(done) })
    },
    stop(done: number) {
      if (bar) bar.stop()
      else process.stderr.write(`导入线索 ${done}/${total} 行，${rate(done)} 行/秒\n`)
    },
  }
}

const COMMANDS: Record<string, CliCommand> = {
  'units list': {
    usage: 'units list',
    summary: '列出成员单位及其联络员',
    async run(db) {
      const units = await listUnits(db)
      const people = await listPeople(db)
      return units
        .map((u) => {
          const liaisons = people.filter((p) => p.unitId === u.id).map((p) => p.name)
          return `${u.name}（${u.key}）别名：${u.aliases.join('、') || '无'}；联络员：${liaisons.join('、') || '未绑定'}`
        })
        .join('\n')
    },
  },
  'units show': {
    usage: 'units show <单位名或别名>',
    summary: '显示一个单位的月报表单',
    async run(db, { positionals }) {
      const name = positionals.join(' ')
      if (!name) throw new UsageError('请给出单位名')
      const unit = findUnit(await listUnits(db), name)
      if (!unit) throw new UsageError(`找不到单位「${name}」`)
      const lines = formOf(unit).map(
        (f) =>
          `  ${f.label}  ${KIND_NAMES[f.kind]}${f.required ? '  必填' : ''}${f.synonyms.length ? `  同义：${f.synonyms.join('、')}` : ''}`,
      )
      return `${unit.name}（${unit.key}）\n职责：${unit.duty}\n表单：\n${lines.join('\n')}`
    },
  },
  'units import': {
    usage: 'units import <roster.yaml> [--dry-run]',
    summary: '按名册文件新增/修改单位与表单（名册中没有的单位停用，历史保留）',
    options: { 'dry-run': { type: 'boolean' } },
    async run(db, { positionals, values }) {
      const file = positionals[0]
      if (!file) throw new UsageError('请给出名册文件路径')
      const roster = loadRoster(file)
      if (values['dry-run']) {
        const current = new Set((await listUnits(db)).map((u) => u.key))
        const added = roster.units.filter((u) => !current.has(u.key)).map((u) => u.name)
        return `名册有效：${roster.units.length} 个单位；将新增：${added.join('、') || '无'}（未做任何修改）`
      }
      const r = await syncUnits(db, roster.units)
      return `已导入 ${file}：新增 ${r.added.join('、') || '无'}；修改 ${r.updated.join('、') || '无'}；停用 ${r.deactivated.join('、') || '无'}`
    },
  },
  'liaisons list': {
    usage: 'liaisons list',
    summary: '列出已绑定的联络员和联席办人员',
    async run(db) {
      const units = await listUnits(db)
      const people = await listPeople(db)
      if (people.length === 0) return '还没有绑定任何人。'
      return people
        .map((p) => {
          const what = p.role === 'office' ? '联席办' : (units.find((u) => u.id === p.unitId)?.name ?? '?')
          return `${p.name}\t${what}\t${p.contactId ?? ''}`
        })
        .join('\n')
    },
  },
  'liaisons bind': {
    usage: 'liaisons bind --unit <单位> --contact <微信联系人ID> --name <姓名>',
    summary: '把一个微信联系人设为某单位联络员（ID 可用 contacts 命令查看）',
    options: { unit: { type: 'string' }, contact: { type: 'string' }, name: { type: 'string' } },
    async run(db, { values }) {
      const unitName = need(values, 'unit')
      const unit = findUnit(await listUnits(db), unitName)
      if (!unit) throw new UsageError(`找不到单位「${unitName}」`)
      const p = await bindPerson(
        db,
        { contactId: need(values, 'contact'), name: need(values, 'name'), role: 'liaison', unitId: unit.id },
        systemClock.now(),
      )
      return `已将 ${p.name} 设为${unit.name}联络员`
    },
  },
  'liaisons unbind': {
    usage: 'liaisons unbind --contact <微信联系人ID>',
    summary: '取消一个联系人的联络员或联席办权限',
    options: { contact: { type: 'string' } },
    async run(db, { values }) {
      const removed = await unbindPerson(db, need(values, 'contact'))
      if (!removed) throw new UsageError('该联系人没有绑定')
      return `已取消 ${removed.name} 的权限`
    },
  },
  'office add': {
    usage: 'office add --contact <微信联系人ID> --name <姓名>',
    summary: '把一个微信联系人设为联席办人员',
    options: { contact: { type: 'string' }, name: { type: 'string' } },
    async run(db, { values }) {
      const p = await bindPerson(
        db,
        { contactId: need(values, 'contact'), name: need(values, 'name'), role: 'office', unitId: null },
        systemClock.now(),
      )
      return `已将 ${p.name} 设为联席办人员`
    },
  },
  'import-clues': {
    usage: 'import-clues <文件.csv|文件.xlsx> [--dry-run]',
    summary: '从 CSV/XLSX 文件导入线索：分类、编号、分派，每个单位在群里收到一条汇总通知',
    options: { 'dry-run': { type: 'boolean' } },
    async run(db, { positionals, values }, config) {
      const started = Date.now()
      const file = positionals[0]
      if (!file) throw new UsageError('请给出线索文件路径（CSV 或 XLSX）')
      if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(' ')}`)
      if (!/\.(csv|txt|xlsx)$/i.test(file)) throw new UsageError('只能导入 .csv、.txt 或 .xlsx 文件')
      const table = await readClueTable(basename(file), readInput(file))
      if ('error' in table) throw new UsageError(`文件 ${file} 无法读取：${table.error}`)
      if (table.items.length === 0)
        throw new UsageError(
          `文件 ${file} 中没有找到线索：需要一列号码、账号、网址、公司名等（可带表头「线索」）`,
        )
      const units = await listUnits(db)
      const dryRun = values['dry-run'] === true
      const progress = progressReporter(table.items.length)
      let done = 0
      let r: Awaited<ReturnType<typeof importClues>>
      try {
        r = await importClues(db, table.items, {
          now: systemClock.now(),
          actor: '命令行导入',
          roster: loadRoster(config.ROSTER_FILE),
          units,
          people: await listPeople(db),
          roomTopic: config.ROOM_TOPIC,
          dryRun,
          onProgress(n) {
            done = n
            progress.update(n)
          },
        })
      } finally {
        progress.stop(done)
      }
      const lines = units
        .filter((u) => r.byUnit.has(u.id))
        .map((u) => `  ${u.name}\t${r.byUnit.get(u.id)} 条`)
      const unassigned = r.byUnit.get(null) ?? 0
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      return [
        dryRun
          ? `试运行（未做任何修改）：${file} 共 ${table.items.length} 行，将新建线索 ${r.created} 条`
          : `已导入 ${file}：共 ${table.items.length} 行，新建线索 ${r.created} 条`,
        ...lines,
        `  待联席办分派\t${unassigned} 条`,
        `  与在办线索或本文件重复（未重复分派）\t${r.duplicates} 条`,
        dryRun ? `用时 ${seconds} 秒` : `通知消息 ${r.outbound} 条已交机器人发送；用时 ${seconds} 秒`,
      ].join('\n')
    },
  },
  contacts: {
    usage: 'contacts',
    summary: '列出给机器人发过消息的联系人及其 ID（用于绑定）',
    async run(db) {
      const rows = await db.inboundMessage.groupBy({
        by: ['senderId', 'senderName'],
        _max: { receivedAt: true },
        orderBy: { senderName: 'asc' },
      })
      if (rows.length === 0) return '还没有人给机器人发过消息。'
      return rows
        .map((r) => `${r.senderName}\t${r.senderId}\t最近 ${r._max.receivedAt?.toISOString()}`)
        .join('\n')
    },
  },
}

function help(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(64)} ${c.summary}`)
  return `用法: npm run cli -- <命令> [参数]\n\n${lines.join('\n')}\n\n每个命令加 --help 查看说明。`
}

export async function runCli(argv: string[], env = process.env): Promise<{ code: number; out: string }> {
  const [a, b] = argv
  const key = a && b && COMMANDS[`${a} ${b}`] ? `${a} ${b}` : a
  const command = key ? COMMANDS[key] : undefined
  if (!command) {
    if (!a || a === '--help' || a === '-h' || a === 'help') return { code: 0, out: help() }
    return { code: 2, out: `未知命令「${argv.join(' ')}」\n\n${help()}` }
  }
  const rest = argv.slice(key?.split(' ').length)
  if (rest.includes('--help') || rest.includes('-h')) {
    return { code: 0, out: `用法: npm run cli -- ${command.usage}\n${command.summary}` }
  }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true })
  } catch (e) {
    return { code: 2, out: `参数有误：${(e as Error).message}\n用法: npm run cli -- ${command.usage}` }
  }
  let db: Db | undefined
  try {
    const config = readEnv(env)
    db = await openDatabase(config.DATABASE_URL)
    await seedUnitsIfEmpty(db, loadRoster(config.ROSTER_FILE).units)
    const values = parsed.values as Record<string, string | boolean | undefined>
    return { code: 0, out: await command.run(db, { positionals: parsed.positionals, values }, config) }
  } catch (e) {
    if (e instanceof UsageError)
      return { code: 2, out: `${e.message}\n用法: npm run cli -- ${command.usage}` }
    if (e instanceof ConfigError) return { code: 2, out: e.message }
    return { code: 1, out: `失败：${(e as Error).message}` }
  } finally {
    await db?.$disconnect()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(({ code, out }) => {
    ;(code === 0 ? process.stdout : process.stderr).write(`${out}\n`)
    process.exit(code)
  })
}
