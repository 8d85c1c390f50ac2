// Finds error handlers that drop the error without saying why: a `catch` clause, a `.catch(cb)`,
// a `.then(ok, cb)` or an `.on('error', cb)` / `.once('error', cb)` whose handler never reads the
// error and carries no comment naming the case it handles. A handler that reads its error (to log
// it, to rethrow it, to test it) passes; one that ignores it passes only with a comment inside it
// or on the line just above.
import ts from 'typescript'

export interface SilentHandler {
  file: string
  line: number
  text: string
}

export function silentHandlers(file: string, source: string): SilentHandler[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true)
  const found: SilentHandler[] = []
  const report = (node: ts.Node) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf))
    found.push({ file, line: line + 1, text: (source.split('\n')[line] ?? '').trim() })
  }
  const visit = (node: ts.Node) => {
    if (ts.isCatchClause(node)) {
      const name = node.variableDeclaration?.name
      if (!reads(name, node.block) && !commented(sf, source, node, node.block)) report(node)
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text
      const handler = errorHandlerOf(method, node.arguments)
      if (handler && isFunction(handler)) {
        const param = handler.parameters[0]?.name
        if (!reads(param, handler.body) && !commented(sf, source, node, handler)) report(handler)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

function errorHandlerOf(method: string, args: ts.NodeArray<ts.Expression>): ts.Expression | undefined {
  if (method === 'catch') return args[0]
  if (method === 'then') return args[1]
  if (
    (method === 'on' || method === 'once') &&
    args[0] &&
    ts.isStringLiteral(args[0]) &&
    args[0].text === 'error'
  )
    return args[1]
  return undefined
}

const isFunction = (n: ts.Node): n is ts.ArrowFunction | ts.FunctionExpression =>
  ts.isArrowFunction(n) || ts.isFunctionExpression(n)

/** True when the bound name (a plain identifier) is read anywhere in the body. */
function reads(name: ts.BindingName | undefined, body: ts.Node): boolean {
  if (!name) return false
  if (!ts.isIdentifier(name)) return true // destructured: something of the error is used
  if (name.text.startsWith('_')) return false
  let used = false
  const visit = (n: ts.Node) => {
    if (used) return
    if (ts.isIdentifier(n) && n.text === name.text && n !== name) used = true
    else ts.forEachChild(n, visit)
  }
  visit(body)
  return used
}

/** A comment inside the handler, on the handler's own line, or on the line just above the statement. */
function commented(sf: ts.SourceFile, source: string, outer: ts.Node, handler: ts.Node): boolean {
  const inner = source.slice(handler.getStart(sf), handler.getEnd())
  if (/\/\/|\/\*/.test(stripStrings(inner))) return true
  const startLine = sf.getLineAndCharacterOfPosition(outer.getStart(sf)).line
  const lines = source.split('\n')
  const handlerLine = sf.getLineAndCharacterOfPosition(handler.getStart(sf)).line
  for (const l of [handlerLine, startLine]) if (/\/\/|\/\*/.test(stripStrings(lines[l] ?? ''))) return true
  // The statement the handler belongs to may begin lines above (a chain): look above its first line.
  let stmt: ts.Node = outer
  while (stmt.parent && !ts.isBlock(stmt.parent) && !ts.isSourceFile(stmt.parent)) stmt = stmt.parent
  const above = sf.getLineAndCharacterOfPosition(stmt.getStart(sf)).line - 1
  return above >= 0 && /^\s*(\/\/|\/\*|\*)/.test(lines[above] ?? '')
}

const stripStrings = (s: string) =>
  s.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''")
