// Reads the prompt modules' TypeScript source (the compiler's parser, no type checker) and checks every
// render/phrase/phraseText/phraseOr call against its .txt file: each {{name}} is a variable of the call and each
// variable is a {{name}} of the text. Keyed files ("key = text" lines) are checked per key. Where a
// function's key or variables are open (`kind: string`, `Record<string, …>`), the call sites in bot/ and
// jobs/ that pass a literal key and an object literal are checked instead.
import ts from 'typescript'
import { KEYED_LINE } from '../../prompts/render.ts'

export interface PromptSource {
  /** e.g. prompts/messages.ts */
  path: string
  text: string
}

/** A .txt file's text as render.ts reads it, or undefined when there is none. */
export type ReadTemplate = (name: string) => string | undefined

type Vars = { open: true } | { open: false; names: Map<string, boolean> } // name → required

interface Access {
  /** how the call is written, for messages */
  where: string
  file: string
  kind: 'render' | 'phrase'
  /** undefined: any key of the file */
  keys: string[] | undefined
  vars: Vars
  /** for call-site checks: which argument of the exported function is the key and which the vars */
  keyParam?: number
  varsParam?: number
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g

export const placeholders = (text: string): Set<string> =>
  new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))

export function entries(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = KEYED_LINE.exec(line)
    if (m && !out.has(m[1] as string)) out.set(m[1] as string, m[2] as string)
  }
  return out
}

function parse(src: PromptSource): ts.SourceFile {
  return ts.createSourceFile(src.path, src.text, ts.ScriptTarget.Latest, true)
}

function literalKeys(type: ts.TypeNode | undefined): string[] | undefined {
  if (!type) return undefined
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text]
  if (ts.isUnionTypeNode(type)) {
    const all = type.types.map(literalKeys)
    return all.every((k) => k !== undefined) ? all.flat() : undefined
  }
  return undefined
}

function varsOfType(type: ts.TypeNode | undefined): Vars {
  if (type && ts.isTypeLiteralNode(type)) {
    const names = new Map<string, boolean>()
    for (const m of type.members) {
      if (ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
        names.set(m.name.text, m.questionToken === undefined)
      } else return { open: true }
    }
    return { open: false, names }
  }
  return { open: true }
}

function varsOfObject(obj: ts.ObjectLiteralExpression): Vars {
  const names = new Map<string, boolean>()
  for (const p of obj.properties) {
    if (
      (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
      p.name &&
      !ts.isComputedPropertyName(p.name)
    ) {
      names.set(p.name.getText(), true)
    } else return { open: true }
  }
  return { open: false, names }
}

const unwrap = (e: ts.Expression): ts.Expression =>
  ts.isAsExpression(e) || ts.isParenthesizedExpression(e) || ts.isSatisfiesExpression(e)
    ? unwrap(e.expression)
    : e

function enclosingParams(node: ts.Node): readonly ts.ParameterDeclaration[] {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (
      ts.isArrowFunction(n) ||
      ts.isFunctionDeclaration(n) ||
      ts.isFunctionExpression(n) ||
      ts.isMethodDeclaration(n)
    ) {
      return n.parameters
    }
  }
  return []
}

/** The exported name a call belongs to: `messages.reportAccepted` or a top-level function's name. */
function ownerOf(node: ts.Node): { object?: string; name: string } | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent)) {
      const decl = n.parent.parent
      if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name))
        return { object: decl.name.text, name: n.name.getText() }
    }
    if (ts.isFunctionDeclaration(n) && n.name) return { name: n.name.text }
  }
  return undefined
}

function accessesOf(src: PromptSource, open: Map<string, Access>): Access[] {
  const sf = parse(src)
  const out: Access[] = []
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const fn = node.expression.text
      if (fn === 'render' || fn === 'phrase' || fn === 'phraseText' || fn === 'phraseOr') {
        const where = `${src.path}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
        const params = enclosingParams(node)
        const paramIndex = (e: ts.Expression | undefined) =>
          e && ts.isIdentifier(unwrap(e))
            ? params.findIndex((p) => p.name.getText() === (unwrap(e) as ts.Identifier).text)
            : -1
        const [nameArg, second, third] = node.arguments
        if (!nameArg || !ts.isStringLiteral(nameArg))
          throw new Error(`${where}: the prompt's file name must be a literal`)
        const keyArg = fn === 'render' ? undefined : second
        const varsArg = fn === 'render' ? second : fn === 'phraseOr' ? undefined : third
        let keys: string[] | undefined
        let keyParam: number | undefined
        if (keyArg) {
          const k = unwrap(keyArg)
          if (ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k)) keys = [k.text]
          else if (
            ts.isConditionalExpression(k) &&
            ts.isStringLiteral(k.whenTrue) &&
            ts.isStringLiteral(k.whenFalse)
          ) {
            keys = [k.whenTrue.text, k.whenFalse.text]
          } else if (ts.isTemplateExpression(k) && k.templateSpans.length === 1) {
            const span = k.templateSpans[0] as ts.TemplateSpan
            const i = paramIndex(span.expression)
            const inner = i >= 0 ? literalKeys(params[i]?.type) : undefined
            keys = inner?.map((x) => k.head.text + x + span.literal.text)
          } else {
            const i = paramIndex(k)
            if (i >= 0) {
              keys = literalKeys(params[i]?.type)
              if (keys === undefined) keyParam = i
            }
          }
        }
        let vars: Vars = { open: false, names: new Map() }
        let varsParam: number | undefined
        if (varsArg) {
          const v = unwrap(varsArg)
          if (ts.isObjectLiteralExpression(v)) vars = varsOfObject(v)
          else {
            const i = paramIndex(v)
            vars = i >= 0 ? varsOfType(params[i]?.type) : { open: true }
            if (vars.open && i >= 0) varsParam = i
          }
        }
        out.push({
          where,
          file: nameArg.text,
          kind: fn === 'render' ? 'render' : 'phrase',
          keys,
          vars,
          keyParam,
          varsParam,
        })
        const owner = ownerOf(node)
        if (owner && (keyParam !== undefined || varsParam !== undefined))
          open.set(ownerKey(owner), out.at(-1) as Access)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

const ownerKey = (o: { object?: string; name: string }) => (o.object ? `${o.object}.${o.name}` : o.name)

function compare(
  where: string,
  text: string,
  vars: Map<string, boolean>,
  problems: string[],
  allNamesHere: boolean,
) {
  const used = placeholders(text)
  for (const p of used)
    if (!vars.has(p))
      problems.push(`${where}: {{${p}}} is not a variable (${[...vars.keys()].join(', ') || 'none'})`)
  if (allNamesHere)
    for (const n of vars.keys()) if (!used.has(n)) problems.push(`${where}: variable ${n} has no {{${n}}}`)
}

/** Every problem found, as "where: what" lines; empty when all prompts match. */
export function checkPrompts(prompts: PromptSource[], callers: PromptSource[], read: ReadTemplate): string[] {
  const problems: string[] = []
  const openAccesses = new Map<string, Access>()
  const all = prompts.flatMap((p) => accessesOf(p, openAccesses))
  for (const a of all) {
    const text = read(a.file)
    if (text === undefined) {
      problems.push(`${a.where}: no file prompts/${a.file}.txt`)
      continue
    }
    if (a.kind === 'render') {
      if (!a.vars.open) compare(`${a.where} ${a.file}.txt`, text, a.vars.names, problems, true)
      continue
    }
    const table = entries(text)
    const keys = a.keys ?? [...table.keys()]
    for (const k of keys) if (!table.has(k)) problems.push(`${a.where}: ${a.file}.txt has no entry ${k}`)
    if (a.vars.open) continue
    const { names } = a.vars
    // Each entry uses only the variables; together the entries use them all.
    const union = new Set<string>()
    for (const k of keys) {
      const line = table.get(k)
      if (line === undefined) continue
      compare(`${a.where} ${a.file}.txt ${k}`, line, names, problems, false)
      for (const p of placeholders(line)) union.add(p)
    }
    for (const n of names.keys())
      if (!union.has(n)) problems.push(`${a.where} ${a.file}.txt: variable ${n} has no {{${n}}} in any entry`)
  }
  // Open functions: the call sites that name a key and pass an object literal.
  for (const c of callers) {
    const sf = parse(c)
    // `const doc = messages.documentLine`: calls of doc(...) are calls of messages.documentLine.
    const aliases = new Map<string, string>()
    const collect = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const init = node.initializer
        if (ts.isPropertyAccessExpression(init) && ts.isIdentifier(init.expression))
          aliases.set(node.name.text, `${init.expression.text}.${init.name.text}`)
      }
      ts.forEachChild(node, collect)
    }
    collect(sf)
    const calleeOf = (e: ts.Expression): string | undefined =>
      ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)
        ? `${e.expression.text}.${e.name.text}`
        : ts.isIdentifier(e)
          ? aliases.get(e.text)
          : undefined
    const visit = (node: ts.Node) => {
      const callee = ts.isCallExpression(node) ? calleeOf(node.expression) : undefined
      if (ts.isCallExpression(node) && callee) {
        const access = openAccesses.get(callee)
        if (access) {
          const where = `${c.path}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
          const keyArg = access.keyParam === undefined ? undefined : node.arguments[access.keyParam]
          const key = keyArg && ts.isStringLiteral(keyArg) ? keyArg.text : undefined
          const text = read(access.file)
          const line =
            access.kind === 'render' ? text : key === undefined ? undefined : entries(text ?? '').get(key)
          if (key !== undefined && line === undefined)
            problems.push(`${where}: ${access.file}.txt has no entry ${key}`)
          const varsArg = access.varsParam === undefined ? undefined : node.arguments[access.varsParam]
          const vars: Vars =
            access.varsParam === undefined
              ? access.vars
              : varsArg === undefined
                ? { open: false, names: new Map() }
                : ts.isObjectLiteralExpression(unwrap(varsArg))
                  ? varsOfObject(unwrap(varsArg) as ts.ObjectLiteralExpression)
                  : { open: true }
          if (line !== undefined && !vars.open)
            compare(`${where} ${access.file}.txt ${key ?? ''}`, line, vars.names, problems, true)
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(sf)
  }
  return problems
}
