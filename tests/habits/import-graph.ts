// The import graph of the project's own modules (bot/, jobs/, prompts/), read with TypeScript's
// preProcessFile: static imports, re-exports and import() with a literal path. Type-only imports
// count too — an arrow is an arrow whether or not it survives compilation.
import { dirname, join, normalize } from 'node:path'
import ts from 'typescript'
import { readSource, sourceFiles } from './source-files.ts'

/** file → the project files it imports (repository-relative, forward slashes). */
export type ImportGraph = Map<string, string[]>

export function importGraph(files: string[] = sourceFiles()): ImportGraph {
  const known = new Set(files)
  const graph: ImportGraph = new Map()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readSource(file), true, true)
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) =>
        normalize(join(dirname(file), name))
          .split('\\')
          .join('/'),
      )
      .filter((target) => known.has(target))
    graph.set(file, [...new Set(targets)].sort())
  }
  return graph
}

/** The import cycles: each strongly connected set of two or more files (or a file importing itself). */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative enough for a few hundred files.
  let index = 0
  const order = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const connect = (v: string) => {
    order.set(v, index)
    low.set(v, index)
    index++
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        connect(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, order.get(w) as number))
    }
    if (low.get(v) === order.get(v)) {
      const set: string[] = []
      let w: string
      do {
        w = stack.pop() as string
        onStack.delete(w)
        set.push(w)
      } while (w !== v)
      if (set.length > 1 || graph.get(v)?.includes(v)) cycles.push(set.sort())
    }
  }
  for (const v of graph.keys()) if (!order.has(v)) connect(v)
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string))
}
