import { describe, expect, it } from 'vitest';
import { bulkAction } from '../../electron/core/browse';
import { createDeck, deckTree, deleteDeck, normalizeDeckName, renameDeck } from '../../electron/core/deckAdmin';
import { installClfC02Preset, mapDeckToDomain } from '../../electron/core/exam/profile';
import { undoLatest } from '../../electron/core/undoLog';
import { browseFixture, dumpTables } from './browse-fixture';

describe('deck names', () => {
  it.each([
    ['  AWS  ', 'AWS'],
    ['AWS :: Security ::  IAM', 'AWS::Security::IAM'],
    ['Cloud   Basics', 'Cloud Basics'],
  ])('normalize %j', (input, expected) => expect(normalizeDeckName(input)).toBe(expected));

  it.each([
    ['', 'A deck needs a name.'],
    ['::', 'A deck needs a name.'],
    ['A::::B', /has an empty part/],
    ['A::', /has an empty part/],
    ['x'.repeat(201), /at most 200 characters/],
  ])('refuse %j', (input, message) => expect(() => normalizeDeckName(input)).toThrow(message));
});

describe('creating, renaming and nesting decks', () => {
  it('creates a nested deck with its missing parents, as a tree', () => {
    const f = browseFixture();
    const deck = createDeck(f.db, 'GCP::Compute::GKE', f.now);
    expect(deck).toMatchObject({ name: 'GCP::Compute::GKE', leafName: 'GKE', depth: 2, presetId: 1, presetName: 'Default', cards: 0, builtin: false });
    const tree = deckTree(f.db);
    expect(tree.map((d) => [d.name, d.depth])).toEqual([
      ['AWS', 0], ['AWS::Security', 1], ['Azure', 0], ['GCP', 0], ['GCP::Compute', 1], ['GCP::Compute::GKE', 2],
    ]);
    const byName = new Map(tree.map((d) => [d.name, d]));
    expect(byName.get('GCP::Compute::GKE')!.parentId).toBe(byName.get('GCP::Compute')!.id);
    expect(byName.get('AWS')).toMatchObject({ cards: 5, parentId: null });
    expect(() => createDeck(f.db, 'aws', f.now)).toThrow('There is already a deck called "AWS".');
    // Undo removes the deck and the parents it created.
    expect(undoLatest(f.db, f.study)?.step.kind).toBe('createDeck');
    expect(deckTree(f.db).map((d) => d.name)).toEqual(['AWS', 'AWS::Security', 'Azure']);
  });

  it('renames a parent with its children, and moves a deck under another parent', () => {
    const f = browseFixture();
    const before = dumpTables(f.db);
    renameDeck(f.db, f.decks.aws, 'Amazon', f.now);
    expect(deckTree(f.db).map((d) => d.name)).toEqual(['Amazon', 'Amazon::Security', 'Azure']);
    renameDeck(f.db, f.decks.security, 'Cloud::Security', f.now);
    expect(deckTree(f.db).map((d) => d.name)).toEqual(['Amazon', 'Azure', 'Cloud', 'Cloud::Security']);
    renameDeck(f.db, f.decks.azure, 'AZURE', f.now);
    expect(deckTree(f.db).map((d) => d.name)).toContain('AZURE');
    undoLatest(f.db, f.study);
    undoLatest(f.db, f.study);
    undoLatest(f.db, f.study);
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('refuses clashes and moving a deck inside itself', () => {
    const f = browseFixture();
    expect(() => renameDeck(f.db, f.decks.aws, 'azure', f.now)).toThrow('There is already a deck called "Azure".');
    expect(() => renameDeck(f.db, f.decks.aws, 'AWS::Inner', f.now)).toThrow('"AWS" can\u2019t be moved inside itself.');
    createDeck(f.db, 'Other::Security', f.now);
    expect(() => renameDeck(f.db, f.decks.aws, 'Other', f.now)).toThrow('There is already a deck called "Other".');
    expect(() => renameDeck(f.db, 99, 'X', f.now)).toThrow('There is no deck with id 99.');
  });
});

describe('deleting decks', () => {
  it('deletes a deck, its children, their cards, notes and history; undo restores everything', () => {
    const f = browseFixture();
    installClfC02Preset(f.db, f.now);
    const exam = f.db.prepare('SELECT id FROM exam').pluck().get() as number;
    const domain = f.db.prepare('SELECT id FROM exam_domain WHERE exam_id = ? ORDER BY id LIMIT 1').pluck().get(exam) as number;
    mapDeckToDomain(f.db, f.decks.security, domain);
    f.study.answer({ cardId: f.card.iam, rating: 'good', durationMs: 1000 });
    f.clock.advance(1000);
    const before = dumpTables(f.db);
    const result = deleteDeck(f.db, f.decks.aws, f.clock.now);
    expect(result).toEqual({ decks: 2, notes: 4, cards: 6, reviews: 1 });
    expect(deckTree(f.db).map((d) => d.name)).toEqual(['Azure']);
    expect(f.db.prepare('SELECT count(*) FROM card').pluck().get()).toBe(1);
    expect(f.db.prepare('SELECT count(*) FROM deck_domain WHERE deck_id = ?').pluck().get(f.decks.security)).toBe(0);
    expect(undoLatest(f.db, f.study)?.step).toMatchObject({ kind: 'deleteDeck', label: 'Delete deck "AWS" and 1 child deck (6 cards)' });
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('keeps a note whose other cards live in another deck, moving it there', () => {
    const f = browseFixture();
    bulkAction(f.db, [f.card.ec2Reverse], { kind: 'move', deckId: f.decks.azure }, f.now);
    const before = dumpTables(f.db);
    const result = deleteDeck(f.db, f.decks.aws, f.now);
    expect(result.cards).toBe(5);
    expect(f.db.prepare('SELECT deck_id FROM note WHERE id = ?').pluck().get(f.notes.ec2.id)).toBe(f.decks.azure);
    expect(f.db.prepare('SELECT count(*) FROM card WHERE note_id = ?').pluck().get(f.notes.ec2.id)).toBe(1);
    undoLatest(f.db, f.study);
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('refuses to undo a delete when a deck with that name was created since', () => {
    const f = browseFixture();
    deleteDeck(f.db, f.decks.azure, f.now);
    // Renaming outside the undo log (an import creating the deck) leaves the clash for undo to report.
    f.db.prepare("INSERT INTO deck (name, created_at) VALUES ('Azure', 0)").run();
    expect(() => undoLatest(f.db, f.study)).toThrow('This can\u2019t be undone: there is a deck called "Azure" now; rename or delete it first.');
    expect(deckTree(f.db).filter((d) => d.name === 'Azure')).toHaveLength(1);
  });
});
