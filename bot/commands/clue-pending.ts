// 待分派 (office): the clues waiting for 分派, with why each could not be routed.
import { messages } from '../../prompts/messages.ts'
import { pendingList } from '../services/clue-notices.ts'
import { unassignedOpenClues } from '../store/clues.ts'
import { type Command, reply, startsWithWord } from './types.ts'

export const cluePendingCommand: Command = {
  name: '待分派',
  matches: (text) => startsWithWord(text, ['待分派', '待分派线索']) === '',
  async run(ctx) {
    if (ctx.sender.role !== 'office') return [reply(ctx, messages.officeOnly({ command: '待分派' }))]
    return [reply(ctx, pendingList(await unassignedOpenClues(ctx.tx)) ?? messages.cluePendingNone())]
  },
}
