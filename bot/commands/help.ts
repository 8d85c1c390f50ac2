// 帮助: what the sender can do, by role.
import { messages } from '../../prompts/messages.ts'
import { type Command, reply, startsWithWord } from './types.ts'

const WORDS = ['帮助', 'help', '菜单', '?', '使用说明']

export const helpCommand: Command = {
  name: '帮助',
  matches: (text) => startsWithWord(text.toLowerCase(), WORDS) === '',
  async run(ctx) {
    const { sender } = ctx
    const roleHelp =
      sender.role === 'office'
        ? messages.helpOffice()
        : sender.role === 'liaison' && sender.unit
          ? messages.helpLiaison({ unit: sender.unit.name })
          : messages.helpMember()
    return [reply(ctx, messages.help({ roleHelp }))]
  },
}
