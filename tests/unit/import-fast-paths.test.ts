// The import's fast paths give exactly what the slow paths give:
//   - createAnswerInPlace (the allocation-free answer the history replay uses) against
//     createScheduler().answer, answer by answer, on many random histories and option sets
//     (fuzz on and off, learning and relearning steps of every shape, custom weights, short
//     maximum intervals), including inputs it hands to the scheduler (fractional times, answers
//     before the previous one);
//   - the pipeline's write (cards inserted once with their replayed memory under an id taken
//     beforehand, review rows from the replay cursor) against a replay through createScheduler, for
//     new cards and for cards that exist already and gain answers.
//   - the plan taking a valid, ordered history as it is (no set of times, no sort) against the
//     filter-dedupe-sort it does otherwise;
//   - the CSV tag list kept as it is when it repeats nothing; the notes generator's collapse()
//     skipping its replace when there is nothing to collapse.
// STRATUS_FAST_PATH_HISTORIES=100000 runs the first comparison on 100,000 histories.
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../electron/core/db/collection';
import { parseDelimitedText } from '../../electron/core/import/csv';
import { applyImport, planImport } from '../../electron/core/import/pipeline';
import { collapse } from '../../electron/core/notes/text';
import type { ImportedNote, ImportedReview, ParsedNotes } from '../../electron/core/import/types';
import { deckOptions } from '../../electron/core/presets';
import { createCursorReplayer, createReplayer } from '../../electron/core/replay';
import {
  createAnswerInPlace,
  createScheduler,
  DEFAULT_SCHEDULER_OPTIONS,
  newMemoryCursor,
  newMemoryState,
  RATING_NAMES,
  weightsInUse,
  type MemoryState,
  type SchedulerOptions,
} from '../../electron/core/scheduler';

const DAY = 86_400_000;
const T0 = Date.parse('2024-03-01T00:00:00Z');
const HISTORIES = Number(process.env.STRATUS_FAST_PATH_HISTORIES) || 6000;

/** mulberry32: a small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEP_LISTS = [[], ['1m'], ['1m', '10m'], ['10m', '1h', '1d'], ['5m', '2d'], ['1h'], ['30m', '12h', '23h'], ['1d', '3d'], ['1440m']];
const MEMORY_KEYS: (keyof MemoryState)[] = ['state', 'due', 'stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'lastReview'];

function randomOptions(rand: () => number): SchedulerOptions {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return {
    desiredRetention: pick([0.9, 0.85, 0.95, 0.7, 0.99]),
    maximumInterval: pick([36500, 365, 30, 7, 1000]),
    learningSteps: pick(STEP_LISTS),
    relearningSteps: pick(STEP_LISTS),
    weights: rand() < 0.5 ? null : weightsInUse().map((w) => w * (0.7 + rand() * 0.6)),
    enableFuzz: rand() < 0.6,
  };
}

/** Gaps between answers: the same instant, seconds, learning steps, day boundaries, months. */
function randomGap(rand: () => number): number {
  const gaps = [0, 1, 30_000, 60_000, 600_000, 3_600_000, DAY - 1, DAY, 2 * DAY];
  const r = rand();
  if (r < 0.5) return gaps[Math.floor(rand() * gaps.length)]!;
  if (r < 0.7) return Math.floor(rand() * DAY);
  if (r < 0.9) return Math.floor(rand() * 30 * DAY);
  return Math.floor(rand() * 400 * DAY);
}

/** Calls `f`, returning its error's message instead of throwing. */
function outcome(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (err) {
    return `${(err as Error).name}: ${(err as Error).message}`;
  }
}

describe('createAnswerInPlace', () => {
  it(`gives what createScheduler().answer gives, answer by answer, on ${HISTORIES.toLocaleString('en')} random histories`, () => {
    const rand = random(20261123);
    let answers = 0;
    const mismatches: string[] = [];
    for (let done = 0; done < HISTORIES; ) {
      const options = randomOptions(rand);
      const slow = createScheduler(options);
      const fast = createAnswerInPlace(options);
      for (let h = 0; h < 200 && done < HISTORIES; h++, done++) {
        const cardId = [0, 1, 7, Math.floor(rand() * 1e6), Math.floor(rand() * 1e13)][Math.floor(rand() * 5)]!;
        let t = T0 + Math.floor(rand() * 400 * DAY);
        let memory = newMemoryState(t);
        const cursor = newMemoryCursor(t);
        const n = 1 + Math.floor(rand() * 30);
        for (let k = 0; k < n; k++) {
          const rating = (1 + Math.floor(rand() * 4)) as 1 | 2 | 3 | 4;
          const { after, elapsedDays } = slow.answer(cardId, memory, RATING_NAMES[rating]!, t);
          fast(cardId, cursor, rating, t);
          answers++;
          const wrong = MEMORY_KEYS.filter((key) => !Object.is(after[key], cursor[key]));
          if (!Object.is(elapsedDays, cursor.elapsedDays)) wrong.push('elapsedDays' as keyof MemoryState);
          if (cursor.stateBefore !== memory.state) wrong.push('stateBefore' as keyof MemoryState);
          if (wrong.length) {
            mismatches.push(`${JSON.stringify({ options, cardId, answer: k, rating, t, wrong })}`);
            break;
          }
          memory = after;
          t += randomGap(rand);
        }
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(answers).toBeGreaterThan(HISTORIES * 10);
  });

  it('hands what it does not mirror to the scheduler, with the same result or the same error', () => {
    const rand = random(7);
    for (let i = 0; i < 300; i++) {
      // Some with a step ts-fsrs cannot read (settings refuse them; old collections may have them).
      const options = i % 10 === 0 ? { ...randomOptions(rand), relearningSteps: ['10m', 'x5'] } : randomOptions(rand);
      const slow = createScheduler(options);
      const fast = createAnswerInPlace(options);
      let t = T0 + rand() * 100 * DAY; // fractional milliseconds
      let memory = newMemoryState(t);
      const cursor = newMemoryCursor(t);
      if (i % 3 === 0) {
        // A stored memory state ts-fsrs refuses (difficulty below 1, stability below its minimum),
        // or one it starts afresh (0 and 0 in the review state), at whole milliseconds.
        t = Math.round(t);
        const [difficulty, stability] = ([[0.5, 3], [5, 0.0001], [0, 0], [5, 3]] as const)[(i / 3) % 4]!;
        memory = { ...newMemoryState(t), state: 2, difficulty, stability, lastReview: t - 3 * DAY, reps: 4, scheduledDays: 3 };
        Object.assign(cursor, memory);
      }
      for (let k = 0; k < 12; k++) {
        const rating = (1 + Math.floor(rand() * 4)) as 1 | 2 | 3 | 4;
        let slowResult: { after: MemoryState; elapsedDays: number } | null = null;
        const slowError = outcome(() => (slowResult = slow.answer(i, memory, RATING_NAMES[rating]!, t)));
        const fastError = outcome(() => fast(i, cursor, rating, t));
        expect(fastError).toBe(slowError);
        if (slowError) break;
        const { after, elapsedDays } = slowResult!;
        expect(MEMORY_KEYS.map((key) => cursor[key])).toEqual(MEMORY_KEYS.map((key) => after[key]));
        expect(cursor.elapsedDays).toBe(elapsedDays);
        memory = after;
        // Now and then an answer days before the previous one, which ts-fsrs refuses.
        t += rand() < 0.15 ? -3 * DAY : randomGap(rand) + rand();
      }
    }
  });

  it('replays a whole history as createReplayer does, with fuzz', () => {
    const rand = random(99);
    const options = { ...DEFAULT_SCHEDULER_OPTIONS, enableFuzz: true };
    const replay = createReplayer(options);
    const cursorReplay = createCursorReplayer(options);
    for (let i = 0; i < 500; i++) {
      let t = T0;
      const history = Array.from({ length: 1 + Math.floor(rand() * 20) }, () => ({ reviewedAt: (t += randomGap(rand)), rating: (1 + Math.floor(rand() * 4)) as 1 | 2 | 3 | 4 }));
      const expected = reference(options, 1000 + i, history);
      const { memory, steps } = replay(1000 + i, history);
      expect(memory).toEqual(expected.at(-1)!.after);
      expect(steps.map((s) => [s.before.state, s.after, s.elapsedDays])).toEqual(expected.map((s) => [s.before.state, s.after, s.elapsedDays]));
      const seen: number[] = [];
      const final = cursorReplay(1000 + i, history, (_h, m) => seen.push(m.due));
      expect(seen).toEqual(expected.map((s) => s.after.due));
      expect(MEMORY_KEYS.map((k) => final[k])).toEqual(MEMORY_KEYS.map((k) => memory[k]));
    }
  });
});

/** The replay the pipeline did before its fast path: one scheduler.answer per answer. */
function reference(options: SchedulerOptions, cardId: number, history: readonly { reviewedAt: number; rating: 1 | 2 | 3 | 4 }[]) {
  const scheduler = createScheduler(options);
  const ordered = [...history].sort((a, b) => a.reviewedAt - b.reviewedAt);
  let memory = newMemoryState(ordered[0]?.reviewedAt ?? 0);
  return ordered.map((h) => {
    const { after, elapsedDays } = scheduler.answer(cardId, memory, RATING_NAMES[h.rating]!, h.reviewedAt);
    const step = { reviewedAt: h.reviewedAt, before: memory, after, elapsedDays };
    memory = after;
    return step;
  });
}

describe('the pipeline writes what the scheduler gives', () => {
  const NOW = Date.parse('2026-03-10T09:00:00Z');

  function randomNotes(rand: () => number, count: number, start: number, prefix = 'n'): ImportedNote[] {
    return Array.from({ length: count }, (_, i) => {
      const cards = Array.from({ length: 1 + Math.floor(rand() * 2) }, (_c, ord) => {
        let t = start + Math.floor(rand() * 30 * DAY);
        const history: ImportedReview[] = Array.from({ length: Math.floor(rand() * 12) }, () => ({
          reviewedAt: (t += 1 + randomGap(rand)),
          rating: (1 + Math.floor(rand() * 4)) as 1 | 2 | 3 | 4,
          durationMs: Math.floor(rand() * 20_000),
        }));
        return { ord, front: `Front ${i}.${ord}`, back: `Back ${i}.${ord}`, history };
      });
      return { key: `${prefix}${i}`, deck: null, kind: 'basic', fields: [`Front ${i}`, `Back ${i}`], tags: [], source: { file: 'h.apkg', line: null }, cards };
    });
  }

  function parsed(notes: ImportedNote[]): ParsedNotes {
    return { format: 'apkg', notes, skipped: [], notices: [] };
  }

  /**
   * Each card's schedule, and its review rows written after review `since`, as a replay of all its
   * answers through createScheduler gives them (rows written by an earlier import keep the log that
   * import computed).
   */
  function expectReplayed(db: Database, since: number) {
    const options = deckOptions(db, (db.prepare('SELECT id FROM deck').get() as { id: number }).id);
    const cards = db.prepare('SELECT * FROM card ORDER BY id').all() as Record<string, number | null>[];
    const reviews = db.prepare('SELECT * FROM review WHERE card_id = ? ORDER BY reviewed_at, id');
    let checked = 0;
    for (const card of cards) {
      const rows = reviews.all(card.id) as Record<string, number>[];
      if (!rows.length) {
        expect(card.state).toBe(0);
        continue;
      }
      const steps = reference(options, card.id!, rows.map((r) => ({ reviewedAt: r.reviewed_at!, rating: r.rating as 1 | 2 | 3 | 4 })));
      const written = rows.map((r, i) => [r, steps[i]!] as const).filter(([r]) => r.id! > since);
      expect(written.map(([r]) => [r.reviewed_at, r.state_before, r.state_after, r.due, r.stability, r.difficulty, r.elapsed_days, r.scheduled_days])).toEqual(
        written.map(([, s]) => [s.reviewedAt, s.before.state, s.after.state, s.after.due, s.after.stability, s.after.difficulty, s.elapsedDays, s.after.scheduledDays]),
      );
      const last = steps.at(-1)!.after;
      expect([card.state, card.due, card.stability, card.difficulty, card.scheduled_days, card.learning_steps, card.reps, card.lapses, card.last_review, card.buried_until]).toEqual([
        last.state, last.due, last.stability, last.difficulty, last.scheduledDays, last.learningSteps, last.reps, last.lapses, last.lastReview, null,
      ]);
      checked += written.length;
    }
    return checked;
  }

  const lastReviewId = (db: Database) => (db.prepare('SELECT coalesce(max(id), 0) AS id FROM review').get() as { id: number }).id;

  it('for new cards and for existing cards that gain answers, with ids after a gap', () => {
    const rand = random(4242);
    const db = openCollection(':memory:');
    // Cards that are deleted again leave the largest id behind a gap; new ids continue after the largest left.
    applyImport(db, planImport(db, parsed(randomNotes(rand, 30, T0, 'seed')), { now: NOW }));
    db.prepare("DELETE FROM note WHERE guid IN ('seed3', 'seed7')").run();
    db.prepare('DELETE FROM note WHERE guid IN (SELECT guid FROM note ORDER BY id DESC LIMIT 1)').run();
    const first = randomNotes(rand, 300, T0);
    let since = lastReviewId(db);
    const maxCardId = (db.prepare('SELECT max(id) AS id FROM card').get() as { id: number }).id;
    const summary = applyImport(db, planImport(db, parsed(first), { now: NOW }));
    expect(summary.added).toBeGreaterThan(250);
    // The ids SQLite gives new rows: one more than the largest, one after the other.
    expect(db.prepare('SELECT min(id) AS lo, max(id) AS hi, count(*) AS n FROM card WHERE id > ?').get(maxCardId)).toEqual({ lo: maxCardId + 1, hi: maxCardId + summary.added, n: summary.added });
    expect(expectReplayed(db, since)).toBeGreaterThan(1000);
    // The same notes again with more answers: some between the logged ones, and a last one after
    // them all, so that every card takes the schedule its whole history gives.
    const more = first.map((n, i) => ({
      ...n,
      cards: n.cards.map((c) => ({
        ...c,
        history: [...c.history!, ...randomNotes(rand, 1, T0 + 20 * DAY)[0]!.cards[0]!.history!, { reviewedAt: T0 + 10_000 * DAY + i, rating: 3 as const, durationMs: 1 }],
      })),
    }));
    since = lastReviewId(db);
    const again = applyImport(db, planImport(db, parsed(more), { now: NOW + DAY }));
    expect(again.updated).toBeGreaterThan(300);
    expect(expectReplayed(db, since)).toBe(again.reviews);
  });
});

describe('the plan takes valid ordered histories as they are', () => {
  /** What the plan keeps of a history: valid answers, the first per millisecond, in time order. */
  function kept(history: ImportedReview[]): number[] {
    const seen = new Set<number>();
    return history
      .filter((h) => {
        if (!Number.isFinite(h.reviewedAt) || h.reviewedAt < 0 || ![1, 2, 3, 4].includes(h.rating) || seen.has(h.reviewedAt)) return false;
        seen.add(h.reviewedAt);
        return true;
      })
      .sort((a, b) => a.reviewedAt - b.reviewedAt)
      .map((h) => h.reviewedAt);
  }

  it('keeps the same answers, in the same order, as filtering, de-duplicating and sorting does', () => {
    const answer = fc.record({
      reviewedAt: fc.oneof(fc.integer({ min: 0, max: 50 }).map((k) => T0 + k * 1000), fc.constantFrom(-1, Number.NaN, Infinity, T0 + 0.5)),
      rating: fc.oneof(fc.constantFrom(1, 2, 3, 4), fc.constantFrom(0, 5, 2.5)) as fc.Arbitrary<1 | 2 | 3 | 4>,
      durationMs: fc.constant(1000),
    });
    // Sorted and valid histories (the fast path), sorted ones that are nearly valid (a time twice,
    // a bad answer: the edge of the fast path), and arbitrary ones.
    const history = fc.oneof(
      fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 30 }).map((ts) => ts.sort((a, b) => a - b).map((t): ImportedReview => ({ reviewedAt: T0 + t, rating: 3, durationMs: 1 }))),
      fc.array(answer, { maxLength: 30 }).map((hs) => hs.sort((a, b) => (a.reviewedAt > b.reviewedAt ? 1 : a.reviewedAt < b.reviewedAt ? -1 : 0))),
      fc.array(answer, { maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(history, { minLength: 1, maxLength: 5 }), (histories) => {
        const db = openCollection(':memory:');
        const notes: ImportedNote[] = histories.map((h, i) => ({
          key: `k${i}`, deck: null, kind: 'basic', fields: ['F', 'B'], tags: [], source: { file: 'x.apkg', line: null },
          cards: [{ ord: 0, front: `F${i}`, back: 'B', history: h }],
        }));
        const plan = planImport(db, { format: 'apkg', notes, skipped: [], notices: [] }, { now: T0 + DAY * 100 });
        expect(plan.cards.map((c) => c.newReviews)).toEqual(histories.map((h) => kept(h).length));
        applyImport(db, plan);
        const times = db.prepare('SELECT r.reviewed_at AS t FROM review r JOIN card c ON c.id = r.card_id WHERE c.front = ? ORDER BY r.id').pluck();
        histories.forEach((h, i) => expect(times.all(`F${i}`)).toEqual(kept(h)));
        db.close();
      }),
      { numRuns: 300 },
    );
  });
});

describe('small text fast paths', () => {
  it('CSV tags: a list without repeats is kept as it is; any other list as its de-duplicated union with the header tags', () => {
    const tag = fc.constantFrom('aws', 'exam', 'AWS', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 3 }), fc.array(fc.array(tag, { maxLength: 12 }), { minLength: 1, maxLength: 8 }), (header, rows) => {
        const text = [...(header.length ? [`#tags:${header.join(' ')}`] : []), '#separator:tab', '#tags column:3', ...rows.map((r, i) => `Front ${i}\tBack\t${r.join(' ')}`)].join('\n');
        const parsed = parseDelimitedText(text, 'tags.tsv');
        expect(parsed.notes.map((n) => n.tags)).toEqual(rows.map((r) => [...new Set([...header, ...r])]));
      }),
      { numRuns: 300 },
    );
  });

  it('collapse gives what replacing every whitespace run and trimming gives', () => {
    const piece = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u200b', '\ufeff', 'a', 'b', 'é', '**', 'x y', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }).map((xs) => xs.join('')), (s) => {
        expect(collapse(s)).toBe(s.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(collapse(s)).toBe(s.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
