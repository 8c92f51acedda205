// The exam core's fast paths give the same figures as the straightforward computations they
// replace: the projection's answers against ts-fsrs's scheduler, the per-card forgetting curve
// against createForgettingCurve, the statistics page's aggregates against plain loops over the
// review log and the cards, and the optimizer's training items against the per-answer build.
// Also: the queries read the indexes they were designed for (no table rows, no sorting).
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { REVIEW_BUTTON } from '../../electron/core/db/migrations/0005-practice';
import { bindingItems, loadOptimizer, trainingSet, type TrainingReview } from '../../electron/core/exam/optimizer';
import { createFastAnswer } from '../../electron/core/exam/projection';
import { forgettingCurve } from '../../electron/core/exam/readiness';
import { dayStarts } from '../../electron/core/exam/days';
import { collectStatistics, HISTORY_DAYS, MATURE_DAYS, STABILITY_BINS } from '../../electron/core/exam/statistics';
import { createForgettingCurve, createScheduler, weightsInUse, type MemoryState, type StateCode } from '../../electron/core/scheduler';
import { getSettings, updateSettings, type Settings } from '../../electron/core/settings';
import { DAY, HOUR, MINUTE } from '../../electron/core/time';
import { sampleCollection } from './helpers';

// Amsterdam (the unit tests' TZ): the histories below cross the DST changes of 2025 and 2026.
const NOW = new Date(2026, 4, 1, 12).getTime(); // 1 May 2026, 12:00

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weights other than the defaults (each nudged), to check nothing assumes them. */
const CUSTOM_WEIGHTS = weightsInUse().map((w, i) => (i === 20 ? 0.3 : w * (1 + ((i % 5) - 2) * 0.03)));

describe('createFastAnswer', () => {
  it('gives exactly what the scheduler (fuzz off) gives for Again and Good in every state and step setting', () => {
    const base = getSettings(sampleCollection(NOW).db);
    const rand = rng(7);
    const variants: Partial<Settings>[] = [
      {},
      { learningSteps: [], relearningSteps: [] },
      { learningSteps: ['10m'], relearningSteps: ['10m', '1h'] },
      { learningSteps: ['1h', '1d'], relearningSteps: ['2d'], desiredRetention: 0.8 },
      { learningSteps: ['1.5m', '30m', '2h'], relearningSteps: ['0m'], maximumInterval: 30 },
      { weights: CUSTOM_WEIGHTS, desiredRetention: 0.95 },
    ];
    let checked = 0;
    for (const variant of variants) {
      const settings: Settings = { ...base, ...variant };
      const scheduler = createScheduler({ ...settings, enableFuzz: false });
      const fast = createFastAnswer(settings);
      const steps = Math.max(settings.learningSteps.length, settings.relearningSteps.length);
      for (let i = 0; i < 400; i++) {
        const state = (i % 4) as StateCode;
        // Answers at any time of day, after gaps from minutes to months (across UTC midnight).
        const now = NOW + Math.floor(rand() * 3 * DAY);
        const lastReview = now - Math.floor((rand() < 0.5 ? rand() * DAY : rand() * 200 * DAY) + MINUTE);
        const before: MemoryState =
          state === 0
            ? { state, due: now - DAY, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, lastReview: null }
            : {
                state,
                due: lastReview + HOUR,
                stability: 0.05 + rand() * (state === 2 ? 400 : 20),
                difficulty: 1 + rand() * 9,
                scheduledDays: state === 2 ? 1 + Math.floor(rand() * 100) : 0,
                learningSteps: state === 2 ? (rand() < 0.8 ? 0 : 1) : Math.floor(rand() * (steps + 1)),
                reps: 1 + Math.floor(rand() * 20),
                lapses: Math.floor(rand() * 4),
                lastReview,
              };
        for (const rating of ['again', 'good'] as const) {
          expect(fast(before, rating, now)).toEqual(scheduler.answer(100 + i, before, rating, now).after);
          checked++;
        }
      }
    }
    expect(checked).toBe(variants.length * 800);
  });
});

describe('forgettingCurve', () => {
  it('is createForgettingCurve, to the last bit', () => {
    const rand = rng(3);
    for (const weights of [null, CUSTOM_WEIGHTS]) {
      const fast = forgettingCurve({ weights });
      const reference = createForgettingCurve({ weights });
      for (let i = 0; i < 5000; i++) {
        const t = rand() < 0.05 ? -rand() * 3 : rand() * 3000;
        const s = rand() < 0.02 ? 0 : 0.001 + rand() * 5000;
        expect(fast(t, s)).toBe(reference(t, s));
      }
    }
  });
});

/** A collection with the sample deck (5 cards) and a bigger deck (60 cards), no answers yet. */
function twoDecks() {
  const c = sampleCollection(NOW);
  const other = Number(c.db.prepare("INSERT INTO deck (name, created_at) VALUES ('Other', 0)").run().lastInsertRowid);
  const note = c.db.prepare('INSERT INTO note (deck_id, guid, created_at, updated_at) VALUES (?, ?, 0, 0)');
  const card = c.db.prepare("INSERT INTO card (note_id, deck_id, ord, front, back, position, due) VALUES (?, ?, 0, 'Q', 'A', ?, 0)");
  for (let i = 0; i < 60; i++) card.run(Number(note.run(other, `other-${i}`).lastInsertRowid), other, 100 + i);
  const cards = c.db.prepare('SELECT id, deck_id AS deck FROM card ORDER BY id').all() as { id: number; deck: number }[];
  return { ...c, other, cards };
}

interface LoggedAnswer {
  card: number;
  at: number;
  rating: number;
  stateBefore: number;
  elapsed: number;
  durationMs: number;
}

function logAnswers(db: Database, answers: LoggedAnswer[]) {
  const insert = db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability, difficulty,
    elapsed_days, scheduled_days, duration_ms, undo) VALUES (?, ?, ?, ?, 2, 0, 1, 5, ?, 1, ?, '{}')`);
  db.transaction(() => {
    for (const a of answers) insert.run(a.card, a.at, a.rating, a.stateBefore, a.elapsed, a.durationMs);
  })();
}

/** The statistics page's answer figures by plain loops over the log (see statistics.ts's definitions). */
function answerFigures(answers: LoggedAnswer[], now: number) {
  const starts = dayStarts(now, 4, -(HISTORY_DAYS - 1), HISTORY_DAYS);
  const dayOf = (t: number) => starts.findIndex((s, i) => i < HISTORY_DAYS && t >= s && t < starts[i + 1]!);
  const days = starts.slice(0, HISTORY_DAYS).map(() => ({ learning: 0, young: 0, mature: 0, relearning: 0, total: 0, timeMs: 0 }));
  const kinds = ['learning', 'relearning', 'young', 'mature'] as const;
  const counted: { day: number; kind: number; rating: number }[] = [];
  for (const a of answers) {
    if (a.at < starts[0]! || a.at > now) continue;
    const day = dayOf(a.at);
    const kind = a.stateBefore === 2 ? (a.elapsed >= MATURE_DAYS ? 3 : 2) : a.stateBefore === 3 ? 1 : 0;
    days[day]![kinds[kind]]++;
    days[day]!.total++;
    days[day]!.timeMs += a.durationMs;
    counted.push({ day, kind, rating: a.rating });
  }
  const retention = (from: number, to = HISTORY_DAYS - 1) => {
    const f = (k: number[]) => {
      const xs = counted.filter((c) => k.includes(c.kind) && c.day >= from && c.day <= to);
      const passed = xs.filter((c) => c.rating > 1).length;
      const failed = xs.length - passed;
      return { passed, failed, rate: xs.length ? passed / xs.length : null };
    };
    return { young: f([2]), mature: f([3]), total: f([2, 3]) };
  };
  const buttons = (from: number) => {
    const b = (k: number[]) => [1, 2, 3, 4].map((r) => counted.filter((c) => k.includes(c.kind) && c.day >= from && c.rating === r).length);
    return { learning: b([0, 1]), young: b([2]), mature: b([3]) };
  };
  const t = HISTORY_DAYS - 1;
  return {
    days,
    trueRetention: { today: retention(t), yesterday: retention(t - 1, t - 1), week: retention(t - 6), month: retention(t - 29), year: retention(0) },
    answerButtons: { month: buttons(t - 29), year: buttons(0) },
  };
}

describe('statistics aggregates', () => {
  it('equal plain loops over a random log, for the collection, a small deck and a big deck', () => {
    const { db, deckId, other, cards } = twoDecks();
    const rand = rng(11);
    const answers: LoggedAnswer[] = [];
    for (let i = 0; i < 4000; i++) {
      const c = cards[Math.floor(rand() * cards.length)]!;
      // From 400 days back to an hour after now (later answers must not count).
      answers.push({
        card: c.id,
        at: NOW - Math.floor(rand() * 400 * DAY) + (i % 97 === 0 ? HOUR : 0),
        rating: 1 + Math.floor(rand() * 4),
        stateBefore: Math.floor(rand() * 4),
        elapsed: rand() < 0.5 ? Math.floor(rand() * 21) : 21 + Math.floor(rand() * 60),
        durationMs: Math.floor(rand() * 20_000),
      });
    }
    logAnswers(db, answers);
    const deckOf = new Map(cards.map((c) => [c.id, c.deck]));
    for (const deck of [null, deckId, other]) {
      const s = collectStatistics(db, NOW, { deckId: deck });
      const expected = answerFigures(deck === null ? answers : answers.filter((a) => deckOf.get(a.card) === deck), NOW);
      expect(s.days.map(({ date: _date, ...d }) => d)).toEqual(expected.days);
      expect(s.trueRetention).toEqual(expected.trueRetention);
      expect(s.answerButtons).toEqual(expected.answerButtons);
    }
  });

  it('re-reads exactly a day with more answers of a kind than a packed count holds', () => {
    const { db, cards } = twoDecks();
    const answers: LoggedAnswer[] = [];
    const yesterday = NOW - DAY;
    // 66,000 mature answers in one day (65,600 good: more than a 16-bit field holds) and one on another day.
    for (let i = 0; i < 66_000; i++) {
      answers.push({ card: cards[i % cards.length]!.id, at: yesterday + (i % 3600) * 1000, rating: i < 65_600 ? 3 : 1 + (i % 4), stateBefore: 2, elapsed: 30, durationMs: 1000 });
    }
    answers.push({ card: cards[0]!.id, at: yesterday - 3 * DAY, rating: 2, stateBefore: 2, elapsed: 30, durationMs: 5 });
    logAnswers(db, answers);
    const s = collectStatistics(db, NOW);
    const expected = answerFigures(answers, NOW);
    expect(s.days.map(({ date: _date, ...d }) => d)).toEqual(expected.days);
    expect(s.answerButtons.year.mature).toEqual([100, 101, 65_700, 100]);
    expect(s.trueRetention.year.mature.failed).toBe(100);
  });

  it('follows a streak back past the year, one study day at a time, also within a deck', () => {
    const { db, deckId, cards } = twoDecks();
    const answers: LoggedAnswer[] = [];
    // Every study day for 420 days (a day starts at 04:00: answers at 10:00), then a gap.
    for (let d = 0; d < 420; d++) {
      const at = new Date(NOW);
      at.setDate(at.getDate() - d);
      at.setHours(10, 0, 0, 0);
      answers.push({ card: cards[d % 5]!.id, at: at.getTime(), rating: 3, stateBefore: 2, elapsed: 3, durationMs: 1 });
    }
    logAnswers(db, answers);
    expect(collectStatistics(db, NOW).streak).toEqual({ current: 420, longest: 420, studiedToday: true, daysStudied: HISTORY_DAYS });
    expect(collectStatistics(db, NOW, { deckId }).streak.current).toBe(420);
  });

  it('bins and averages the cards as plain loops over them do', () => {
    const { db, cards } = twoDecks();
    const rand = rng(5);
    const set = db.prepare('UPDATE card SET state = ?, stability = ?, difficulty = ?, last_review = ?, suspended = ?, buried_until = ? WHERE id = ?');
    const rows: { state: number; stability: number; difficulty: number; lastReview: number | null; suspended: number; buried: number | null }[] = [];
    for (const c of cards) {
      const state = Math.floor(rand() * 4);
      // Stabilities on and around the bin bounds, difficulties over the whole range.
      const stability = state === 0 ? 0 : rand() < 0.3 ? STABILITY_BINS[Math.floor(rand() * STABILITY_BINS.length)]! : rand() * 1000;
      const row = {
        state,
        stability,
        difficulty: state === 0 ? 0 : 1 + rand() * 9,
        lastReview: state === 0 ? null : NOW - Math.floor(rand() * 300 * DAY),
        suspended: rand() < 0.1 ? 1 : 0,
        buried: rand() < 0.1 ? NOW + HOUR : rand() < 0.1 ? NOW - HOUR : null,
      };
      rows.push(row);
      set.run(row.state, row.stability, row.difficulty, row.lastReview, row.suspended, row.buried, c.id);
    }
    for (const weights of [null, CUSTOM_WEIGHTS]) {
      updateSettings(db, { weights });
      const s = collectStatistics(db, NOW);
      const curve = createForgettingCurve({ weights });
      const reviewed = rows.filter((r) => r.state !== 0 && r.lastReview !== null && !r.suspended && r.stability > 0);
      const recall = reviewed.map((r) => curve((NOW - r.lastReview!) / DAY, r.stability));
      const histogram = (n: number, bin: (i: number) => number) => {
        const h = new Array<number>(n).fill(0);
        reviewed.forEach((_, i) => h[bin(i)]!++);
        return h;
      };
      const sBin = (i: number) => STABILITY_BINS.filter((b) => reviewed[i]!.stability >= b).length;
      expect(s.stability.bins.map((b) => b.count)).toEqual(histogram(STABILITY_BINS.length + 1, sBin));
      expect(s.difficulty.bins.map((b) => b.count)).toEqual(histogram(10, (i) => Math.min(9, Math.max(0, Math.trunc((reviewed[i]!.difficulty - 1) / 0.9)))));
      expect(s.retrievability.bins.map((b) => b.count)).toEqual(histogram(20, (i) => Math.min(19, Math.trunc(recall[i]! * 20))));
      expect(s.retrievability.mean).toBeCloseTo((recall.reduce((a, r) => a + r, 0) / reviewed.length) * 100, 10);
      expect(s.stability.mean).toBeCloseTo(reviewed.reduce((a, r) => a + r.stability, 0) / reviewed.length, 10);
      expect(s.difficulty.mean).toBeCloseTo(reviewed.reduce((a, r) => a + ((r.difficulty - 1) / 9) * 100, 0) / reviewed.length, 10);
      const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
      const live = (r: (typeof rows)[number]) => !r.suspended && !(r.buried !== null && r.buried > NOW);
      expect(s.cardCounts).toEqual({
        new: count((r) => live(r) && r.state === 0),
        learning: count((r) => live(r) && r.state === 1),
        review: count((r) => live(r) && r.state === 2),
        relearning: count((r) => live(r) && r.state === 3),
        suspended: count((r) => r.suspended === 1),
        buried: count((r) => !r.suspended && r.buried !== null && r.buried > NOW),
        total: rows.length,
      });
    }
  });

  it('reads indexes only: no review or card rows, no sorting of answers or cards', () => {
    const { db, deckId, cards } = twoDecks();
    logAnswers(db, [{ card: cards[0]!.id, at: NOW - DAY, rating: 3, stateBefore: 0, elapsed: 0, durationMs: 1 }]);
    const plans = explainPrepared(db, () => collectStatistics(db, NOW));
    const answers = plans.filter((p) => p.sql.includes(`sum((${REVIEW_BUTTON}))`) && !p.sql.includes('UNION'));
    expect(answers.length).toBeGreaterThan(0);
    for (const p of answers) expect(p.plan).toMatch(/^SEARCH review USING COVERING INDEX review_stats \(<expr>=\? AND reviewed_at>\? AND reviewed_at<\?\)$/);
    const cardReads = plans.filter((p) => p.sql.includes('stratus_card_bins') || p.sql.includes('count(CASE WHEN suspended'));
    expect(cardReads).toHaveLength(2);
    for (const p of cardReads) {
      expect(p.plan).toMatch(/COVERING INDEX/);
      expect(p.plan).not.toMatch(/TEMP B-TREE/);
    }
    // A deck with most of the cards is read along review_stats too, kind by kind.
    const deck = explainPrepared(db, () => collectStatistics(db, NOW, { deckId })).filter((p) => p.sql.includes('UNION ALL'));
    expect(deck).toHaveLength(1);
    expect(deck[0]!.plan.match(/COVERING INDEX review_stats/g)).toHaveLength(4);
    // The optimizer reads each card's answers from review_history, in order.
    const optimizer = explainPrepared(db, () => trainingSet(db, 4)).find((p) => p.sql.includes('ORDER BY card_id'))!;
    expect(optimizer.plan).toBe('SCAN review USING COVERING INDEX review_history');
  });
});

/** The query plans (EXPLAIN QUERY PLAN, one line) of the statements `fn` prepares, parameters bound to NULL. */
function explainPrepared(db: Database, fn: () => unknown): { sql: string; plan: string }[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  const spy = (sql: string) => {
    seen.push(sql);
    return prepare(sql);
  };
  (db as unknown as { prepare: typeof spy }).prepare = spy;
  try {
    fn();
  } finally {
    (db as unknown as { prepare: typeof prepare }).prepare = prepare;
  }
  return seen.map((sql) => {
    const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, null]));
    const positional = new Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
    const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const rows = (Object.keys(named).length ? explain.all(named) : explain.all(...positional)) as { detail: string }[];
    return { sql, plan: rows.map((r) => r.detail).join(' | ') };
  });
}

/** Anki's training items built answer by answer (the optimizer's reference, without its shortcuts). */
function referenceItems(db: Database, dayStartHour: number) {
  const rows = db.prepare('SELECT card_id, reviewed_at, rating, state_before FROM review ORDER BY card_id, reviewed_at, id').all() as {
    card_id: number;
    reviewed_at: number;
    rating: number;
    state_before: number;
  }[];
  const dayOf = (t: number) => Math.floor((t - new Date(t).getTimezoneOffset() * MINUTE - dayStartHour * HOUR) / DAY);
  const byCard = new Map<number, typeof rows>();
  for (const r of rows) byCard.set(r.card_id, [...(byCard.get(r.card_id) ?? []), r]);
  const histories: TrainingReview[][] = [];
  const found: { at: number; history: number; length: number }[] = [];
  for (const answers of byCard.values()) {
    const first = answers.map((a) => a.state_before).lastIndexOf(0);
    if (first < 0) continue;
    const used = answers.slice(first);
    const history = used.map((a, i): TrainingReview => [a.rating, i === 0 ? 0 : Math.max(0, dayOf(a.reviewed_at) - dayOf(used[i - 1]!.reviewed_at))]);
    history.forEach(([, deltaT], i) => deltaT > 0 && found.push({ at: used[i]!.reviewed_at, history: histories.length, length: i + 1 }));
    histories.push(history);
  }
  found.sort((a, b) => a.at - b.at);
  return { reviews: rows.length, histories, items: found.map((f): [number, number] => [f.history, f.length]) };
}

describe('optimizer training items', () => {
  it('equal the answer-by-answer build across DST changes, and so do the binding items', async () => {
    const { db, cards } = twoDecks();
    const rand = rng(17);
    const answers: LoggedAnswer[] = [];
    for (const c of cards) {
      // Two learning runs for some cards (the history starts at the last), answers at night too.
      let t = NOW - 500 * DAY + Math.floor(rand() * 30 * DAY);
      const n = 2 + Math.floor(rand() * 25);
      for (let k = 0; k < n; k++) {
        const relearnFromNew = k === 0 || (k === 5 && rand() < 0.3);
        answers.push({ card: c.id, at: t, rating: 1 + Math.floor(rand() * 4), stateBefore: relearnFromNew ? 0 : rand() < 0.2 ? 1 : 2, elapsed: 0, durationMs: 0 });
        t += rand() < 0.3 ? Math.floor(rand() * 6 * HOUR) : Math.floor(rand() * 40 * DAY);
      }
    }
    logAnswers(db, answers);
    for (const h of [0, 4, 23]) expect(trainingSet(db, h)).toEqual(referenceItems(db, h));
    const set = trainingSet(db, 4);
    const binding = await loadOptimizer();
    const items = bindingItems(binding, set);
    expect(items).toHaveLength(set.items.length);
    items.forEach((item, i) => {
      const [history, length] = set.items[i]!;
      expect(item.reviews.map((r) => [r.rating, r.deltaT])).toEqual(set.histories[history]!.slice(0, length));
    });
  });
});
