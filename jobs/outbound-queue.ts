// Handing outbound rows to the sender's queue, by id (job `out-<id>`: a row queued twice is one
// job). The bot process's sender consumes the queue; a worker process only adds to it. When Redis
// cannot take them the rows stay in the database and the sender's sweep queues them later.
import type { Logger } from '../bot/log.ts'
import type { JobQueue } from './job-queue.ts'
import { outboundJobId } from './queues.ts'

export async function queueOutbound(jobs: JobQueue, ids: number[], log: Logger): Promise<void> {
  if (ids.length === 0) return
  try {
    await jobs.add(ids.map((outboundId) => ({ jobId: outboundJobId(outboundId), data: { outboundId } })))
  } catch (err) {
    log.warn({ outboundIds: ids, err: (err as Error).message }, 'could not queue outbound; will sweep')
  }
}
