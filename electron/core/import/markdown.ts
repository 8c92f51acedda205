// Markdown study notes → ParsedNotes: the cards the notes generator (../notes/generate.ts) finds,
// grouped into notes as it groups them (a term and its reverse card are one note). Pure: the caller reads the files (./read.ts walks folders).
//
// Identity: the generator keys each note by a prefix and its term; the prefix is "md:" and the
// file's path, so a note's key reads `md:week1/vpc.md:subnet`. File paths are relative to what the user picked (a folder's
// files keep the folder's own name in front: `aws-notes/week1/vpc.md`), so importing the same
// notes again — after editing them, or from another computer — updates the same cards.
import { generateCards, notesFromCards } from '../notes/generate';
import { StratusError } from '../errors';
import { decodeText, ImportFileError, MARKDOWN_LIMITS, type TextLimits } from './text';
import type { ImportedNote, ParsedNotes, SkippedEntry } from './types';

export interface MarkdownFile {
  /** Source-relative path with "/" separators; used in keys, tags' source links and messages. */
  path: string;
  bytes: Uint8Array;
}

export const MARKDOWN_KEY_PREFIX = 'md:';

export interface MarkdownOptions {
  /** The deck for these notes unless the import names one. */
  defaultDeck?: string;
  /** One file: its title (first level-1 heading), when it has one, is the deck rather than defaultDeck. */
  titleAsDeck?: boolean;
  limits?: TextLimits;
  /**
   * False (files the user named): an unreadable file throws an ImportFileError naming it.
   * True (files found in a folder): it is reported as skipped, with the reason, and the rest imported.
   */
  tolerant?: boolean;
}

/** Parses one or more notes into one set. */
export function parseMarkdownFiles(files: readonly MarkdownFile[], options: MarkdownOptions = {}): ParsedNotes {
  const notes: ImportedNote[] = [];
  const skipped: SkippedEntry[] = [];
  const notices: string[] = [];
  const empty: string[] = [];
  let title: string | null = null;
  for (const file of files) {
    let result: ReturnType<typeof parseMarkdownText>;
    try {
      result = parseMarkdownText(decodeText(file.bytes, file.path, options.limits ?? MARKDOWN_LIMITS), file.path);
    } catch (err) {
      if (!options.tolerant || !(err instanceof ImportFileError)) throw err;
      skipped.push({ file: file.path, line: err.line, reason: err.detail });
      continue;
    }
    title ??= result.title;
    notes.push(...result.notes);
    skipped.push(...result.skipped);
    if (result.notes.length === 0) empty.push(file.path);
  }
  if (empty.length) {
    const list = empty.length > 3 ? `${empty.slice(0, 3).join(', ')} and ${empty.length - 3} more` : empty.join(', ');
    notices.push(`No cards were found in ${list}: write terms as "**Term**: definition" or cards as "Question::Answer".`);
  }
  const deck = (options.titleAsDeck && files.length === 1 && title?.trim()) || options.defaultDeck;
  return { format: 'markdown', notes, skipped, notices, ...(deck ? { defaultDeck: deck } : {}) };
}

/** One decoded note: the generator's cards grouped into notes (a term and its reverse are one note). */
export function parseMarkdownText(text: string, path: string): { notes: ImportedNote[]; skipped: SkippedEntry[]; title: string | null } {
  let generated: ReturnType<typeof generateCards>;
  try {
    generated = generateCards(text, path, { keyPrefix: MARKDOWN_KEY_PREFIX + path });
  } catch (err) {
    if (err instanceof StratusError) throw err;
    // The generator is total on text by design; this names the file if some input proves otherwise.
    throw new ImportFileError(path, null, `the notes could not be read as Markdown (${(err as Error)?.message ?? String(err)}).`);
  }
  const skipped = generated.skipped.map((s): SkippedEntry => ({ file: path, line: s.line, reason: s.reason }));
  return { notes: notesFromCards(generated.cards), skipped, title: generated.title };
}
