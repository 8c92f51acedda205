import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, GenSeedStrategyWithCardId, Rating, StrategyMode, type Card } from 'ts-fsrs';
import type { Rating as Name } from '../../electron/shared/contract';
import { MINUTE } from '../../electron/core/time';
import { sampleCollection } from './helpers';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const CODE: Record<Name, Rating.Again | Rating.Hard | Rating.Good | Rating.Easy> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

// ts-fsrs called directly with the options the brief fixes: default weights, retention 0.9,
// steps 1m 10m, relearning 10m, maximum interval 36500, fuzz seeded per card and review.
function reference() {
  return fsrs(
    generatorParameters({
      request_retention: 0.9,
      maximum_interval: 36500,
      enable_fuzz: true,
      enable_short_term: true,
      learning_steps: ['1m', '10m'],
      relearning_steps: ['10m'],
    }),
  ).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('card_id'));
}

describe('scheduling matches ts-fsrs called directly', () => {
  const history: [Name, number][] = [
    ['good', 0], ['good', 10 * MINUTE], ['good', 3 * 86_400_000], ['again', 9 * 86_400_000],
    ['hard', 10 * MINUTE], ['good', 2 * 86_400_000], ['easy', 20 * 86_400_000], ['good', 60 * 86_400_000],
    ['good', 180 * 86_400_000], ['hard', 400 * 86_400_000],
  ];

  it('gives the same card after every answer of a long history', () => {
    const { db, study, clock } = sampleCollection(T0, { newPerDay: 100, reviewsPerDay: 1000 });
    const cardId = 1;
    const engine = reference();
    let expected: Card & { card_id: number } = { ...createEmptyCard(new Date(T0)), card_id: cardId };
    for (const [rating, wait] of history) {
      clock.advance(wait);
      const got = study.answer({ cardId, rating, durationMs: 1000 }).card;
      const next = engine.next(expected, new Date(clock.now), CODE[rating]);
      expected = { ...next.card, card_id: cardId };
      expect(got).toEqual({
        id: cardId,
        state: ['new', 'learning', 'review', 'relearning'][expected.state],
        due: expected.due.toISOString(),
        stability: expected.stability,
        difficulty: expected.difficulty,
        reps: expected.reps,
        lapses: expected.lapses,
        lastReview: expected.last_review!.toISOString(),
      });
      const log = db.prepare('SELECT * FROM review ORDER BY id DESC LIMIT 1').get() as Record<string, number>;
      expect(log.elapsed_days).toBe(next.log.elapsed_days);
      expect(log.scheduled_days).toBe(next.card.scheduled_days);
      expect(log.rating).toBe(CODE[rating]);
    }
    expect(expected.state).toBe(2);
  });

  it('reproduces fuzzed intervals: the same card and history give the same due dates', () => {
    const run = () => {
      const { study, clock } = sampleCollection(T0, { newPerDay: 100 });
      return history.map(([rating, wait]) => {
        clock.advance(wait);
        return study.answer({ cardId: 2, rating, durationMs: 0 }).card.due;
      });
    };
    expect(run()).toEqual(run());
  });

  it('labels each button with the interval that rating would give', () => {
    const { study, deckId } = sampleCollection(T0);
    const card = study.nextCard(deckId).card!;
    expect(card.state).toBe('new');
    expect(Object.fromEntries(Object.entries(card.previews).map(([k, v]) => [k, v.label]))).toEqual({
      again: '1m',
      hard: '6m',
      good: '10m',
      easy: expect.stringMatching(/^\d+d$/),
    });
    const empty: Card & { card_id: number } = { ...createEmptyCard(new Date(T0)), card_id: card.id };
    const direct = reference().repeat(empty, new Date(T0));
    expect(card.previews.easy.due).toBe(direct[Rating.Easy].card.due.toISOString());
  });

  it('logs rating, time, states, memory, elapsed days and duration for every answer', () => {
    const { db, study, clock } = sampleCollection(T0);
    study.answer({ cardId: 1, rating: 'good', durationMs: 4321 });
    clock.advance(10 * MINUTE);
    study.answer({ cardId: 1, rating: 'good', durationMs: 1200 });
    const rows = db.prepare('SELECT * FROM review ORDER BY id').all() as Record<string, number>[];
    expect(rows.map((r) => [r.rating, r.state_before, r.state_after, r.duration_ms, r.reviewed_at])).toEqual([
      [3, 0, 1, 4321, T0],
      [3, 1, 2, 1200, T0 + 10 * MINUTE],
    ]);
    expect(rows[1]!.stability).toBeGreaterThan(0);
    expect(rows[1]!.difficulty).toBeGreaterThan(0);
  });
});
