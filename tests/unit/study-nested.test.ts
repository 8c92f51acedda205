// Nested decks, as in Anki: studying "AWS" draws from AWS and every "AWS::…" deck, the deck list
// counts a parent with its children, and the studied deck's limits cap the whole session while
// each child's own limits cap what it gives (study-limits.test.ts checks those rules in depth).
// See the top of electron/core/study.ts.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { createDeck } from '../../electron/core/deckAdmin';
import { addNote } from '../../electron/core/edit';
import { createPreset, setDeckPreset, updatePreset } from '../../electron/core/presets';
import { updateSettings } from '../../electron/core/settings';
import { Study } from '../../electron/core/study';
import { DAY, HOUR, MINUTE } from '../../electron/core/time';
import { undoLatest } from '../../electron/core/undoLog';
import { TestClock } from './helpers';

// 09:00 in Amsterdam (the unit tests' TZ) on a Monday.
const MONDAY_9 = Date.parse('2026-03-02T08:00:00Z');

/**
 * AWS (2 new cards) with children "aws::Compute" (named in another case: names nest
 * case-insensitively) and AWS::Storage (3 new cards each), a grandchild AWS::Storage::S3 (1 new),
 * and two decks outside the tree: "AWSX" (a name prefix, not a child) and Other.
 */
function nested(limits = { newPerDay: 20, reviewsPerDay: 200 }) {
  const db: Database = openCollection(':memory:');
  const clock = new TestClock(MONDAY_9);
  const deck = (name: string) => createDeck(db, name, MONDAY_9).id;
  const aws = deck('AWS');
  const compute = deck('aws::Compute');
  const storage = deck('AWS::Storage');
  const s3 = deck('AWS::Storage::S3');
  const awsx = deck('AWSX');
  const other = deck('Other');
  const cards: Record<string, number[]> = {};
  const add = (name: string, deckId: number, n: number) => {
    cards[name] = [];
    for (let i = 0; i < n; i++) {
      const note = addNote(db, { deckId, kind: 'basic', fields: [`${name} question ${i}`, `${name} answer ${i}`], tags: [] }, MONDAY_9);
      cards[name].push(...(db.prepare('SELECT id FROM card WHERE note_id = ? ORDER BY ord').pluck().all(note.id) as number[]));
    }
  };
  add('aws', aws, 2);
  add('compute', compute, 3);
  add('storage', storage, 3);
  add('s3', s3, 1);
  add('awsx', awsx, 2);
  add('other', other, 2);
  updateSettings(db, limits);
  const study = new Study(db, clock.read);
  return { db, clock, study, aws, compute, storage, s3, awsx, other, cards };
}

type Setup = ReturnType<typeof nested>;

/** Puts a card in a state by hand (a learning or review card due at `due`). */
function setCard(db: Database, id: number, state: 1 | 2 | 3, due: number): void {
  db.prepare('UPDATE card SET state = ?, due = ?, stability = 5, difficulty = 5, reps = 1, last_review = ? WHERE id = ?').run(state, due, due - DAY, id);
}

/** What a Study built from scratch (its queue read from SQL) shows for the deck now. */
function fresh(s: Setup, deckId: number) {
  return new Study(s.db, s.clock.read).nextCard(deckId);
}

/** Answers the deck's cards with `rating` until none is left; returns the ids in the order shown. */
function studyAll(s: Setup, deckId: number, rating: 'good' | 'easy' = 'easy'): number[] {
  const shown: number[] = [];
  let next = s.study.nextCard(deckId);
  while (next.card) {
    shown.push(next.card.id);
    const result = s.study.answer({ cardId: next.card.id, rating, durationMs: 1000 });
    // The in-memory queue of the subtree matches a queue read from SQL after every answer.
    expect(result.next).toEqual(fresh(s, deckId));
    next = result.next;
    s.clock.advance(MINUTE);
  }
  return shown;
}

const summary = (s: Setup, id: number) => s.study.listDecks().find((d) => d.id === id)!;

describe('nested decks: the deck list', () => {
  it('lists parents before their children with depth and parentId, and counts each subtree', () => {
    const s = nested();
    setCard(s.db, s.cards.compute![0]!, 2, MONDAY_9 - HOUR); // a review due
    setCard(s.db, s.cards.s3![0]!, 1, MONDAY_9 + 5 * MINUTE); // learning due today
    setCard(s.db, s.cards.storage![0]!, 2, MONDAY_9 + 3 * DAY); // a review not due
    s.db.prepare('UPDATE card SET suspended = 1 WHERE id = ?').run(s.cards.aws![1]);
    const decks = s.study.listDecks();
    expect(decks.map((d) => [d.name, d.depth, d.parentId])).toEqual([
      ['AWS', 0, null],
      ['aws::Compute', 1, s.aws],
      ['AWS::Storage', 1, s.aws],
      ['AWS::Storage::S3', 2, s.storage],
      ['AWSX', 0, null],
      ['Other', 0, null],
    ]);
    expect(summary(s, s.aws)).toMatchObject({
      total: 9, new: 5, learning: 1, review: 2, newToday: 5, learningDue: 1, reviewDue: 1, dueToday: 7,
    });
    expect(summary(s, s.storage)).toMatchObject({ total: 4, new: 2, learning: 1, review: 1, newToday: 2, learningDue: 1, reviewDue: 0, dueToday: 3 });
    expect(summary(s, s.s3)).toMatchObject({ total: 1, new: 0, learning: 1, newToday: 0, learningDue: 1, dueToday: 1 });
    expect(summary(s, s.compute)).toMatchObject({ total: 3, new: 2, review: 1, newToday: 2, reviewDue: 1, dueToday: 3 });
    // "AWSX" only starts like "AWS": it is not counted in it, nor it in AWS.
    expect(summary(s, s.awsx)).toMatchObject({ total: 2, newToday: 2, dueToday: 2 });
  });

  it('hangs a deck whose parent is missing under its nearest ancestor, and studies it with that ancestor', () => {
    const s = nested();
    // An import can leave "AWS::Network" out; createDeck would have made it.
    const deep = Number(s.db.prepare("INSERT INTO deck (name, created_at) VALUES ('aws::Network::VPC', ?)").run(MONDAY_9).lastInsertRowid);
    const note = addNote(s.db, { deckId: deep, kind: 'basic', fields: ['VPC?', 'A network'], tags: [] }, MONDAY_9);
    const card = s.db.prepare('SELECT id FROM card WHERE note_id = ?').pluck().get(note.id) as number;
    const decks = s.study.listDecks();
    expect(decks.map((d) => d.name).slice(0, 3)).toEqual(['AWS', 'aws::Compute', 'aws::Network::VPC']);
    expect(decks.find((d) => d.id === deep)).toMatchObject({ depth: 1, parentId: s.aws, total: 1, newToday: 1 });
    expect(summary(s, s.aws)).toMatchObject({ total: 10, newToday: 10 });
    expect(studyAll(s, s.aws)).toContain(card);
  });

  it("caps a parent's counts by the parent's limits, counting today's answers in the whole subtree", () => {
    const s = nested({ newPerDay: 4, reviewsPerDay: 200 });
    expect(summary(s, s.aws).newToday).toBe(4);
    // Two new cards answered in a child, studied alone: the parent has two left today.
    studyAllNew(s, s.compute, 2);
    expect(summary(s, s.aws).newToday).toBe(2);
    expect(summary(s, s.compute).newToday).toBe(1);
  });
});

/** Answers the first `n` cards the deck shows. */
function studyAllNew(s: Setup, deckId: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const card = s.study.nextCard(deckId).card!;
    s.study.answer({ cardId: card.id, rating: 'easy', durationMs: 1000 });
  }
}

describe('nested decks: studying a parent', () => {
  it('shows learning due, then reviews due today, then new cards, each in its order across the subtree', () => {
    const s = nested();
    const { cards } = s;
    setCard(s.db, cards.storage![2]!, 3, MONDAY_9 - 2 * MINUTE); // relearning, due first
    setCard(s.db, cards.s3![0]!, 1, MONDAY_9 - MINUTE); // learning in the grandchild
    setCard(s.db, cards.aws![0]!, 2, MONDAY_9 + 2 * HOUR);
    setCard(s.db, cards.compute![2]!, 2, MONDAY_9 - DAY);
    setCard(s.db, cards.storage![1]!, 2, MONDAY_9 + HOUR);
    setCard(s.db, cards.other![0]!, 2, MONDAY_9 - 2 * DAY); // outside the tree
    setCard(s.db, cards.awsx![0]!, 1, MONDAY_9 - 3 * MINUTE); // outside the tree
    const shown = studyAll(s, s.aws);
    expect(shown).toEqual([
      cards.storage![2], cards.s3![0], // learning by due
      cards.compute![2], cards.storage![1], cards.aws![0], // reviews by due
      // New cards by position (each deck numbers its own from 1), then id.
      cards.compute![0], cards.storage![0], // position 1
      cards.aws![1], cards.compute![1], // position 2
    ]);
    // Nothing outside the subtree was touched.
    expect(s.db.prepare('SELECT count(*) FROM review r JOIN card c ON c.id = r.card_id WHERE c.deck_id IN (?, ?)').pluck().get(s.awsx, s.other)).toBe(0);
  });

  it("caps the whole session by the studied deck's limits and each child's, and a child studied alone by its own", () => {
    const s = nested({ newPerDay: 2, reviewsPerDay: 6 });
    setCard(s.db, s.cards.compute![2]!, 2, MONDAY_9 - DAY);
    setCard(s.db, s.cards.storage![2]!, 2, MONDAY_9 - HOUR);
    // Storage has its own preset: one new card a day.
    const preset = createPreset(s.db, 'One a day', MONDAY_9);
    updatePreset(s.db, preset.id, { options: { newPerDay: 1 } });
    setDeckPreset(s.db, [s.storage], preset.id, MONDAY_9);

    expect(s.study.nextCard(s.aws).counts).toEqual({ new: 2, learning: 0, review: 2 });
    expect(s.study.nextCard(s.storage).counts).toEqual({ new: 1, learning: 0, review: 1 });
    const shown = studyAll(s, s.aws);
    // Both reviews by due, then new cards by position: AWS's and Compute's first use up AWS's two.
    expect(shown).toEqual([s.cards.compute![2], s.cards.storage![2], s.cards.aws![0], s.cards.compute![0]]);
    // The parent's limits are used up. Storage studied alone still has what its own limits allow,
    // counting the parent session's answers in it (one review: 6 - 1 reviews left; no new card):
    // its one new card of the day, the first by position in its subtree.
    expect(s.study.nextCard(s.aws)).toEqual({ card: null, counts: { new: 0, learning: 0, review: 0 } });
    const storageAlone = s.study.nextCard(s.storage);
    expect(storageAlone.counts).toEqual({ new: 1, learning: 0, review: 0 });
    expect(storageAlone.card?.id).toBe(s.cards.storage![0]);
  });

  it('undoes an answer of a child card in the parent session: the card comes back first, in the parent queue', () => {
    const s = nested({ newPerDay: 5, reviewsPerDay: 200 });
    setCard(s.db, s.cards.compute![2]!, 2, MONDAY_9 - DAY);
    const before = s.study.nextCard(s.aws);
    expect(before.card?.id).toBe(s.cards.compute![2]);
    const answered = s.study.answer({ cardId: before.card!.id, rating: 'again', durationMs: 1000 });
    expect(answered.next).toEqual(fresh(s, s.aws));
    s.clock.advance(MINUTE);
    const undone = undoLatest(s.db, s.study);
    expect(undone && 'review' in undone ? undone.review.deckId : null).toBe(s.aws);
    const result = undone && 'review' in undone ? undone.review : null;
    expect(result?.next.card?.id).toBe(before.card!.id);
    expect(result?.next.counts).toEqual(before.counts);
    expect(s.study.nextCard(s.aws)).toEqual(fresh(s, s.aws));
  });

  it('keeps the parent and a child queue in step when both are studied in turn', () => {
    const s = nested({ newPerDay: 6, reviewsPerDay: 200 });
    setCard(s.db, s.cards.storage![1]!, 2, MONDAY_9 - HOUR);
    expect(s.study.nextCard(s.aws)).toEqual(fresh(s, s.aws));
    expect(s.study.nextCard(s.storage)).toEqual(fresh(s, s.storage));
    for (let i = 0; i < 6; i++) {
      const deckId = i % 2 === 0 ? s.storage : s.aws;
      const card = s.study.nextCard(deckId).card;
      if (!card) break;
      const { next } = s.study.answer({ cardId: card.id, rating: i % 3 === 0 ? 'again' : 'good', durationMs: 500 });
      expect(next).toEqual(fresh(s, deckId));
      expect(s.study.nextCard(s.aws)).toEqual(fresh(s, s.aws));
      expect(s.study.nextCard(s.storage)).toEqual(fresh(s, s.storage));
      s.clock.advance(2 * MINUTE);
    }
  });
});

describe('nested decks: a child studied alone and the session summary', () => {
  it('studies only the child (and its own children) when the child is chosen', () => {
    const s = nested();
    const shown = studyAll(s, s.storage);
    expect(new Set(shown)).toEqual(new Set([...s.cards.storage!, ...s.cards.s3!]));
    const compute = studyAll(s, s.compute);
    expect(new Set(compute)).toEqual(new Set(s.cards.compute!));
  });

  it('summarises the session over the subtree', () => {
    const s = nested();
    const since = new Date(MONDAY_9).toISOString();
    s.study.nextCard(s.aws);
    const first = s.study.nextCard(s.aws).card!;
    s.study.answer({ cardId: first.id, rating: 'good', durationMs: 2000 });
    const child = s.study.nextCard(s.compute).card!;
    s.study.answer({ cardId: child.id, rating: 'again', durationMs: 3000 });
    const other = s.study.nextCard(s.other).card!;
    s.study.answer({ cardId: other.id, rating: 'good', durationMs: 4000 });
    const parent = s.study.sessionSummary(s.aws, Date.parse(since));
    expect(parent).toMatchObject({ reviewed: 2, retention: 0.5, timeMs: 5000 });
    // The child's learning card (again) is the soonest due in the subtree.
    const childDue = (s.db.prepare('SELECT due FROM card WHERE id = ?').pluck().get(child.id) as number);
    expect(parent.nextDue).toBe(new Date(childDue).toISOString());
    expect(s.study.sessionSummary(s.compute, Date.parse(since))).toMatchObject({ reviewed: 1, retention: 0, timeMs: 3000 });
    expect(s.study.sessionSummary(s.s3, Date.parse(since))).toMatchObject({ reviewed: 0, retention: null, timeMs: 0 });
  });
});
