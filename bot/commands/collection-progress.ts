// 进度 总结报告: who has and has not answered a collection. Public, like 进度.
import { messages } from '../../prompts/messages.ts'
import { named, progressText } from '../services/collections.ts'
import { collectionsNow, namesOf } from './collection-common.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['进度', '报送情况', '报送进度']

export const collectionProgressCommand: Command = {
  name: '征集进度',
  // 进度 + a name that is not a month (进度 alone is the monthly reports').
  matches: (text) => {
    const rest = startsWithWord(text, WORDS)
    return !!rest && !/^(\d{4}\s*[年\-/.]\s*)?\d{1,2}\s*月?$|^[一二三四五六七八九十]+月$/.test(rest)
  },
  async run(ctx) {
    const name = startsWithWord(ctx.text, WORDS) ?? ''
    const all = await collectionsNow(ctx)
    const c = named(all, name)
    if (!c) return [reply(ctx, messages.collectionProblem('not_found', { name, names: namesOf(all) }))]
    return [reply(ctx, progressText(c, ctx.units, ctx.now))]
  },
}
