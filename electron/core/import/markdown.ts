// Markdown study notes → ParsedNotes: the cards the notes generator (../notes/generate.ts) finds,
// grouped into notes as it groups them (a term and its reverse card are one note). Pure: the caller reads the files (./read.ts walks folders).
//
// Identity: the generator keys each note by a prefix and its term; the prefix is "md:" and the
// file's path, so a note's key reads `md:week1/vpc.md:subnet`. File paths are relative to what the user picked (a folder's
// files keep the folder's own name in front: `aws-notes/week1/vpc.md`), so importing the same
// notes again — after editing them, or from another computer — updates the same cards.
import { generateCards, notesFromCards } from '../notes/generate';
import { StratusError } from '../errors';
import { decodeText, ImportFileError, MARKDOWN_LIMITS, skipEntry, type TextLimits } from './text';
import type { ImportedNote, ParsedNotes, SkippedEntry } from './types';
import { msg, type CoreMessage, type MessageId } from '../messages';

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
  const notices: CoreMessage[] = [];
  const empty: string[] = [];
  let title: string | null = null;
  for (const file of files) {
    let result: ReturnType<typeof parseMarkdownText>;
    try {
      result = parseMarkdownText(decodeText(file.bytes, file.path, options.limits ?? MARKDOWN_LIMITS), file.path);
    } catch (err) {
      if (!options.tolerant || !(err instanceof ImportFileError)) throw err;
      skipped.push({ file: file.path, line: err.line, reason: err.detail, ...(err.detailMessage ? { reasonMessage: err.detailMessage } : {}) });
      continue;
    }
    title ??= result.title;
    notes.push(...result.notes);
    skipped.push(...result.skipped);
    if (result.notes.length === 0) empty.push(file.path);
  }
  if (empty.length) {
    const list = empty.length > 3 ? msg('import.notice.andMore', { names: empty.slice(0, 3).join(', '), count: empty.length - 3 }) : empty.join(', ');
    notices.push(msg('import.notice.noCards', { files: list }));
  }
  const deck = (options.titleAsDeck && files.length === 1 && title?.trim()) || options.defaultDeck;
  return { format: 'markdown', notes, skipped, notices: notices.map((n) => n.text), noticeMessages: notices, ...(deck ? { defaultDeck: deck } : {}) };
}

/** One decoded note: the generator's cards grouped into notes (a term and its reverse are one note). */
export function parseMarkdownText(text: string, path: string): { notes: ImportedNote[]; skipped: SkippedEntry[]; title: string | null } {
  let generated: ReturnType<typeof generateCards>;
  try {
    generated = generateCards(text, path, { keyPrefix: MARKDOWN_KEY_PREFIX + path });
  } catch (err) {
    if (err instanceof StratusError) throw err;
    // The generator is total on text by design; this names the file if some input proves otherwise.
    throw new ImportFileError(path, null, msg('import.markdown.unreadable', { detail: (err as Error)?.message ?? String(err) }));
  }
  const skipped = generated.skipped.map((s): SkippedEntry => {
    const said = markdownSkipMessage(s.reason);
    return said ? skipEntry(path, s.line, said) : { file: path, line: s.line, reason: s.reason };
  });
  return { notes: notesFromCards(generated.cards), skipped, title: generated.title };
}

// The notes generator words its skip reasons as short English labels (electron/core/notes); the
// known ones become core messages so the import preview shows them in the UI's language. An
// unknown label stays English (the test in tests/unit/coreMessages.test.ts lists the known ones).
const MARKDOWN_SKIPS: Record<string, MessageId> = {
  empty: 'import.skip.md.empty',
  'no content': 'import.skip.md.noContent',
  image: 'import.skip.md.image',
  'link only': 'import.skip.md.linkOnly',
  placeholder: 'import.skip.md.placeholder',
  filler: 'import.skip.md.filler',
  'not a term definition': 'import.skip.md.notATermDefinition',
  'dangling label': 'import.skip.md.danglingLabel',
  'empty definition': 'import.skip.md.emptyDefinition',
  'label, not a term': 'import.skip.md.labelNotTerm',
  'example not recognised': 'import.skip.md.exampleNotRecognised',
  'incomplete table row': 'import.skip.md.incompleteTableRow',
  'descriptive table row': 'import.skip.md.descriptiveTableRow',
  'in both columns': 'import.skip.md.inBothColumns',
  'sources section': 'import.skip.md.sourcesSection',
  'problems/challenges section': 'import.skip.md.problemsSection',
};
const MARKDOWN_KINDS: Record<string, MessageId> = {
  question: 'import.skip.md.kind.question',
  list: 'import.skip.md.kind.list',
  term: 'import.skip.md.kind.term',
  acronym: 'import.skip.md.kind.acronym',
  example: 'import.skip.md.kind.example',
};

/** A generator skip reason as a core message; null for one this table does not know. */
export function markdownSkipMessage(reason: string): CoreMessage | null {
  const known = MARKDOWN_SKIPS[reason];
  if (known) return msg(known);
  const duplicate = /^duplicate of the card on line (\d+)$/.exec(reason);
  if (duplicate) return msg('import.skip.md.duplicate', { line: duplicate[1]! });
  const kinded = /^(\w+): (.+)$/.exec(reason);
  const kind = kinded && MARKDOWN_KINDS[kinded[1]!];
  const inner = kinded && MARKDOWN_SKIPS[kinded[2]!];
  return kind && inner ? msg('import.skip.md.kindJunk', { kind: msg(kind), reason: msg(inner) }) : null;
}
