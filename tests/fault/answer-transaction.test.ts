// Each answer is one transaction: when any statement of it fails, nothing of it stays — not the
// card's new schedule, not the siblings it buried, not the review row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStratus, readBuiltinDecks } from '../../electron/core/open';
import { Study } from '../../electron/core/study';

const DECKS = resolve(__dirname, '../../decks');
const NOW = Date.parse('2026-11-23T09:00:00Z');

describe('answer() is atomic', () => {
  let dir: string;
  let file: string;
  let db: Database;
  let study: Study;
  let now: number;

  const snapshot = () => ({
    cards: db.prepare('SELECT * FROM card ORDER BY id').all(),
    reviews: db.prepare('SELECT * FROM review ORDER BY id').all(),
  });

  /** A new card of a note with two cards (a ":::" line), so answering it buries its sibling. */
  const cardWithSibling = () =>
    db
      .prepare(
        `SELECT c.id, s.id AS sibling FROM card c JOIN card s ON s.note_id = c.note_id AND s.id != c.id
         WHERE c.state = 0 ORDER BY c.id LIMIT 1`,
      )
      .get() as { id: number; sibling: number };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stratus-txn-'));
    file = join(dir, 'collection.db');
    now = NOW;
    db = openStratus(file, readBuiltinDecks(DECKS), now);
    study = new Study(db, () => now);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing when the review insert fails', () => {
    const { id, sibling } = cardWithSibling();
    const before = snapshot();
    db.exec(`CREATE TRIGGER fail_review BEFORE INSERT ON review BEGIN SELECT RAISE(ABORT, 'boom'); END`);

    expect(() => study.answer({ cardId: id, rating: 'good', durationMs: 1234 })).toThrow(/boom/);
    expect(db.inTransaction).toBe(false);
    expect(snapshot()).toEqual(before);
    // The sibling would have been buried in the same transaction, before the insert.
    expect((db.prepare('SELECT buried_until FROM card WHERE id = ?').get(sibling) as { buried_until: number | null }).buried_until).toBeNull();

    // And nothing of it is on disk either.
    db.close();
    db = openStratus(file, readBuiltinDecks(DECKS), now);
    study = new Study(db, () => now);
    expect(snapshot()).toEqual(before);

    // Without the trigger (it is in the file) the same answer goes through, all of it.
    db.exec('DROP TRIGGER fail_review');
    const { card } = study.answer({ cardId: id, rating: 'good', durationMs: 1234 });
    expect(card.state).toBe('learning');
    const after = snapshot();
    expect(after.reviews).toHaveLength(before.reviews.length + 1);
    expect((db.prepare('SELECT buried_until FROM card WHERE id = ?').get(sibling) as { buried_until: number | null }).buried_until).not.toBeNull();
  });

  it('writes nothing when the review insert fails for a card already in review', () => {
    const { id } = cardWithSibling();
    // Take the card through learning into review, then come back when it is due.
    for (const rating of ['good', 'good', 'good'] as const) {
      const { card } = study.answer({ cardId: id, rating, durationMs: 1000 });
      now = Date.parse(card.due) + 1000;
    }
    const card = db.prepare('SELECT state, reps FROM card WHERE id = ?').get(id) as { state: number; reps: number };
    expect(card).toEqual({ state: 2, reps: 3 });

    const before = snapshot();
    db.exec(`CREATE TRIGGER fail_review BEFORE INSERT ON review BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    for (const rating of ['again', 'hard', 'good', 'easy'] as const) {
      expect(() => study.answer({ cardId: id, rating, durationMs: 1000 })).toThrow(/boom/);
      expect(snapshot()).toEqual(before);
    }
    // Undo still undoes the last answer that did happen, not a phantom one.
    db.exec('DROP TRIGGER fail_review');
    const undone = study.undo();
    expect(undone?.card.id).toBe(id);
    expect(undone?.card.reps).toBe(2);
  });

  it('writes nothing when the card update fails after the siblings were buried', () => {
    const { id, sibling } = cardWithSibling();
    const before = snapshot();
    // Fires on the card's own update (it sets `state`), not on the sibling's bury (only buried_until).
    db.exec(`CREATE TRIGGER fail_card BEFORE UPDATE OF state ON card BEGIN SELECT RAISE(ABORT, 'boom'); END`);

    expect(() => study.answer({ cardId: id, rating: 'easy', durationMs: 1000 })).toThrow(/boom/);
    expect(snapshot()).toEqual(before);
    expect((db.prepare('SELECT buried_until FROM card WHERE id = ?').get(sibling) as { buried_until: number | null }).buried_until).toBeNull();
  });
});
