import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, openCollection } from '../../electron/core/db/collection';
import { assertMonotonic, MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { CollectionError } from '../../electron/core/errors';
import { parseDeckSource } from '../../electron/core/deckSource';
import { installDeckSource } from '../../electron/core/decks';
import { SAMPLE_DECK } from './helpers';

const dirs: string[] = [];
function tempFile(name = 'collection.stratus'): string {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-collection-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => void dirs.splice(0));

describe('opening a collection', () => {
  it('creates a new one with WAL, foreign keys and the latest schema', () => {
    const file = tempFile();
    const db = openCollection(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
  });

  it('enforces foreign keys', () => {
    const db = openCollection(':memory:');
    expect(() => db.prepare('INSERT INTO note (deck_id, guid, created_at, updated_at) VALUES (99, ?, 0, 0)').run('x')).toThrow(/FOREIGN KEY/);
  });

  it('reopens an existing collection without changes', () => {
    const file = tempFile();
    openCollection(file).close();
    const db = openCollection(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a collection from a newer Stratus and leaves the file untouched', () => {
    const file = tempFile();
    const db = openCollection(file);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const bytes = readFileSync(file);
    expect(() => openCollection(file)).toThrow(CollectionError);
    expect(() => openCollection(file)).toThrow(`newer version of Stratus (collection version ${SCHEMA_VERSION + 1}, this app reads up to ${SCHEMA_VERSION})`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses another application\'s SQLite database and leaves it untouched', () => {
    const file = tempFile('other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES (\'Ada\')');
    other.close();
    const bytes = readFileSync(file);
    expect(() => openCollection(file)).toThrow(`${file}: is not a Stratus collection (it is another SQLite database), so it was left untouched.`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a file that is not a database at all', () => {
    const file = tempFile('notes.txt');
    writeFileSync(file, 'my study notes\n'.repeat(100));
    expect(() => openCollection(file)).toThrow(/is not a Stratus collection \(it is not an SQLite database\)/);
    expect(readFileSync(file, 'utf8')).toBe('my study notes\n'.repeat(100));
  });

  it('treats an empty file as a new collection', () => {
    const file = tempFile();
    writeFileSync(file, '');
    const db = openCollection(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(() => assertMonotonic(MIGRATIONS)).not.toThrow();
    expect(() => assertMonotonic([MIGRATIONS[0]!, { ...MIGRATIONS[0]!, version: 3 }])).toThrow(/expected 2/);
  });

  // Each migration runs from an empty collection and from a collection at every older version.
  for (let from = 0; from < MIGRATIONS.length; from++) {
    it(`bring a version-${from} collection up to ${SCHEMA_VERSION}`, () => {
      const file = tempFile();
      if (from > 0) {
        // An older collection with a deck, cards and a review in it: the upgrade must keep them.
        const old = openCollection(file, { migrations: MIGRATIONS.slice(0, from) });
        installDeckSource(old, parseDeckSource(SAMPLE_DECK, 'sample.md'), 0);
        // Raw SQL in the version-1 shape: today's Study prepares statements for today's schema.
        old.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability,
          difficulty, elapsed_days, scheduled_days, duration_ms, undo) VALUES (1, 1000, 3, 0, 1, 61000, 2.3, 2.1, 0, 0, 5, '{}')`).run();
        old.close();
      }
      const db = openCollection(file);
      if (from > 0) {
        expect(db.prepare('SELECT count(*) FROM card').pluck().get()).toBe(6);
        expect(db.prepare('SELECT card_id FROM review').pluck().all()).toEqual([1]);
      }
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['card', 'deck', 'deck_domain', 'deck_preset', 'exam', 'exam_domain', 'note', 'practice_answer', 'practice_test', 'review', 'setting', 'tag_domain', 'undo_action']);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    });
  }

  it('roll back entirely when one fails, leaving the old version', () => {
    const file = tempFile();
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', up: () => { throw new Error('boom'); } }];
    expect(() => openCollection(file, { migrations: broken })).toThrow('boom');
    const db = openCollection(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});
