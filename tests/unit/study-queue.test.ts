// The day queue Study keeps in memory must show exactly what today's SQL shows. The reference
// below is the queue as Study computed it before the day queue existed (the same SQL, run fresh on
// every call); each test compares Study with it after the changes the queue must notice: answers
// and undos through Study, bulk actions, edits, presets, undo of an action, another Study on the
// same connection, another connection, the clock (learning steps, buried cards coming back, day
// rollover, a clock set back) — and a long seeded random walk over all of them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { bulkAction } from '../../electron/core/browse';
import { CARD_COLUMNS, type CardRow } from '../../electron/core/cards';
import { openCollection } from '../../electron/core/db/collection';
import { createDeck } from '../../electron/core/deckAdmin';
import { addNote, updateNote } from '../../electron/core/edit';
import { createPreset, deckOptions, setDeckPreset, updatePreset } from '../../electron/core/presets';
import { RenderCache, renderCardHtml } from '../../electron/core/render';
import { createScheduler, STATE_NAMES } from '../../electron/core/scheduler';
import { getSettings, updateSettings } from '../../electron/core/settings';
import { LEARN_AHEAD_MS, Study } from '../../electron/core/study';
import { DAY, HOUR, intervalLabel, MINUTE, studyDay } from '../../electron/core/time';
import { undoLatest } from '../../electron/core/undoLog';
import type { NextCard, Rating } from '../../electron/shared/contract';
import { TestClock } from './helpers';

// 09:00 in Amsterdam (the unit tests' TZ) on a Monday.
const MONDAY_9 = Date.parse('2026-03-02T08:00:00Z');
const RATINGS: Rating[] = ['again', 'hard', 'good', 'easy'];

// --- the reference: today's queue straight from SQL ------------------------------------------------

const AVAILABLE = 'suspended = 0 AND (buried_until IS NULL OR buried_until <= @now)';

function referenceNext(db: Db, deckId: number, now: number): NextCard {
  const day = studyDay(now, getSettings(db).dayStartHour);
  const options = deckOptions(db, deckId);
  const done = db
    .prepare(`SELECT sum(r.state_before = 0) AS newDone, sum(r.state_before = 2) AS reviewDone
      FROM review r CROSS JOIN card c ON c.id = r.card_id WHERE r.reviewed_at >= ? AND c.deck_id = ?`)
    .get(day.start, deckId) as { newDone: number | null; reviewDone: number | null };
  // Anki v3: new cards answered today count against reviews/day too, and the new cards shown never
  // take the day past reviews/day (new left ≤ reviews left after today's reviews are shown).
  const newDone = done.newDone ?? 0;
  const reviewLeft = Math.max(0, options.reviewsPerDay - (done.reviewDone ?? 0) - newDone);
  const n = (sql: string, p: Record<string, number>) => (db.prepare(sql).get({ deck: deckId, now, ...p }) as { n: number }).n;
  const review = reviewLeft === 0
    ? 0
    : n(`SELECT count(*) AS n FROM (SELECT 1 FROM card WHERE deck_id = @deck AND state = 2 AND due < @until AND ${AVAILABLE} LIMIT @cap)`, { until: day.end, cap: reviewLeft });
  const newLeft = Math.max(0, Math.min(options.newPerDay - newDone, reviewLeft - review));
  const counts = {
    new: newLeft === 0 ? 0 : n(`SELECT count(*) AS n FROM (SELECT 1 FROM card WHERE deck_id = @deck AND state = 0 AND ${AVAILABLE} LIMIT @cap)`, { cap: newLeft }),
    learning: n(`SELECT count(*) AS n FROM card WHERE deck_id = @deck AND state IN (1, 3) AND due < @until AND ${AVAILABLE}`, { until: day.end }),
    review,
  };
  const first = (where: string, order: string, p: Record<string, number> = {}) =>
    db.prepare(`SELECT ${CARD_COLUMNS} FROM card WHERE deck_id = @deck AND ${where} AND ${AVAILABLE} ORDER BY ${order} LIMIT 1`).get({ deck: deckId, now, ...p }) as
      | CardRow
      | undefined;
  const row =
    first('state IN (1, 3) AND due <= @until', 'due, id', { until: now }) ??
    (counts.review > 0 ? first('state = 2 AND due < @until', 'due, id', { until: day.end }) : undefined) ??
    (counts.new > 0 ? first('state = 0', 'position, id') : undefined) ??
    first('state IN (1, 3) AND due <= @until', 'due, id', { until: Math.min(now + LEARN_AHEAD_MS, day.end) });
  if (!row) return { card: null, counts };
  const outcomes = createScheduler(options).preview(row.id, {
    state: row.state, due: row.due, stability: row.stability, difficulty: row.difficulty, scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps, reps: row.reps, lapses: row.lapses, lastReview: row.last_review,
  }, now);
  const previews = Object.fromEntries(RATINGS.map((r) => [r, { due: new Date(outcomes[r].due).toISOString(), label: intervalLabel(now, outcomes[r].due) }]));
  return {
    card: { id: row.id, deckId: row.deck_id, state: STATE_NAMES[row.state]!, front: renderCardHtml(row.front), back: renderCardHtml(row.back), previews } as NextCard['card'],
    counts,
  };
}

/**
 * White-box check of a deck's day queue against the collection (the random walk runs it after each
 * nextCard): every list holds exactly the cards SQL finds, in order; a partly loaded lane holds
 * exactly those up to the last row it read; the day's answer counts match the doneToday query.
 */
function checkQueue(db: Db, study: Study, deckId: number, now: number): void {
  interface Entry { id: number; key: number; list: Entry[] }
  interface Lane { items: Entry[]; complete: boolean; bound: { key: number; id: number } | null }
  type Queue = { day: { start: number; end: number }; done: Map<number, { new: number; review: number }>; learning: Entry[]; review: Map<number, Lane>; fresh: Map<number, Lane>; byId: Map<number, Entry> };
  const queue = (study as unknown as { queues: Map<number, Queue> }).queues.get(deckId);
  if (!queue) return;
  // These decks have no sub-decks: one lane of each kind, one deck's answers.
  const q = { ...queue, review: queue.review.get(deckId)!, fresh: queue.fresh.get(deckId)!, answered: queue.done.get(deckId)! };
  const ids = (where: string, key: string) =>
    db.prepare(`SELECT id, ${key} AS key FROM card WHERE deck_id = @deck AND ${where} AND ${AVAILABLE} ORDER BY ${key}, id`).all({ deck: deckId, now, end: q.day.end }) as { id: number; key: number }[];
  const upTo = (rows: { id: number; key: number }[], lane: Lane) =>
    lane.complete ? rows : rows.filter((r) => lane.bound !== null && (r.key < lane.bound.key || (r.key === lane.bound.key && r.id <= lane.bound.id)));
  const plain = (list: Entry[]) => list.map((e) => ({ id: e.id, key: e.key }));
  expect(plain(q.learning)).toEqual(ids('state IN (1, 3) AND due < @end', 'due'));
  expect(plain(q.review.items)).toEqual(upTo(ids('state = 2 AND due < @end', 'due'), q.review));
  expect(plain(q.fresh.items)).toEqual(upTo(ids('state = 0', 'position'), q.fresh));
  const done = db.prepare(`SELECT coalesce(sum(r.state_before = 0), 0) AS newDone, coalesce(sum(r.state_before = 2), 0) AS reviewDone
    FROM review r JOIN card c ON c.id = r.card_id WHERE r.reviewed_at >= ? AND c.deck_id = ?`).get(q.day.start, deckId);
  expect({ newDone: q.answered.new, reviewDone: q.answered.review }).toEqual(done);
  expect(q.byId.size).toBe(q.learning.length + q.review.items.length + q.fresh.items.length);
  for (const list of [q.learning, q.review.items, q.fresh.items]) for (const e of list) expect(q.byId.get(e.id)).toBe(e);
}

// --- fixtures ---------------------------------------------------------------------------------

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/**
 * A collection in a file (so a second connection can write to it): deck A with 80 basic and 20
 * reversed notes (siblings to bury), deck B with 10 basic notes; small limits, so the queue loads
 * only part of its new and review cards.
 */
function collection(limits = { newPerDay: 8, reviewsPerDay: 6 }) {
  const dir = mkdtempSync(join(tmpdir(), 'stratus-queue-'));
  dirs.push(dir);
  const file = join(dir, 'c.stratus');
  const db = openCollection(file);
  const clock = new TestClock(MONDAY_9);
  const a = createDeck(db, 'A', MONDAY_9).id;
  const b = createDeck(db, 'B', MONDAY_9).id;
  const notes: number[] = [];
  for (let i = 0; i < 100; i++) {
    notes.push(addNote(db, { deckId: a, kind: i % 5 === 4 ? 'reversed' : 'basic', fields: [`Question **${i}**`, `Answer ${i}`], tags: [] }, MONDAY_9).id);
  }
  for (let i = 0; i < 10; i++) addNote(db, { deckId: b, kind: 'basic', fields: [`B question ${i}`, `B answer ${i}`], tags: [] }, MONDAY_9);
  updateSettings(db, limits);
  const study = new Study(db, clock.read);
  const expectSame = (deckId: number) => {
    expect(study.nextCard(deckId)).toEqual(referenceNext(db, deckId, clock.now));
    checkQueue(db, study, deckId, clock.now);
  };
  return { file, db, clock, study, a, b, notes, expectSame };
}

function answerNext(s: ReturnType<typeof collection>, deckId: number, rating: Rating = 'good') {
  const card = s.study.nextCard(deckId).card!;
  const result = s.study.answer({ cardId: card.id, rating, durationMs: 1000 });
  expect(result.next).toEqual(referenceNext(s.db, deckId, s.clock.now));
  return { card, result };
}

// --- what the queue must notice ---------------------------------------------------------------

describe('the day queue follows the collection', () => {
  it('answers: counts, limits, learning steps and buried siblings, as the SQL has them', () => {
    const s = collection();
    s.expectSame(s.a);
    for (let i = 0; i < 30; i++) {
      if (s.study.nextCard(s.a).card) answerNext(s, s.a, RATINGS[i % 4]!);
      s.clock.advance(3 * MINUTE);
    }
    s.expectSame(s.a);
    s.expectSame(s.b);
  });

  it('a bulk suspend of the card shown next: it is not shown, and the counts drop', () => {
    const s = collection();
    const { result } = answerNext(s, s.a, 'easy');
    const shown = result.next.card!.id;
    bulkAction(s.db, [shown], { kind: 'suspend' }, s.clock.now);
    const next = s.study.nextCard(s.a);
    expect(next.card!.id).not.toBe(shown);
    expect(next.counts.new).toBe(result.next.counts.new);
    s.expectSame(s.a);
    // And undoing the suspension (an action) brings it back.
    undoLatest(s.db, s.study);
    expect(s.study.nextCard(s.a).card!.id).toBe(shown);
    s.expectSame(s.a);
  });

  it('a bulk bury and unbury, and moving a card to another deck', () => {
    const s = collection();
    const first = s.study.nextCard(s.a).card!.id;
    bulkAction(s.db, [first], { kind: 'bury' }, s.clock.now);
    expect(s.study.nextCard(s.a).card!.id).not.toBe(first);
    s.expectSame(s.a);
    bulkAction(s.db, [first], { kind: 'unbury' }, s.clock.now);
    expect(s.study.nextCard(s.a).card!.id).toBe(first);
    bulkAction(s.db, [first], { kind: 'move', deckId: s.b }, s.clock.now);
    s.expectSame(s.a);
    s.expectSame(s.b);
  });

  it('an edit: the new text is shown, not the HTML rendered before', () => {
    const s = collection();
    const card = s.study.nextCard(s.a).card!;
    expect(card.front).toBe('<p>Question <strong>0</strong></p>');
    updateNote(s.db, { noteId: s.notes[0]!, fields: ['Question *zero*', 'Answer 0'] }, s.clock.now);
    expect(s.study.nextCard(s.a).card!.front).toBe('<p>Question <em>zero</em></p>');
    // An import or any other write on the connection counts the same way.
    s.db.prepare('UPDATE card SET back = ? WHERE id = ?').run('Imported *back*', card.id);
    expect(s.study.nextCard(s.a).card!.back).toBe('<p>Imported <em>back</em></p>');
    s.expectSame(s.a);
  });

  it('a new card added to the deck (an import) joins the queue in position order', () => {
    const s = collection({ newPerDay: 200, reviewsPerDay: 200 });
    s.expectSame(s.a);
    s.db.prepare('UPDATE card SET position = -1 WHERE id = (SELECT max(id) FROM card WHERE deck_id = ?)').run(s.a);
    s.expectSame(s.a);
  });

  it('preset changes: new limits and a different preset apply at once', () => {
    const s = collection();
    answerNext(s, s.a);
    updateSettings(s.db, { newPerDay: 2 });
    expect(s.study.nextCard(s.a).counts.new).toBe(1);
    s.expectSame(s.a);
    const preset = createPreset(s.db, 'Cram', s.clock.now);
    updatePreset(s.db, preset.id, { options: { newPerDay: 50, learningSteps: ['5m'] } });
    setDeckPreset(s.db, [s.a], preset.id, s.clock.now);
    s.expectSame(s.a);
    answerNext(s, s.a, 'again');
    undoLatest(s.db, s.study); // the answer
    undoLatest(s.db, s.study); // the preset change (an action)
    s.expectSame(s.a);
  });

  it('the day rolls over at the configured hour', () => {
    const s = collection({ newPerDay: 3, reviewsPerDay: 6 });
    for (let i = 0; i < 3; i++) answerNext(s, s.a, 'easy');
    expect(s.study.nextCard(s.a).counts.new).toBe(0);
    s.clock.now = Date.parse('2026-03-03T02:59:00Z'); // 03:59 local: still Monday's study day
    expect(s.study.nextCard(s.a).counts.new).toBe(0);
    s.clock.now = Date.parse('2026-03-03T03:00:00Z'); // 04:00 local: a new day
    expect(s.study.nextCard(s.a).counts.new).toBe(3);
    s.expectSame(s.a);
  });

  it('learning cards come due as time passes, and a clock set back is followed', () => {
    const s = collection({ newPerDay: 1, reviewsPerDay: 6 });
    answerNext(s, s.a, 'again');
    s.expectSame(s.a);
    s.clock.advance(30 * MINUTE);
    s.expectSame(s.a);
    s.clock.advance(-29 * MINUTE);
    s.expectSame(s.a);
  });

  it('a card buried until later today comes back at that time', () => {
    const s = collection();
    const first = s.study.nextCard(s.a).card!.id;
    s.db.prepare('UPDATE card SET buried_until = ? WHERE id = ?').run(s.clock.now + HOUR, first);
    expect(s.study.nextCard(s.a).card!.id).not.toBe(first);
    s.clock.advance(HOUR - 1);
    expect(s.study.nextCard(s.a).card!.id).not.toBe(first);
    s.clock.advance(1);
    expect(s.study.nextCard(s.a).card!.id).toBe(first);
    s.expectSame(s.a);
    // The clock set back before that time: buried again.
    s.clock.advance(-MINUTE);
    expect(s.study.nextCard(s.a).card!.id).not.toBe(first);
    s.expectSame(s.a);
  });

  it('undo gives a sibling back its burial until later today, and it comes back then', () => {
    const s = collection({ newPerDay: 20, reviewsPerDay: 6 });
    const [front, reverse] = s.db.prepare('SELECT id FROM card WHERE note_id = ? ORDER BY ord').pluck().all(s.notes[4]!) as number[];
    s.db.prepare('UPDATE card SET buried_until = ? WHERE id = ?').run(s.clock.now + HOUR, reverse);
    s.expectSame(s.a);
    s.study.answer({ cardId: front!, rating: 'good', durationMs: 0 }); // buries the reverse until tomorrow
    // Any other write: the queue is rebuilt, now with the reverse buried until tomorrow.
    s.db.prepare("UPDATE card SET back = 'Answer 1' WHERE id = 2").run();
    s.expectSame(s.a);
    s.study.undo(); // back to buried until later today
    s.expectSame(s.a);
    s.clock.advance(HOUR);
    s.expectSame(s.a);
  });

  it('undo restores the queue: the card, its buried sibling and the limits', () => {
    const s = collection({ newPerDay: 20, reviewsPerDay: 6 });
    // Note 5 is reversed: cards 5's two sides are siblings.
    const [front, reverse] = s.db.prepare('SELECT id FROM card WHERE note_id = ? ORDER BY ord').pluck().all(s.notes[4]!) as number[];
    const before = s.study.nextCard(s.a);
    s.study.answer({ cardId: front!, rating: 'good', durationMs: 0 });
    expect(s.db.prepare('SELECT buried_until FROM card WHERE id = ?').pluck().get(reverse)).not.toBeNull();
    s.expectSame(s.a);
    const undone = s.study.undo()!;
    expect(undone.card.id).toBe(front);
    expect(undone.next.counts).toEqual(before.counts);
    expect(undone.next.counts).toEqual(referenceNext(s.db, s.a, s.clock.now).counts);
    s.expectSame(s.a);
  });

  it('another Study on the same connection answering', () => {
    const s = collection();
    s.expectSame(s.a);
    const other = new Study(s.db, s.clock.read);
    const card = other.nextCard(s.a).card!;
    other.answer({ cardId: card.id, rating: 'easy', durationMs: 0 });
    expect(s.study.nextCard(s.a).card!.id).not.toBe(card.id);
    s.expectSame(s.a);
  });

  it('another connection writing (e.g. the CLI while the app is open)', () => {
    const s = collection();
    const shown = s.study.nextCard(s.a).card!;
    const second = new Database(s.file);
    second.prepare('UPDATE card SET suspended = 1 WHERE id = ?').run(shown.id);
    expect(s.study.nextCard(s.a).card!.id).not.toBe(shown.id);
    s.expectSame(s.a);
    // And a whole answer by another connection's Study.
    const cli = new Study(second, s.clock.read);
    const next = cli.nextCard(s.a).card!;
    cli.answer({ cardId: next.id, rating: 'good', durationMs: 0 });
    s.expectSame(s.a);
    // An answer here right after it: the write transaction sees the other connection's commit.
    answerNext(s, s.a);
    second.close();
  });

  it('a failed answer leaves the queue as the collection is', () => {
    const s = collection();
    const shown = s.study.nextCard(s.a).card!;
    s.db.prepare('UPDATE card SET suspended = 1 WHERE id = ?').run(shown.id);
    expect(() => s.study.answer({ cardId: shown.id, rating: 'good', durationMs: 0 })).toThrow(/suspended/);
    s.expectSame(s.a);
  });
});

describe('the day queue under a random walk', () => {
  /** mulberry32: the same walk on every run. */
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

  it.each([1, 2, 3])('matches the SQL after every step (seed %i)', (seed) => {
    const s = collection();
    const rand = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const second = new Database(s.file);
    const other = new Study(s.db, s.clock.read);
    const cardIds = () => s.db.prepare('SELECT id FROM card WHERE suspended = 0').pluck().all() as number[];
    const anyCard = () => pick(s.db.prepare('SELECT id FROM card').pluck().all() as number[]);
    let deck = s.a;
    const log: string[] = [];
    const shown = new Set<string>();
    const steps: [number, string, () => void][] = [
      [40, 'answer the next card', () => {
        const next = s.study.nextCard(deck).card;
        if (!next) return;
        const result = s.study.answer({ cardId: next.id, rating: pick(RATINGS), durationMs: 500 });
        expect(result.next).toEqual(referenceNext(s.db, deck, s.clock.now));
      }],
      [4, 'answer any card', () => s.study.answer({ cardId: pick(cardIds()), rating: pick(RATINGS), durationMs: 500 })],
      [8, 'undo', () => {
        const undone = s.study.undo();
        if (undone) expect(undone.next.counts).toEqual(referenceNext(s.db, undone.deckId, s.clock.now).counts);
      }],
      [3, 'undo the latest step', () => void undoLatest(s.db, s.study)],
      [15, 'a few minutes pass', () => s.clock.advance(Math.floor(rand() * 15 * MINUTE))],
      [5, 'hours pass', () => s.clock.advance(Math.floor(rand() * 8 * HOUR))],
      [3, 'days pass', () => s.clock.advance(Math.floor((1 + rand() * 3) * DAY))],
      [1, 'months pass', () => s.clock.advance(Math.floor((20 + rand() * 60) * DAY))],
      [2, 'the clock is set back a little', () => {
        const back = Math.floor(rand() * 10 * MINUTE);
        s.clock.advance(-back);
        expect(s.study.nextCard(deck)).toEqual(referenceNext(s.db, deck, s.clock.now));
        s.clock.advance(back);
      }],
      [3, 'bulk suspend or unsuspend', () => void bulkAction(s.db, [anyCard()], { kind: rand() < 0.6 ? 'suspend' : 'unsuspend' }, s.clock.now)],
      [2, 'bulk bury or unbury', () => void bulkAction(s.db, [anyCard()], { kind: rand() < 0.5 ? 'bury' : 'unbury' }, s.clock.now)],
      [2, 'bury until later today', () => s.db.prepare('UPDATE card SET buried_until = ? WHERE id = ?').run(s.clock.now + Math.floor(rand() * 2 * HOUR), anyCard())],
      [1, 'move a card to the other deck', () => void bulkAction(s.db, [anyCard()], { kind: 'move', deckId: pick([s.a, s.b]) }, s.clock.now)],
      [2, 'edit a card', () => s.db.prepare("UPDATE card SET front = front || ' *more*' WHERE id = ?").run(anyCard())],
      [2, 'change the limits', () => void updateSettings(s.db, { newPerDay: Math.floor(rand() * 10), reviewsPerDay: Math.floor(rand() * 10) })],
      [2, 'another Study on this connection answers', () => {
        const next = other.nextCard(pick([s.a, s.b])).card;
        if (next) other.answer({ cardId: next.id, rating: pick(RATINGS), durationMs: 0 });
      }],
      [2, 'another connection writes', () => second.prepare('UPDATE card SET suspended = 1 - suspended WHERE id = ?').run(anyCard())],
      [2, 'switch decks', () => (deck = deck === s.a ? s.b : s.a)],
    ];
    const total = steps.reduce((n, [w]) => n + w, 0);
    for (let i = 0; i < 600; i++) {
      let r = rand() * total;
      const [, name, run] = steps.find(([w]) => (r -= w) < 0) ?? steps[0]!;
      log.push(name);
      try {
        run();
      } catch (err) {
        // Answering a card that is suspended or gone is refused; the walk goes on.
        if (!/suspended|There is no card|can\u2019t be undone/.test(String(err))) throw new Error(`step ${i} (${log.slice(-5).join(' → ')}): ${String(err)}`);
      }
      // Not after every step: changes must also be noticed when they pile up.
      if (rand() < 0.7) {
        for (const d of [s.a, s.b]) {
          const actual = s.study.nextCard(d);
          const expected = referenceNext(s.db, d, s.clock.now);
          if (expected.card) shown.add(expected.card.state);
          try {
            checkQueue(s.db, s.study, d, s.clock.now);
          } catch (err) {
            throw new Error(`step ${i} (${log.slice(-6).join(' → ')}), deck ${d}: ${String(err)}`);
          }
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            throw new Error(`step ${i} (${log.slice(-6).join(' → ')}), deck ${d}: ${JSON.stringify({ actual: { id: actual.card?.id, counts: actual.counts }, expected: { id: expected.card?.id, counts: expected.counts } })}`);
          }
        }
      }
    }
    // The walk did show cards in every state.
    expect([...shown].sort()).toEqual(['learning', 'new', 'relearning', 'review']);
    second.close();
  });
});

describe('card HTML', () => {
  it('RenderCache gives what renderCardHtml gives, and keeps only the most recently used', () => {
    const cache = new RenderCache(2, 3200);
    const texts = ['**a**', '<script>x</script>b', '| c |\n|---|\n| d |'];
    for (const t of texts) expect(cache.render(t)).toBe(renderCardHtml(t));
    expect(texts.map((t) => cache.has(t))).toEqual([false, true, true]);
    cache.render(texts[1]!); // used again: now the most recent
    cache.render('e');
    expect([cache.has(texts[1]!), cache.has(texts[2]!), cache.has('e')]).toEqual([true, false, true]);
    // A text too big for the cache is rendered, not kept.
    const big = `![x](data:image/png;base64,${'A'.repeat(200)})`;
    expect(cache.render(big)).toBe(renderCardHtml(big));
    expect(cache.has(big)).toBe(false);
  });

  it('Study renders the cards it expects next once the call has returned', async () => {
    const s = collection();
    const html = (s.study as unknown as { html: RenderCache }).html;
    const first = s.study.nextCard(s.a).card!;
    const upcoming = s.db.prepare('SELECT front, back FROM card WHERE deck_id = ? AND id != ? ORDER BY position, id LIMIT 2').all(s.a, first.id) as { front: string; back: string }[];
    expect(upcoming.some((c) => html.has(c.front))).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(upcoming.every((c) => html.has(c.front) && html.has(c.back))).toBe(true);
    // What the next answer shows is the same HTML as rendering it then.
    const { result } = answerNext(s, s.a, 'easy');
    expect(result.next.card!.front).toBe(renderCardHtml(upcoming[0]!.front));
  });
});
