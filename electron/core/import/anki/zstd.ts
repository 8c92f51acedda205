// Bounded zstd decompression for collection.anki21b. fzstd only decompresses, and trusts the
// stream: it allocates the window a frame asks for (up to 2 GB) and keeps every block it decodes.
// So before decoding we walk the frames and block headers (zstd format, RFC 8878 §3.1) to check
// each window and to bound the output: a raw or RLE block says exactly how much it produces, and a
// compressed block produces at most min(window, 128 KiB). Only a stream whose bound fits the
// limit is handed to fzstd, which then cannot allocate or produce more than that.
import { decompress } from 'fzstd';
import { ZipRejected, formatBytes } from './zip';
import { msg } from '../../messages';

const ZSTD_MAGIC = 0xfd2fb528;
const MAX_BLOCK = 128 * 1024;

export function isZstd(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === ZSTD_MAGIC;
}

/** Decompresses `bytes` (one or more zstd frames), refusing output above `maxBytes`. */
export function zstdDecompress(bytes: Uint8Array, maxBytes: number, entry: string): Uint8Array {
  const bound = outputBound(bytes, maxBytes, entry);
  if (bound > maxBytes) {
    throw new ZipRejected(msg('import.apkg.zstdTooBig', { entry, size: formatBytes(bound), max: formatBytes(maxBytes) }));
  }
  try {
    return decompress(bytes);
  } catch (err) {
    throw new ZipRejected(msg('import.apkg.zstdDamaged', { entry, detail: (err as Error).message }));
  }
}

/** The most output the frames in `b` can produce; throws on a malformed or truncated stream. */
function outputBound(b: Uint8Array, maxBytes: number, entry: string): number {
  const damaged = (why: string) => new ZipRejected(msg('import.apkg.zstdDamaged', { entry, detail: why }));
  let pos = 0;
  let total = 0;
  if (b.length === 0) throw damaged('empty stream');
  while (pos < b.length) {
    if (pos + 4 > b.length) throw damaged('truncated frame header');
    const magic = u32(b, pos);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // Skippable frame: magic, 4-byte length, payload.
      if (pos + 8 > b.length) throw damaged('truncated skippable frame');
      pos += 8 + u32(b, pos + 4);
      if (pos > b.length) throw damaged('truncated skippable frame');
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw damaged('not a zstd frame');
    pos += 4;
    if (pos >= b.length) throw damaged('truncated frame header');
    const flags = b[pos++]!;
    if (flags & 0x08) throw damaged('reserved header bit set');
    const singleSegment = (flags >> 5) & 1;
    const checksum = (flags >> 2) & 1;
    const dictBytes = [0, 1, 2, 4][flags & 3]!;
    const fcsFlag = flags >> 6;
    const fcsBytes = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
    let window = 0;
    if (!singleSegment) {
      if (pos >= b.length) throw damaged('truncated frame header');
      const wd = b[pos++]!;
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    pos += dictBytes;
    if (dictBytes) throw damaged('frames that need a dictionary are not supported');
    if (pos + fcsBytes > b.length) throw damaged('truncated frame header');
    let contentSize = 0;
    for (let i = fcsBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + b[pos + i]!;
    if (fcsBytes === 2) contentSize += 256;
    pos += fcsBytes;
    if (singleSegment) window = contentSize;
    if (window > maxBytes) {
      throw new ZipRejected(msg('import.apkg.zstdWindow', { size: formatBytes(window), entry, max: formatBytes(maxBytes) }));
    }
    if (fcsBytes && contentSize > maxBytes) {
      throw new ZipRejected(msg('import.apkg.zstdDeclared', { entry, size: formatBytes(contentSize), max: formatBytes(maxBytes) }));
    }
    const perBlock = Math.min(MAX_BLOCK, Math.max(window, 1));
    for (;;) {
      if (pos + 3 > b.length) throw damaged('truncated block');
      const header = b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16);
      pos += 3;
      const last = header & 1;
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw damaged('reserved block type');
      if (type === 0) {
        total += size;
        pos += size;
      } else if (type === 1) {
        total += size;
        pos += 1;
      } else {
        total += perBlock;
        pos += size;
      }
      if (pos > b.length) throw damaged('truncated block');
      if (total > maxBytes) return total;
      if (last) break;
    }
    if (checksum) pos += 4;
    if (pos > b.length) throw damaged('truncated checksum');
  }
  return total;
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}
