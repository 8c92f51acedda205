// Property and fuzz tests for every text importer and the pipeline: random and mutated inputs
// never crash (the only error allowed is a StratusError, whose message names the file), never
// hang, and never leave part of an import in the collection.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { StratusError } from '../../electron/core/errors';
import { exportDeck } from '../../electron/core/export';
import { parseDelimited, parseDelimitedText } from '../../electron/core/import/csv';
import { parseMarkdownFiles } from '../../electron/core/import/markdown';
import { applyImport, planImport } from '../../electron/core/import/pipeline';
import { parseFile } from '../../electron/core/import/read';
import { parseStratusJson } from '../../electron/core/import/stratusJson';
import { decodeText, TEXT_LIMITS } from '../../electron/core/import/text';
import type { ImportedNote, ParsedNotes } from '../../electron/core/import/types';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const encode = (s: string) => new TextEncoder().encode(s);
/** Generous: the slowest of these parses takes milliseconds; a hang would take the whole test timeout. */
const MAX_MS = 3000;

/** Runs a parser; it may refuse the input with a StratusError that names the file, nothing else. */
function tolerates(file: string, run: () => ParsedNotes | string): void {
  const start = performance.now();
  try {
    run();
  } catch (err) {
    if (!(err instanceof StratusError)) throw err;
    expect(err.message.startsWith(file)).toBe(true);
  }
  expect(performance.now() - start).toBeLessThan(MAX_MS);
}

/** A valid input with bytes changed, inserted or removed at random places. */
function mutated(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'insert', 'delete', 'quote', 'newline', 'nul'), byte: fc.integer({ min: 0, max: 255 }) });
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) => {
    const out = [...valid];
    for (const e of edits) {
      const at = out.length ? e.at % out.length : 0;
      if (e.kind === 'flip') out[at] = e.byte;
      else if (e.kind === 'insert') out.splice(at, 0, e.byte);
      else if (e.kind === 'delete') out.splice(at, 1);
      else if (e.kind === 'quote') out.splice(at, 0, 0x22);
      else if (e.kind === 'newline') out.splice(at, 0, 0x0a);
      else out.splice(at, 0, 0);
    }
    return Uint8Array.from(out);
  });
}

const ANKI_TSV = encode(
  '#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n' +
    'g1\tBasic\tAWS\tWhat is <b>S3</b>?\t"Object, storage"\ts3 aws\n' +
    'g2\tCloze\tAWS\t{{c1::Glacier}} is for {{c2::archives::what}}\tCheap\t\n' +
    'g3\tBasic (and reversed card)\tAWS::EC2\tEC2\t"Virtual ""servers""\nin the cloud"\tcompute\n',
);
const SEED = readFileSync(join(__dirname, 'fixtures/notes/001_bb368d2d4c4262a5.txt'));

describe('CSV/TSV parser', () => {
  // The one deliberate departure from RFC 4180: an unquoted field that opens and closes with a
  // matching pair of typographic quotes around a separator (“a, b”) is read as one quoted field,
  // because that is what word processors make of CSV quotes. So the alphabet has opening quotes
  // only; every other well-formed table must come back exactly.
  it('reads back any table papaparse writes, field for field (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', ',', ';', '\t', '"', '\n', 'é', '“', '#', '<', 'x'), minLength: 1, maxLength: 12 });
    const row = fc.tuple(cell, cell);
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 12, selector: (r) => r[0].trim().toLowerCase().replace(/\s+/g, ' ') }), fc.constantFrom(',', '\t', ';'), (rows, delimiter) => {
        const clean = rows.filter(([f, b]) => f.trim() !== '' && b.trim() !== '' && !/^\s/.test(f));
        fc.pre(clean.length > 0);
        const name = { ',': 'comma', '\t': 'tab', ';': 'semicolon' }[delimiter];
        const body = Papa.unparse(clean, { delimiter, newline: '\n', quotes: (v: unknown) => typeof v === 'string' && v.startsWith('#') });
        const parsed = parseDelimitedText(`#separator:${name}\n#html:true\n${body}\n`, 'p.csv');
        expect(parsed.skipped).toEqual([]);
        expect(parsed.notes.map((n) => [n.cards[0]!.front, n.cards[0]!.back])).toEqual(clean.map(([f, b]) => [f.trim(), b.trim()]));
      }),
      { numRuns: 300 },
    );
  });

  it('survives random text and random bytes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => tolerates('r.csv', () => parseDelimitedText(s.replace(/\r\n?/g, '\n'), 'r.csv'))), { numRuns: 400 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => tolerates('r.tsv', () => parseDelimited(b, 'r.tsv', { format: 'tsv' }))), { numRuns: 400 });
  });

  it('survives mutations of a real Anki export', () => {
    fc.assert(fc.property(mutated(ANKI_TSV), (b) => tolerates('anki.txt', () => parseDelimited(b, 'anki.txt'))), { numRuns: 500 });
  });

  it('stays fast on a pathological unclosed quote', () => {
    const text = `a,"${'x,'.repeat(150_000)}\n`.slice(0, TEXT_LIMITS.maxLineChars) + '\nb,c\n';
    tolerates('q.csv', () => parseDelimitedText(text, 'q.csv'));
  });
});

describe('Markdown notes', () => {
  it('survives random text, random bytes and mutated seed notes', () => {
    const md = fc.string({ unit: fc.constantFrom('#', ' ', '\n', '*', '-', ':', '=', '|', '`', '<', '>', '?', 'a', 'B', 'é', '[', ']', '{', '}', 'c1'), maxLength: 300 });
    fc.assert(fc.property(md, (s) => tolerates('n.md', () => parseMarkdownFiles([{ path: 'n.md', bytes: encode(s) }]))), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => tolerates('b.md', () => parseMarkdownFiles([{ path: 'b.md', bytes: b }]))), { numRuns: 300 });
    fc.assert(fc.property(mutated(SEED), (b) => tolerates('seed.md', () => parseMarkdownFiles([{ path: 'seed.md', bytes: b }]))), { numRuns: 150 });
  });
});

describe('Stratus JSON', () => {
  const db = openCollection(':memory:');
  const note: ImportedNote = { key: 'k', deck: 'D', kind: 'basic', fields: ['Q', 'A'], tags: ['t'], source: { file: 'f.md', line: 2 }, cards: [{ ord: 0, front: 'Q', back: 'A', history: [{ reviewedAt: NOW - 86_400_000, rating: 3, durationMs: 10 }] }] };
  applyImport(db, planImport(db, { format: 'json', notes: [note], skipped: [], notices: [] }, { now: NOW }));
  const valid = exportDeck(db, 'D', { format: 'json', now: NOW }).bytes;

  it('survives random JSON and mutated exports', () => {
    fc.assert(fc.property(fc.json(), (j) => tolerates('j.json', () => parseStratusJson(encode(j), 'j.json'))), { numRuns: 300 });
    fc.assert(fc.property(mutated(valid), (b) => tolerates('m.json', () => parseStratusJson(b, 'm.json'))), { numRuns: 400 });
  });

  it('survives an export with any value swapped for another (property)', () => {
    const doc = JSON.parse(new TextDecoder().decode(valid)) as unknown;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
    };
    walk(doc, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length)), fc.anything(), (path, value) => {
        const copy = structuredClone(doc) as Record<string | number, unknown>;
        let at = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
        at[path.at(-1)!] = value;
        tolerates('s.json', () => parseStratusJson(encode(JSON.stringify(copy) ?? 'null'), 's.json'));
      }),
      { numRuns: 400 },
    );
  });
});

describe('any file', () => {
  it('decodeText and every format refuse junk with a StratusError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('markdown', 'csv', 'tsv', 'json') as fc.Arbitrary<'markdown' | 'csv' | 'tsv' | 'json'>, (b, format) => {
        tolerates('x', () => decodeText(b, 'x', TEXT_LIMITS));
        tolerates('x', () => parseFile(b, 'x', format));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the pipeline', () => {
  function snapshot(db: Database) {
    return ['deck', 'note', 'card', 'review'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY id`).all());
  }

  const arbNote: fc.Arbitrary<ImportedNote> = fc.record({
    key: fc.oneof(fc.constantFrom('k1', 'k2', 'k3', ''), fc.string({ maxLength: 8 })),
    deck: fc.option(fc.oneof(fc.constantFrom('A', 'a', 'B'), fc.string({ maxLength: 300 })), { nil: null }),
    kind: fc.constantFrom('basic', 'reversed', 'cloze', 'generated'),
    fields: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
    tags: fc.array(fc.stringMatching(/^\S{1,6}$/), { maxLength: 3 }),
    source: fc.record({ file: fc.constant('f.csv'), line: fc.option(fc.nat(100), { nil: null }) }),
    cards: fc.array(
      fc.record(
        {
          ord: fc.integer({ min: -1, max: 3 }),
          front: fc.string({ maxLength: 6 }),
          back: fc.string({ maxLength: 6 }),
          suspended: fc.boolean(),
          history: fc.array(
            fc.record({
              reviewedAt: fc.oneof(fc.integer({ min: NOW - 400 * 86_400_000, max: NOW }), fc.constant(Number.NaN), fc.constant(-5)),
              rating: fc.constantFrom(1, 2, 3, 4, 0) as fc.Arbitrary<1 | 2 | 3 | 4>,
              durationMs: fc.nat(60_000),
            }),
            { maxLength: 6 },
          ),
        },
        { requiredKeys: ['ord', 'front', 'back'] },
      ),
      { maxLength: 3 },
    ),
  });

  it('applies any batch of notes completely or not at all, and never twice (property)', () => {
    fc.assert(
      fc.property(fc.array(arbNote, { maxLength: 6 }), fc.array(arbNote, { maxLength: 6 }), fc.boolean(), (first, second, failing) => {
        const db = openCollection(':memory:');
        const run = (notes: ImportedNote[]) => {
          const before = snapshot(db);
          try {
            applyImport(db, planImport(db, { format: 'json', notes, skipped: [], notices: [] }, { now: NOW }));
          } catch (err) {
            if (!(err instanceof StratusError) && !/injected failure/.test(String(err))) throw err;
            expect(snapshot(db)).toEqual(before);
          }
        };
        run(first);
        if (failing) db.exec(`CREATE TRIGGER boom BEFORE INSERT ON review BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
        run(second);
        // Importing a batch again never adds a note or a card.
        const counts = () => db.prepare('SELECT (SELECT count(*) FROM note) AS notes, (SELECT count(*) FROM card) AS cards').get();
        const settled = counts();
        run(second);
        expect(counts()).toEqual(settled);
        db.close();
      }),
      { numRuns: 150 },
    );
  });
});
