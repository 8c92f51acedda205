// .apkg export: the package is a schema-11 Anki collection that Anki can import (checked column
// by column against rslib/src/storage/schema11.sql and the schema-11 JSON Anki reads), and it
// reads back through parseApkg into the same notes, cards, tags and history.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportApkg } from '../../electron/core/export/apkg';
import { parseApkg } from '../../electron/core/import/apkg';
import { stripHtml } from '../../electron/core/import/anki/template';
import type { ParsedNotes } from '../../electron/core/import/types';
import { sampleCollection } from './helpers';

const NOW = new Date(2026, 2, 10, 10, 0, 0).getTime();
const MINUTE = 60_000;
const DAY = 86_400_000;

/** A deck with every kind of note, some history, a suspended card and a sub-deck. */
function buildDeck() {
  const { db, deckId, clock, study } = sampleCollection(NOW - 30 * DAY);
  const insertNote = db.prepare('INSERT INTO note (deck_id, guid, tags, created_at, updated_at, kind, fields) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertCard = db.prepare('INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const addNote = (deck: number, guid: string, tags: string, kind: string, fields: string[], cards: [number, string, string][]) => {
    const noteId = Number(insertNote.run(deck, guid, tags, NOW, NOW, kind, JSON.stringify(fields)).lastInsertRowid);
    cards.forEach(([ord, front, back], i) => insertCard.run(noteId, deck, ord, front, back, 100 + i, NOW));
    return noteId;
  };
  const sub = Number(db.prepare("INSERT INTO deck (name, created_at) VALUES ('Sample::Extra_%', ?)").run(NOW).lastInsertRowid);
  const other = Number(db.prepare("INSERT INTO deck (name, created_at) VALUES ('Unrelated', ?)").run(NOW).lastInsertRowid);
  addNote(deckId, 'md:cloze', 'cloze aws::s3', 'cloze', ['{{c1::S3}} stores **objects** in {{c2::buckets::containers}}.', 'Extra *note*'], [
    [0, '[...] stores **objects** in buckets.', 'S3'],
    [1, 'S3 stores **objects** in [containers].', 'buckets'],
  ]);
  addNote(deckId, 'anki:Xy7#kq', 'from-anki', 'basic', ['What is <b>EC2</b>?', 'Virtual servers'], [[0, 'What is <b>EC2</b>?', 'Virtual servers']]);
  addNote(sub, 'notes/srm.md#inherited', 'srm', 'generated', [], [
    [0, 'What are **inherited controls**?', 'Controls a customer fully inherits from AWS.'],
    [1, 'Controls a customer fully inherits from AWS.', 'Inherited controls'],
    [2, 'Which group do *inherited controls* belong to?', 'Control types'],
  ]);
  addNote(other, 'elsewhere', '', 'basic', [], [[0, 'Not exported', 'x']]);

  // History: answer every card in the main deck a few times over a month, as the app does.
  const ratings = ['good', 'again', 'good', 'easy', 'hard', 'good'] as const;
  let k = 0;
  for (let day = 0; day < 30; day++) {
    for (let guard = 0; guard < 50; guard++) {
      const next = study.nextCard(deckId).card;
      if (!next) break;
      study.answer({ cardId: next.id, rating: ratings[k++ % ratings.length]!, durationMs: 2000 + (k % 7) * 1000 });
      clock.advance(MINUTE);
    }
    clock.now = NOW - 30 * DAY + (day + 1) * DAY;
  }
  db.prepare("UPDATE card SET suspended = 1 WHERE front = 'Two'").run();
  return { db, deckId, sub };
}

interface Expected {
  key: string;
  kind: string;
  fields: string[];
  tags: string[];
  cards: { ord: number; front: string; back: string; suspended: boolean; history: { reviewedAt: number; rating: number; durationMs: number }[] }[];
}

function expectedNotes(db: Database.Database, deckIds: number[], scheduling: boolean): Expected[] {
  const notes = db
    .prepare(`SELECT DISTINCT n.id, n.guid, n.kind, n.fields, n.tags FROM note n JOIN card c ON c.note_id = n.id WHERE c.deck_id IN (${deckIds.join(',')}) ORDER BY n.id`)
    .all() as { id: number; guid: string; kind: string; fields: string; tags: string }[];
  return notes.map((n) => ({
    key: n.guid,
    kind: n.kind,
    fields: JSON.parse(n.fields) as string[],
    tags: n.tags.split(' ').filter(Boolean),
    cards: (db.prepare('SELECT id, ord, front, back, suspended FROM card WHERE note_id = ? ORDER BY ord').all(n.id) as {
      id: number;
      ord: number;
      front: string;
      back: string;
      suspended: number;
    }[]).map((c) => ({
      ord: c.ord,
      front: c.front,
      back: c.back,
      suspended: scheduling && c.suspended === 1,
      history: scheduling
        ? (db.prepare('SELECT reviewed_at AS reviewedAt, rating, duration_ms AS durationMs FROM review WHERE card_id = ? ORDER BY reviewed_at').all(c.id) as Expected['cards'][0]['history'])
        : [],
    })),
  }));
}

function comparable(parsed: ParsedNotes): Expected[] {
  return parsed.notes.map((n) => ({
    key: n.key,
    kind: n.kind,
    fields: n.fields,
    tags: n.tags,
    cards: n.cards.map((c) => ({ ord: c.ord, front: c.front, back: c.back, suspended: c.suspended ?? false, history: c.history ?? [] })),
  }));
}

function openPackage(apkg: Uint8Array) {
  const files = unzipSync(apkg);
  const db = new Database(Buffer.from(files['collection.anki2']!), { readonly: true });
  return { files, db };
}

describe('exportApkg', () => {
  let deck: ReturnType<typeof buildDeck>;
  let withScheduling: Uint8Array;
  let withoutScheduling: Uint8Array;
  beforeAll(() => {
    deck = buildDeck();
    withScheduling = exportApkg(deck.db, deck.deckId, { includeScheduling: true, now: NOW });
    withoutScheduling = exportApkg(deck.db, deck.deckId, { includeScheduling: false, now: NOW });
  });

  it('round-trips: export then import gives the same notes, cards, tags and history', () => {
    const reviews = (deck.db.prepare('SELECT count(*) AS n FROM review').get() as { n: number }).n;
    expect(reviews).toBeGreaterThan(40);
    const parsed = parseApkg(withScheduling, 'sample.apkg');
    expect(parsed.skipped).toEqual([]);
    expect(comparable(parsed)).toEqual(expectedNotes(deck.db, [deck.deckId, deck.sub], true));
    expect(parsed.notes.find((n) => n.key === 'notes/srm.md#inherited')!.deck).toBe('Sample::Extra_%');
    expect(parsed.notes.find((n) => n.key === 'md:cloze')!.deck).toBe('Sample');
  });

  it('without scheduling, every card comes back new and unsuspended, with no history', () => {
    const parsed = parseApkg(withoutScheduling, 'sample.apkg');
    expect(comparable(parsed)).toEqual(expectedNotes(deck.db, [deck.deckId, deck.sub], false));
    const { db } = openPackage(withoutScheduling);
    expect(db.prepare('SELECT DISTINCT type, queue, reps FROM cards').all()).toEqual([{ type: 0, queue: 0, reps: 0 }]);
    expect(db.prepare('SELECT count(*) AS n FROM revlog').get()).toEqual({ n: 0 });
  });

  it('is deterministic for a given time', () => {
    expect(exportApkg(deck.db, deck.deckId, { includeScheduling: true, now: NOW })).toEqual(withScheduling);
  });

  it('writes a schema-11 collection with the columns and JSON Anki reads', () => {
    const { files, db } = openPackage(withScheduling);
    expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
    expect(strFromU8(files.media!)).toBe('{}');
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
    const columns = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('col')).toEqual(['id', 'crt', 'mod', 'scm', 'ver', 'dty', 'usn', 'ls', 'conf', 'models', 'decks', 'dconf', 'tags']);
    expect(columns('notes')).toEqual(['id', 'guid', 'mid', 'mod', 'usn', 'tags', 'flds', 'sfld', 'csum', 'flags', 'data']);
    expect(columns('cards')).toEqual(['id', 'nid', 'did', 'ord', 'mod', 'usn', 'type', 'queue', 'due', 'ivl', 'factor', 'reps', 'lapses', 'left', 'odue', 'odid', 'flags', 'data']);
    expect(columns('revlog')).toEqual(['id', 'cid', 'usn', 'ease', 'ivl', 'lastIvl', 'factor', 'time', 'type']);

    const col = db.prepare('SELECT * FROM col').get() as Record<string, string | number>;
    expect(col.ver).toBe(11);
    const models = JSON.parse(col.models as string) as Record<string, Record<string, unknown>>;
    for (const m of Object.values(models)) {
      // NotetypeSchema11's required keys, and each field's and template's.
      for (const key of ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css']) expect(m).toHaveProperty(key);
      for (const f of m.flds as Record<string, unknown>[]) for (const key of ['name', 'ord', 'sticky', 'rtl', 'font', 'size']) expect(f).toHaveProperty(key);
      for (const t of m.tmpls as Record<string, unknown>[]) for (const key of ['name', 'ord', 'qfmt', 'afmt']) expect(t).toHaveProperty(key);
    }
    expect(Object.values(models).map((m) => [m.name, m.type])).toEqual([
      ['Basic (Stratus)', 0],
      ['Basic and reversed (Stratus)', 0],
      ['Cloze (Stratus)', 1],
    ]);
    const decks = JSON.parse(col.decks as string) as Record<string, Record<string, unknown>>;
    expect(Object.values(decks).map((d) => d.name)).toEqual(['Default', 'Sample', 'Sample::Extra_%']);
    for (const d of Object.values(decks)) {
      for (const key of ['id', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'dyn', 'conf']) expect(d).toHaveProperty(key);
    }
    expect(JSON.parse(col.dconf as string)['1']).toMatchObject({ id: 1, name: 'Default', new: { perDay: 20 }, rev: { maxIvl: 36500 } });
    expect(JSON.parse(col.conf as string)).toMatchObject({ schedVer: 2 });
  });

  it('writes each note with Anki checksums and HTML fields', () => {
    const { db } = openPackage(withScheduling);
    const notes = db.prepare('SELECT guid, mid, flds, sfld, csum, tags FROM notes').all() as { guid: string; mid: number; flds: string; sfld: string; csum: number; tags: string }[];
    for (const n of notes) {
      const first = n.flds.split('\x1f')[0]!;
      expect(n.csum).toBe(parseInt(createHash('sha1').update(stripHtml(first)).digest('hex').slice(0, 8), 16));
      expect(n.sfld).toBe(stripHtml(first));
    }
    const cloze = notes.find((n) => n.flds.includes('{{c1::'))!;
    expect(cloze.flds).toBe('{{c1::S3}} stores <strong>objects</strong> in {{c2::buckets::containers}}.\x1fExtra <em>note</em>');
    expect(cloze.tags).toBe(' cloze aws::s3 ');
    // A note imported from Anki keeps its guid and its HTML as it was.
    expect(notes.find((n) => n.guid === 'Xy7#kq')!.flds).toBe('What is <b>EC2</b>?\x1fVirtual servers');
    // A generated note with three unrelated cards becomes three Basic notes.
    expect(notes.filter((n) => n.flds.includes('nherited controls')).length).toBe(3);
  });

  it('shows Anki the same cards (the package read as Anki would, without the Stratus data)', () => {
    const { db } = openPackage(withScheduling);
    const copy = new Database(db.serialize());
    copy.prepare("UPDATE notes SET data = ''").run();
    const ankiView = parseApkg(wrap(copy.serialize()), 'anki-view.apkg');
    const cards = ankiView.notes.flatMap((n) => n.cards.map((c) => [n.kind, c.front, c.back]));
    expect(cards).toContainEqual(['reversed', 'Four', '4']);
    expect(cards).toContainEqual(['reversed', '4', 'Four']);
    expect(cards).toContainEqual(['cloze', '[...] stores <strong>objects</strong> in buckets.', 'S3<br>\nExtra <em>note</em>']);
    expect(cards).toContainEqual(['cloze', 'S3 stores <strong>objects</strong> in [containers].', 'buckets<br>\nExtra <em>note</em>']);
    expect(cards).toContainEqual(['basic', 'What are <strong>inherited controls</strong>?', 'Controls a customer fully inherits from AWS.']);
  });

  it("maps the schedule onto Anki's card columns and the history onto its review log", () => {
    const { db } = openPackage(withScheduling);
    const col = db.prepare('SELECT crt FROM col').get() as { crt: number };
    const exported = db.prepare('SELECT c.type, c.queue, c.due, c.ivl, c.reps, c.lapses, n.flds FROM cards c JOIN notes n ON n.id = c.nid').all() as {
      type: number;
      queue: number;
      due: number;
      ivl: number;
      reps: number;
      lapses: number;
      flds: string;
    }[];
    const source = deck.db.prepare('SELECT front, state, due, scheduled_days, reps, lapses, suspended FROM card WHERE deck_id = ?').all(deck.deckId) as {
      front: string;
      state: number;
      due: number;
      scheduled_days: number;
      reps: number;
      lapses: number;
      suspended: number;
    }[];
    for (const s of source.filter((c) => ['One', 'Two', 'Three', 'Five'].includes(c.front))) {
      const a = exported.find((e) => e.flds.split('\x1f')[0] === s.front)!;
      expect(a.type).toBe(s.state);
      expect([a.reps, a.lapses]).toEqual([s.reps, s.lapses]);
      if (s.suspended) expect(a.queue).toBe(-1);
      if (s.state === 2) {
        expect(a.ivl).toBe(Math.max(1, s.scheduled_days));
        // Review due: days since the collection's creation day.
        expect(Math.abs(col.crt * 1000 + a.due * DAY - s.due)).toBeLessThan(1.5 * DAY);
      }
    }
    const revlog = db.prepare('SELECT ease, type, time FROM revlog').all() as { ease: number; type: number; time: number }[];
    // The package holds the deck and its sub-decks (studying the deck reviews their cards too).
    const reviews = deck.db
      .prepare(`SELECT r.rating, r.state_before, r.duration_ms FROM review r JOIN card c ON c.id = r.card_id JOIN deck d ON d.id = c.deck_id
        WHERE d.id = ? OR d.name LIKE (SELECT name FROM deck WHERE id = ?) || '::%'`)
      .all(deck.deckId, deck.deckId) as {
      rating: number;
      state_before: number;
      duration_ms: number;
    }[];
    expect(revlog.length).toBe(reviews.length);
    expect(revlog.filter((r) => r.type === 1).length).toBe(reviews.filter((r) => r.state_before === 2).length);
  });

  it('refuses a deck that does not exist', () => {
    expect(() => exportApkg(deck.db, 9999, { includeScheduling: true })).toThrow('There is no deck with id 9999.');
  });

  it('leaves the collection as it was (the package is built in a detached database)', () => {
    const databases = deck.db.prepare('PRAGMA database_list').all() as { name: string }[];
    expect(databases.map((d) => d.name)).toEqual(['main']);
  });
});

function wrap(sqlite: Buffer): Uint8Array {
  return zipSync({ 'collection.anki2': new Uint8Array(sqlite), media: new TextEncoder().encode('{}') });
}
