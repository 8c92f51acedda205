// From paths the user picked (files and folders) to ParsedNotes: reads the files, picks each
// file's format from its extension (and, for .txt, its content), and hands the bytes to the pure
// parsers. Used by the CLI and the main process alike.
//
// A file the user named and that can't be read rejects the whole import with a message naming
// it. Inside a folder, a file that can't be read is reported as skipped (with the reason) and the
// rest of the folder is imported; files that are not notes at all (images, PDFs) are counted in a
// notice.
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parseApkg } from './apkg';
import { parseDelimited } from './csv';
import { parseMarkdownFiles, type MarkdownFile } from './markdown';
import { parseStratusJson } from './stratusJson';
import { addNotice, ImportFileError, JSON_LIMITS, MARKDOWN_LIMITS, sizeLabel, TEXT_LIMITS } from './text';
import type { ImportFormat, ParsedNotes, SkippedEntry } from './types';
import { msg } from '../messages';

export interface ReadLimits {
  /** Largest .apkg read into memory. */
  maxPackageBytes: number;
  /** Files looked at in one folder import (notes or not). */
  maxFolderFiles: number;
  /** Bytes of notes read from one folder. */
  maxFolderBytes: number;
}

export const READ_LIMITS: ReadLimits = { maxPackageBytes: 2 * 1024 * 2 ** 20, maxFolderFiles: 20_000, maxFolderBytes: 256 * 2 ** 20 };

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd']);
/** Folders that hold tools' state, not notes. */
const IGNORED_FOLDERS = new Set(['node_modules', '.git', '.obsidian', '.trash', '__MACOSX']);

/** The format a file's name (and for .txt, its first bytes) says it has, or null if none. */
export function formatOf(name: string, bytes?: Uint8Array): ImportFormat | null {
  const ext = extname(name).toLowerCase();
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.json') return 'json';
  if (ext === '.apkg') return 'apkg';
  if (ext === '.txt') return bytes && looksDelimited(bytes) ? 'tsv' : 'markdown';
  return null;
}

/**
 * A .txt file is a text export (Anki, Quizlet) when it starts with Anki's header lines or when
 * most of its first lines hold a tab; otherwise it is read as Markdown notes.
 */
export function looksDelimited(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 8192)).replace(/^\uFEFF/, '');
  if (/^(?:tags:|#(?:separator|html|tags|columns|deck|notetype|guid)\b[^:\n]*:)/i.test(head)) return true;
  const lines = head.split(/\r?\n/).slice(0, 20).filter((l) => l.trim() !== '');
  return lines.length > 0 && lines.filter((l) => l.includes('\t')).length * 2 > lines.length;
}

/** Parses one file's bytes in the given format. `file` names it in messages and source links. */
export function parseFile(bytes: Uint8Array, file: string, format: ImportFormat): ParsedNotes {
  switch (format) {
    case 'markdown':
      return parseMarkdownFiles([{ path: displayName(file), bytes }], { defaultDeck: stripExt(basename(file)), titleAsDeck: true });
    case 'csv':
    case 'tsv':
      return parseDelimited(bytes, file, delimitedOptions(file, format));
    case 'json':
      return parseStratusJson(bytes, file);
    case 'apkg':
      return parseApkg(bytes, file);
  }
}

/** A .csv or .tsv file's extension says its separator; a .txt text export's content does. */
function delimitedOptions(file: string, format: 'csv' | 'tsv'): { format?: 'csv' | 'tsv' } {
  return extname(file).toLowerCase() === '.txt' ? {} : { format };
}

/** Reads and parses every path; several Markdown files named together make one set of notes. */
export async function readImportSources(paths: readonly string[], limits: ReadLimits = READ_LIMITS): Promise<ParsedNotes[]> {
  if (paths.length === 0) throw new ImportFileError('(nothing)', null, msg('import.nothingGiven'));
  const out: ParsedNotes[] = [];
  const markdown: MarkdownFile[] = [];
  for (const path of paths) {
    const info = await statOrThrow(path);
    if (info.isDirectory()) {
      out.push(...(await readFolder(path, limits)));
      continue;
    }
    if (!info.isFile()) throw new ImportFileError(path, null, msg('import.notRegular'));
    const format = formatOf(path) ?? rejectType(path);
    const max = format === 'apkg' ? limits.maxPackageBytes : format === 'json' ? JSON_LIMITS.maxBytes : format === 'markdown' ? MARKDOWN_LIMITS.maxBytes : TEXT_LIMITS.maxBytes;
    if (info.size > max) throw new ImportFileError(path, null, msg('import.fileTooBig', { size: sizeLabel(info.size), max: sizeLabel(max) }));
    const bytes = await readBytes(path);
    const actual = formatOf(path, bytes)!;
    if (actual === 'markdown') markdown.push({ path: displayName(path), bytes });
    else out.push(parseFile(bytes, path, actual));
  }
  if (markdown.length) {
    const deck = markdown.length === 1 ? stripExt(basename(markdown[0]!.path)) : basename(dirname(resolve(paths[0]!)));
    out.unshift(parseMarkdownFiles(markdown, { defaultDeck: deck, titleAsDeck: true }));
  }
  return out;
}

async function statOrThrow(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      path,
      null,
      code === 'ENOENT' ? msg('import.noSuchFile') : code === 'EACCES' || code === 'EPERM' ? msg('import.notAllowed') : msg('import.cantRead', { detail: code ?? (err as Error).message }),
    );
  }
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    throw new ImportFileError(path, null, msg('import.cantRead', { detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message }));
  }
}

function rejectType(path: string): never {
  const ext = extname(path).toLowerCase();
  const kind = ext === '.colpkg' ? msg('import.kind.colpkg') : ext ? msg('import.kind.extension', { ext }) : msg('import.kind.noExtension');
  throw new ImportFileError(path, null, msg('import.unsupported', { kind, supported: msg('import.supported') }));
}

/** A named Markdown file's key path: its name only, so the same note imports the same from anywhere. */
function displayName(path: string): string {
  return basename(path);
}

function stripExt(name: string): string {
  const ext = extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

// ---------------------------------------------------------------------------------------------
// Folders

interface FolderFile {
  abs: string;
  /** Relative to the folder's parent, "/"-separated: "aws-notes/week1/vpc.md". */
  rel: string;
  size: number;
}

async function readFolder(folder: string, limits: ReadLimits): Promise<ParsedNotes[]> {
  const root = resolve(folder);
  const base = dirname(root);
  const files: FolderFile[] = [];
  const others: string[] = [];
  await walk(root, base, files, others, limits, folder);
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > limits.maxFolderBytes) {
    throw new ImportFileError(folder, null, msg('import.folderTooBig', { size: sizeLabel(total), max: sizeLabel(limits.maxFolderBytes) }));
  }

  const unreadable: SkippedEntry[] = [];
  const notes: MarkdownFile[] = [];
  const tables: ParsedNotes[] = [];
  for (const f of files) {
    const bytes = await readBytes(f.abs);
    const format = formatOf(f.rel, bytes);
    if (format === 'markdown') {
      notes.push({ path: f.rel, bytes });
      continue;
    }
    // A CSV/TSV file in a folder of notes: one bad file is reported, not fatal.
    try {
      tables.push(parseDelimited(bytes, f.rel, delimitedOptions(f.rel, format === 'tsv' ? 'tsv' : 'csv')));
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      unreadable.push({ file: f.rel, line: err.line, reason: err.detail, ...(err.detailMessage ? { reasonMessage: err.detailMessage } : {}) });
    }
  }
  const parsed = parseMarkdownFiles(notes, { defaultDeck: basename(root), tolerant: true });
  parsed.skipped.unshift(...unreadable);
  if (others.length) {
    const first = others.slice(0, 3).join(', ');
    const names = others.length > 3 ? msg('import.notice.andMore', { names: first, count: others.length - 3 }) : first;
    addNotice(parsed, msg('import.notice.leftOut', { count: others.length, folder, names }));
  }
  if (files.length === 0) {
    throw new ImportFileError(folder, null, msg('import.folderEmpty'));
  }
  return [parsed, ...tables];
}

async function walk(dir: string, base: string, files: FolderFile[], others: string[], limits: ReadLimits, shown: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new ImportFileError(dir, null, msg('import.folderCantRead', { detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message }));
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || IGNORED_FOLDERS.has(e.name)) continue;
    // Symbolic links are not followed: a link back up the tree would never end.
    if (e.isSymbolicLink()) continue;
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      await walk(abs, base, files, others, limits, shown);
      continue;
    }
    if (!e.isFile()) continue;
    if (files.length + others.length >= limits.maxFolderFiles) {
      throw new ImportFileError(shown, null, msg('import.folderTooManyFiles', { max: limits.maxFolderFiles }));
    }
    const rel = relative(base, abs).split(sep).join('/');
    const ext = extname(e.name).toLowerCase();
    if (MARKDOWN_EXTENSIONS.has(ext) || ext === '.txt' || ext === '.csv' || ext === '.tsv') {
      files.push({ abs, rel, size: (await stat(abs)).size });
    } else {
      others.push(rel);
    }
  }
}
