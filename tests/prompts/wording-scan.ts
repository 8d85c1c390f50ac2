// Finds Chinese wording written in code: string and template literals holding CJK characters in bot/
// and jobs/ (prompts/ is where wording lives). What the scan does not count, and why:
// - regular expressions: they are what the bot recognises, not what it says;
// - literals of CJK punctuation alone ('、', '（', '：'): joiners between pieces of wording;
// - in bot/commands/, a command's own words: the strings of its word lists (array literals) and its
//   `name` or `command` (`officeOnly({ command: '推送线索' })`), wherever they recur;
// - the few words the bot both recognises in data and writes (VOCABULARY_WORDS).
import ts from 'typescript'

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/
const PUNCTUATION_ONLY = /^[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026·\d]*$/

/** A closing result's 实名不实人, the field 存在问题 of every form, the roster phase 考核总结, 绑定本群. */
const VOCABULARY_WORDS = new Set(['实名不实人', '存在问题', '考核总结', '绑定本群'])

export interface Literal {
  line: number
  text: string
}

function literalsOf(path: string, source: string): { all: Literal[]; words: Set<string> } {
  const sf = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true)
  const all: Literal[] = []
  const words = new Set<string>()
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateLiteralToken(n)) {
      const text = n.text
      if (CJK.test(text) && !PUNCTUATION_ONLY.test(text) && !VOCABULARY_WORDS.has(text)) {
        all.push({ line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, text })
        const p = n.parent
        const isName =
          ts.isPropertyAssignment(p) && ['name', 'command'].includes(p.name.getText()) && p.initializer === n
        if (ts.isStringLiteral(n) && (ts.isArrayLiteralExpression(p) || isName)) words.add(text)
      }
    }
    ts.forEachChild(n, visit)
  }
  visit(sf)
  return { all, words }
}

/** The wording literals of one file (a command's words left out, for bot/commands/). */
export function wordingLiterals(path: string, source: string, commandWords?: Set<string>): Literal[] {
  const { all } = literalsOf(path, source)
  return commandWords ? all.filter((l) => !commandWords.has(l.text)) : all
}

/** The words the command files recognise (see the header). */
export function commandWordsOf(files: { path: string; text: string }[]): Set<string> {
  const words = new Set<string>()
  for (const f of files) for (const w of literalsOf(f.path, f.text).words) words.add(w)
  return words
}
