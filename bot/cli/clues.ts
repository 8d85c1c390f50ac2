// import-clues: a file of clues classified, numbered and assigned; each unit is told in the group.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import cliProgress from 'cli-progress'
import { loadRoster } from '../config.ts'
import { systemClock } from '../domain/clock.ts'
import { importClues } from '../services/clue-intake.ts'
import { readClueTable } from '../services/clue-table.ts'
import { CLI_TABLE_LIMITS, GROUP_TABLE_LIMITS } from '../services/table-file.ts'
import { listPeople } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { type CliCommand, onePositional, UsageError } from './command.ts'

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

export const CLUE_COMMANDS: Record<string, CliCommand> = {
  'import-clues': {
    usage: 'import-clues <文件.csv|文件.xlsx> [--dry-run]',
    summary: '从 CSV/XLSX 文件导入线索：分类、编号、分派，每个单位在群里收到一条汇总通知',
    details: `文件上限 ${CLI_TABLE_LIMITS.maxFileBytes / 1024 / 1024} MB、解压后 ${CLI_TABLE_LIMITS.maxUnzippedBytes / 1024 / 1024} MB、${CLI_TABLE_LIMITS.maxRows} 行（群里发送的文件为 ${GROUP_TABLE_LIMITS.maxFileBytes / 1024 / 1024} MB、${GROUP_TABLE_LIMITS.maxRows} 行）。无法自动分派的线索私信告知联席办。`,
    options: { 'dry-run': { type: 'boolean' } },
    async run(db, { positionals, values }, config) {
      const started = Date.now()
      const file = onePositional(positionals, '请给出线索文件路径（CSV 或 XLSX）')
      if (!/\.(csv|txt|xlsx)$/i.test(file)) throw new UsageError('只能导入 .csv、.txt 或 .xlsx 文件')
      const table = await readClueTable(basename(file), readInput(file), CLI_TABLE_LIMITS)
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
}
