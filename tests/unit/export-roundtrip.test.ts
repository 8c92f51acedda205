// Exporters, and export → import round trips: Stratus JSON gives back the same cards, tags,
// schedules and history; CSV/TSV (with Anki's header lines) give back the same cards and tags.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { exportDeck, exportFormatOf } from '../../electron/core/export';
import { parseApkg } from '../../electron/core/import/apkg';
import { parseDelimited } from '../../electron/core/import/csv';
import { applyImport, planImport } from '../../electron/core/import/pipeline';
import { parseStratusJson, parseStratusJsonText } from '../../electron/core/import/stratusJson';
import type { ImportedNote, ParsedNotes } from '../../electron/core/import/types';
import { Study } from '../../electron/core/study';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** A deck with every kind of note, tags, a sub-deck, a suspended card and real review history. */
function richCollection(): { db: Database; deckId: number } {
  const db = openCollection(':memory:');
  const notes: ImportedNote[] = [
    { key: 'md:aws/vpc.md:vpc', deck: 'AWS', kind: 'generated', fields: ['VPC', 'A private network.'], tags: ['networking', 'key-terms'], source: { file: 'aws/vpc.md', line: 5 }, cards: [{ ord: 0, front: 'VPC', back: 'A private network.' }] },
    { key: 'csv:terms.csv:ebs', deck: 'AWS', kind: 'reversed', fields: ['EBS', 'Block storage,\n"attached" to EC2'], tags: ['storage'], source: { file: 'terms.csv', line: 2 }, cards: [{ ord: 0, front: 'EBS', back: 'Block storage,\n"attached" to EC2' }, { ord: 1, front: 'Block storage,\n"attached" to EC2', back: 'EBS' }] },
    { key: 'anki:#hash\tguid', deck: 'AWS', kind: 'cloze', fields: ['{{c1::Glacier}} is for {{c2::archives}}', 'Cheap'], tags: [], source: { file: 'deck.apkg', line: null }, cards: [{ ord: 0, front: '[...] is for archives', back: 'Glacier\n\nCheap' }, { ord: 1, front: 'Glacier is for [...]', back: 'archives\n\nCheap' }] },
    { key: 'anki:sub1', deck: 'AWS::S3', kind: 'basic', fields: ['<b>S3</b>', 'Object storage'], tags: ['s3'], source: { file: 'deck.apkg', line: null }, cards: [{ ord: 0, front: '<b>S3</b>', back: 'Object storage', suspended: true }] },
  ];
  const parsed: ParsedNotes = { format: 'json', notes, skipped: [], notices: [] };
  applyImport(db, planImport(db, parsed, { now: NOW - 40 * DAY }));
  // Real answers through the app, over several days.
  let now = NOW - 30 * DAY;
  const study = new Study(db, () => now);
  const ids = (db.prepare("SELECT c.id FROM card c JOIN deck d ON d.id = c.deck_id WHERE d.name = 'AWS' ORDER BY c.id").all() as { id: number }[]).map((r) => r.id);
  for (const [i, id] of ids.entries()) {
    for (const rating of ['good', 'good', i % 2 ? 'again' : 'easy', 'good'] as const) {
      study.answer({ cardId: id, rating, durationMs: 1000 + i });
      now += 2 * DAY;
    }
  }
  const deckId = (db.prepare("SELECT id FROM deck WHERE name = 'AWS'").get() as { id: number }).id;
  return { db, deckId };
}

/** Everything a round trip must keep, by note key and ord (ids differ between collections). */
function contents(db: Database) {
  const rows = db
    .prepare(
      `SELECT n.guid, d.name AS deck, n.tags, n.kind, n.fields, n.source, n.source_line, c.ord, c.front, c.back, c.suspended, c.state, c.due,
              c.stability, c.difficulty, c.scheduled_days, c.learning_steps, c.reps, c.lapses, c.last_review,
              (SELECT json_group_array(json_array(r.reviewed_at, r.rating, r.state_before, r.state_after, r.due, r.stability, r.difficulty, r.elapsed_days, r.scheduled_days, r.duration_ms))
                 FROM (SELECT * FROM review WHERE card_id = c.id ORDER BY reviewed_at) r) AS history
         FROM card c JOIN note n ON n.id = c.note_id JOIN deck d ON d.id = n.deck_id ORDER BY n.guid, c.ord`,
    )
    .all() as Record<string, unknown>[];
  return rows;
}

function importInto(db: Database, parsed: ParsedNotes) {
  return applyImport(db, planImport(db, parsed, { now: NOW }));
}

describe('Stratus JSON', () => {
  it('round-trips cards, tags, sub-decks, schedules and every review exactly', () => {
    const { db, deckId } = richCollection();
    const out = exportDeck(db, deckId, { format: 'json', now: NOW });
    expect(out).toMatchObject({ deck: { id: deckId, name: 'AWS' }, format: 'json', notes: 4, cards: 6, reviews: 20 });
    const fresh = openCollection(':memory:');
    const summary = importInto(fresh, parseStratusJson(out.bytes, 'aws.json'));
    expect(summary).toMatchObject({ added: 6, updated: 0, reviews: 20, skipped: [] });
    expect(contents(fresh)).toEqual(contents(db));
    // And into the collection it came from: all unchanged.
    expect(importInto(db, parseStratusJson(out.bytes, 'aws.json'))).toMatchObject({ added: 0, updated: 0, unchanged: 6, reviews: 0 });
  });

  it('names the entry at fault in a damaged export', () => {
    const good = JSON.parse(text(exportDeck(richCollection().db, 'AWS', { format: 'json', now: NOW }).bytes));
    good.decks[0].notes[1].cards[0].memory.due = 'tomorrow';
    expect(() => parseStratusJsonText(JSON.stringify(good), 'aws.json')).toThrow('aws.json: decks[0].notes[1].cards[0].memory.due expected number, received string.');
    expect(() => parseStratusJsonText('{"format":"stratus","version":1,', 'cut.json')).toThrow(/^cut\.json, line 1: the file is not valid JSON/);
    expect(() => parseStratusJsonText('{"name":"stratus","version":"1.0.0"}', 'package.json')).toThrow('package.json: the file is JSON but not a Stratus export');
    expect(() => parseStratusJsonText('{"format":"stratus","version":2,"decks":[]}', 'new.json')).toThrow('made by a newer Stratus (format version 2');
  });
});

describe('Anki package with scheduling', () => {
  // The .apkg carries Anki's review log, not Stratus's memory states: the import replays it, and
  // the replay gives back exactly the state the app's own answers left (same scheduler, same seeds).
  it('imports back with the same memory states, replayed from the review log', () => {
    const { db, deckId } = richCollection();
    const out = exportDeck(db, deckId, { format: 'apkg', now: NOW });
    const parsed = parseApkg(out.bytes, 'aws.apkg');
    expect(parsed.notes.every((n) => n.cards.every((c) => c.memory === undefined))).toBe(true);
    const fresh = openCollection(':memory:');
    expect(importInto(fresh, parsed)).toMatchObject({ added: 6, reviews: 20, skipped: [] });
    const memory = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({ guid: r.guid, ord: r.ord, state: r.state, stability: r.stability, difficulty: r.difficulty, reps: r.reps, lapses: r.lapses, last_review: r.last_review, suspended: r.suspended }));
    expect(memory(contents(fresh))).toEqual(memory(contents(db)));
  });
});

describe('CSV and TSV with Anki header lines', () => {
  it.each(['csv', 'tsv'] as const)('round-trips cards and tags (%s)', (format) => {
    const { db, deckId } = richCollection();
    const out = exportDeck(db, deckId, { format, now: NOW });
    expect(out).toMatchObject({ notes: 4, cards: 6, reviews: 0, notices: ['CSV and TSV files hold no scheduling or review history; export as JSON or .apkg to keep them.'] });
    const body = text(out.bytes);
    expect(body.split('\n').slice(0, 6)).toEqual([`#separator:${format === 'csv' ? 'comma' : 'tab'}`, '#html:true', '#guid column:1', '#notetype column:2', '#deck column:3', '#tags column:6']);
    // A guid starting with "#" is quoted so that the row is not read as a comment.
    expect(body).toContain('"#hash');

    const parsed = parseDelimited(out.bytes, `aws.${format}`, { format });
    expect(parsed.skipped).toEqual([]);
    const fresh = openCollection(':memory:');
    expect(importInto(fresh, parsed)).toMatchObject({ added: 6, updated: 0, skipped: [] });
    const keep = (rows: Record<string, unknown>[]) => rows.map((r) => ({ guid: r.guid, deck: r.deck, tags: r.tags, ord: r.ord, front: r.front, back: r.back }));
    expect(keep(contents(fresh))).toEqual(keep(contents(db)));
    // Back into the collection it came from: nothing changes, nothing is duplicated.
    expect(importInto(db, parseDelimited(out.bytes, `aws.${format}`, { format }))).toMatchObject({ added: 0, updated: 0, unchanged: 6 });
  });

  it('gives a card its note row does not make a row of its own, and brings it back into its note', () => {
    const db = openCollection(':memory:');
    // An Anki note type with three templates, and a generated note whose first card was left out.
    const three: ImportedNote = { key: 'anki:3', deck: 'X', kind: 'basic', fields: ['a', 'b', 'c'], tags: ['t'], source: { file: 'x.apkg', line: null }, cards: [0, 1, 2].map((ord) => ({ ord, front: `F${ord}`, back: `B${ord}` })) };
    const onlySecond: ImportedNote = { key: 'md:n.md:example x', deck: 'X', kind: 'generated', fields: ['x', 'y'], tags: [], source: { file: 'n.md', line: 3 }, cards: [{ ord: 1, front: 'Which group?', back: 'Shared' }] };
    importInto(db, { format: 'apkg', notes: [three, onlySecond], skipped: [], notices: [] });
    const out = exportDeck(db, 'X', { format: 'csv', now: NOW });
    expect(out).toMatchObject({ cards: 4, notices: [] });
    const rows = text(out.bytes).split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual(['3,Basic', 'stratus-card:1:anki:3,Basic', 'stratus-card:2:anki:3,Basic', 'stratus-card:1:md:n.md:example x,Basic']);

    const keep = (rows: Record<string, unknown>[]) => rows.map((r) => ({ guid: r.guid, deck: r.deck, tags: r.tags, ord: r.ord, front: r.front, back: r.back }));
    const fresh = openCollection(':memory:');
    expect(importInto(fresh, parseDelimited(out.bytes, 'x.csv'))).toMatchObject({ added: 4, skipped: [] });
    expect(keep(contents(fresh))).toEqual(keep(contents(db)));
    expect(importInto(db, parseDelimited(out.bytes, 'x.csv'))).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
  });

  it('knows formats by file name', () => {
    expect(exportFormatOf('/tmp/a.JSON')).toBe('json');
    expect(exportFormatOf('deck.apkg')).toBe('apkg');
    expect(exportFormatOf('deck.txt')).toBeNull();
  });
});
