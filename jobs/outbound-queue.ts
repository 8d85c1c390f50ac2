// Handing outbound rows to the sender's queue, by id, never by text. A hand-over (the rows one
// transaction or batch committed) is one job (`outs-<first>-<last>`), its rows delivered one by
// one in order; the sweep queues each row as a job of its own (`out-<id>`: a row queued twice is
// one job), and a row of a hand-over whose send failed gets such a job for its retries. When
// Redis cannot take them the rows stay in the database and the sender's sweep queues them later.
import type { JobsOptions } from 'bullmq'
import type { Logger } from '../bot/log.ts'
import type { JobQueue } from './job-queue.ts'
import { handOverJobId, outboundJobId } from './queues.ts'

/** One job for the rows of a hand-over (one row: that row's own job). */
export async function queueOutbound(jobs: JobQueue, ids: number[], log: Logger): Promise<void> {
  if (ids.length <= 1) return queueEachOutbound(jobs, ids, log)
  await tryQueue(log, ids, () => jobs.add([{ jobId: handOverJobId(ids), data: { outboundIds: ids } }]))
}

/** A job for each row (`retry`: the schedule it starts on). */
export async function queueEachOutbound(
  jobs: JobQueue,
  ids: number[],
  log: Logger,
  retry?: JobsOptions,
): Promise<void> {
  if (ids.length === 0) return
  await tryQueue(log, ids, () =>
    jobs.add(
      ids.map((outboundId) => ({ jobId: outboundJobId(outboundId), data: { outboundId } })),
      retry,
    ),
  )
}

async function tryQueue(log: Logger, ids: number[], add: () => Promise<void>): Promise<void> {
  try {
    await add()
  } catch (err) {
    log.warn({ outboundIds: ids, err: (err as Error).message }, 'could not queue outbound; will sweep')
  }
}
