import { describe, expect, it } from 'vitest';
import { EXAM_WINDOW_DAYS, examAwareDue, examWindow } from '../../electron/core/exam/examAware';
import { createExam, installClfC02Preset, mapDeckToDomain, setExamAware } from '../../electron/core/exam/profile';
import { computeProjection, readinessReport, retentionWorkload, simulate, unitHash, WORKLOAD_RETENTIONS } from '../../electron/core/exam/projection';
import { computeReadiness, examDayStart } from '../../electron/core/exam/readiness';
import { createForgettingCurve, createReviewGood, createScheduler, type MemoryState } from '../../electron/core/scheduler';
import { getSettings, updateSettings } from '../../electron/core/settings';
import { DAY, MINUTE } from '../../electron/core/time';
import { sampleCollection } from './helpers';

// Amsterdam (the unit tests' TZ): 09:00 local on Monday 2 March 2026, before the DST change.
const MONDAY_9 = Date.parse('2026-03-02T08:00:00Z');
const local = (y: number, m: number, d: number, h = 4) => new Date(y, m - 1, d, h).getTime();

describe('exam-aware scheduling', () => {
  it('puts the window on the last 7 study days before the exam, across the DST change', () => {
    const w = examWindow('2026-04-01', 4);
    expect(w.examStart).toBe(local(2026, 4, 1));
    expect(w.days).toHaveLength(EXAM_WINDOW_DAYS);
    expect(w.days).toEqual([25, 26, 27, 28, 29, 30, 31].map((d) => local(2026, 3, d)));
  });

  it('moves a due past the exam to the least-loaded window day (ties to the later day), keeping the time of day', () => {
    const w = examWindow('2026-03-20', 4);
    const loads = [5, 3, 4, 3, 9, 9, 9];
    const answeredAt = local(2026, 3, 2, 9);
    const moved = examAwareDue({ state: 2, due: local(2026, 4, 30, 9) }, answeredAt, w, 4, (i) => loads[i]!);
    // Days 1 and 3 tie at 3 cards: the later one, 16 March, wins.
    expect(moved).toEqual({ due: local(2026, 3, 16, 9), scheduledDays: 14 });
    // A due before the exam, a learning card, an answer inside the window: left alone.
    expect(examAwareDue({ state: 2, due: local(2026, 3, 19, 9) }, answeredAt, w, 4, () => 0)).toBeNull();
    expect(examAwareDue({ state: 3, due: local(2026, 4, 30, 9) }, answeredAt, w, 4, () => 0)).toBeNull();
    expect(examAwareDue({ state: 2, due: local(2026, 4, 30, 9) }, local(2026, 3, 13, 5), w, 4, () => 0)).toBeNull();
  });

  it('applies inside Study.answer only when the active exam has it on, spreading cards over the window', () => {
    const { db, study, clock } = sampleCollection(MONDAY_9);
    const exam = installClfC02Preset(db, MONDAY_9, '2026-03-20');
    const w = examWindow('2026-03-20', 4);
    // Off: an "easy" new card graduates with its own interval.
    const off = study.answer({ cardId: 1, rating: 'easy', durationMs: 0 }).card;
    // Learn card 2 too, then answer both well enough that their next due falls past the exam.
    setExamAware(db, exam.id, true);
    study.answer({ cardId: 2, rating: 'easy', durationMs: 0 });
    clock.advance(6 * DAY);
    const a = study.answer({ cardId: 1, rating: 'easy', durationMs: 0 }).card;
    const b = study.answer({ cardId: 2, rating: 'easy', durationMs: 0 }).card;
    expect(Date.parse(off.due)).toBeLessThan(w.examStart);
    const dueA = Date.parse(a.due);
    const dueB = Date.parse(b.due);
    for (const due of [dueA, dueB]) {
      expect(due).toBeGreaterThanOrEqual(w.days[0]!);
      expect(due).toBeLessThan(w.examStart);
      // Same time of day as the answer (09:00).
      expect(new Date(due).getHours()).toBe(9);
    }
    // The second card goes to another day than the first: the load is spread.
    expect(new Date(dueA).getDate()).toBe(19);
    expect(new Date(dueB).getDate()).toBe(18);
    // Without exam-aware scheduling the same answer jumps past the exam; FSRS memory is unchanged.
    const before = db.prepare('SELECT undo FROM review WHERE card_id = 1 ORDER BY id DESC LIMIT 1').pluck().get() as string;
    const plain = createScheduler(getSettings(db)).answer(1, JSON.parse(before).card as MemoryState, 'easy', clock.now).after;
    expect(plain.due).toBeGreaterThanOrEqual(w.examStart);
    expect(a.stability).toBe(plain.stability);
  });
});

describe('createReviewGood', () => {
  it('gives exactly what the scheduler (fuzz off) gives for Good on review cards', () => {
    const settings = { ...getSettings(sampleCollection(MONDAY_9).db), enableFuzz: false };
    const scheduler = createScheduler(settings);
    const fast = createReviewGood(settings);
    let checked = 0;
    for (const stability of [0.4, 2.3, 9.7, 45, 380]) {
      for (const difficulty of [1, 3.3, 6.8, 10]) {
        for (const days of [0.2, 1, 3.5, 17, 200]) {
          const lastReview = MONDAY_9 - Math.round(days * DAY);
          const before: MemoryState = { state: 2, due: lastReview + DAY, stability, difficulty, scheduledDays: 1, learningSteps: 0, reps: 4, lapses: 1, lastReview };
          expect(fast(before, MONDAY_9)).toEqual(scheduler.answer(7, before, 'good', MONDAY_9).after);
          checked++;
        }
      }
    }
    expect(checked).toBe(100);
  });
});

/**
 * The projection re-done by hand for a deck whose cards are all in review: each day, due cards in
 * due order up to the review limit, Good when unitHash(id, reps) < R, else Again + relearning Good.
 */
function handProjection(cards: { id: number; m: MemoryState }[], now: number, until: number, reviewsPerDay: number, settings: ReturnType<typeof getSettings>) {
  const scheduler = createScheduler({ ...settings, enableFuzz: false });
  const curve = createForgettingCurve(settings);
  const days: number[] = [];
  for (let k = 0; ; k++) {
    const start = new Date(new Date(now).setHours(4, 0, 0, 0));
    start.setDate(start.getDate() + k);
    const end = new Date(start);
    end.setDate(end.getDate() + 1);
    if (start.getTime() >= until) break;
    const at = k === 0 ? now : start.getTime() + (now - new Date(now).setHours(4, 0, 0, 0));
    const due = cards.filter((c) => c.m.due < end.getTime()).sort((a, b) => a.m.due - b.m.due || a.id - b.id).slice(0, reviewsPerDay);
    let answers = 0;
    for (const c of due) {
      const recalled = unitHash(c.id, c.m.reps) < curve((at - c.m.lastReview!) / DAY, c.m.stability);
      c.m = scheduler.answer(c.id, c.m, recalled ? 'good' : 'again', at).after;
      answers++;
      while (c.m.state === 3 && c.m.due < end.getTime()) {
        c.m = scheduler.answer(c.id, c.m, 'good', Math.max(at, c.m.due)).after;
        answers++;
      }
    }
    days.push(answers);
  }
  const recall = cards.reduce((s, c) => s + curve((until - c.m.lastReview!) / DAY, c.m.stability), 0) / cards.length;
  return { days, recall };
}

describe('projection', () => {
  function reviewedCollection() {
    const c = sampleCollection(MONDAY_9, { reviewsPerDay: 2, newPerDay: 0 });
    const exam = createExam(c.db, { name: 'One', examDate: '2026-03-20', passMark: 1, totalQuestions: 4, scoredQuestions: 4, domains: [{ name: 'All', weight: 1 }] }, MONDAY_9);
    mapDeckToDomain(c.db, c.deckId, exam.domains[0]!.id);
    // Six review cards with short memories, due over the next days.
    const ids = c.db.prepare('SELECT id FROM card ORDER BY id').pluck().all() as number[];
    ids.forEach((id, i) => {
      const lastReview = MONDAY_9 - (3 + i) * DAY;
      c.db.prepare('UPDATE card SET state = 2, stability = ?, difficulty = ?, last_review = ?, due = ?, reps = 3, scheduled_days = 3 WHERE id = ?')
        .run(2 + i, 4 + i / 2, lastReview, lastReview + (3 + (i % 3)) * DAY, id);
    });
    return { ...c, ids, exam: { ...exam, domains: [{ ...exam.domains[0]!, decks: [{ id: c.deckId, name: 'Sample' }] }] } };
  }

  it('equals a day-by-day replay with ts-fsrs on fixed dates, within the daily review limit', () => {
    const { db, ids, exam } = reviewedCollection();
    const settings = getSettings(db);
    const until = examDayStart('2026-03-20', 4);
    const cards = ids.map((id) => {
      const r = db.prepare('SELECT * FROM card WHERE id = ?').get(id) as Record<string, number>;
      return { id, m: { state: 2, due: r.due!, stability: r.stability!, difficulty: r.difficulty!, scheduledDays: 3, learningSteps: 0, reps: 3, lapses: 0, lastReview: r.last_review! } as MemoryState };
    });
    const hand = handProjection(cards, MONDAY_9, until, 2, settings);
    const p = computeProjection(db, exam, { now: MONDAY_9 });
    expect(p.dailyReviews.map((d) => d.answers)).toEqual(hand.days);
    expect(p.dailyReviews).toHaveLength(18);
    expect(p.dailyReviews[0]!.date).toBe('2026-03-02');
    expect(p.dailyReviews.at(-1)!.date).toBe('2026-03-19');
    expect(p.predictedRecall).toBeCloseTo(hand.recall, 12);
    // The limit holds every day, and the backlog is what is left of the due cards.
    for (const d of p.dailyReviews) expect(d.reviews).toBeLessThanOrEqual(2);
    expect(p.totalAnswers).toBe(hand.days.reduce((a, b) => a + b, 0));
    // Doing the reviews helps: the projection beats doing nothing.
    expect(p.predictedRecall!).toBeGreaterThan(computeReadiness(db, exam, { now: MONDAY_9 }).predictedRecall!);
    // Reproducible.
    expect(computeProjection(db, exam, { now: MONDAY_9 })).toEqual(p);
  });

  it('introduces new cards up to the daily limit, with their learning steps the same day', () => {
    const { db, study, deckId } = sampleCollection(MONDAY_9, { newPerDay: 2 });
    const exam = createExam(db, { name: 'One', examDate: '2026-03-06', passMark: 1, totalQuestions: 4, scoredQuestions: 4, domains: [{ name: 'All', weight: 1 }] }, MONDAY_9);
    mapDeckToDomain(db, deckId, exam.domains[0]!.id);
    study.answer({ cardId: 1, rating: 'good', durationMs: 0 }); // today's first new card: one left today
    const p = computeProjection(db, { ...exam, domains: [{ ...exam.domains[0]!, decks: [{ id: deckId, name: 'Sample' }] }] }, { now: MONDAY_9 + MINUTE });
    // 6 cards: 1 answered today, so 1 more today (limit 2), then 2, 2 and none left.
    expect(p.dailyReviews.map((d) => d.newCards)).toEqual([1, 2, 2, 0]);
    // Learning steps 1m and 10m: a new card rated Good steps to 10m then graduates, the same day.
    expect(p.dailyReviews[1]!.learningSteps).toBe(2);
    expect(p.coverage).toBe(1);
  });

  it('follows exam-aware scheduling: reviews that would jump past the exam land in its last week', () => {
    const { db, ids, exam } = reviewedCollection();
    updateSettings(db, { reviewsPerDay: 100 });
    db.prepare('UPDATE card SET stability = stability * 10').run();
    const off = simulate(db, { now: MONDAY_9, until: examDayStart('2026-03-20', 4), settings: getSettings(db), examAware: null });
    setExamAware(db, exam.id, true);
    const on = computeProjection(db, { ...exam, examAwareScheduling: true }, { now: MONDAY_9 });
    const window = on.dailyReviews.slice(-EXAM_WINDOW_DAYS);
    expect(window.reduce((a, d) => a + d.reviews, 0)).toBeGreaterThan(off.days.slice(-EXAM_WINDOW_DAYS).reduce((a, d) => a + d.reviews, 0));
    expect(on.examAwareScheduling).toBe(true);
    expect(ids.length).toBe(6);
  });

  it('gives the workload of each desired retention: higher retention, more answers', () => {
    const { db, exam } = reviewedCollection();
    const w = retentionWorkload(db, exam, MONDAY_9);
    expect(w.rows.map((r) => r.desiredRetention)).toEqual(WORKLOAD_RETENTIONS);
    expect(w.days).toBe(18);
    expect(w.rows.at(-1)!.totalAnswers).toBeGreaterThan(w.rows[0]!.totalAnswers);
    for (const r of w.rows) expect(r.predictedRecall).not.toBeNull();
    // Without a date: 30 days, no recall.
    const undated = retentionWorkload(db, { ...exam, examDate: null }, MONDAY_9);
    expect(undated.days).toBe(30);
    expect(undated.rows[0]!.predictedRecall).toBeNull();
  });

  it('reports readiness and projection together for the active exam; nothing without a date', () => {
    const { db } = sampleCollection(MONDAY_9);
    expect(readinessReport(db, MONDAY_9)).toMatchObject({ readiness: null, projected: null });
    const r = readinessReport(db, MONDAY_9, '2026-03-20');
    expect(r.readiness!.examDate).toBe('2026-03-20');
    expect(r.projected!.dailyReviews).toHaveLength(18);
    expect(r.projected!.model).toMatch(/simulates every study day/);
  });
});
