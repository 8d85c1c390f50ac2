// A posted file's bytes, read only up to the largest file the bot takes: a bigger one is known by
// its size alone (what its refusal names), never held in memory or stored.
import type { FileBoxInterface } from 'file-box'

export async function readFileCapped(
  file: FileBoxInterface,
  maxBytes: number,
): Promise<{ data: Uint8Array | null; size: number }> {
  // The puppet often knows the size (-1 when it does not).
  if (file.size > maxBytes) return { data: null, size: file.size }
  const stream = await file.toStream()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) {
      stream.destroy()
      return { data: null, size }
    }
    chunks.push(chunk)
  }
  return { data: Buffer.concat(chunks), size }
}
