import { describe, expect, it } from 'vitest';
import { collectStatistics, HISTORY_DAYS } from '../../electron/core/exam/statistics';
import { createForgettingCurve } from '../../electron/core/scheduler';
import { DAY, HOUR } from '../../electron/core/time';
import { sampleCollection } from './helpers';

// Amsterdam (the unit tests' TZ); the history crosses the DST change of 29 March 2026.
const START = new Date(2026, 2, 20, 9).getTime();

interface Answer {
  card: number;
  /** Days after START, and hours to add. */
  day: number;
  hour?: number;
  rating: 1 | 2 | 3 | 4;
  stateBefore: 0 | 1 | 2 | 3;
  elapsed: number;
  durationMs: number;
}

/** A hand-written review log (inserted directly, so every figure below is known by hand). */
function collection(answers: Answer[]) {
  const c = sampleCollection(START);
  const insert = c.db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability, difficulty,
    elapsed_days, scheduled_days, duration_ms, undo) VALUES (?, ?, ?, ?, 2, 0, 1, 5, ?, 1, ?, '{}')`);
  for (const a of answers) {
    const t = new Date(START);
    t.setDate(t.getDate() + a.day);
    insert.run(a.card, t.getTime() + (a.hour ?? 0) * HOUR, a.rating, a.stateBefore, a.elapsed, a.durationMs);
  }
  return c;
}

describe('statistics', () => {
  const answers: Answer[] = [
    // Day 0 (20 Mar): two new cards learned.
    { card: 1, day: 0, rating: 3, stateBefore: 0, elapsed: 0, durationMs: 4000 },
    { card: 2, day: 0, rating: 1, stateBefore: 0, elapsed: 0, durationMs: 6000 },
    { card: 2, day: 0, hour: 1, rating: 3, stateBefore: 1, elapsed: 0, durationMs: 3000 },
    // Day 8 (28 Mar) and 9 (29 Mar, DST): young reviews.
    { card: 1, day: 8, rating: 3, stateBefore: 2, elapsed: 8, durationMs: 5000 },
    { card: 2, day: 9, rating: 1, stateBefore: 2, elapsed: 9, durationMs: 7000 },
    { card: 2, day: 9, hour: 2, rating: 3, stateBefore: 3, elapsed: 0, durationMs: 2000 },
    // Day 40 (29 Apr): a mature pass and a mature lapse; day 41 (30 Apr, "yesterday"); day 42 today.
    { card: 1, day: 40, rating: 4, stateBefore: 2, elapsed: 32, durationMs: 1000 },
    { card: 2, day: 40, rating: 1, stateBefore: 2, elapsed: 31, durationMs: 9000 },
    { card: 3, day: 41, rating: 2, stateBefore: 2, elapsed: 12, durationMs: 3000 },
    { card: 1, day: 42, rating: 3, stateBefore: 2, elapsed: 2, durationMs: 4000 },
    { card: 4, day: 42, hour: 1, rating: 3, stateBefore: 0, elapsed: 0, durationMs: 8000 },
  ];
  const now = new Date(2026, 4, 1, 12).getTime(); // 1 May, 12:00 (day 42)

  it('counts today, days, true retention, buttons and streaks as computed by hand', () => {
    const { db } = collection(answers);
    const s = collectStatistics(db, now);
    expect(s.today).toMatchObject({ date: '2026-05-01', answers: 2, cards: 2, timeMs: 12000, newCards: 1, correct: 1 });
    expect(s.today.retention.young).toEqual({ passed: 1, failed: 0, rate: 1 });
    expect(s.days).toHaveLength(HISTORY_DAYS);
    const day = (date: string) => s.days.find((d) => d.date === date)!;
    expect(day('2026-03-20')).toEqual({ date: '2026-03-20', learning: 3, young: 0, mature: 0, relearning: 0, total: 3, timeMs: 13000 });
    expect(day('2026-03-29')).toEqual({ date: '2026-03-29', learning: 0, young: 1, mature: 0, relearning: 1, total: 2, timeMs: 9000 });
    expect(day('2026-04-29')).toMatchObject({ mature: 2, total: 2 });
    expect(s.days.reduce((a, d) => a + d.total, 0)).toBe(answers.length);

    expect(s.trueRetention.year).toEqual({
      young: { passed: 3, failed: 1, rate: 0.75 },
      mature: { passed: 1, failed: 1, rate: 0.5 },
      total: { passed: 4, failed: 2, rate: 4 / 6 },
    });
    expect(s.trueRetention.yesterday.total).toEqual({ passed: 1, failed: 0, rate: 1 });
    expect(s.trueRetention.week.total).toEqual({ passed: 3, failed: 1, rate: 0.75 });
    expect(s.trueRetention.month.total).toEqual({ passed: 3, failed: 1, rate: 0.75 });
    expect(s.trueRetention.today.mature.rate).toBeNull();

    expect(s.answerButtons.year).toEqual({ learning: [1, 0, 4, 0], young: [1, 1, 2, 0], mature: [1, 0, 0, 1] });
    expect(s.answerButtons.month).toEqual({ learning: [0, 0, 1, 0], young: [0, 1, 1, 0], mature: [1, 0, 0, 1] });
    expect(s.streak).toEqual({ current: 3, longest: 3, studiedToday: true, daysStudied: 6 });
  });

  it('keeps the streak alive until the end of today and narrows everything to a deck', () => {
    const { db } = collection(answers.slice(0, -2));
    expect(collectStatistics(db, now).streak).toMatchObject({ current: 2, studiedToday: false });
    expect(collectStatistics(db, now + 2 * DAY).streak.current).toBe(0);
    const other = collection(answers);
    const deck = collectStatistics(other.db, now, { deckId: other.deckId });
    expect(deck.deck).toEqual({ id: other.deckId, name: 'Sample' });
    expect(deck.days.reduce((a, d) => a + d.total, 0)).toBe(answers.length);
    expect(() => collectStatistics(other.db, now, { deckId: 99 })).toThrow('There is no deck with id 99.');
  });

  it('counts cards by state and bins stability, difficulty and retrievability', () => {
    const { db } = sampleCollection(START);
    const set = db.prepare('UPDATE card SET state = ?, stability = ?, difficulty = ?, last_review = ?, due = ?, scheduled_days = ?, suspended = ?, buried_until = ? WHERE id = ?');
    set.run(2, 30, 1, START - 10 * DAY, START + 20 * DAY, 30, 0, null, 1); // mature, 30 d
    set.run(2, 4, 10, START - 4 * DAY, START + DAY, 4, 0, null, 2); // young, due tomorrow
    set.run(3, 0.5, 5.5, START - DAY - HOUR, START - DAY, 0, 0, null, 3); // relearning, overdue since yesterday
    set.run(2, 100, 3, START - 50 * DAY, START + 40 * DAY, 100, 1, null, 4); // suspended
    set.run(0, 0, 0, null, START, 0, 0, START + DAY, 5); // new, buried until tomorrow
    const s = collectStatistics(db, START);
    expect(s.cardCounts).toEqual({ new: 1, learning: 0, review: 2, relearning: 1, suspended: 1, buried: 1, total: 6 });
    // The top bin of a percentage includes 100 %.
    const binOf = (d: typeof s.stability, x: number) => d.bins.findIndex((b, i) => x >= b.from && (b.to === null || x < b.to || (i === d.bins.length - 1 && x === b.to)));
    const count = (d: typeof s.stability) => d.bins.map((b) => b.count);
    const expected = (d: typeof s.stability, xs: number[]) => d.bins.map((_, i) => xs.filter((x) => binOf(d, x) === i).length);
    expect(count(s.stability)).toEqual(expected(s.stability, [30, 4, 0.5]));
    expect(count(s.difficulty)).toEqual(expected(s.difficulty, [0, 100, 50]));
    const curve = createForgettingCurve();
    const recall = [curve(10, 30), curve(4, 4), curve(1 + 1 / 24, 0.5)].map((r) => r * 100);
    expect(count(s.retrievability)).toEqual(expected(s.retrievability, recall));
    expect(s.retrievability.mean).toBeCloseTo(recall.reduce((a, b) => a + b) / 3, 9);
    expect(s.stability.mean).toBeCloseTo(34.5 / 3, 12);
    expect(s.forecast[0]).toEqual({ date: '2026-03-20', learning: 1, young: 0, mature: 0, total: 1 });
    expect(s.forecast[1]).toEqual({ date: '2026-03-21', learning: 0, young: 1, mature: 0, total: 1 });
    expect(s.forecast[20]).toMatchObject({ mature: 1 });
    expect(s.overdue).toBe(1);
  });
});
