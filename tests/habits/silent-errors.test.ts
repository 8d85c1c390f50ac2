// No error handler in bot/, jobs/ or prompts/ drops its error without a word: each one reads the
// error (logs, rethrows, tests it) or names, in a comment, the case it handles.
import { describe, expect, it } from 'vitest'
import { silentHandlers } from './silent-errors.ts'
import { readSource, sourceFiles } from './source-files.ts'

describe('error handlers in the sources', () => {
  it('none drops an error without logging it or naming the case it handles', () => {
    const files = sourceFiles()
    expect(files.length).toBeGreaterThan(100)
    const found = files.flatMap((f) => silentHandlers(f, readSource(f)))
    expect(found.map((h) => `${h.file}:${h.line}: ${h.text}`)).toEqual([])
  })
})

describe('the scan itself', () => {
  const lines = (code: string) => silentHandlers('x.ts', code).map((h) => h.line)

  it('finds empty and error-ignoring catches, .catch, .then and on(error) handlers', () => {
    expect(
      lines(
        [
          'try { a() } catch {}',
          'try { a() } catch (e) { return 1 }',
          'p.catch(() => undefined)',
          'p.then(ok, () => null)',
          "redis.on('error', () => undefined)",
          "srv.once('error', function () {})",
          'p.catch((_err) => 0)',
        ].join('\n'),
      ),
    ).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('passes handlers that read the error or say which case they handle', () => {
    const code = [
      'try { a() } catch (e) { log.warn({ e }) }',
      'try { a() } catch {',
      '  // no file yet: none',
      '}',
      'p.catch((err) => log.debug({ err }))',
      "redis.on('error', tally.error)",
      '// observed by the race below',
      'p.catch(() => undefined)',
      "s.once('error', () => resolve(false)) // in use",
      "const t = 'catch {}'",
      'p.catch(() => "// not a comment")',
    ].join('\n')
    expect(lines(code)).toEqual([11])
  })
})
