// Reading the few entries we need from an .apkg (a zip archive) without trusting its sizes.
// fflate reads the central directory and hands each entry's declared sizes to our filter BEFORE
// inflating anything, so a zip bomb is refused on its declared size and entry count; an entry we
// do inflate gets an output buffer of exactly its declared size, so a lying header can never make
// it grow past that (the surplus is cut off, and SQLite or zstd then reports the damage).
import { unzipSync } from 'fflate';
import { type CoreMessage, msg } from '../../messages';

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes of the entries we extract. */
  maxExpandedBytes: number;
  /** Entries in the archive's directory, extracted or not. */
  maxEntries: number;
}

export interface ZipContents {
  /** The extracted entries, by name. */
  files: Map<string, Uint8Array>;
  /** Every entry name in the archive, in directory order. */
  names: string[];
}

/**
 * Thrown for input the caller should report as this sentence (prefixed with "the file"): a core
 * message (import.apkg.*) so the import dialog can say it in the UI's language.
 */
export class ZipRejected extends Error {
  constructor(readonly said: CoreMessage) {
    super(said.text);
    this.name = 'ZipRejected';
  }
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_END = 0x06054b50;

/**
 * Extracts the entries `wanted` picks. Throws ZipRejected with a one-sentence reason for anything
 * that is not a readable zip archive within the limits.
 */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean, limits: ZipLimits): ZipContents {
  if (bytes.length < 22) throw new ZipRejected(bytes.length === 0 ? msg('import.apkg.empty') : msg('import.apkg.tooShort'));
  const magic = readU32(bytes, 0);
  if (magic !== ZIP_LOCAL && magic !== ZIP_END) throw new ZipRejected(msg('import.apkg.notZip'));

  const names: string[] = [];
  let expanded = 0;
  const check = (entry: { name: string; size: number; originalSize: number; compression: number }): boolean => {
    names.push(entry.name);
    if (names.length > limits.maxEntries) {
      throw new ZipRejected(msg('import.apkg.tooManyEntries', { max: limits.maxEntries }));
    }
    if (!wanted(entry.name)) return false;
    if (entry.compression !== 0 && entry.compression !== 8) {
      throw new ZipRejected(msg('import.apkg.compression', { entry: entry.name, method: String(entry.compression) }));
    }
    const size = Math.max(entry.originalSize, entry.compression === 0 ? entry.size : 0);
    if (!Number.isFinite(size) || size < 0) throw new ZipRejected(msg('import.apkg.badDirectory', { entry: entry.name }));
    expanded += size;
    if (expanded > limits.maxExpandedBytes) {
      throw new ZipRejected(msg('import.apkg.zipTooBig', { max: formatBytes(limits.maxExpandedBytes), entry: entry.name, size: formatBytes(size) }));
    }
    return true;
  };

  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(bytes, { filter: check });
  } catch (err) {
    if (err instanceof ZipRejected) throw err;
    const message = (err as Error).message ?? String(err);
    if (/invalid zip data/i.test(message)) {
      throw new ZipRejected(msg('import.apkg.truncated'));
    }
    throw new ZipRejected(msg('import.apkg.unzipFailed', { detail: message }));
  }
  return { files: new Map(Object.entries(raw)), names };
}

function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(n % 2 ** 30 ? 1 : 0)} GiB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(n % 2 ** 20 ? 1 : 0)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
