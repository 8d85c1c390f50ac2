// import-clues: a file of clues classified, numbered and assigned; each unit is told in the group.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import cliProgress from 'cli-progress'
import { loadRoster } from '../config.ts'
import { systemClock } from '../domain/clock.ts'
import { batchLabel, batchRef, buildFeedback } from '../services/clue-feedback.ts'
import { importClues } from '../services/clue-intake.ts'
import { readClueTable } from '../services/clue-table.ts'
import { CLI_TABLE_LIMITS, GROUP_TABLE_LIMITS } from '../services/table-file.ts'
import { findBatch, latestBatches } from '../store/clue-batches.ts'
import { listPeople } from '../store/people.ts'
import { listUnits } from '../store/units.ts'
import { type CliCommand, noMorePositionals, onePositional, UsageError } from './command.ts'
import { exportPath, writeExport } from './records.ts'

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
    summary:
      '从 CSV/XLSX 文件导入线索：分类、编号、分派，每个单位在群里收到一条汇总通知；文件各行记为一个批次，核查后可用 clues feedback 取回带结果的原表',
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
          file: { fileName: basename(file), source: 'cli', header: table.header, rows: table.rows },
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
        ...(r.batchId === undefined
          ? []
          : [
              `已记为批次 ${r.batchId}：核查后用 clues feedback ${r.batchId}（或在聊天中发「反馈 ${r.batchId}」）取回带结果的原表`,
            ]),
      ].join('\n')
    },
  },
  'clues feedback': {
    usage: 'clues feedback <批次号|文件名> [--out 文件.xlsx]',
    summary:
      '导出导入过的线索表格及各条核查结果：原表各列原样，后附核查单位、核查结果、销号时间、是否实名不实人、备注',
    details:
      '批次号见导入时的输出（不给批次则列出最近导入的文件）；给文件名时取最近一次导入的同名文件。\n未销号的行标「未销号」，末行汇总。文件含完整号码，请妥善保管；导出记入审计日志。默认放在数据库旁的 exports 目录。',
    options: { out: { type: 'string' } },
    async run(db, { positionals, values }, config) {
      noMorePositionals(positionals, 1)
      const recent = async () => (await latestBatches(db, 5)).map((b) => `  ${batchLabel(b)}`).join('\n')
      const ref = positionals[0]
      if (!ref) {
        const list = await recent()
        throw new UsageError(list ? `请给出批次号或文件名。最近导入的：\n${list}` : '还没有导入过线索文件')
      }
      const batch = await findBatch(db, batchRef(ref))
      if (!batch) {
        const list = await recent()
        throw new UsageError(
          `没有找到批次或文件「${ref}」${list ? `。最近导入的：\n${list}` : '：还没有导入过线索文件'}`,
        )
      }
      const feedback = await buildFeedback(db, batch)
      const target = exportPath(values, config, feedback.name)
      await writeExport(db, target, feedback.data, {
        action: 'export.feedback',
        detail: `批次${batch.id} ${batch.fileName}：${feedback.summary}；含完整值`,
      })
      return `已导出反馈表：${target.path}\n${batchLabel(batch)}\n${feedback.summary}（文件含完整号码，请妥善保管）`
    },
  },
}
