// Replaying imported history (electron/core/replay.ts) gives what ts-fsrs's own reschedule gives,
// and what answering the same way in Stratus gives.
import fc from 'fast-check';
import { createEmptyCard, fsrs, generatorParameters, type Grade, type StepUnit } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { createReplayer, replayHistory, type ReplayAnswer } from '../../electron/core/replay';
import { createScheduler, DEFAULT_SCHEDULER_OPTIONS, newMemoryState, RATING_NAMES, type SchedulerOptions } from '../../electron/core/scheduler';

const DAY = 86_400_000;
const T0 = Date.parse('2025-01-06T09:00:00Z');
const NO_FUZZ: SchedulerOptions = { ...DEFAULT_SCHEDULER_OPTIONS, enableFuzz: false };

/** ts-fsrs's reschedule with the same parameters, as its docs show it. */
function tsFsrsReschedule(history: ReplayAnswer[], options: SchedulerOptions) {
  const engine = fsrs(
    generatorParameters({
      request_retention: options.desiredRetention,
      maximum_interval: options.maximumInterval,
      enable_fuzz: options.enableFuzz,
      enable_short_term: true,
      learning_steps: options.learningSteps as StepUnit[],
      relearning_steps: options.relearningSteps as StepUnit[],
    }),
  );
  const reviews = history.map((h) => ({ rating: h.rating as Grade, review: new Date(h.reviewedAt) }));
  const { collections } = engine.reschedule(createEmptyCard(new Date(history[0]!.reviewedAt)), reviews, { skipManual: true });
  return collections.map((c) => c.card);
}

const history = (steps: [number, 1 | 2 | 3 | 4][]): ReplayAnswer[] => steps.map(([days, rating]) => ({ reviewedAt: T0 + days * DAY, rating }));

describe('replaying history', () => {
  it('matches ts-fsrs reschedule step by step (no fuzz)', () => {
    const h = history([[0, 3], [0.007, 3], [1, 3], [4, 2], [12, 1], [12.01, 3], [14, 3], [40, 4]]);
    const ours = replayHistory(h, NO_FUZZ);
    const theirs = tsFsrsReschedule(h, NO_FUZZ);
    expect(ours.steps).toHaveLength(theirs.length);
    ours.steps.forEach((s, i) => {
      const t = theirs[i]!;
      expect(s.after).toEqual({
        state: t.state,
        due: t.due.getTime(),
        stability: t.stability,
        difficulty: t.difficulty,
        scheduledDays: t.scheduled_days,
        learningSteps: t.learning_steps,
        reps: t.reps,
        lapses: t.lapses,
        lastReview: t.last_review!.getTime(),
      });
    });
    expect(ours.memory).toEqual(ours.steps.at(-1)!.after);
    expect(ours.memory.lapses).toBe(1);
  });

  it('matches ts-fsrs for random histories (property)', () => {
    const answer = fc.record({ gapMinutes: fc.integer({ min: 0, max: 60 * 24 * 90 }), rating: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4> });
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 25 }), (answers) => {
        let t = T0;
        const h = answers.map((a) => ({ reviewedAt: (t += a.gapMinutes * 60_000), rating: a.rating }));
        const ours = replayHistory(h, NO_FUZZ).memory;
        const theirs = tsFsrsReschedule(h, NO_FUZZ).at(-1)!;
        expect(ours.stability).toBeCloseTo(theirs.stability, 10);
        expect(ours.difficulty).toBeCloseTo(theirs.difficulty, 10);
        expect([ours.state, ours.reps, ours.lapses, ours.due]).toEqual([theirs.state, theirs.reps, theirs.lapses, theirs.due.getTime()]);
      }),
      { numRuns: 150 },
    );
  });

  it('equals answering the same way in the app, fuzz seeded by the card id included', () => {
    const h = history([[0, 3], [0.01, 3], [2, 3], [9, 3], [30, 2]]);
    const scheduler = createScheduler(DEFAULT_SCHEDULER_OPTIONS);
    let memory = newMemoryState(T0);
    for (const a of h) memory = scheduler.answer(42, memory, RATING_NAMES[a.rating]!, a.reviewedAt).after;
    expect(createReplayer(DEFAULT_SCHEDULER_OPTIONS)(42, h).memory).toEqual(memory);
  });

  it('puts answers in time order and refuses ones it cannot replay', () => {
    const h = history([[0, 3], [3, 3], [1, 3]]);
    const sorted = [...h].sort((a, b) => a.reviewedAt - b.reviewedAt);
    expect(replayHistory(h, NO_FUZZ)).toEqual(replayHistory(sorted, NO_FUZZ));
    expect(() => replayHistory([{ reviewedAt: Number.NaN, rating: 3 }], NO_FUZZ)).toThrow(RangeError);
    expect(() => replayHistory([{ reviewedAt: T0, rating: 5 as 3 }], NO_FUZZ)).toThrow(RangeError);
  });

  it('leaves a card new when there is no history', () => {
    expect(replayHistory([], NO_FUZZ)).toEqual({ memory: newMemoryState(0), steps: [] });
    expect(createReplayer(NO_FUZZ)(1, [], T0).memory).toEqual(newMemoryState(T0));
  });
});
