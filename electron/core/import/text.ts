// Turning an imported file's bytes into text, or refusing it with a sentence that names the file
// and, where it helps, the line: empty files, binary files, UTF-16, invalid UTF-8, files or lines
// too large to be study material. Every text importer (Markdown, CSV/TSV, Stratus JSON) starts here.
import { InvalidArgumentError } from '../errors';
import { type CoreMessage, fileMessage, msg } from '../messages';
import type { ParsedNotes, SkippedEntry } from './types';

export interface TextLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Longest line accepted, in characters (0: no limit, for one-line formats such as JSON). */
  maxLineChars: number;
}

/** CSV/TSV and Markdown: a large deck export is a few MB; an Anki field with an inline image can be long. */
export const TEXT_LIMITS: TextLimits = { maxBytes: 64 * 2 ** 20, maxLineChars: 200_000 };
/** One Markdown note: far above any real note, low enough that the Markdown parser stays quick. */
export const MARKDOWN_LIMITS: TextLimits = { maxBytes: 4 * 2 ** 20, maxLineChars: 200_000 };
/** A Stratus JSON export of a large collection with years of history (written on one line). */
export const JSON_LIMITS: TextLimits = { maxBytes: 512 * 2 ** 20, maxLineChars: 0 };

/** An import refused for the reason given, naming the file (and line). */
export class ImportFileError extends InvalidArgumentError {
  /** The sentence without the file and line, for lists that show those apart (English). */
  readonly detail: string;
  /** The same, as a core message the renderer translates (absent for plain strings). */
  readonly detailMessage?: CoreMessage;

  constructor(
    readonly file: string,
    readonly line: number | null,
    detail: string | CoreMessage,
  ) {
    super(
      typeof detail === 'string' ? (line === null ? `${file}: ${detail}` : `${file}, line ${line}: ${detail}`) : fileMessage(file, line, detail),
    );
    this.name = 'ImportFileError';
    this.detail = typeof detail === 'string' ? detail : detail.text;
    if (typeof detail !== 'string') this.detailMessage = detail;
  }
}

/** Something that did not become a card, with a reason the renderer can translate. */
export function skipEntry(file: string, line: number | null, reason: CoreMessage): SkippedEntry {
  return { file, line, reason: reason.text, reasonMessage: reason };
}

/** Adds a notice to parsed notes, keeping noticeMessages in step with notices. */
export function addNotice(parsed: ParsedNotes, notice: CoreMessage): void {
  parsed.noticeMessages = [...(parsed.noticeMessages ?? parsed.notices.map(() => null)), notice];
  parsed.notices.push(notice.text);
}

/** The notices of several parsed inputs as one list, with their messages in step (null: English only). */
export function joinNotices(inputs: readonly Pick<ParsedNotes, 'notices' | 'noticeMessages'>[]): { notices: string[]; noticeMessages: (CoreMessage | null)[] } {
  return {
    notices: inputs.flatMap((p) => p.notices),
    noticeMessages: inputs.flatMap((p) => p.notices.map((_, i) => p.noticeMessages?.[i] ?? null)),
  };
}

const MB = 2 ** 20;

export function sizeLabel(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB).toLocaleString('en')} MB` : `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;
}

/**
 * UTF-8 bytes → text with line ends normalized to "\n" and a leading BOM removed. Throws an
 * ImportFileError for anything that is not readable text within `limits`.
 */
export function decodeText(bytes: Uint8Array, file: string, limits: TextLimits): string {
  if (bytes.length === 0) throw new ImportFileError(file, null, msg('import.text.empty'));
  if (bytes.length > limits.maxBytes) {
    throw new ImportFileError(file, null, msg('import.text.tooBig', { size: sizeLabel(bytes.length), max: sizeLabel(limits.maxBytes) }));
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFileError(file, null, msg('import.text.utf16'));
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new ImportFileError(file, lineAt(bytes, nul), msg('import.text.binary'));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(file, lineAt(bytes, firstInvalidUtf8(bytes)), msg('import.text.notUtf8'));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  const control = countControls(text);
  if (control.count > 0 && control.count * 100 > text.length) {
    throw new ImportFileError(file, control.firstLine, msg('import.text.controlChars'));
  }
  if (limits.maxLineChars > 0) checkLineLengths(text, file, limits.maxLineChars);
  if (text.trim() === '') throw new ImportFileError(file, null, msg('import.text.blank'));
  return text;
}

function checkLineLengths(text: string, file: string, max: number): void {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > max) {
      throw new ImportFileError(file, line, msg('import.text.lineTooLong', { length: end - start, max }));
    }
    start = end + 1;
    line++;
  }
}

/** C0 control characters other than tab and newline (form feed and vertical tab included). */
function countControls(text: string): { count: number; firstLine: number | null } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f) {
      if (first === -1) first = i;
      count++;
    }
  }
  return { count, firstLine: first === -1 ? null : text.slice(0, first).split('\n').length };
}

/** 1-based line of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min, cp] = [1, 0x80, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, min, cp] = [2, 0x800, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, min, cp] = [3, 0x10000, c & 0x07];
    else return i;
    // A sequence cut off by the end of the file shows up as a missing continuation byte.
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

/** A file's name without folders, for messages and default deck names. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** "week 1.notes.md" → "week 1.notes". */
export function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
