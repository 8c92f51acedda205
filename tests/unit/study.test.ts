import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../electron/core/time';
import { cardRow, reviewRows, sampleCollection } from './helpers';

// 09:00 in Amsterdam (the unit tests' TZ) on a Monday.
const MONDAY_9 = Date.parse('2026-03-02T08:00:00Z');

function deckLimits(card: { new: number; learning: number; review: number }) {
  return [card.new, card.learning, card.review];
}

describe('today\'s queue', () => {
  it('shows new cards in deck order, then learning cards as they come due', () => {
    const { study, deckId, clock } = sampleCollection(MONDAY_9);
    const first = study.nextCard(deckId);
    expect(first.card!.id).toBe(1);
    expect(deckLimits(first.counts)).toEqual([6, 0, 0]);
    const after = study.answer({ cardId: 1, rating: 'again', durationMs: 100 });
    // Card 1 is learning, due in 1 minute: the next new card comes first.
    expect(after.next.card!.id).toBe(2);
    expect(deckLimits(after.next.counts)).toEqual([5, 1, 0]);
    clock.advance(2 * MINUTE);
    expect(study.nextCard(deckId).card!.id).toBe(1);
  });

  it('brings learning cards back early when nothing else is left (20-minute learn-ahead)', () => {
    const { study, clock } = sampleCollection(MONDAY_9, { newPerDay: 1 });
    const { next } = study.answer({ cardId: 1, rating: 'good', durationMs: 0 });
    // Good on a new card → 10-minute step; no other card is allowed today, so it comes back now.
    expect(next.card!.id).toBe(1);
    clock.advance(MINUTE);
    const done = study.answer({ cardId: 1, rating: 'good', durationMs: 0 });
    expect(done.card.state).toBe('review');
    expect(done.next.card).toBeNull();
  });

  it('respects the new cards per day limit across sessions of the same day', () => {
    const { study, deckId, clock } = sampleCollection(MONDAY_9, { newPerDay: 2 });
    study.answer({ cardId: 1, rating: 'easy', durationMs: 0 });
    study.answer({ cardId: 2, rating: 'easy', durationMs: 0 });
    expect(study.nextCard(deckId).card).toBeNull();
    expect(study.listDecks()[0]).toMatchObject({ new: 4, newToday: 0, dueToday: 0 });
    clock.advance(20 * HOUR); // 05:00 next day, after the 04:00 day start
    expect(study.listDecks()[0]).toMatchObject({ newToday: 2 });
  });

  it('respects the reviews per day limit', () => {
    const { db, study, deckId, clock } = sampleCollection(MONDAY_9, { newPerDay: 10, reviewsPerDay: 2 });
    for (const id of [1, 2, 3, 6]) study.answer({ cardId: id, rating: 'easy', durationMs: 0 });
    // Make all four due in the past: four reviews due, two allowed.
    db.prepare('UPDATE card SET due = ? WHERE state = 2').run(MONDAY_9 + DAY);
    clock.advance(3 * DAY);
    const q = study.nextCard(deckId);
    expect(q.counts.review).toBe(2);
    study.answer({ cardId: q.card!.id, rating: 'good', durationMs: 0 });
    const q2 = study.nextCard(deckId);
    study.answer({ cardId: q2.card!.id, rating: 'good', durationMs: 0 });
    const rest = study.nextCard(deckId);
    expect(rest.counts.review).toBe(0);
    expect(rest.card === null || rest.card.state === 'new').toBe(true);
  });

  it('rolls the day over at the configured hour, in local time', () => {
    const { study, clock } = sampleCollection(Date.parse('2026-03-02T22:00:00Z'), { newPerDay: 1, dayStartHour: 6 });
    study.answer({ cardId: 1, rating: 'easy', durationMs: 0 }); // 23:00 local, Monday's study day
    clock.now = Date.parse('2026-03-03T04:30:00Z'); // 05:30 local: still Monday's study day
    expect(study.listDecks()[0]!.newToday).toBe(0);
    clock.now = Date.parse('2026-03-03T05:00:00Z'); // 06:00 local: a new study day
    expect(study.listDecks()[0]!.newToday).toBe(1);
  });

  it('lists decks with counts by state and today\'s work', () => {
    const { study } = sampleCollection(MONDAY_9);
    study.answer({ cardId: 1, rating: 'again', durationMs: 0 });
    study.answer({ cardId: 2, rating: 'easy', durationMs: 0 });
    expect(study.listDecks()).toEqual([
      {
        id: 1, name: 'Sample', depth: 0, parentId: null, total: 6, new: 4, learning: 1, review: 1,
        newToday: 4, learningDue: 1, reviewDue: 0, dueToday: 5,
      },
    ]);
  });
});

describe('burying siblings', () => {
  it('buries the other card of a note until the next day starts', () => {
    const { db, study, deckId, clock } = sampleCollection(MONDAY_9, { newPerDay: 10 });
    // Cards 4 and 5 are the two directions of "Four ::: 4".
    study.answer({ cardId: 4, rating: 'good', durationMs: 0 });
    expect(cardRow(db, 5).buried_until).toBe(Date.parse('2026-03-03T03:00:00Z')); // 04:00 local
    const seen = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const next = study.nextCard(deckId).card;
      if (!next) break;
      seen.add(next.id);
      study.answer({ cardId: next.id, rating: 'easy', durationMs: 0 });
    }
    expect(seen.has(5)).toBe(false);
    clock.now = Date.parse('2026-03-03T03:00:00Z');
    expect(study.nextCard(deckId).card!.id).toBe(5);
  });

  it('can be turned off', () => {
    const { db, study } = sampleCollection(MONDAY_9, { burySiblings: false });
    study.answer({ cardId: 4, rating: 'good', durationMs: 0 });
    expect(cardRow(db, 5).buried_until).toBeNull();
  });
});

describe('undo', () => {
  it('restores the card exactly and removes its review log', () => {
    const { db, study, clock } = sampleCollection(MONDAY_9);
    study.answer({ cardId: 1, rating: 'good', durationMs: 0 });
    clock.advance(10 * MINUTE);
    const before = cardRow(db, 1);
    const logsBefore = reviewRows(db);
    study.answer({ cardId: 1, rating: 'again', durationMs: 0 });
    expect(cardRow(db, 1)).not.toEqual(before);
    const undone = study.undo()!;
    expect(cardRow(db, 1)).toEqual(before);
    expect(reviewRows(db)).toEqual(logsBefore);
    expect(undone.card.id).toBe(1);
    expect(undone.next.card!.id).toBe(1);
  });

  it('also unburies the siblings the answer buried', () => {
    const { db, study } = sampleCollection(MONDAY_9);
    const sibling = cardRow(db, 5);
    study.answer({ cardId: 4, rating: 'good', durationMs: 0 });
    study.undo();
    expect(cardRow(db, 5)).toEqual(sibling);
  });

  it('walks back several answers, then reports nothing to undo', () => {
    const { db, study } = sampleCollection(MONDAY_9);
    const fresh = [1, 2, 3].map((id) => cardRow(db, id));
    for (const id of [1, 2, 3]) study.answer({ cardId: id, rating: 'hard', durationMs: 0 });
    expect([study.undo()!.card.id, study.undo()!.card.id, study.undo()!.card.id]).toEqual([3, 2, 1]);
    expect([1, 2, 3].map((id) => cardRow(db, id))).toEqual(fresh);
    expect(study.undo()).toBeNull();
  });
});

describe('session summary', () => {
  it('reports reviewed, retention, time and when the next card is due', () => {
    const { study, deckId, clock } = sampleCollection(MONDAY_9, { newPerDay: 2 });
    const since = clock.now;
    study.answer({ cardId: 1, rating: 'again', durationMs: 3000 });
    study.answer({ cardId: 2, rating: 'good', durationMs: 2000 });
    expect(study.sessionSummary(deckId, since)).toEqual({
      reviewed: 2,
      retention: 0.5,
      timeMs: 5000,
      nextDue: new Date(MONDAY_9 + MINUTE).toISOString(),
    });
  });

  it('says tomorrow when only new cards are left and today\'s limit is used', () => {
    const { study, deckId } = sampleCollection(MONDAY_9, { newPerDay: 1 });
    study.answer({ cardId: 1, rating: 'easy', durationMs: 0 });
    const s = study.sessionSummary(deckId, MONDAY_9);
    expect(s.nextDue).toBe(new Date(Date.parse('2026-03-03T03:00:00Z')).toISOString());
    expect(study.sessionSummary(deckId, MONDAY_9 + 1)).toMatchObject({ reviewed: 0, retention: null, timeMs: 0 });
  });
});

describe('bad requests', () => {
  it('names the missing card or deck', () => {
    const { study } = sampleCollection(MONDAY_9);
    expect(() => study.answer({ cardId: 999, rating: 'good', durationMs: 0 })).toThrow('There is no card with id 999.');
    expect(() => study.nextCard(42)).toThrow('There is no deck with id 42.');
  });

  it('refuses to answer a suspended card and writes nothing', () => {
    const { db, study } = sampleCollection(MONDAY_9);
    db.prepare('UPDATE card SET suspended = 1 WHERE id = 1').run();
    expect(() => study.answer({ cardId: 1, rating: 'good', durationMs: 0 })).toThrow(/suspended/);
    expect(reviewRows(db)).toEqual([]);
  });
});
