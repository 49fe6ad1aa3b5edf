import type { FileMime } from './files.schema'

/** The type the first bytes show (magic numbers), or null when it is none of the allowed ones. */
export function sniffMime(bytes: Uint8Array): FileMime | null {
  const at = (offset: number, sig: number[]) => sig.every((b, i) => bytes[offset + i] === b)
  if (bytes.length >= 3 && at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (bytes.length >= 8 && at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (bytes.length >= 12 && at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp'
  if (bytes.length >= 5 && at(0, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  return null
}
