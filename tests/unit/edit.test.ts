import { describe, expect, it } from 'vitest';
import { bulkAction } from '../../electron/core/browse';
import { addNote, cardInfo, cardStatus, clozeSides, getNote, previewNote, updateNote } from '../../electron/core/edit';
import { installClfC02Preset } from '../../electron/core/exam/profile';
import { DAY } from '../../electron/core/time';
import { undoLatest } from '../../electron/core/undoLog';
import { browseFixture, dumpTables } from './browse-fixture';
import { sampleCollection } from './helpers';

describe('adding notes', () => {
  it('adds a basic note with one card at the end of the deck\u2019s new queue', () => {
    const f = browseFixture();
    const last = f.db.prepare('SELECT max(position) FROM card WHERE deck_id = ?').pluck().get(f.decks.azure) as number;
    const note = addNote(f.db, { deckId: f.decks.azure, kind: 'basic', fields: ['What is **Entra ID**?', 'Identity service'], tags: ['identity', ' azure  identity ', 'IDENTITY'] }, f.now);
    expect(note).toMatchObject({ deckId: f.decks.azure, deck: 'Azure', kind: 'basic', fields: ['What is **Entra ID**?', 'Identity service'], tags: ['identity', 'azure'], source: null });
    expect(note.cards).toEqual([{ id: expect.any(Number), ord: 0, deckId: f.decks.azure, front: 'What is **Entra ID**?', back: 'Identity service', state: 'new' }]);
    expect(f.db.prepare('SELECT position FROM card WHERE id = ?').pluck().get(note.cards[0]!.id)).toBe(last + 1);
    expect(f.db.prepare('SELECT guid FROM note WHERE id = ?').pluck().get(note.id)).toMatch(/^stratus:[0-9a-f-]{36}$/);
  });

  it('adds a reversed note as two cards, one each way', () => {
    const f = browseFixture();
    const note = addNote(f.db, { deckId: f.decks.aws, kind: 'reversed', fields: ['S3', 'Object storage'], tags: [] }, f.now);
    expect(note.cards.map((c) => [c.ord, c.front, c.back])).toEqual([[0, 'S3', 'Object storage'], [1, 'Object storage', 'S3']]);
  });

  it('adds a cloze note as one card per number, with hints and the extra on the back', () => {
    expect(clozeSides('{{c1::Paris::city}} is the capital of {{c2::France}}; {{c1::it}} is big', 'Extra')).toEqual([
      { ord: 0, front: '[city] is the capital of France; [...] is big', back: '**Paris** is the capital of France; **it** is big\n\nExtra' },
      { ord: 1, front: 'Paris is the capital of [...]; it is big', back: 'Paris is the capital of **France**; it is big\n\nExtra' },
    ]);
    const f = browseFixture();
    const note = addNote(f.db, { deckId: f.decks.aws, kind: 'cloze', fields: ['{{c2::Lambda}} runs {{c3::code}}'], tags: [] }, f.now);
    expect(note.cards.map((c) => c.ord)).toEqual([1, 2]);
    expect(note.fields).toEqual(['{{c2::Lambda}} runs {{c3::code}}', '']);
  });

  it.each([
    [{ kind: 'basic', fields: ['  ', 'x'] }, 'The front is empty.'],
    [{ kind: 'reversed', fields: ['x', ''] }, /The back is empty/],
    [{ kind: 'cloze', fields: ['no deletion here'] }, /has no deletion; mark one like \{\{c1::answer\}\}/],
    [{ kind: 'basic', fields: ['a', 'b', 'c'] }, 'A basic note has 2 fields, not 3.'],
    [{ kind: 'odd', fields: ['a', 'b'] }, /"odd" is not a note type/],
    [{ kind: 'basic', fields: ['x'.repeat(200_001), 'b'] }, /Field 1 is longer than 200,000 characters/],
  ])('refuses %j without adding anything', (input, message) => {
    const f = browseFixture();
    const before = dumpTables(f.db);
    expect(() => addNote(f.db, { deckId: f.decks.aws, tags: [], ...input } as never, f.now)).toThrow(message);
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('refuses an unknown deck', () => {
    const f = browseFixture();
    expect(() => addNote(f.db, { deckId: 99, kind: 'basic', fields: ['a', 'b'], tags: [] }, f.now)).toThrow('There is no deck with id 99.');
  });

  it('is undoable', () => {
    const f = browseFixture();
    const before = dumpTables(f.db);
    addNote(f.db, { deckId: f.decks.aws, kind: 'reversed', fields: ['a', 'b'], tags: [] }, f.now);
    expect(undoLatest(f.db, f.study)?.step).toMatchObject({ kind: 'addNote', label: 'Add note (2 cards)' });
    expect(dumpTables(f.db)).toEqual(before);
  });
});

describe('editing notes', () => {
  it('updates cards in place, keeping their ids and review history; undo restores the text', () => {
    const f = browseFixture();
    f.study.answer({ cardId: f.card.blob, rating: 'good', durationMs: 1000 });
    const before = dumpTables(f.db);
    f.clock.advance(1000);
    const note = updateNote(f.db, { noteId: f.notes.blob.id, fields: ['What is Azure Blob Storage?', 'Object storage in Azure'], tags: ['azure'] }, f.clock.now);
    expect(note.cards[0]).toMatchObject({ id: f.card.blob, front: 'What is Azure Blob Storage?', state: 'learning' });
    expect(note.tags).toEqual(['azure']);
    expect(note.edited).toBe(new Date(f.clock.now).toISOString());
    expect(f.db.prepare('SELECT count(*) FROM review WHERE card_id = ?').pluck().get(f.card.blob)).toBe(1);
    expect(undoLatest(f.db, f.study)?.step.kind).toBe('editNote');
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('follows cloze numbers: new numbers add cards, removed ones delete theirs (undoable with history)', () => {
    const f = browseFixture();
    f.study.answer({ cardId: f.card.cloze2, rating: 'good', durationMs: 1000 });
    const before = dumpTables(f.db);
    f.clock.advance(1000);
    const note = updateNote(f.db, { noteId: f.notes.cloze.id, fields: ['{{c1::S3}} stores data in {{c3::buckets}}', 'extra'] }, f.clock.now);
    expect(note.cards.map((c) => [c.ord, c.front])).toEqual([[0, '[...] stores data in buckets'], [2, 'S3 stores data in [...]']]);
    expect(note.cards[0]!.id).toBe(f.card.cloze1);
    expect(f.db.prepare('SELECT count(*) FROM card WHERE note_id = ? AND ord = 1').pluck().get(f.notes.cloze.id)).toBe(0);
    expect(f.db.prepare('SELECT count(*) FROM review').pluck().get()).toBe(0);
    undoLatest(f.db, f.study);
    expect(dumpTables(f.db)).toEqual(before);
  });

  it('edits the cards of a generated note one by one', () => {
    const { db, deckId, clock, study } = sampleCollection(Date.parse('2026-03-02T08:00:00Z'));
    const noteId = db.prepare('SELECT note_id FROM card WHERE deck_id = ? ORDER BY id LIMIT 1').pluck().get(deckId) as number;
    // Notes from the notes generator have no fields the cards could follow.
    db.prepare("UPDATE note SET kind = 'generated', fields = '[]' WHERE id = ?").run(noteId);
    const note = getNote(db, noteId);
    expect(note.fields).toBeNull();
    expect(note.source).toBeTruthy();
    expect(() => updateNote(db, { noteId, fields: ['a', 'b'] }, clock.now)).toThrow(/has no fields to edit; edit its cards one by one/);
    const card = note.cards[0]!;
    const updated = updateNote(db, { noteId, cards: [{ id: card.id, front: 'One (edited)', back: '1' }] }, clock.now);
    expect(updated.cards[0]).toMatchObject({ id: card.id, front: 'One (edited)', back: '1' });
    expect(() => updateNote(db, { noteId, cards: [{ id: 9999, front: 'x', back: 'y' }] }, clock.now)).toThrow(`Card 9999 is not a card of note ${noteId}.`);
    expect(() => updateNote(db, { noteId, cards: [{ id: card.id, front: ' ', back: 'y' }] }, clock.now)).toThrow(`The front of card ${card.id} is empty.`);
    expect(undoLatest(db, study)?.step.kind).toBe('editNote');
    expect(getNote(db, noteId).cards[0]!.front).toBe(card.front);
  });

  it('records nothing when nothing changed, and refuses unknown notes', () => {
    const f = browseFixture();
    const count = f.db.prepare('SELECT count(*) FROM undo_action').pluck();
    const n = count.get();
    updateNote(f.db, { noteId: f.notes.s3.id, fields: ['What is Amazon S3?', 'Object storage'], tags: ['storage', 'aws::s3'] }, f.now);
    expect(count.get()).toBe(n);
    expect(() => updateNote(f.db, { noteId: 999, tags: [] }, f.now)).toThrow('There is no note with id 999.');
  });
});

describe('preview, card info and status', () => {
  it('renders the preview through the sanitizer, leniently', () => {
    const cards = previewNote('basic', ['**Bold** <script>alert(1)</script>', '<img src="https://x/y.png">ok']);
    expect(cards).toEqual([{ ord: 0, front: '<p><strong>Bold</strong> </p>', back: '<p>ok</p>' }]);
    expect(previewNote('cloze', ['no deletion yet'])).toEqual([]);
    expect(previewNote('reversed', ['a', ''])).toHaveLength(2);
  });

  it('shows history newest first, memory state and recall now and on exam day', () => {
    const f = browseFixture();
    installClfC02Preset(f.db, f.now, '2026-06-01');
    f.study.answer({ cardId: f.card.blob, rating: 'good', durationMs: 2000 });
    f.clock.advance(10 * 60_000);
    f.study.answer({ cardId: f.card.blob, rating: 'good', durationMs: 4000 });
    f.clock.advance(3 * DAY);
    const info = cardInfo(f.db, f.card.blob, f.clock.now);
    expect(info).toMatchObject({
      id: f.card.blob,
      noteId: f.notes.blob.id,
      deck: 'Azure',
      preset: 'Default',
      state: 'review',
      reps: 2,
      lapses: 0,
      totalTimeMs: 6000,
      averageTimeMs: 3000,
      firstReview: new Date(f.now).toISOString(),
      latestReview: new Date(f.now + 10 * 60_000).toISOString(),
      front: '<p>What is Blob storage?</p>',
    });
    expect(info.reviews.map((r) => [r.rating, r.state, r.durationMs])).toEqual([['good', 'learning', 4000], ['good', 'new', 2000]]);
    expect(info.retrievabilityNow).toBeGreaterThan(0);
    expect(info.retrievabilityNow).toBeLessThan(1);
    expect(info.examDay?.date).toBe('2026-06-01');
    expect(info.examDay!.retrievability!).toBeLessThan(info.retrievabilityNow!);
    const fresh = cardInfo(f.db, f.card.cloze1, f.clock.now);
    expect(fresh).toMatchObject({ state: 'new', due: null, stability: null, retrievabilityNow: null, reviews: [], firstReview: null, examDay: { date: '2026-06-01', retrievability: null } });
    expect(() => cardInfo(f.db, 999, f.now)).toThrow('There is no card with id 999.');
  });

  it('reports the review screen\u2019s marks', () => {
    const f = browseFixture();
    expect(cardStatus(f.db, f.card.s3, f.now)).toEqual({ id: f.card.s3, flag: 0, marked: false, suspended: false, buried: false });
    bulkAction(f.db, [f.card.s3], { kind: 'flag', flag: 4 }, f.now);
    bulkAction(f.db, [f.card.s3], { kind: 'toggleMark' }, f.now);
    bulkAction(f.db, [f.card.s3], { kind: 'bury' }, f.now);
    expect(cardStatus(f.db, f.card.s3, f.now)).toEqual({ id: f.card.s3, flag: 4, marked: true, suspended: false, buried: true });
  });
});
