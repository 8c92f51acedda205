// Stratus's deck sources (the built-in decks in decks/*.md): a study note in Markdown with a small
// frontmatter header, turned into cards by the same generator as any imported note.
//
//   ---
//   id: aws-shared-responsibility        the deck's identity: keep it when the deck is edited
//   name: AWS Shared Responsibility Model
//   language: en                         optional; also description and tags
//   ---
//   # Title
//   ## Key terms
//   - **Term**: definition               … every shape the notes generator knows (see
//                                         notes/generate.ts), and explicit Q::A / Q:::A cards
//
// Each note's key is `${id}:${normalised term or question}`, so editing a definition updates the
// card in place and keeps its review history; renaming a term makes a new card.
// Pure: no I/O, no Electron, no database, so the CLI, main process and tests share it.
import type { NoteKind } from './import/types';
import { generateCards, notesFromCards, type SkippedItem } from './notes/generate';

export interface DeckSourceCard {
  ord: number;
  front: string;
  back: string;
}

export interface DeckSourceNote {
  /** Stable identity across edits of the definition: `${deckId}:${normalised term}`. */
  key: string;
  /** 1-based line of the note in the source file. */
  line: number;
  tags: string[];
  kind: NoteKind;
  /** The note's fields as written (term and definition, …), stored as note.fields. */
  fields: string[];
  cards: DeckSourceCard[];
}

export interface DeckSource {
  id: string;
  name: string;
  /** The file the deck came from, as given to the parser (stored as note.source). */
  file: string;
  notes: DeckSourceNote[];
  /** Parts of the note that made no card, and why (for the deck's author). */
  skipped: SkippedItem[];
}

export interface DeckHeader {
  id: string;
  name: string;
  language: string | null;
}

export class DeckSourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}, line ${line}: ${detail}`);
    this.name = 'DeckSourceError';
  }
}

const MAX_LINE_LENGTH = 10_000;
const DECK_ID = /^[a-z0-9][a-z0-9-]*$/;
const HEADER_FIELD = /^([A-Za-z][\w-]*):\s*(.*)$/;
const FIELDS = new Set(['id', 'name', 'language', 'description', 'tags']);

export function parseDeckSource(text: string, file: string): DeckSource {
  const body = checkText(text, file);
  const header = parseHeader(body.split(/\r\n?|\n/), file);
  // CRLF → LF so that every line number the generator reports is the file's own.
  const language = header.language === 'nl' || header.language === 'en' ? header.language : undefined;
  const { cards, skipped } = generateCards(body.replace(/\r\n?/g, '\n'), file, { keyPrefix: header.id, ...(language ? { language } : {}) });
  const notes: DeckSourceNote[] = notesFromCards(cards).map((n) => ({
    key: n.key,
    line: n.source.line ?? 1,
    tags: n.tags,
    kind: n.kind,
    fields: n.fields,
    cards: n.cards.map((c) => ({ ord: c.ord, front: c.front, back: c.back })),
  }));
  if (notes.length === 0) {
    throw new DeckSourceError(file, body.trimEnd().split(/\r\n?|\n/).length, 'the deck has no cards; write key terms such as "- **Term**: definition" or cards such as "Question :: Answer".');
  }
  return { id: header.id, name: header.name, file, notes, skipped };
}

/** Only the header: cheap, for deciding whether a deck changed before generating its cards. */
export function readDeckHeader(text: string, file: string): DeckHeader {
  return parseHeader(checkText(text, file).split(/\r\n?|\n/), file);
}

function checkText(text: string, file: string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // A NUL almost always means a binary or UTF-16 file; parsing it as text would give nonsense.
  const nul = body.indexOf('\0');
  if (nul !== -1) {
    const line = body.slice(0, nul).split(/\r\n?|\n/).length;
    throw new DeckSourceError(file, line, 'the file contains a NUL character, so it is not a plain UTF-8 text file.');
  }
  body.split(/\r\n?|\n/).forEach((line, i) => {
    if (line.length > MAX_LINE_LENGTH) throw new DeckSourceError(file, i + 1, `the line is longer than ${MAX_LINE_LENGTH} characters; split it up.`);
  });
  return body;
}

// ---------------------------------------------------------------------------------------------
// Header: the frontmatter block. Deliberately not full YAML: `key: value` lines only.

interface Field {
  value: string;
  line: number;
}

function parseHeader(lines: string[], file: string): DeckHeader {
  if (lines[0]?.trim() !== '---') {
    throw new DeckSourceError(file, 1, 'the file must start with a "---" line that opens the id and name header.');
  }
  const fields = new Map<string, Field>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '---') return checkHeader(fields, i + 1, file);
    if (line !== '') readField(line, i + 1, fields, file);
  }
  throw new DeckSourceError(file, 1, 'the header opened here is never closed with a "---" line.');
}

function readField(line: string, lineNo: number, fields: Map<string, Field>, file: string): void {
  const match = HEADER_FIELD.exec(line);
  if (!match) {
    throw new DeckSourceError(file, lineNo, 'header lines must look like "id: my-deck" or "name: My Deck", and the header must end with a "---" line.');
  }
  const key = match[1]!;
  if (!FIELDS.has(key)) {
    throw new DeckSourceError(file, lineNo, `the header allows ${[...FIELDS].map((f) => `"${f}"`).join(', ')}, not "${key}".`);
  }
  const previous = fields.get(key);
  if (previous) throw new DeckSourceError(file, lineNo, `"${key}" is already set on line ${previous.line}.`);
  fields.set(key, { value: unquote(match[2]!.trim()), line: lineNo });
}

// People write `name: "My Deck"` out of YAML habit; the quotes are not part of the name.
function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]!.trim() : value;
}

function checkHeader(fields: Map<string, Field>, closeLine: number, file: string): DeckHeader {
  const id = fields.get('id');
  const name = fields.get('name');
  if (!id) throw new DeckSourceError(file, closeLine, 'the header has no "id" line, like "id: my-deck".');
  if (!name) throw new DeckSourceError(file, closeLine, 'the header has no "name" line, like "name: My Deck".');
  if (!DECK_ID.test(id.value)) {
    throw new DeckSourceError(file, id.line, `the id "${id.value}" must use only lowercase letters, digits and hyphens, starting with a letter or digit.`);
  }
  if (name.value === '') throw new DeckSourceError(file, name.line, 'the deck name is empty.');
  return { id: id.value, name: name.value, language: fields.get('language')?.value ?? null };
}
