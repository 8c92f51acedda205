import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../../electron/core/check';
import { getSettings } from '../../electron/core/settings';
import { installClfC02Preset } from '../../electron/core/exam/profile';
import { browseFixture } from './browse-fixture';

describe('check database', () => {
  it('reports a sound collection as ok with no problems', () => {
    const f = browseFixture();
    expect(checkDatabase(f.db, f.now)).toEqual({ ok: true, problems: [], counts: { decks: 3, notes: 5, cards: 7, reviews: 0 } });
  });

  it('repairs orphans, impossible values and unreadable settings, then finds nothing more', () => {
    const f = browseFixture();
    installClfC02Preset(f.db, f.now);
    f.study.answer({ cardId: f.card.blob, rating: 'good', durationMs: 1000 });
    const { db, card } = f;
    // What another tool, a bug or a crash with foreign keys off could leave behind.
    db.pragma('foreign_keys = OFF');
    db.exec(`
      INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability, difficulty, elapsed_days, scheduled_days, duration_ms, undo)
        VALUES (999, 0, 3, 0, 1, 0, 1, 5, 0, 0, 0, '{}');
      INSERT INTO note (id, deck_id, guid, created_at, updated_at) VALUES (50, 1, 'empty', 0, 0);
      INSERT INTO note (id, deck_id, guid, created_at, updated_at) VALUES (51, 77, 'lost deck', 0, 0);
      INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (51, 77, 0, 'lost', 'x', 1, 0);
      INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (404, 1, 0, 'no note', 'x', 1, 0);
      INSERT INTO deck (name, created_at) VALUES ('Orphan::Child', 0);
      INSERT INTO deck_domain (exam_id, deck_id, domain_id) VALUES (1, 88, 1);
      UPDATE card SET due = 'NaN' WHERE id = ${card.s3};
      UPDATE card SET due = 1e999 WHERE id = ${card.cloze1};
      UPDATE card SET due = 1772438400000.4 WHERE id = ${card.cloze2};
      UPDATE card SET stability = -3 WHERE id = ${card.iam};
      UPDATE card SET last_review = NULL WHERE id = ${card.blob};
      UPDATE card SET reps = -1, lapses = 9 WHERE id = ${card.ec2};
      UPDATE card SET stability = 4, difficulty = 3 WHERE id = ${card.ec2Reverse};
      UPDATE note SET tags = '  a   b ' WHERE id = ${f.notes.s3.id};
      INSERT INTO setting (key, value) VALUES ('theme', '{oops');
      UPDATE deck_preset SET config = '{"newPerDay": -5, "learningSteps": ["1m"]}' WHERE id = 1;
      INSERT INTO undo_action (created_at, review_mark, kind, label, count, data) VALUES (0, 0, 'suspend', 'x', 1, 'not json');
    `);
    db.pragma('foreign_keys = ON');
    const report = checkDatabase(db, f.now);
    const codes = Object.fromEntries(report.problems.map((p) => [p.code, p.count]));
    expect(codes).toMatchObject({
      'orphan-reviews': 1,
      'orphan-notes-deck': 1,
      'orphan-cards-note': 1,
      'empty-notes': 1,
      'dangling-deck-domains': 1,
      'bad-due': 3,
      'bad-memory-state': 1,
      'new-with-memory': 1,
      'missing-last-review': 1,
      'bad-counts': 1,
      'bad-tags': 1,
      'missing-parent-decks': 1,
      'unreadable-undo-steps': 1,
      'bad-settings': 1,
      'bad-presets': 1,
    });
    expect(report.ok).toBe(true);
    expect(report.problems.every((p) => p.repaired && /\.$/.test(p.message))).toBe(true);
    const row = (id: number) => db.prepare('SELECT * FROM card WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row(card.s3)).toMatchObject({ due: f.now });
    expect(row(card.cloze1)).toMatchObject({ due: f.now });
    expect(row(card.cloze2)).toMatchObject({ due: 1772438400000 });
    expect(row(card.iam)).toMatchObject({ state: 0, stability: 0, last_review: null });
    expect(row(card.blob)).toMatchObject({ state: 1, last_review: f.now });
    expect(row(card.ec2)).toMatchObject({ reps: 1, lapses: 1 });
    expect(row(card.ec2Reverse)).toMatchObject({ stability: 0, difficulty: 0 });
    expect(db.prepare("SELECT name FROM deck WHERE name = 'Orphan'").pluck().get()).toBe('Orphan');
    expect(db.prepare('SELECT tags FROM note WHERE id = ?').pluck().get(f.notes.s3.id)).toBe('a b');
    expect(getSettings(db)).toMatchObject({ theme: 'system', newPerDay: 20, learningSteps: ['1m'] });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The lost card kept its note and went to a deck that exists.
    expect(db.prepare("SELECT d.name FROM card c JOIN deck d ON d.id = c.deck_id WHERE c.front = 'lost'").pluck().get()).toBe('AWS');
    // A second check finds nothing.
    expect(checkDatabase(db, f.now)).toMatchObject({ ok: true, problems: [] });
    // Review still works on the repaired collection.
    f.study.reloadSettings();
    expect(() => f.study.listDecks()).not.toThrow();
  });
});
