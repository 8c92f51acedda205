// The import pipeline: plan (read only) → apply (one transaction). Identity across re-imports,
// updates in place that keep review history, exact memory states, replayed histories, imported
// reviews that undo leaves alone, and re-planning when the collection changed after the preview.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { applyImport, checkDeckName, planImport } from '../../electron/core/import/pipeline';
import type { ImportedCard, ImportedNote, ParsedNotes } from '../../electron/core/import/types';
import { deckOptions } from '../../electron/core/presets';
import { createReplayer } from '../../electron/core/replay';
import { Study } from '../../electron/core/study';
import { sampleCollection } from './helpers';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

function note(key: string, front: string, back: string, extra: Partial<ImportedNote> = {}, card: Partial<ImportedCard> = {}): ImportedNote {
  return { key, deck: null, kind: 'basic', fields: [front, back], tags: [], source: { file: 'cards.csv', line: 1 }, cards: [{ ord: 0, front, back, ...card }], ...extra };
}

function parsed(notes: ImportedNote[], extra: Partial<ParsedNotes> = {}): ParsedNotes {
  return { format: 'csv', notes, skipped: [], notices: [], ...extra };
}

function snapshot(db: Database) {
  return Object.fromEntries(['deck', 'note', 'card', 'review'].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));
}

function cards(db: Database) {
  return db.prepare('SELECT c.*, n.guid, n.tags, d.name AS deck FROM card c JOIN note n ON n.id = c.note_id JOIN deck d ON d.id = c.deck_id ORDER BY c.id').all() as Record<string, unknown>[];
}

function importNotes(db: Database, notes: ImportedNote[], deck?: string, now = NOW) {
  return applyImport(db, planImport(db, parsed(notes), { now, ...(deck ? { deck } : {}) }));
}

describe('planning', () => {
  it('lists what would be added, writes nothing, and names the deck', () => {
    const db = openCollection(':memory:');
    const before = snapshot(db);
    const plan = planImport(db, parsed([note('k1', 'Region', 'A place'), note('k2', 'AZ', 'Data centres')], { defaultDeck: 'aws-terms' }), { now: NOW });
    expect(snapshot(db)).toEqual(before);
    expect(plan.deck).toBe('aws-terms');
    expect(plan.decks).toEqual([{ name: 'aws-terms', exists: false, cards: 2 }]);
    expect(plan.counts).toEqual({ added: 2, updated: 0, unchanged: 0, skipped: 0 });
    expect(plan.cards.map((c) => [c.action, c.front, c.file, c.line])).toEqual([
      ['add', 'Region', 'cards.csv', 1],
      ['add', 'AZ', 'cards.csv', 1],
    ]);
  });

  it('uses --deck over the deck a source names, and the source deck over the default', () => {
    const db = openCollection(':memory:');
    const input = parsed([note('a', 'A', '1', { deck: 'From file' }), note('b', 'B', '2')], { defaultDeck: 'Default name' });
    expect(planImport(db, input, { now: NOW }).decks.map((d) => d.name)).toEqual(['From file', 'Default name']);
    expect(planImport(db, input, { now: NOW, deck: '  Mine ' }).decks.map((d) => d.name)).toEqual(['Mine']);
    expect(planImport(db, parsed([note('c', 'C', '3')]), { now: NOW }).deck).toBe('Imported');
  });

  it('skips what it cannot write, with file, line and reason', () => {
    const db = openCollection(':memory:');
    const dup = note('same', 'Again', 'x', { source: { file: 'b.csv', line: 7 } });
    const twoOrds = note('ords', 'Q', 'A', {}, {});
    twoOrds.cards.push({ ord: 0, front: 'Q2', back: 'A2' });
    const plan = planImport(
      db,
      parsed([note('same', 'First', 'x'), dup, note('', 'No key', 'x'), { ...note('nocards', 'x', 'y'), cards: [] }, twoOrds, note('blank', '  ', 'x')], {
        skipped: [{ file: 'cards.csv', line: 3, reason: 'the back is empty.' }],
      }),
      { now: NOW },
    );
    expect(plan.counts).toEqual({ added: 2, updated: 0, unchanged: 0, skipped: 6 });
    expect(plan.skipped).toMatchObject([
      { file: 'cards.csv', line: 3, reason: 'the back is empty.' },
      { file: 'b.csv', line: 7, reason: 'the same note as cards.csv line 1 is already in this import.' },
      { file: 'cards.csv', line: 1, reason: 'the note has no identity (an empty key or guid).' },
      { file: 'cards.csv', line: 1, reason: 'the note has no cards.' },
      { file: 'cards.csv', line: 1, reason: 'the note has two cards numbered 1; the second is left out.' },
      { file: 'cards.csv', line: 1, reason: 'card 1 of the note has an empty front.' },
    ]);
  });

  it('checks deck names', () => {
    expect(checkDeckName(' AWS\n  storage\t')).toBe('AWS storage');
    expect(() => checkDeckName('   ')).toThrow('The deck name is empty');
    expect(() => checkDeckName('x'.repeat(201))).toThrow('longer than 200 characters');
    const db = openCollection(':memory:');
    expect(() => planImport(db, parsed([]), { now: NOW, deck: '' })).toThrow('The deck name is empty');
  });
});

describe('applying', () => {
  it('adds notes and new cards at the end of the deck, in one go', () => {
    const { db, deckId } = sampleCollection(NOW);
    const summary = importNotes(db, [note('k1', 'Region', 'A place', { tags: ['geo', 'aws'] }), note('k2', 'AZ', 'Data centres')], 'Sample');
    expect(summary).toMatchObject({ deck: 'Sample', decks: ['Sample'], added: 2, updated: 0, unchanged: 0, skipped: [], reviews: 0, replanned: false });
    const added = cards(db).slice(-2);
    expect(added.map((c) => [c.deck_id, c.front, c.state, c.due, c.guid, c.tags])).toEqual([
      [deckId, 'Region', 0, NOW, 'k1', 'geo aws'],
      [deckId, 'AZ', 0, NOW, 'k2', ''],
    ]);
    const positions = cards(db).map((c) => c.position as number);
    expect(added.map((c) => c.position)).toEqual([Math.max(...positions) - 1, Math.max(...positions)]);
  });

  it('re-importing the same source changes nothing and duplicates nothing', () => {
    const db = openCollection(':memory:');
    const notes = [note('k1', 'Region', 'A place'), note('k2', 'AZ', 'Data centres', { kind: 'reversed' })];
    notes[1]!.cards.push({ ord: 1, front: 'Data centres', back: 'AZ' });
    importNotes(db, notes, 'AWS');
    const before = snapshot(db);
    const again = importNotes(db, notes, 'AWS');
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect(snapshot(db)).toEqual(before);
  });

  it('updates an edited card in place and keeps its review history', () => {
    const { db, deckId } = sampleCollection(NOW);
    importNotes(db, [note('k1', 'Region', 'A place', { tags: ['geo'] })], 'Sample');
    const card = cards(db).find((c) => c.guid === 'k1')!;
    const study = new Study(db, () => NOW);
    study.answer({ cardId: card.id as number, rating: 'good', durationMs: 1000 });
    const answered = cards(db).find((c) => c.guid === 'k1')!;

    const plan = planImport(db, parsed([note('k1', 'Region', 'A physical place', { tags: ['geo', 'new'] })]), { now: NOW + DAY, deck: 'Elsewhere' });
    expect(plan.cards).toEqual([expect.objectContaining({ action: 'update', changes: ['back', 'tags'], cardId: card.id, deck: 'Sample' })]);
    applyImport(db, plan);
    const updated = cards(db).find((c) => c.guid === 'k1')!;
    expect(updated).toEqual({ ...answered, back: 'A physical place', tags: 'geo new' });
    expect(db.prepare('SELECT count(*) AS n FROM review WHERE card_id = ?').get(card.id)).toEqual({ n: 1 });
    // The existing note stayed in its deck: no "Elsewhere" deck was made for nothing.
    expect(db.prepare("SELECT count(*) AS n FROM deck WHERE name = 'Elsewhere'").get()).toEqual({ n: 0 });
    expect(updated.deck_id).toBe(deckId);
  });

  it('keeps an exact memory state and logged history (Stratus JSON)', () => {
    const db = openCollection(':memory:');
    const memory = { state: 2 as const, due: NOW + 10 * DAY, stability: 12.5, difficulty: 4.25, scheduledDays: 10, learningSteps: 0, reps: 3, lapses: 1, lastReview: NOW - DAY };
    const log = { stateBefore: 2 as const, stateAfter: 2 as const, due: NOW + 10 * DAY, stability: 12.5, difficulty: 4.25, elapsedDays: 3.5, scheduledDays: 10 };
    const history = [{ reviewedAt: NOW - DAY, rating: 3 as const, durationMs: 4200, log }];
    const summary = importNotes(db, [note('k1', 'Region', 'A place', {}, { memory, history, suspended: true })]);
    expect(summary.reviews).toBe(1);
    const [c] = cards(db);
    expect(c).toMatchObject({ state: 2, due: memory.due, stability: 12.5, difficulty: 4.25, scheduled_days: 10, learning_steps: 0, reps: 3, lapses: 1, last_review: NOW - DAY, suspended: 1 });
    expect(db.prepare('SELECT reviewed_at, rating, state_before, state_after, due, stability, difficulty, elapsed_days, scheduled_days, duration_ms, origin FROM review').all()).toEqual([
      { reviewed_at: NOW - DAY, rating: 3, state_before: 2, state_after: 2, due: NOW + 10 * DAY, stability: 12.5, difficulty: 4.25, elapsed_days: 3.5, scheduled_days: 10, duration_ms: 4200, origin: 'import' },
    ]);
  });

  it('replays a history without memory (Anki revlog) into the memory state those answers give', () => {
    const db = openCollection(':memory:');
    const history = [
      { reviewedAt: NOW - 30 * DAY, rating: 3 as const, durationMs: 5000 },
      { reviewedAt: NOW - 30 * DAY + 600_000, rating: 3 as const, durationMs: 3000 },
      { reviewedAt: NOW - 20 * DAY, rating: 1 as const, durationMs: 8000 },
      { reviewedAt: NOW - 20 * DAY + 600_000, rating: 3 as const, durationMs: 2000 },
      { reviewedAt: NOW - 5 * DAY, rating: 4 as const, durationMs: 1000 },
    ];
    importNotes(db, [note('anki:x', 'Region', 'A place', {}, { history: [...history].reverse() })], 'Anki');
    const [c] = cards(db);
    const replay = createReplayer(deckOptions(db, c!.deck_id as number))(c!.id as number, history);
    expect(c).toMatchObject({
      state: replay.memory.state,
      due: replay.memory.due,
      stability: replay.memory.stability,
      difficulty: replay.memory.difficulty,
      reps: 5,
      lapses: 1,
      last_review: NOW - 5 * DAY,
    });
    const rows = db.prepare('SELECT reviewed_at, rating, state_before, state_after, stability, duration_ms, origin FROM review ORDER BY reviewed_at').all();
    expect(rows).toEqual(
      replay.steps.map((s, i) => ({ reviewed_at: s.reviewedAt, rating: s.rating, state_before: s.before.state, state_after: s.after.state, stability: s.after.stability, duration_ms: history[i]!.durationMs, origin: 'import' })),
    );
  });

  it('adds only answers the card does not have, and takes the imported schedule only when it knows a later answer', () => {
    const db = openCollection(':memory:');
    const h = (days: number, rating: 1 | 2 | 3 | 4 = 3) => ({ reviewedAt: NOW - days * DAY, rating, durationMs: 1000 });
    importNotes(db, [note('anki:x', 'Q', 'A', {}, { history: [h(30), h(20)] })], 'Anki');
    const first = cards(db)[0]!;

    // The same history again: nothing to do.
    expect(planImport(db, parsed([note('anki:x', 'Q', 'A', {}, { history: [h(30), h(20)] })]), { now: NOW }).cards[0]).toMatchObject({ action: 'unchanged', newReviews: 0 });

    // An older answer the collection did not know: logged, schedule kept.
    const older = applyImport(db, planImport(db, parsed([note('anki:x', 'Q', 'A', {}, { history: [h(40), h(30), h(20)] })]), { now: NOW }));
    expect(older).toMatchObject({ updated: 1, reviews: 1 });
    expect(cards(db)[0]).toEqual(first);

    // A later answer: logged, and the card's schedule is the replay of all four answers.
    const plan = planImport(db, parsed([note('anki:x', 'Q', 'A', {}, { history: [h(40), h(30), h(20), h(2, 2)] })]), { now: NOW });
    expect(plan.cards[0]).toMatchObject({ action: 'update', changes: ['history', 'schedule'], newReviews: 1 });
    applyImport(db, plan);
    const replay = createReplayer(deckOptions(db, first.deck_id as number))(first.id as number, [h(40), h(30), h(20), h(2, 2)]);
    expect(cards(db)[0]).toMatchObject({ reps: 4, last_review: NOW - 2 * DAY, stability: replay.memory.stability, due: replay.memory.due });
    expect(db.prepare('SELECT count(*) AS n FROM review').get()).toEqual({ n: 4 });
  });

  it('stores imported answers with origin "import", which undo leaves alone', () => {
    const { db, study, deckId } = sampleCollection(NOW);
    const appCard = (db.prepare('SELECT id FROM card WHERE deck_id = ? ORDER BY position LIMIT 1').get(deckId) as { id: number }).id;
    study.answer({ cardId: appCard, rating: 'good', durationMs: 1000 });
    importNotes(db, [note('anki:x', 'Q', 'A', {}, { history: [{ reviewedAt: NOW + 1000, rating: 3, durationMs: 1000 }] })], 'Anki');
    const undone = study.undo();
    expect(undone?.card.id).toBe(appCard);
    expect(db.prepare("SELECT origin, count(*) AS n FROM review GROUP BY origin").all()).toEqual([{ origin: 'import', n: 1 }]);
    expect(study.undo()).toBeNull();
  });

  it('plans again when the collection changed after the preview', () => {
    const db = openCollection(':memory:');
    const plan = planImport(db, parsed([note('k1', 'Region', 'A place'), note('k2', 'AZ', 'Data centres')]), { now: NOW, deck: 'AWS' });
    importNotes(db, [note('k1', 'Region', 'Changed meanwhile')], 'AWS');
    const summary = applyImport(db, plan);
    expect(summary).toMatchObject({ replanned: true, added: 1, updated: 1, unchanged: 0 });
    expect(cards(db).map((c) => [c.guid, c.back])).toEqual([
      ['k1', 'A place'],
      ['k2', 'Data centres'],
    ]);
    // Applying the same plan again finds everything in place.
    expect(applyImport(db, plan)).toMatchObject({ replanned: true, added: 0, updated: 0, unchanged: 2 });
  });

  it('reports progress up to the last note', () => {
    const db = openCollection(':memory:');
    const notes = Array.from({ length: 2500 }, (_, i) => note(`k${i}`, `Q${i}`, `A${i}`));
    const seen: [number, number][] = [];
    applyImport(db, planImport(db, parsed(notes), { now: NOW }), (p) => seen.push([p.done, p.total]));
    expect(seen).toEqual([
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });

  it('writes nothing at all when any statement fails', () => {
    const db = openCollection(':memory:');
    importNotes(db, [note('k0', 'Existing', 'card')], 'AWS');
    const before = snapshot(db);
    db.exec(`CREATE TRIGGER fail_late BEFORE INSERT ON card WHEN NEW.front = 'Q2' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    const plan = planImport(db, parsed([note('k0', 'Existing', 'edited'), note('k1', 'Q1', 'A1', { deck: 'New deck' }), note('k2', 'Q2', 'A2')]), { now: NOW });
    expect(() => applyImport(db, plan)).toThrow('disk trouble');
    expect(db.inTransaction).toBe(false);
    expect(snapshot(db)).toEqual(before);
  });
});
