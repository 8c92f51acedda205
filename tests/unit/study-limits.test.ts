// Each sub-deck's own daily limits in a parent's session, as Anki's v3 scheduler applies them
// ("limits start from top" off): a card counts against the limits of its deck and of every
// ancestor up to the studied deck; a deck's count for today covers its whole subtree, wherever the
// answers were given; new cards answered count against reviews/day, and new cards shown never take
// the day past it; learning cards are not limited. The hand-built trees check exact sessions; the
// random walk checks Study (its in-memory day queue and its deck list) against a reference that
// follows Anki's LimitTreeMap step by step on SQL read fresh each time.
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bulkAction } from '../../electron/core/browse';
import { openCollection } from '../../electron/core/db/collection';
import { createDeck } from '../../electron/core/deckAdmin';
import { addNote } from '../../electron/core/edit';
import { createPreset, deckOptions, setDeckPreset, updatePreset } from '../../electron/core/presets';
import { getSettings, updateSettings } from '../../electron/core/settings';
import { LEARN_AHEAD_MS, Study } from '../../electron/core/study';
import { DAY, HOUR, MINUTE, studyDay } from '../../electron/core/time';
import { undoLatest } from '../../electron/core/undoLog';
import type { QueueCounts, Rating } from '../../electron/shared/contract';
import { TestClock } from './helpers';

// 09:00 in Amsterdam (the unit tests' TZ) on a Monday.
const MONDAY_9 = Date.parse('2026-03-02T08:00:00Z');
const RATINGS: Rating[] = ['again', 'hard', 'good', 'easy'];

/**
 * The brief's tree: P (the Default preset: 20 new, 200 reviews a day) with children P::A (5 new a
 * day) and P::B (0 new a day), and P::A::G under A (2 new a day). P has 3 new cards, A 6, B 4, G 4;
 * each deck numbers its cards' positions from 1, so new cards interleave across the decks.
 */
function tree(sizes = { P: 3, A: 6, B: 4, G: 4 }) {
  const db: Database = openCollection(':memory:');
  const clock = new TestClock(MONDAY_9);
  updateSettings(db, { newPerDay: 20, reviewsPerDay: 200 });
  const deck = (name: string, newPerDay?: number) => {
    const id = createDeck(db, name, MONDAY_9).id;
    if (newPerDay !== undefined) {
      const preset = createPreset(db, `${newPerDay} a day (${name})`, MONDAY_9);
      updatePreset(db, preset.id, { options: { newPerDay } });
      setDeckPreset(db, [id], preset.id, MONDAY_9);
    }
    return id;
  };
  const ids = { P: deck('P'), A: deck('P::A', 5), B: deck('P::B', 0), G: deck('P::A::G', 2) };
  const cards: Record<keyof typeof ids, number[]> = { P: [], A: [], B: [], G: [] };
  for (const name of ['P', 'A', 'B', 'G'] as const) {
    for (let i = 0; i < sizes[name]; i++) {
      const note = addNote(db, { deckId: ids[name], kind: 'basic', fields: [`${name}${i}?`, `${name}${i}`], tags: [] }, MONDAY_9);
      cards[name].push(db.prepare('SELECT id FROM card WHERE note_id = ?').pluck().get(note.id) as number);
    }
  }
  const study = new Study(db, clock.read);
  return { db, clock, study, ids, cards };
}
type Tree = ReturnType<typeof tree>;

/** Answers a deck's cards until none is left; returns them in the order shown. */
function studyAll(t: Tree, deckId: number, max = 100): number[] {
  const shown: number[] = [];
  let next = t.study.nextCard(deckId);
  while (next.card && shown.length < max) {
    shown.push(next.card.id);
    next = t.study.answer({ cardId: next.card.id, rating: 'easy', durationMs: 1000 }).next;
    // The in-memory queue agrees with one built from SQL after every answer.
    expect(next).toEqual(new Study(t.db, t.clock.read).nextCard(deckId));
  }
  return shown;
}

function answer(t: Tree, deckId: number, n: number): number[] {
  const shown: number[] = [];
  for (let i = 0; i < n; i++) {
    const card = t.study.nextCard(deckId).card!;
    shown.push(card.id);
    t.study.answer({ cardId: card.id, rating: 'easy', durationMs: 1000 });
  }
  return shown;
}

/** The deck list's today counts for a deck, in a session's shape. */
function listed(t: Tree, deckId: number): QueueCounts {
  const d = t.study.listDecks().find((x) => x.id === deckId)!;
  return { new: d.newToday, learning: d.learningDue, review: d.reviewDue };
}

function setReview(db: Database, id: number, due: number): void {
  db.prepare('UPDATE card SET state = 2, due = ?, stability = 5, difficulty = 5, reps = 1, last_review = ? WHERE id = ?').run(due, due - DAY, id);
}

describe("a parent's session honours each sub-deck's own limits", () => {
  it('takes new cards by position across the tree, each deck giving no more than it and its ancestors allow', () => {
    const t = tree();
    const { P, A, G } = t.cards;
    const expected = [P[0], A[0], G[0], P[1], A[1], G[1], P[2], A[2]];
    expect(t.study.nextCard(t.ids.P).counts).toEqual({ new: 8, learning: 0, review: 0 });
    // The deck list shows what each deck's own session would: P 3 + A's subtree 5 + B 0.
    expect([t.ids.P, t.ids.A, t.ids.B, t.ids.G].map((id) => listed(t, id).new)).toEqual([8, 5, 0, 2]);
    // B (0 a day) gives nothing; G stops at 2, and A's 5 include G's 2.
    expect(studyAll(t, t.ids.P)).toEqual(expected);
    expect([t.ids.P, t.ids.A, t.ids.B, t.ids.G].map((id) => listed(t, id).new)).toEqual([0, 0, 0, 0]);
  });

  it("counts what a child introduced today by itself against the parent's session", () => {
    const t = tree();
    const { P, A, G } = t.cards;
    // Studied alone, A shows A0 and G0 (position 1), then A1: three of its five for today.
    expect(answer(t, t.ids.A, 3)).toEqual([A[0], G[0], A[1]]);
    expect(listed(t, t.ids.A).new).toBe(2);
    expect(listed(t, t.ids.G).new).toBe(1);
    expect(listed(t, t.ids.P).new).toBe(5);
    expect(studyAll(t, t.ids.P)).toEqual([P[0], P[1], G[1], P[2], A[2]]);
  });

  it("gives a child's allowance back on undo, whether answered from the child or the parent", () => {
    const t = tree();
    const before = t.study.nextCard(t.ids.P);
    const [first] = answer(t, t.ids.A, 1);
    expect(t.study.nextCard(t.ids.P).counts.new).toBe(7);
    undoLatest(t.db, t.study);
    expect(t.study.nextCard(t.ids.P)).toEqual(before);
    expect(listed(t, t.ids.A).new).toBe(5);
    // From the parent: A's card answered there counts against A too, and undo restores both.
    answer(t, t.ids.P, 2); // P0, A0
    expect(listed(t, t.ids.A).new).toBe(4);
    const undone = t.study.undo()!;
    expect(undone.card.id).toBe(first);
    expect(undone.next.counts).toEqual({ new: 7, learning: 0, review: 0 });
    expect(listed(t, t.ids.A).new).toBe(5);
    expect(t.study.nextCard(t.ids.P)).toEqual(new Study(t.db, t.clock.read).nextCard(t.ids.P));
  });

  it("caps a child's reviews by its own reviews/day, and its new cards by the reviews left", () => {
    const t = tree();
    const { P, A, G } = t.cards;
    const preset = t.db.prepare('SELECT preset_id FROM deck WHERE id = ?').pluck().get(t.ids.A) as number;
    updatePreset(t.db, preset, { options: { reviewsPerDay: 3 } });
    // Reviews due in P (1), A (2) and G (2), in this order of due.
    setReview(t.db, G[3]!, MONDAY_9 - 5 * HOUR);
    setReview(t.db, A[5]!, MONDAY_9 - 4 * HOUR);
    setReview(t.db, P[2]!, MONDAY_9 - 3 * HOUR);
    setReview(t.db, G[2]!, MONDAY_9 - 2 * HOUR);
    setReview(t.db, A[4]!, MONDAY_9 - HOUR);
    // A's subtree gives 3 reviews, which spend its reviews/day: none of its (or G's) new cards.
    expect(listed(t, t.ids.A)).toEqual({ new: 0, learning: 0, review: 3 });
    expect(listed(t, t.ids.P)).toEqual({ new: 2, learning: 0, review: 4 });
    expect(studyAll(t, t.ids.P)).toEqual([G[3], A[5], P[2], G[2], P[0], P[1]]);
  });

  it("caps new cards by the studied deck's reviews left, counting new cards answered today as reviews", () => {
    const t = tree();
    updateSettings(t.db, { reviewsPerDay: 4 });
    setReview(t.db, t.cards.B[3]!, MONDAY_9 - HOUR);
    // 4 a day: one review due, so three new cards at most.
    expect(t.study.nextCard(t.ids.P).counts).toEqual({ new: 3, learning: 0, review: 1 });
    answer(t, t.ids.P, 2); // the review, then a new card: 4 - 1 - 1 = 2 left, all new
    expect(t.study.nextCard(t.ids.P).counts).toEqual({ new: 2, learning: 0, review: 0 });
    expect(listed(t, t.ids.P)).toEqual({ new: 2, learning: 0, review: 0 });
  });

  it('does not limit learning cards, even in a deck whose limits are spent', () => {
    const t = tree();
    updateSettings(t.db, { newPerDay: 0, reviewsPerDay: 0 });
    t.db.prepare('UPDATE card SET state = 1, due = ?, stability = 1, difficulty = 5, reps = 1, last_review = ? WHERE id = ?').run(MONDAY_9 - MINUTE, MONDAY_9 - 10 * MINUTE, t.cards.B[0]);
    expect(t.study.nextCard(t.ids.P)).toMatchObject({ card: { id: t.cards.B[0] }, counts: { new: 0, learning: 1, review: 0 } });
    expect(listed(t, t.ids.P)).toEqual({ new: 0, learning: 1, review: 0 });
  });
});

// --- the reference: Anki's LimitTreeMap on SQL read fresh --------------------------------------

const AVAILABLE = 'suspended = 0 AND (buried_until IS NULL OR buried_until <= @now)';

interface Limits {
  review: number;
  new: number;
}

/**
 * What a session of `deckId` shows, computed as Anki's v3 queue builder does: a tree of remaining
 * limits (each node capped by its parent's when inserted), reviews then new cards gathered in
 * order, each taken when its deck's node has some left, decrementing the node and its parents;
 * a node whose limit reaches zero caps its descendants (rslib decks/limits.rs).
 */
function reference(db: Database, deckId: number, now: number): { id: number | null; counts: QueueCounts } {
  const day = studyDay(now, getSettings(db).dayStartHour);
  const all = db.prepare('SELECT id, name FROM deck').all() as { id: number; name: string }[];
  const root = all.find((d) => d.id === deckId)!;
  const decks = all.filter((d) => d.id === deckId || d.name.toLowerCase().startsWith(`${root.name.toLowerCase()}::`));
  const byName = new Map(decks.map((d) => [d.name.toLowerCase(), d.id]));
  const parentOf = new Map<number, number | null>();
  for (const d of decks) {
    let parent: number | null = null;
    const parts = d.name.toLowerCase().split('::');
    for (let n = parts.length - 1; n > 0 && parent === null; n--) parent = byName.get(parts.slice(0, n).join('::')) ?? null;
    parentOf.set(d.id, d.id === deckId ? null : parent);
  }
  const childrenOf = (id: number) => decks.filter((d) => parentOf.get(d.id) === id).map((d) => d.id);
  const subtree = (id: number): number[] => [id, ...childrenOf(id).flatMap(subtree)];
  const doneIn = (ids: number[]) =>
    db.prepare(`SELECT coalesce(sum(r.state_before = 0), 0) AS n, coalesce(sum(r.state_before = 2), 0) AS r
      FROM review r JOIN card c ON c.id = r.card_id WHERE r.reviewed_at >= ? AND c.deck_id IN (SELECT value FROM json_each(?))`)
      .get(day.start, JSON.stringify(ids)) as { n: number; r: number };
  // RemainingLimits::new_for_normal_deck_v3, then cap_to(parent) on insert (top down).
  const limits = new Map<number, Limits>();
  const insert = (id: number) => {
    const o = deckOptions(db, id);
    const done = doneIn(subtree(id));
    const review = o.reviewsPerDay - done.r - done.n;
    const fresh = Math.min(o.newPerDay - done.n, review);
    const l = { review: Math.max(0, review), new: Math.max(0, fresh) };
    const p = parentOf.get(id);
    if (p !== null && p !== undefined) {
      l.review = Math.min(l.review, limits.get(p)!.review);
      l.new = Math.min(l.new, limits.get(p)!.new);
    }
    limits.set(id, l);
    childrenOf(id).forEach(insert);
  };
  insert(deckId);
  const capDown = (id: number, cap: Limits) => {
    const l = limits.get(id)!;
    l.review = Math.min(l.review, cap.review);
    l.new = Math.min(l.new, cap.new);
    childrenOf(id).forEach((c) => capDown(c, cap));
  };
  const decrement = (id: number, kind: 'review' | 'new') => {
    const l = limits.get(id)!;
    const before = { ...l };
    if (kind === 'review') {
      l.review = Math.max(0, l.review - 1);
      l.new = Math.min(l.new, l.review);
    } else {
      l.new = Math.max(0, l.new - 1);
    }
    if ((before.review > 0 && l.review === 0) || (before.new > 0 && l.new === 0)) capDown(id, { ...l });
    const p = parentOf.get(id);
    if (p !== null && p !== undefined) decrement(p, kind);
  };
  const ids = JSON.stringify(decks.map((d) => d.id));
  const gather = (kind: 'review' | 'new', sql: string) => {
    const taken: number[] = [];
    for (const c of db.prepare(sql).all({ decks: ids, now, end: day.end }) as { id: number; deck_id: number }[]) {
      if (limits.get(deckId)![kind] === 0) break;
      if (limits.get(c.deck_id)![kind] === 0) continue;
      taken.push(c.id);
      decrement(c.deck_id, kind);
    }
    return taken;
  };
  const scope = 'deck_id IN (SELECT value FROM json_each(@decks))';
  const learning = db.prepare(`SELECT id, due FROM card WHERE ${scope} AND state IN (1, 3) AND due < @end AND ${AVAILABLE} ORDER BY due, id`)
    .all({ decks: ids, now, end: day.end }) as { id: number; due: number }[];
  const reviews = gather('review', `SELECT id, deck_id FROM card WHERE ${scope} AND state = 2 AND due < @end AND ${AVAILABLE} ORDER BY due, id`);
  const fresh = gather('new', `SELECT id, deck_id FROM card WHERE ${scope} AND state = 0 AND ${AVAILABLE} ORDER BY position, id`);
  const counts = { new: fresh.length, learning: learning.length, review: reviews.length };
  const head = learning[0];
  const id =
    head && head.due <= now ? head.id
    : reviews[0] ?? fresh[0] ?? (head && head.due <= Math.min(now + LEARN_AHEAD_MS, day.end) ? head.id : null);
  return { id, counts };
}

describe('the limits under a random walk, against the reference', () => {
  function random(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it.each([1, 2, 3])('Study and its deck list match Anki\u2019s rules after every step (seed %i)', (seed) => {
    const t = tree({ P: 12, A: 15, B: 10, G: 12 });
    const rand = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const decks = [t.ids.P, t.ids.A, t.ids.B, t.ids.G];
    // A fifth deck with a missing parent: it hangs under A, and A's limits cap it.
    const orphan = Number(t.db.prepare("INSERT INTO deck (name, created_at) VALUES ('P::A::X::Y', ?)").run(MONDAY_9).lastInsertRowid);
    for (let i = 0; i < 6; i++) addNote(t.db, { deckId: orphan, kind: i % 2 ? 'reversed' : 'basic', fields: [`Y${i}?`, `Y${i}`], tags: [] }, MONDAY_9);
    decks.push(orphan);
    const presets = decks.map((id) => t.db.prepare('SELECT coalesce(preset_id, 1) FROM deck WHERE id = ?').pluck().get(id) as number);
    // Some reviews due from the start.
    for (const id of t.db.prepare('SELECT id FROM card WHERE id % 3 = 0').pluck().all() as number[]) setReview(t.db, id, MONDAY_9 - Math.floor(rand() * 3 * DAY));
    const anyCard = () => pick(t.db.prepare('SELECT id FROM card').pluck().all() as number[]);
    let deck = t.ids.P;
    const log: string[] = [];
    const steps: [number, string, () => void][] = [
      [40, 'answer the next card', () => {
        const next = t.study.nextCard(deck).card;
        if (next) t.study.answer({ cardId: next.id, rating: pick(RATINGS), durationMs: 500 });
      }],
      [8, 'undo', () => void t.study.undo()],
      [2, 'undo the latest step', () => void undoLatest(t.db, t.study)],
      [12, 'switch decks', () => (deck = pick(decks))],
      [10, 'a few minutes pass', () => t.clock.advance(Math.floor(rand() * 15 * MINUTE))],
      [2, 'hours pass', () => t.clock.advance(Math.floor(rand() * 8 * HOUR))],
      [2, 'days pass', () => t.clock.advance(Math.floor((1 + rand() * 2) * DAY))],
      [4, 'change a preset\u2019s limits', () => {
        updatePreset(t.db, pick(presets), { options: { newPerDay: Math.floor(rand() * 8), reviewsPerDay: Math.floor(rand() * 12) } });
      }],
      [2, 'bulk suspend or unsuspend', () => void bulkAction(t.db, [anyCard()], { kind: rand() < 0.6 ? 'suspend' : 'unsuspend' }, t.clock.now)],
      [2, 'move a card to another deck', () => void bulkAction(t.db, [anyCard()], { kind: 'move', deckId: pick(decks) }, t.clock.now)],
    ];
    const total = steps.reduce((n, [w]) => n + w, 0);
    let compared = 0;
    for (let i = 0; i < 400; i++) {
      let r = rand() * total;
      const [, name, run] = steps.find(([w]) => (r -= w) < 0) ?? steps[0]!;
      log.push(name);
      try {
        run();
      } catch (err) {
        if (!/suspended|can\u2019t be undone|nothing to undo/i.test(String(err))) throw new Error(`step ${i} (${log.slice(-5).join(' → ')}): ${String(err)}`);
      }
      const list = t.study.listDecks();
      for (const d of decks) {
        const expected = reference(t.db, d, t.clock.now);
        const actual = t.study.nextCard(d);
        const row = list.find((x) => x.id === d)!;
        const where = `step ${i} (${log.slice(-5).join(' → ')}), deck ${d}`;
        expect({ id: actual.card?.id ?? null, counts: actual.counts }, where).toEqual(expected);
        expect({ new: row.newToday, learning: row.learningDue, review: row.reviewDue }, `${where}: deck list`).toEqual(expected.counts);
        if (expected.counts.new + expected.counts.review > 0) compared++;
      }
    }
    // The walk did meet sessions with cards to show, not only spent limits.
    expect(compared).toBeGreaterThan(200);
  });
});
