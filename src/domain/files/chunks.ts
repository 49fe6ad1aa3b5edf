/** Chunk arithmetic of the resumable upload, shared by the phone and the function. */

export const chunkCount = (size: number, chunkSize: number): number => (size <= 0 ? 0 : Math.ceil(size / chunkSize))

/** Byte range [start, end) of chunk `index`. */
export function chunkRange(index: number, size: number, chunkSize: number): { start: number; end: number } {
  const start = index * chunkSize
  return { start, end: Math.min(start + chunkSize, size) }
}

/** Exact length chunk `index` must have (the last one may be shorter); -1 when out of range. */
export function expectedChunkLength(index: number, size: number, chunkSize: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= chunkCount(size, chunkSize)) return -1
  const { start, end } = chunkRange(index, size, chunkSize)
  return end - start
}

/** Indexes not yet received, ascending. */
export function missingChunks(count: number, received: readonly number[]): number[] {
  const have = new Set(received)
  const out: number[] = []
  for (let i = 0; i < count; i++) if (!have.has(i)) out.push(i)
  return out
}

/** Share done in 0..1 by bytes (the last chunk may be small). */
export function progressOf(received: readonly number[], size: number, chunkSize: number): number {
  if (size <= 0) return 0
  let bytes = 0
  for (const i of new Set(received)) {
    const len = expectedChunkLength(i, size, chunkSize)
    if (len > 0) bytes += len
  }
  return Math.min(1, bytes / size)
}

/** Delay before retry `attempt` (0-based): 0.5 s, 1 s, 2 s, 4 s … capped, with ±20 % jitter from `random`. */
export function backoffMs(attempt: number, random: number, baseMs = 500, capMs = 8000): number {
  const raw = Math.min(capMs, baseMs * 2 ** attempt)
  return Math.round(raw * (0.8 + 0.4 * random))
}
