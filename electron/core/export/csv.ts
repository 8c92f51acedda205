// A deck → CSV or TSV with Anki's header lines, the way Anki's "Notes in Plain Text" export writes
// them (rslib/src/import_export/text/csv/export.rs): guid, note type and deck columns first, then
// the fields, then the tags. Anki imports the file as is (matching its own notes by guid), and so
// does Stratus's CSV importer, which gives back the same cards and tags. Scheduling and history
// do not fit a text file: use JSON or .apkg for those.
//
// Each note becomes one row of a stock Anki note type:
//   Cloze                       a cloze note (its text holds {{c1::...}}): Text, Back Extra
//   Basic (and reversed card)   a note whose second card is its first turned around: Front, Back
//   Basic                       any other note: its first card's Front, Back
// A card its note's row does not make (a generated note's "which group?" card, a card of an Anki
// note type with more templates) gets a Basic row of its own, whose guid `stratus-card:N:KEY`
// tells Stratus's importer to put it back into note KEY as card N; Anki sees an ordinary note.
import Papa from 'papaparse';
import { cardGuid, guidFromKey } from '../import/csv';
import { clozeNumbers } from '../import/anki/template';
import type { ExportedDeck, ExportedNote } from './collect';

export interface DelimitedExport {
  text: string;
  notes: number;
  cards: number;
  /** Rows written (a reversed or cloze row makes several cards; a lone card takes a row). */
  rows: number;
}

const NOTETYPE = { basic: 'Basic', reversed: 'Basic (and reversed card)', cloze: 'Cloze' } as const;

export function exportDelimitedText(deck: ExportedDeck, format: 'csv' | 'tsv'): DelimitedExport {
  const delimiter = format === 'tsv' ? '\t' : ',';
  const rows = deck.notes.flatMap(toRows);
  const header = [
    `#separator:${format === 'tsv' ? 'tab' : 'comma'}`,
    // Card text is Markdown that may hold HTML; "true" keeps it exactly as it is.
    '#html:true',
    '#guid column:1',
    '#notetype column:2',
    '#deck column:3',
    '#tags column:6',
  ];
  const data = rows.map((r) => [r.guid, r.notetype, r.deck, r.fields[0], r.fields[1], r.tags]);
  const body = Papa.unparse(data, {
    delimiter,
    newline: '\n',
    // A first field starting with "#" would read as a comment line: quote it.
    quotes: (value: unknown, column: number) => column === 0 && typeof value === 'string' && value.startsWith('#'),
    escapeFormulae: false,
  });
  return {
    text: `${header.join('\n')}\n${body}${body ? '\n' : ''}`,
    notes: deck.notes.length,
    cards: deck.notes.reduce((n, note) => n + note.cards.length, 0),
    rows: rows.length,
  };
}

interface Row {
  guid: string;
  notetype: string;
  deck: string;
  fields: [string, string];
  tags: string;
}

function toRows(note: ExportedNote): Row[] {
  const base = { deck: note.deck, tags: note.tags.join(' ') };
  const text = note.fields[0] ?? '';
  const [first, second] = note.cards;
  let main: Row | null = null;
  let covered = new Set<number>();
  if (note.kind === 'cloze' && clozeNumbers(text).length > 0) {
    main = { ...base, guid: guidFromKey(note.key), notetype: NOTETYPE.cloze, fields: [text, note.fields[1] ?? ''] };
    covered = new Set(clozeNumbers(text).map((n) => n - 1));
  } else if (first && second && first.ord === 0 && second.ord === 1 && second.front === first.back && second.back === first.front) {
    main = { ...base, guid: guidFromKey(note.key), notetype: NOTETYPE.reversed, fields: [first.front, first.back] };
    covered = new Set([0, 1]);
  } else if (first && first.ord === 0) {
    main = { ...base, guid: guidFromKey(note.key), notetype: NOTETYPE.basic, fields: [first.front, first.back] };
    covered = new Set([0]);
  }
  const own = note.cards
    .filter((c) => !covered.has(c.ord))
    .map((c): Row => ({ ...base, guid: cardGuid(note.key, c.ord), notetype: NOTETYPE.basic, fields: [c.front, c.back] }));
  return main ? [main, ...own] : own;
}
