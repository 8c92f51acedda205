// Parser for Stratus's deck source format (the built-in decks in decks/*.md).
//
//   ---
//   id: aws-shared-responsibility
//   name: AWS Shared Responsibility Model
//   ---
//   # Title (ignored)
//   <!-- comments are ignored and may span lines -->
//   ## Section          -> tag "section"
//   ### Subsection      -> tags "section", "subsection"
//   Front :: Back       -> one note, one card
//   Front ::: Back      -> one note, two cards (front->back, back->front)
//
// Every other non-blank line is an error: a typo must never silently become a card or vanish.
// Pure: no I/O, no Electron, no database, so the CLI, main process and tests share it.

export interface DeckSourceCard {
  ord: number;
  front: string;
  back: string;
}

export interface DeckSourceNote {
  /** Stable identity across edits of the back: `${deckId}:${normalized front}`. */
  key: string;
  /** 1-based line of the card line in the source file. */
  line: number;
  tags: string[];
  cards: DeckSourceCard[];
}

export interface DeckSource {
  id: string;
  name: string;
  notes: DeckSourceNote[];
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

const MAX_LINE_LENGTH = 4000;
const DECK_ID = /^[a-z0-9][a-z0-9-]*$/;
const HEADING = /^(#{1,6})(?:\s+(.*?))?\s*$/;
const HEADER_FIELD = /^([A-Za-z][\w-]*):\s*(.*)$/;
// The separators must stand alone (whitespace or line edge on both sides) so that `a::b` in code
// never splits. Lookarounds keep the surrounding whitespace out of the match.
const TWO_WAY = /(?<=^|\s):::(?=\s|$)/;
const ONE_WAY = /(?<=^|\s)::(?=\s|$)/;

export function parseDeckSource(text: string, file: string): DeckSource {
  const lines = splitLines(text, file);
  const header = parseHeader(lines, file);
  const notes = parseBody(lines, header.bodyStart, header.id, file);
  if (notes.length === 0) {
    throw new DeckSourceError(file, lines.length, 'the deck has no cards; add lines like "Front :: Back".');
  }
  return { id: header.id, name: header.name, notes };
}

// ---------------------------------------------------------------------------------------------
// Lines

function splitLines(text: string, file: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // A NUL almost always means a binary or UTF-16 file; parsing it as text would give nonsense.
  const nul = body.indexOf('\0');
  if (nul !== -1) {
    const line = body.slice(0, nul).split(/\r\n?|\n/).length;
    throw new DeckSourceError(file, line, 'the file contains a NUL character, so it is not a plain UTF-8 text file.');
  }
  const lines = body.split(/\r\n?|\n/);
  lines.forEach((line, i) => {
    if (line.length > MAX_LINE_LENGTH) {
      throw new DeckSourceError(file, i + 1, `the line is longer than ${MAX_LINE_LENGTH} characters; shorten the card.`);
    }
  });
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Header (the --- block). Deliberately not YAML: only `key: value` lines, only id and name.

interface Header {
  id: string;
  name: string;
  /** Index (0-based) of the first line after the closing ---. */
  bodyStart: number;
}

interface Field {
  value: string;
  line: number;
}

function parseHeader(lines: string[], file: string): Header {
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (lines[i]?.trim() !== '---') {
    throw new DeckSourceError(file, Math.min(i + 1, lines.length), 'the file must start with a "---" line that opens the id and name header.');
  }
  const openLine = i + 1;
  const fields = new Map<string, Field>();
  for (i++; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '---') return checkHeader(fields, i + 1, file);
    if (line !== '') readField(line, i + 1, fields, file);
  }
  throw new DeckSourceError(file, openLine, 'the header opened here is never closed with a "---" line.');
}

function readField(line: string, lineNo: number, fields: Map<string, Field>, file: string): void {
  const match = HEADER_FIELD.exec(line);
  if (!match) {
    throw new DeckSourceError(file, lineNo, 'header lines must look like "id: my-deck" or "name: My Deck", and the header must end with a "---" line.');
  }
  const key = match[1]!;
  if (key !== 'id' && key !== 'name') {
    throw new DeckSourceError(file, lineNo, `the header only allows "id" and "name", not "${key}".`);
  }
  const previous = fields.get(key);
  if (previous) {
    throw new DeckSourceError(file, lineNo, `"${key}" is already set on line ${previous.line}.`);
  }
  fields.set(key, { value: unquote(match[2]!.trim()), line: lineNo });
}

// People write `name: "My Deck"` out of YAML habit; the quotes are not part of the name.
function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]!.trim() : value;
}

function checkHeader(fields: Map<string, Field>, closeLine: number, file: string): Header {
  const id = fields.get('id');
  const name = fields.get('name');
  if (!id) throw new DeckSourceError(file, closeLine, 'the header has no "id" line, like "id: my-deck".');
  if (!name) throw new DeckSourceError(file, closeLine, 'the header has no "name" line, like "name: My Deck".');
  if (!DECK_ID.test(id.value)) {
    throw new DeckSourceError(
      file,
      id.line,
      `the id "${id.value}" must use only lowercase letters, digits and hyphens, starting with a letter or digit.`,
    );
  }
  if (name.value === '') throw new DeckSourceError(file, name.line, 'the deck name is empty.');
  return { id: id.value, name: name.value, bodyStart: closeLine };
}

// ---------------------------------------------------------------------------------------------
// Body

interface BodyState {
  deckId: string;
  file: string;
  section: string | null;
  subsection: string | null;
  /** Line where the open comment started, or null outside comments. */
  commentStart: number | null;
  /** Note key -> line, to report duplicates with both lines. */
  seen: Map<string, number>;
  notes: DeckSourceNote[];
}

function parseBody(lines: string[], start: number, deckId: string, file: string): DeckSourceNote[] {
  const state: BodyState = { deckId, file, section: null, subsection: null, commentStart: null, seen: new Map(), notes: [] };
  for (let i = start; i < lines.length; i++) {
    parseLine(lines[i]!.trim(), i + 1, state);
  }
  if (state.commentStart !== null) {
    throw new DeckSourceError(file, state.commentStart, 'the comment opened here is never closed with "-->".');
  }
  return state.notes;
}

function parseLine(line: string, lineNo: number, state: BodyState): void {
  if (state.commentStart !== null) return continueComment(line, lineNo, state);
  if (line === '') return;
  if (line.startsWith('<!--')) return openComment(line, lineNo, state);
  const heading = HEADING.exec(line);
  if (heading) return applyHeading(heading[1]!.length, heading[2] ?? '', lineNo, state);
  addNote(line, lineNo, state);
}

// Comments must start at the beginning of a line; text after "-->" on the same line is refused,
// because it is easy to misread as commented out.
function openComment(line: string, lineNo: number, state: BodyState): void {
  const end = line.indexOf('-->', 4);
  if (end === -1) {
    state.commentStart = lineNo;
    return;
  }
  checkAfterComment(line.slice(end + 3), lineNo, state.file);
}

function continueComment(line: string, lineNo: number, state: BodyState): void {
  const end = line.indexOf('-->');
  if (end === -1) return;
  state.commentStart = null;
  checkAfterComment(line.slice(end + 3), lineNo, state.file);
}

function checkAfterComment(rest: string, lineNo: number, file: string): void {
  if (rest.trim() !== '') {
    throw new DeckSourceError(file, lineNo, 'put the text after "-->" on its own line; a comment must end its line.');
  }
}

function applyHeading(level: number, text: string, lineNo: number, state: BodyState): void {
  if (level === 1) return; // The title; the deck's name comes from the header.
  if (level > 3) {
    throw new DeckSourceError(state.file, lineNo, 'only "#", "##" and "###" headings are allowed.');
  }
  const tag = slugify(text);
  if (tag === '') {
    throw new DeckSourceError(state.file, lineNo, 'the heading needs a name made of letters or digits.');
  }
  if (level === 2) {
    state.section = tag;
    state.subsection = null;
    return;
  }
  if (state.section === null) {
    throw new DeckSourceError(state.file, lineNo, 'a "###" heading needs a "##" heading above it.');
  }
  state.subsection = tag;
}

/** "Key **terms** & Co." -> "key-terms-co"; accents dropped so tags stay plain ASCII. */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function addNote(line: string, lineNo: number, state: BodyState): void {
  const cards = splitCardLine(line, lineNo, state.file);
  const key = `${state.deckId}:${normalizeFront(cards[0]!.front)}`;
  const earlier = state.seen.get(key);
  if (earlier !== undefined) {
    throw new DeckSourceError(state.file, lineNo, `this card has the same front as the card on line ${earlier}.`);
  }
  state.seen.set(key, lineNo);
  state.notes.push({ key, line: lineNo, tags: currentTags(state), cards });
}

// ":::" is tried first so that a two-way line is never read as "::" plus a back starting with ":".
// Only the first separator splits; any later "::" belongs to the back.
function splitCardLine(line: string, lineNo: number, file: string): DeckSourceCard[] {
  const twoWay = TWO_WAY.exec(line);
  const match = twoWay ?? ONE_WAY.exec(line);
  if (!match) {
    throw new DeckSourceError(
      file,
      lineNo,
      'this line is not a card, heading or comment; write cards as "Front :: Back" with spaces around "::".',
    );
  }
  const front = line.slice(0, match.index).trim();
  const back = line.slice(match.index + match[0].length).trim();
  if (front === '') throw new DeckSourceError(file, lineNo, `the card has nothing before "${match[0]}".`);
  if (back === '') throw new DeckSourceError(file, lineNo, `the card has nothing after "${match[0]}".`);
  const forward = { ord: 0, front, back };
  return twoWay ? [forward, { ord: 1, front: back, back: front }] : [forward];
}

/** Case and spacing changes must not turn an edited card into a new note (and lose its history). */
function normalizeFront(front: string): string {
  return front.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function currentTags(state: BodyState): string[] {
  const tags = [state.section, state.subsection].filter((t): t is string => t !== null);
  return [...new Set(tags)];
}
