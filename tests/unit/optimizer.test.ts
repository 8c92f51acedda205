import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  applyParameters,
  FULL_TRAINING_ITEMS,
  MIN_TRAINING_ITEMS,
  optimize,
  optimizeProgress,
  OptimizerUnavailableError,
  studyDayNumber,
  trainingSet,
} from '../../electron/core/exam/optimizer';
import { createForgettingCurve, createScheduler, newMemoryState, weightsInUse, type MemoryState } from '../../electron/core/scheduler';
import { getSettings } from '../../electron/core/settings';
import { DAY, HOUR } from '../../electron/core/time';
import { sampleCollection } from './helpers';

const START = new Date(2025, 0, 6, 9).getTime();

/** A deterministic PRNG for the generated history. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A learner whose memory is weaker than FSRS's defaults assume: recall is drawn from the default
 * forgetting curve with a third of the scheduled stability, reviews follow the default scheduler.
 * Each card's answers are written to the review log as the app would.
 */
function generateHistory(db: Database, cards: number, reviewsPerCard: number, seed = 1) {
  const rand = rng(seed);
  const scheduler = createScheduler({ ...getSettings(db), enableFuzz: false });
  const curve = createForgettingCurve();
  const note = db.prepare('INSERT INTO note (deck_id, guid, created_at, updated_at) VALUES (1, ?, 0, 0)');
  const card = db.prepare('INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, 1, 0, ?, ?, ?, 0)');
  const review = db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability, difficulty,
    elapsed_days, scheduled_days, duration_ms, undo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '{}')`);
  db.transaction(() => {
    for (let c = 0; c < cards; c++) {
      const noteId = Number(note.run(`gen-${seed}-${c}`).lastInsertRowid);
      const id = Number(card.run(noteId, `Q${c}`, `A${c}`, 1000 + c).lastInsertRowid);
      let m: MemoryState = newMemoryState(START);
      let t = START + Math.floor(rand() * 30) * DAY;
      for (let k = 0; k < reviewsPerCard; k++) {
        let rating: 'again' | 'hard' | 'good' | 'easy' = 'good';
        if (m.state === 2) {
          const recalled = rand() < curve((t - m.lastReview!) / DAY, m.stability / 3);
          rating = recalled ? (rand() < 0.15 ? 'hard' : rand() < 0.1 ? 'easy' : 'good') : 'again';
        }
        const after = scheduler.answer(id, m, rating, t).after;
        review.run(id, t, { again: 1, hard: 2, good: 3, easy: 4 }[rating], m.state, after.state, after.due, after.stability, after.difficulty);
        m = after;
        t = Math.max(after.due, t + 10 * 60_000);
      }
    }
  })();
}

describe('training items', () => {
  it('start at each card\u2019s first answer and keep answers on a later study day, as Anki builds them', () => {
    const { db } = sampleCollection(START);
    const add = db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability, difficulty,
      elapsed_days, scheduled_days, duration_ms, undo, origin) VALUES (?, ?, ?, ?, 2, 0, 1, 5, 0, 0, 0, '{}', ?)`);
    // Card 1: learned at 09:00, a step at 09:10, again the next day at 03:00 (before the 04:00 day
    // start: still the same study day), then 2 and 5 days later; imported history counts too.
    add.run(1, START, 3, 0, 'import');
    add.run(1, START + 10 * 60_000, 3, 1, 'import');
    add.run(1, START + 18 * HOUR, 3, 2, 'app');
    add.run(1, START + 2 * DAY, 1, 2, 'app');
    add.run(1, START + 5 * DAY, 3, 3, 'app');
    // Card 2: history without a first answer (its memory was imported): left out.
    add.run(2, START, 3, 2, 'import');
    add.run(2, START + 3 * DAY, 3, 2, 'app');
    const set = trainingSet(db, 4);
    expect(set.reviews).toBe(7);
    expect(set.histories).toEqual([[[3, 0], [3, 0], [3, 0], [1, 2], [3, 3]]]);
    expect(set.items).toEqual([[0, 4], [0, 5]]);
    expect(studyDayNumber(START + 18 * HOUR, 4)).toBe(studyDayNumber(START, 4));
  });
});

describe('optimizer', () => {
  it('round trip on a generated history: the parameters change, the fit improves, apply writes them', async () => {
    const { db, study } = sampleCollection(START);
    generateHistory(db, 250, 8);
    const progress: number[] = [];
    const r = await optimize(db, { onProgress: (current) => progress.push(current) });
    expect(r.status).toBe('optimized');
    expect(r.items).toBeGreaterThanOrEqual(FULL_TRAINING_ITEMS);
    expect(r.cards).toBe(250);
    expect(r.current).toEqual(weightsInUse());
    expect(r.optimized).toHaveLength(21);
    expect(r.optimized).not.toEqual(r.current);
    expect(r.after!.logLoss).toBeLessThan(r.before!.logLoss);
    expect(r.after!.rmse).toBeLessThan(r.before!.rmse);
    expect(r.improved).toBe(true);
    expect(r.applied).toBe(false);
    expect(r.message).toMatch(/^Fitted on \d+ answers to 250 cards\. log loss .* The new parameters fit your history better\.$/);
    expect(optimizeProgress(db).running).toBe(false);
    // Nothing is applied until the user confirms.
    expect(getSettings(db).weights).toBeNull();
    expect(applyParameters(db, { weights: r.optimized, desiredRetention: 0.85 })).toEqual({ weights: r.optimized, desiredRetention: 0.85 });
    study.reloadSettings();
    const again = await optimize(db);
    expect(again.current).toEqual(r.optimized);
    expect(again.before!.logLoss).toBeCloseTo(r.after!.logLoss, 6);
  });

  it('says how much more history is needed', async () => {
    const { db } = sampleCollection(START);
    // One card: learned (new, then a same-day step), then two reviews on later days: 2 items.
    generateHistory(db, 1, 4);
    const r = await optimize(db, { loader: () => Promise.reject(new Error('must not load')) });
    expect(r).toMatchObject({ status: 'insufficient', items: 2, needed: FULL_TRAINING_ITEMS - 2, optimized: null, before: null });
    expect(r.message).toBe(
      `Optimizing needs at least ${MIN_TRAINING_ITEMS} answers given on a later day than the card\u2019s previous answer; you have 2. ` +
        `Keep studying: 6 more are needed to start, ${FULL_TRAINING_ITEMS - 2} more to fit every parameter.`,
    );
    generateHistory(db, 6, 4, 2);
    const partial = await optimize(db);
    expect(partial.status).toBe('partial');
    expect(partial.message).toMatch(/^Only the initial stabilities could be fitted from \d+ answers; \d+ more are needed/);
  });

  it('turns a binding that cannot load into a clear error', async () => {
    const { db } = sampleCollection(START);
    generateHistory(db, 10, 5);
    const failing = () => Promise.reject(new Error('Cannot find native binding'));
    await expect(optimize(db, { loader: failing })).rejects.toThrow(OptimizerUnavailableError);
    await expect(optimize(db, { loader: failing })).rejects.toThrow('The FSRS optimizer is not available on this platform.');
    // A stand-in package (no exports) is refused the same way.
    await expect(optimize(db, { loader: () => Promise.resolve({} as never) })).rejects.toThrow('not available on this platform');
  });

  it('validates what it applies', () => {
    const { db } = sampleCollection(START);
    expect(() => applyParameters(db, { weights: [1, 2, 3] })).toThrow('The FSRS weights must be a list of 21 numbers (FSRS-6), or null for the defaults.');
    expect(() => applyParameters(db, { desiredRetention: 0.99 })).toThrow('The desired retention must be a number from 0.70 to 0.97.');
    expect(applyParameters(db, { weights: null })).toEqual({ weights: null, desiredRetention: 0.9 });
  });
});
