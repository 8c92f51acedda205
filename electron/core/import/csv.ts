// CSV / TSV → ParsedNotes: Anki's text exports (with their `#key:value` header lines), Quizlet's
// `term<TAB>definition` exports, and hand-made spreadsheets. Pure: text in, plain values out.
//
// Anki's header lines (rslib/src/import_export/text/csv/metadata.rs), read at the top of the file:
//   #separator:tab|comma|semicolon|pipe|space|colon (or the character itself)
//   #html:true|false          fields are HTML (kept) or plain text (`<br>` becomes a line break)
//   #tags:a b                 tags for every note
//   #columns:Front<sep>Back   column names
//   #deck:NAME  #notetype:NAME
//   #deck column:N  #tags column:N  #notetype column:N  #guid column:N   (1-based)
// As in Anki, any later line starting with "#" is a comment; we report it as skipped so nothing
// vanishes silently.
//
// Parsing is papaparse's, after a repair pass for what real files get wrong and papaparse would
// split wrongly without a word: a space before an opening quote (`a, "b, c"`), curly quotes used
// as field quotes (`“b, c”`), and stray quotes inside a quoted field (`"say "hi" now"`). The pass
// leaves well-formed fields byte for byte as they are and rewrites the rest as well-formed fields.
import Papa from 'papaparse';
import { clozeNumbers, renderTemplate, type TemplateContext } from './anki/template';
import { baseName, decodeText, ImportFileError, skipEntry as skip, stripExtension, TEXT_LIMITS, type TextLimits } from './text';
import type { ImportedCard, ImportedNote, NoteKind, ParsedNotes, SkippedEntry } from './types';
import { msg, type CoreMessage } from '../messages';

const COMMENT_LINE = msg('import.skip.comment');

export interface DelimitedOptions {
  /** From the file's extension: ".tsv" means tab-separated unless a header says otherwise. */
  format?: 'csv' | 'tsv';
  limits?: TextLimits;
}

/** Guid column values Stratus writes for its own note keys (Anki guids are written bare). */
export const STRATUS_GUID_PREFIX = 'stratus:';
/** A row that is one card of a note (`stratus-card:ORD:KEY`): see export/csv.ts. */
const CARD_GUID = /^stratus-card:(\d{1,5}):(.+)$/s;
export const ANKI_KEY_PREFIX = 'anki:';
export const CSV_KEY_PREFIX = 'csv:';

const DELIMITERS: Record<string, string> = { tab: '\t', comma: ',', semicolon: ';', pipe: '|', space: ' ', colon: ':' };
/** Candidates when the file does not say, in order of preference on a tie. */
const DETECTABLE = ['\t', ',', ';', '|'];
/** A quoted field longer than this is taken to be a stray quote rather than one huge field. */
const MAX_QUOTED_CHARS = 100_000;

export function parseDelimited(bytes: Uint8Array, file: string, options: DelimitedOptions = {}): ParsedNotes {
  return parseDelimitedText(decodeText(bytes, file, options.limits ?? TEXT_LIMITS), file, options);
}

/** `text` is decoded already (line ends "\n"). */
export function parseDelimitedText(text: string, file: string, options: DelimitedOptions = {}): ParsedNotes {
  // Header lines and separator detection only look at the top of the file.
  const top = firstLines(text, 200);
  const header = readHeader(top.lines, file);
  if (header.bodyStart >= top.lines.length && top.more) throw new ImportFileError(file, header.bodyStart, msg('import.csv.tooManyHeaderLines'));
  const delimiter = header.delimiter ?? (options.format === 'tsv' ? '\t' : detectDelimiter(top.lines, header.bodyStart, file));
  const skipped: SkippedEntry[] = [];
  const notices: CoreMessage[] = [];
  const body = text.slice(top.offsets[header.bodyStart] ?? text.length);
  const records = readRecords(body, delimiter, header.bodyStart, file, skipped);
  const labels = header.columns !== null ? splitColumns(header.columns, delimiter) : takeLabelRow(records, notices);
  if (records.length === 0) throw new ImportFileError(file, null, msg('import.csv.noRows'));
  const html = header.html ?? records.some((r) => r.fields.some(looksLikeHtml));
  const layout = columnLayout(header, labels, records, file);
  const notes = buildNotes(records, layout, header, html, file, skipped);
  // Comment lines were noted while reading, row problems after: report them in file order.
  skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return {
    format: delimiter === '\t' ? 'tsv' : 'csv',
    notes,
    skipped,
    notices: notices.map((n) => n.text),
    noticeMessages: notices,
    defaultDeck: header.deck ?? stripExtension(baseName(file)),
  };
}

/** The first `count` lines and where each starts; `more` when the text goes on. */
function firstLines(text: string, count: number): { lines: string[]; offsets: number[]; more: boolean } {
  const lines: string[] = [];
  const offsets: number[] = [];
  let pos = 0;
  while (lines.length < count && pos <= text.length) {
    const end = nextNewline(text, pos);
    offsets.push(pos);
    lines.push(text.slice(pos, end));
    pos = end + 1;
  }
  return { lines, offsets, more: pos <= text.length };
}

// ---------------------------------------------------------------------------------------------
// Header lines

interface Header {
  delimiter: string | null;
  html: boolean | null;
  tags: string[];
  /** The raw `#columns:` value; split once the separator is known. */
  columns: string | null;
  deck: string | null;
  notetype: string | null;
  /** 1-based columns, 0 when absent. */
  deckColumn: number;
  tagsColumn: number;
  notetypeColumn: number;
  guidColumn: number;
  /** Index of the first line after the header. */
  bodyStart: number;
}

function readHeader(lines: string[], file: string): Header {
  const h: Header = {
    delimiter: null, html: null, tags: [], columns: null, deck: null, notetype: null,
    deckColumn: 0, tagsColumn: 0, notetypeColumn: 0, guidColumn: 0, bodyStart: 0,
  };
  let i = 0;
  // Anki's legacy first line "tags:a b".
  if (lines[0]?.startsWith('tags:')) {
    h.tags = splitTags(lines[0].slice(5));
    i = 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('#')) break;
    const colon = line.indexOf(':');
    if (colon === -1) continue; // A comment.
    const key = line.slice(1, colon).trim().toLowerCase();
    const value = line.slice(colon + 1);
    readHeaderValue(h, key, value, file, i + 1);
  }
  h.bodyStart = i;
  return h;
}

function readHeaderValue(h: Header, key: string, value: string, file: string, line: number): void {
  const column = (): number => {
    const n = Number(value.trim());
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new ImportFileError(file, line, msg('import.csv.badColumn', { key, value: value.trim() }));
    return n;
  };
  switch (key) {
    case 'separator': {
      const v = value.trim().toLowerCase();
      const d = DELIMITERS[v] ?? (value.length === 1 && Object.values(DELIMITERS).includes(value) ? value : null);
      if (!d) throw new ImportFileError(file, line, msg('import.csv.badSeparator', { value }));
      h.delimiter = d;
      return;
    }
    case 'html': {
      const v = value.trim().toLowerCase();
      if (v !== 'true' && v !== 'false') throw new ImportFileError(file, line, msg('import.csv.badHtml', { value: value.trim() }));
      h.html = v === 'true';
      return;
    }
    case 'tags':
      h.tags = splitTags(value);
      return;
    case 'columns':
      h.columns = value;
      return;
    case 'deck':
      h.deck = value.trim() || null;
      return;
    case 'notetype':
      h.notetype = value.trim() || null;
      return;
    case 'deck column':
      h.deckColumn = column();
      return;
    case 'tags column':
      h.tagsColumn = column();
      return;
    case 'notetype column':
      h.notetypeColumn = column();
      return;
    case 'guid column':
      h.guidColumn = column();
      return;
    default:
      return; // Other "#key:" lines are comments, as in Anki.
  }
}

function splitTags(text: string): string[] {
  return text === '' ? [] : text.split(/\s+/).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Separator detection: the candidate that splits the most sample lines into the same number of
// fields (more than one) wins. Quoted text is ignored while counting.

function detectDelimiter(lines: string[], start: number, file: string): string {
  const sample: string[] = [];
  for (let i = start; i < lines.length && sample.length < 50; i++) {
    const line = lines[i]!;
    if (line.trim() !== '' && !line.startsWith('#')) sample.push(line);
  }
  let best: { delimiter: string; score: number } | null = null;
  for (const d of DETECTABLE) {
    const counts = sample.map((line) => countOutsideQuotes(line, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    const score = Math.max(0, ...freq.values());
    if (score > 0 && (!best || score > best.score)) best = { delimiter: d, score };
  }
  if (!best) {
    // papaparse's own guess covers separators we don't score (its record/unit separators).
    const guess = Papa.parse(sample.slice(0, 10).join('\n'), { preview: 10 }).meta.delimiter;
    if (guess && sample.some((l) => l.includes(guess))) return guess;
    throw new ImportFileError(file, start + 1, msg('import.csv.noSeparator'));
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === d && !quoted) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Records: repair pass + papaparse

interface CsvRecord {
  fields: string[];
  /** 1-based line of the record's first character in the file. */
  line: number;
}

function readRecords(body: string, d: string, lineOffset: number, file: string, skipped: SkippedEntry[]): CsvRecord[] {
  const { text, lines } = repair(body, d, lineOffset, file, skipped);
  if (lines.length === 0) return [];
  const parsed = Papa.parse<string[]>(text, { delimiter: d, newline: '\n', quoteChar: '"', escapeChar: '"', skipEmptyLines: false, comments: false });
  if (parsed.data.length !== lines.length) {
    // The repaired text is well-formed by construction; a mismatch is a bug, not the user's file.
    throw new Error(`CSV repair produced ${parsed.data.length} records for ${lines.length} lines in ${file}.`);
  }
  return parsed.data.map((fields, i) => ({ fields, line: lines[i]! }));
}

/**
 * Rewrites the body as well-formed CSV (one output record per input record, blank and comment
 * lines dropped) and returns each record's line in the file.
 */
export function repair(body: string, d: string, lineOffset: number, file: string, skipped: SkippedEntry[]): { text: string; lines: number[] } {
  const out: string[] = [];
  const lines: number[] = [];
  const n = body.length;
  // Blanks allowed around quotes: never the separator itself.
  const blank = d === ' ' ? /\t/ : d === '\t' ? / / : /[ \t]/;
  const quotes = /["\u201c\u201d\u201e]/g;
  let nextQuote = -1;
  let pos = 0;
  let line = lineOffset + 1;
  while (pos < n) {
    const eol = nextNewline(body, pos);
    if (isBlank(body, pos, eol)) {
      pos = eol + 1;
      line++;
      continue;
    }
    if (body.charCodeAt(pos) === 35 /* # */) {
      skipped.push(skip(file, line, COMMENT_LINE));
      pos = eol + 1;
      line++;
      continue;
    }
    lines.push(line);
    if (nextQuote < pos) {
      quotes.lastIndex = pos;
      nextQuote = quotes.exec(body)?.index ?? n;
    }
    // Most lines hold no quote at all: they are well-formed as they are.
    if (nextQuote >= eol) {
      out.push(body.slice(pos, eol));
      pos = eol + 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      const f = readField(body, pos, d, blank);
      fields.push(f.text);
      line += f.newlines;
      pos = f.end;
      if (pos < n && body[pos] === d) {
        pos++;
        continue;
      }
      // At a newline or the end of the body.
      pos++;
      line++;
      break;
    }
    out.push(fields.join(d));
  }
  return { text: out.join('\n'), lines };
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

interface Field {
  /** The field as well-formed CSV. */
  text: string;
  /** Where the field ends: at a separator, a newline or the end. */
  end: number;
  /** Newlines inside the (quoted) field. */
  newlines: number;
}

function readField(s: string, start: number, d: string, blank: RegExp): Field {
  let p = start;
  while (p < s.length && blank.test(s[p]!)) p++;
  const c = s[p];
  if (c === '"') {
    const q = quoted(s, p, d, blank);
    if (q) return q;
  } else if (c === '\u201c' || c === '\u201e' || c === '\u201d') {
    const q = curly(s, p, d, blank);
    if (q) return q;
  }
  // Unquoted: up to the next separator or newline; quotes inside are literal.
  let end = start;
  while (end < s.length && s[end] !== d && s[end] !== '\n') end++;
  const value = s.slice(start, end);
  return { text: value.includes('"') ? quote(value) : value, end, newlines: 0 };
}

/** A field opened by `"` at `p`: well-formed if it closes with `"` before a separator or line end. */
function quoted(s: string, p: number, d: string, blank: RegExp): Field | null {
  let i = p + 1;
  let newlines = 0;
  const limit = Math.min(s.length, p + MAX_QUOTED_CHARS);
  while (i < limit) {
    const q = s.indexOf('"', i);
    if (q === -1 || q >= limit) return null;
    for (let k = i; k < q; k++) if (s.charCodeAt(k) === 10) newlines++;
    if (s[q + 1] === '"') {
      i = q + 2;
      continue;
    }
    let after = q + 1;
    while (after < s.length && blank.test(s[after]!)) after++;
    if (after >= s.length || s[after] === d || s[after] === '\n') return { text: s.slice(p, q + 1), end: after, newlines };
    // A quote in the middle of the text: the field was never really quoted.
    return null;
  }
  return null;
}

/**
 * A field in curly quotes on one line that holds the separator: `“text, with comma”` (a word
 * processor's quotes where CSV wants straight ones). Curly quotes around text without the
 * separator need no repair and stay part of the text.
 */
function curly(s: string, p: number, d: string, blank: RegExp): Field | null {
  const eol = nextNewline(s, p);
  const closers = CURLY_PAIRS[s[p]!] ?? '';
  for (let q = p + 1; q < eol; q++) {
    const c = s[q]!;
    if (!closers.includes(c)) continue;
    let after = q + 1;
    while (after < eol && blank.test(s[after]!)) after++;
    if (after >= eol || s[after] === d) {
      const inner = s.slice(p + 1, q);
      // A straight quote inside means the line uses real CSV quoting; leave it to that.
      return inner.includes(d) && !inner.includes('"') ? { text: quote(inner), end: after, newlines: 0 } : null;
    }
  }
  return null;
}

/** Typographic quote pairs: English “…”, German „…“ and „…”, Swedish ”…”. */
const CURLY_PAIRS: Record<string, string> = { '\u201c': '\u201d', '\u201e': '\u201c\u201d', '\u201d': '\u201d' };

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function nextNewline(s: string, from: number): number {
  const i = s.indexOf('\n', from);
  return i === -1 ? s.length : i;
}

// ---------------------------------------------------------------------------------------------
// Columns

const FRONT_LABELS = new Set(['front', 'question', 'term', 'word', 'text', 'prompt', 'vraag', 'begrip', 'voorkant']);
const BACK_LABELS = new Set(['back', 'answer', 'definition', 'meaning', 'back extra', 'extra', 'antwoord', 'definitie', 'achterkant']);
const META_LABELS: Record<string, 'guid' | 'notetype' | 'deck' | 'tags'> = {
  guid: 'guid', notetype: 'notetype', 'note type': 'notetype', deck: 'deck', tags: 'tags', tag: 'tags',
};

function splitColumns(value: string, d: string): string[] {
  const row = Papa.parse<string[]>(value.trim(), { delimiter: d, quoteChar: '"' }).data[0] ?? [];
  return row.map((s) => s.trim());
}

/** A first row made only of column names ("Front,Back" or "term,definition,tags") is a header. */
function takeLabelRow(records: CsvRecord[], notices: CoreMessage[]): string[] | null {
  const first = records[0];
  if (!first) return null;
  const names = first.fields.map((f) => f.trim().toLowerCase());
  const known = (n: string) => FRONT_LABELS.has(n) || BACK_LABELS.has(n) || n in META_LABELS;
  if (names.filter(Boolean).length < 2 || !names.every((n) => n === '' || known(n)) || !names.some((n) => FRONT_LABELS.has(n))) return null;
  records.shift();
  notices.push(msg('import.notice.labelRow', { line: String(first.line), names: first.fields.map((f) => f.trim()).filter(Boolean).join(', ') }));
  return first.fields.map((f) => f.trim());
}

interface Layout {
  /** Columns a row should have. */
  width: number;
  /** 0-based meta columns, -1 when absent. */
  guid: number;
  notetype: number;
  deck: number;
  tags: number;
  /** 0-based columns holding the note's fields, in order. */
  fields: number[];
}

function columnLayout(h: Header, labels: string[] | null, records: CsvRecord[], file: string): Layout {
  const width = labels?.length || modalWidth(records);
  const meta = { guid: h.guidColumn - 1, notetype: h.notetypeColumn - 1, deck: h.deckColumn - 1, tags: h.tagsColumn - 1 };
  labels?.forEach((label, i) => {
    const role = META_LABELS[label.toLowerCase()];
    if (role && meta[role] === -1) meta[role] = i;
  });
  const taken = new Set(Object.values(meta).filter((i) => i >= 0));
  let fields = Array.from({ length: width }, (_, i) => i).filter((i) => !taken.has(i));
  // Anki: with no tags column named, a column after the note's two fields holds the tags.
  if (meta.tags === -1 && !labels && fields.length > 2) {
    meta.tags = fields[2]!;
    fields = fields.filter((i) => i !== meta.tags);
  }
  if (fields.length === 0) throw new ImportFileError(file, h.bodyStart || null, msg('import.csv.noTextColumn'));
  return { width, ...meta, fields };
}

/** The number of fields most rows have (the first row's on a tie). */
function modalWidth(records: CsvRecord[]): number {
  const freq = new Map<number, number>();
  for (const r of records) freq.set(r.fields.length, (freq.get(r.fields.length) ?? 0) + 1);
  let best = records[0]?.fields.length ?? 0;
  for (const [w, count] of freq) if (count > (freq.get(best) ?? 0)) best = w;
  return best;
}

/** Width without trailing empty fields ("a,b," is two fields). */
function trimmedWidth(fields: string[]): number {
  let w = fields.length;
  while (w > 1 && fields[w - 1]!.trim() === '') w--;
  return w;
}

// ---------------------------------------------------------------------------------------------
// Notes

function buildNotes(records: CsvRecord[], layout: Layout, h: Header, html: boolean, file: string, skipped: SkippedEntry[]): ImportedNote[] {
  const notes: ImportedNote[] = [];
  const seen = new Map<string, ImportedNote>();
  /** Notes made only of lone card rows so far (a note row may still come and join them). */
  const lonesOnly = new Set<ImportedNote>();
  const source = baseName(file);
  const optionalTail = new Set([layout.tags, layout.deck, layout.guid, layout.notetype].filter((i) => i >= 0));
  /** Note kind by note type name: a file names few. */
  const kinds = new Map<string, NoteKind>();
  for (const record of records) {
    const width = record.fields.length;
    // A row may end with extra empty fields (a trailing separator) or leave out trailing meta
    // columns (a row without tags); any other difference in width is a mismatch.
    const fits =
      width === layout.width ||
      (width > layout.width && trimmedWidth(record.fields) <= layout.width) ||
      (width < layout.width && range(width, layout.width).every((i) => optionalTail.has(i)));
    if (!fits) {
      const used = trimmedWidth(record.fields);
      skipped.push(skip(file, record.line, msg('import.skip.columns', { count: used, width: String(layout.width) })));
      continue;
    }
    // Plain loops and no closures in here: this runs once per row of files with 100,000 rows.
    const fields: string[] = [];
    for (const i of layout.fields) fields.push(cleanField(record.fields[i] ?? '', html));
    const notetype = cellText(record.fields, layout.notetype) || h.notetype || 'Basic';
    let kind = kinds.get(notetype);
    if (kind === undefined) kinds.set(notetype, (kind = kindOf(notetype)));
    const built = kind === 'cloze' ? clozeCards(fields) : basicCards(fields, kind);
    if (!Array.isArray(built)) {
      skipped.push(skip(file, record.line, built));
      continue;
    }
    const guid = cellText(record.fields, layout.guid);
    const lone = kind === 'cloze' ? null : CARD_GUID.exec(guid);
    const key = lone ? lone[2]! : guid ? keyFromGuid(guid) : `${CSV_KEY_PREFIX}${source}:${normalizeKey(fields[0]!)}`;
    const cards = lone ? [{ ...built[0]!, ord: Number(lone[1]) }] : built;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      // A lone card row joins its note; any other repeat of a key is a duplicate row.
      if ((lone || lonesOnly.has(earlier)) && !sharesOrd(cards, earlier.cards)) {
        earlier.cards.push(...cards);
        earlier.cards.sort((a, b) => a.ord - b.ord);
        if (!lone) {
          Object.assign(earlier, { kind, fields, source: { file, line: record.line } });
          lonesOnly.delete(earlier);
        }
        continue;
      }
      const line = earlier.source.line;
      skipped.push(skip(file, record.line, msg(guid ? 'import.skip.sameGuid' : 'import.skip.sameFront', { line: String(line) })));
      continue;
    }
    const own = layout.tags >= 0 ? splitTags(cellText(record.fields, layout.tags)) : [];
    const tags = h.tags.length === 0 && !hasRepeats(own) ? own : [...new Set([...h.tags, ...own])];
    const note: ImportedNote = {
      key,
      deck: cellText(record.fields, layout.deck) || h.deck,
      kind,
      fields,
      tags,
      source: { file, line: record.line },
      cards,
    };
    seen.set(key, note);
    if (lone) lonesOnly.add(note);
    notes.push(note);
  }
  return notes;
}

/**
 * Does a tag list name a tag twice? Without repeats it is its own de-duplicated list. Long lists
 * are simply treated as having repeats (they go through a Set), so this stays quick.
 */
function hasRepeats(tags: string[]): boolean {
  if (tags.length > 8) return true;
  for (let i = 1; i < tags.length; i++) for (let j = 0; j < i; j++) if (tags[i] === tags[j]) return true;
  return false;
}

function cellText(fields: string[], i: number): string {
  return i >= 0 ? (fields[i] ?? '').trim() : '';
}

function sharesOrd(a: ImportedCard[], b: ImportedCard[]): boolean {
  for (const x of a) for (const y of b) if (x.ord === y.ord) return true;
  return false;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Anki's stock note types by name; unknown (custom) types are read as Basic. */
function kindOf(notetype: string): NoteKind {
  const n = notetype.toLowerCase();
  if (n.includes('cloze')) return 'cloze';
  if (n.includes('and reversed')) return 'reversed';
  return 'basic';
}

function basicCards(fields: string[], kind: NoteKind): ImportedCard[] | CoreMessage {
  const [front = '', back = ''] = fields;
  if (front === '') return msg('import.skip.frontEmpty');
  if (back === '') return msg('import.skip.backEmpty');
  const cards: ImportedCard[] = [{ ord: 0, front, back }];
  if (kind === 'reversed') cards.push({ ord: 1, front: back, back: front });
  return cards;
}

/** One card per cloze number, rendered the way Anki (and the .apkg importer) renders them. */
function clozeCards(fields: string[]): ImportedCard[] | CoreMessage {
  const [text = '', extra = ''] = fields;
  const numbers = clozeNumbers(text);
  if (numbers.length === 0) return msg('import.skip.noCloze', { example: '{{c1::answer}}' });
  const ctx = (n: number, side: TemplateContext['side']): TemplateContext => ({
    fields: new Map([['Text', text]]), cloze: n, side, tags: '', notetype: 'Cloze', deck: '', card: `Cloze ${n}`,
  });
  return numbers.map((n) => {
    const answer = renderTemplate('{{cloze:Text}}', ctx(n, 'answer'));
    return { ord: n - 1, front: renderTemplate('{{cloze:Text}}', ctx(n, 'question')), back: extra ? `${answer}\n\n${extra}` : answer };
  });
}

const BR = /<br\s*\/?>/gi;
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/** An HTML tag other than a line break (`<br>` alone is how plain-text exports write newlines). */
function looksLikeHtml(field: string): boolean {
  return field.includes('<') && TAG.test(field.replace(BR, ''));
}

function cleanField(field: string, html: boolean): string {
  const text = html || !field.includes('<') ? field : field.replace(BR, '\n');
  return text.trim();
}

/** Case and spacing changes must not turn an edited card into a new note (and lose its history). */
export function normalizeKey(text: string): string {
  const nfc = /[^\u0000-\u007f]/.test(text) ? text.normalize('NFC') : text;
  return nfc.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A guid column value → note key: Stratus's own keys come back as they were, Anki guids get a prefix. */
export function keyFromGuid(guid: string): string {
  return guid.startsWith(STRATUS_GUID_PREFIX) ? guid.slice(STRATUS_GUID_PREFIX.length) : ANKI_KEY_PREFIX + guid;
}

/** The guid of a row that holds card `ord` of note `key` on its own (see export/csv.ts). */
export function cardGuid(key: string, ord: number): string {
  return `stratus-card:${ord}:${key}`;
}

/** The inverse of keyFromGuid, for exports. */
export function guidFromKey(key: string): string {
  return key.startsWith(ANKI_KEY_PREFIX) ? key.slice(ANKI_KEY_PREFIX.length) : STRATUS_GUID_PREFIX + key;
}
