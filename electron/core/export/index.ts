// Exporting a deck (with its sub-decks) in any format, and writing the file so that a failed or
// interrupted export never leaves a half-written file behind (written beside it, then renamed).
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { InvalidArgumentError } from '../errors';
import { msg, type CoreMessage } from '../messages';
import { exportApkg } from './apkg';
import { collectDeck } from './collect';
import { exportDelimitedText } from './csv';
import { exportJsonText } from './json';

export const EXPORT_FORMATS = ['json', 'csv', 'tsv', 'apkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** Export time, epoch ms (written into JSON; apkg uses it for its scheduling). */
  now: number;
  /** .apkg only: keep each card's schedule and review history (default true). */
  includeScheduling?: boolean;
}

export interface ExportResult {
  deck: { id: number; name: string };
  format: ExportFormat;
  notes: number;
  cards: number;
  /** Review rows written (0 for CSV/TSV, which hold no history). */
  reviews: number;
  notices: string[];
  /** The notices as core messages, in step with `notices`. */
  noticeMessages?: CoreMessage[];
  bytes: Uint8Array;
}

export function exportDeck(db: Database, deckIdOrName: number | string, options: ExportOptions): ExportResult {
  const deck = collectDeck(db, deckIdOrName);
  const base = { deck: { id: deck.id, name: deck.name }, format: options.format, notes: deck.notes.length };
  const encode = (s: string) => new TextEncoder().encode(s);
  switch (options.format) {
    case 'json':
      return { ...base, cards: deck.cards, reviews: deck.reviews, notices: [], bytes: encode(exportJsonText(deck, options.now)) };
    case 'csv':
    case 'tsv': {
      const out = exportDelimitedText(deck, options.format);
      const notices = deck.reviews ? [msg('export.notice.noScheduling')] : [];
      return { ...base, cards: out.cards, reviews: 0, notices: notices.map((n) => n.text), noticeMessages: notices, bytes: encode(out.text) };
    }
    case 'apkg': {
      const scheduling = options.includeScheduling ?? true;
      return { ...base, cards: deck.cards, reviews: scheduling ? deck.reviews : 0, notices: [], bytes: exportApkg(db, deck.id, { includeScheduling: scheduling, now: options.now }) };
    }
  }
}

/** The format a file name asks for, or null. */
export function exportFormatOf(path: string): ExportFormat | null {
  const ext = extname(path).slice(1).toLowerCase();
  return (EXPORT_FORMATS as readonly string[]).includes(ext) ? (ext as ExportFormat) : null;
}

/**
 * Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, then renamed
 * over the target. The collection's own files are refused.
 */
export function writeExportFile(path: string, bytes: Uint8Array, collectionFile?: string): void {
  const target = resolve(path);
  const own = collectionFile && collectionFile !== ':memory:' ? resolve(collectionFile) : null;
  if (own && [own, `${own}-wal`, `${own}-shm`, `${own}-journal`].includes(target)) {
    throw new InvalidArgumentError(msg('export.isCollection', { file: path }));
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, 'wx');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, target);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? msg('export.reason.noFolder') : code === 'EACCES' || code === 'EPERM' ? msg('export.reason.notAllowed') : code === 'EISDIR' ? msg('export.reason.isFolder') : code === 'ENOSPC' ? msg('export.reason.diskFull') : (code ?? (err as Error).message);
    throw new InvalidArgumentError(msg('export.notWritten', { file: path, reason }));
  }
}
