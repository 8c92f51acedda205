// The projection "if you keep doing your reviews as scheduled until the exam": the collection's
// schedule simulated forward, study day by study day, with the user's limits and ts-fsrs.
//
// The model (also in PROJECTION_MODEL_DESCRIPTION, which the UI and the CLI show):
// - every study day from today to the day before the exam, each deck does, as Study does: its
//   learning and relearning steps due that day, its due reviews (oldest due first) up to the daily
//   review limit (the rest waits for the next day), and new cards (in deck order) up to the daily
//   new-card limit; today's limits are what is left of them after today's answers;
// - answers are given at the time of day it is now (learning steps at their due time);
// - a due review is recalled when u < R, where R is the card's predicted recall at that moment
//   (ts-fsrs's forgetting curve) and u a number in [0, 1) drawn deterministically from the card's
//   id and review count: recalled → Good, otherwise Again followed by its relearning steps, rated
//   Good; new cards and every learning step are rated Good. Over many cards the share recalled
//   matches the predicted recall; one run always gives the same result;
// - every answer goes through ts-fsrs with the collection's settings (desired retention, steps,
//   maximum interval, weights) with interval fuzz off, and through the exam-aware rule when the
//   exam has it on;
// - predicted recall on exam day is then computed exactly as in readiness.ts, with the simulated
//   memory states. Suspended cards are left out; burying siblings is not simulated.
//
// Scale: no per-day SQL. One grouped query counts the cards due per study day; per deck, one query
// loads the learning cards, one the review cards the daily limits can reach before the exam (in due
// order), one the new cards the limits can introduce. Each simulated day touches only its own
// cards; cards due after the exam are never simulated (their recall is readiness's). Answers take
// ts-fsrs's formulas directly (createFastAnswer: no Card objects, one grade instead of four), with
// the same results as the scheduler.
import type { Database } from 'better-sqlite3';
import type { ProjectedDay, Projection, ReadinessReport, RetentionWorkload, RetentionWorkloadRow } from '../../shared/contract';
import { InvalidArgumentError } from '../errors';
import { msg } from '../messages';
import { createEngine, createReviewGood, type MemoryState, type StateCode } from '../scheduler';
import { getSettings, type Settings } from '../settings';
import { DAY, MINUTE, studyDay } from '../time';
import { dayStarts, localDate } from './days';
import { examAwareDue, examWindow, type ExamWindow } from './examAware';
import { ensureActiveExam, parseExamDate, type ExamProfile } from './profile';
import { createGrouper, domainMapping, usesTags, type CardGroup, type DomainMapping } from './membership';
import { aggregateReadiness, examDayStart, forgettingCurve, readinessSums, requireExamDate, withPractice, type DeckSum, type GroupSum } from './readiness';

export const PROJECTION_MODEL_DESCRIPTION =
  'The projection simulates every study day from today to the day before the exam: each deck does its learning steps, ' +
  'its due reviews (oldest first) up to your daily review limit and new cards up to your daily new-card limit. ' +
  'A due review counts as remembered (Good) with the card\u2019s predicted recall at that moment, drawn the same way on every ' +
  'run, otherwise it is forgotten (Again) and relearned the same day; new cards and learning steps are answered Good. ' +
  'Intervals come from FSRS with your settings (without fuzz), and predicted recall on exam day is computed as above.';

export interface SimulationOptions {
  /** Simulation start (ms): the clock. */
  now: number;
  /** Exclusive end (ms): the exam day's start. */
  until: number;
  settings: Settings;
  /** The exam window when exam-aware scheduling is on, else null. */
  examAware: ExamWindow | null;
  /** False: no daily review limit (the retention workload table). Default true. */
  reviewLimit?: boolean;
  /** The exam's deck and tag mappings: the simulated cards' sums are kept per CardGroup. */
  mapping?: DomainMapping;
}

export interface SimulatedDay extends ProjectedDay {
  start: number;
}

export interface SimulationResult {
  days: SimulatedDay[];
  /**
   * Per group of cards (membership.ts; per deck without `mapping`), the simulated cards' part of
   * readiness's sums at `until`: `before` as they stand now (no simulation), `after` with the
   * simulated memory states.
   */
  perGroup: Map<string, { group: CardGroup; before: DeckSum; after: DeckSum }>;
  answers: number;
}

interface SimCard {
  id: number;
  deck: number;
  group: CardGroup;
  m: MemoryState;
}

/** A number in [0, 1) from two integers: the same inputs always give the same number. */
export function unitHash(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((b + 0x632be5ab) | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** Study-day starts from `now`'s study day while they are before `until`, plus the one after. */
export function studyDayStarts(now: number, until: number, dayStartHour: number): number[] {
  const first = studyDay(now, dayStartHour).start;
  const starts = [first];
  for (let k = 1; starts[starts.length - 1]! < until; k++) {
    const d = new Date(first);
    d.setDate(d.getDate() + k);
    d.setHours(dayStartHour, 0, 0, 0);
    starts.push(d.getTime());
  }
  return starts;
}

/** Minutes of a learning step as ts-fsrs reads it ("10m", "1h", "1d"; the number is parsed as an integer). */
function stepMinutes(step: string): number {
  const value = parseInt(step.slice(0, -1), 10);
  const unit = ({ m: 1, h: 60, d: 1440 } as Record<string, number>)[step.slice(-1)];
  if (!(value >= 0) || unit === undefined) throw new InvalidArgumentError(msg('exam.badLearningStep', { step }));
  return value * unit;
}

/**
 * What `createScheduler({ ...settings, enableFuzz: false }).answer(id, before, rating, now).after`
 * gives for Good and Again in every state, computed with ts-fsrs's own memory-state and interval
 * functions (the engine's next_state, next_interval, forgetting_curve) and its learning-step rules
 * (BasicLearningStepsStrategy, applyLearningSteps), without building Card objects or previewing
 * four grades: for simulations that answer thousands of cards. A test checks it against the
 * scheduler over many states.
 */
export function createFastAnswer(settings: Settings): (before: MemoryState, rating: 'again' | 'good', now: number) => MemoryState {
  const engine = createEngine({ ...settings, enableFuzz: false });
  const reviewGood = createReviewGood(settings);
  const learning = settings.learningSteps.map(stepMinutes);
  const relearning = settings.relearningSteps.map(stepMinutes);
  return (before, rating, now) => {
    if (rating === 'good' && before.state === 2) return reviewGood(before, now);
    const grade = rating === 'good' ? 3 : 1;
    // ts-fsrs's elapsed days: whole UTC calendar days since the last review (0 for a new card).
    const t = before.state !== 0 && before.lastReview ? Math.floor(now / DAY) - Math.floor(before.lastReview / DAY) : 0;
    const memory = { difficulty: before.difficulty, stability: before.stability };
    const next = before.state === 2
      ? engine.next_state(memory, t, grade, engine.forgetting_curve(t, before.stability))
      : engine.next_state(memory, t, grade);
    // The learning step the answer leads to (BasicLearningStepsStrategy): minutes 0 means none.
    const steps = before.state === 2 || before.state === 3 ? relearning : learning;
    const current = before.learningSteps || 0;
    let minutes = 0;
    let nextStep = 0;
    if (current < steps.length) {
      if (before.state === 2) minutes = steps[current]!; // Again from review: the relearning step
      else if (grade === 1) minutes = steps[0]!;
      else if (current + 1 < steps.length && steps[current + 1]! > 0) [minutes, nextStep] = [steps[current + 1]!, current + 1];
    }
    const after: MemoryState = {
      state: 2, due: 0, stability: next.stability, difficulty: next.difficulty, scheduledDays: 0, learningSteps: 0,
      reps: before.reps + 1, lapses: before.state === 2 ? before.lapses + 1 : before.lapses, lastReview: now,
    };
    // applyLearningSteps: a step under a day keeps (or puts) the card in (re)learning; a step of a
    // day or more, or none, moves it to review.
    if (minutes > 0 && minutes < 1440) {
      after.state = before.state === 0 ? 1 : before.state === 2 ? 3 : before.state;
      after.learningSteps = nextStep;
      after.due = now + Math.round(minutes) * MINUTE;
    } else if (minutes >= 1440) {
      after.learningSteps = nextStep;
      after.due = now + Math.round(minutes) * MINUTE;
      after.scheduledDays = Math.floor(minutes / 1440);
    } else {
      const interval = engine.next_interval(next.stability, t);
      after.scheduledDays = interval;
      after.due = now + interval * DAY;
    }
    return after;
  };
}

type CardTuple = [number, number, StateCode, number, number, number, number, number, number, number, number | null, string];
const SIM_COLUMNS = 'id, deck_id, state, due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, last_review';
/** The note's tags, read only when the exam maps tags (they decide a card's group). */
const NOTE_TAGS = '(SELECT tags FROM note WHERE note.id = card.note_id)';

export function simulate(db: Database, o: SimulationOptions): SimulationResult {
  const { settings, now, until } = o;
  const starts = studyDayStarts(now, until, settings.dayStartHour);
  const dayCount = starts.length - 1;
  const days: SimulatedDay[] = Array.from({ length: Math.max(0, dayCount) }, (_, k) => ({
    start: starts[k]!, date: localDate(starts[k]!), reviews: 0, newCards: 0, learningSteps: 0, lapses: 0, answers: 0, backlog: 0,
  }));
  const perGroup = new Map<string, { group: CardGroup; before: DeckSum; after: DeckSum }>();
  const result: SimulationResult = { days, perGroup, answers: 0 };
  if (dayCount <= 0 || until <= now) return result;

  const answerFast = createFastAnswer(settings);
  const recallOf = forgettingCurve(settings);
  const limited = o.reviewLimit !== false;
  const mapping = o.mapping ?? { deck: new Map(), tag: new Map() };
  const groupOf = createGrouper(mapping);
  const columns = `${SIM_COLUMNS}, ${usesTags(mapping) ? NOTE_TAGS : "''"}`;
  const groupState = (group: CardGroup) => {
    let d = perGroup.get(group.key);
    if (!d) perGroup.set(group.key, (d = { group, before: { cards: 0, reviewed: 0, recall: 0 }, after: { cards: 0, reviewed: 0, recall: 0 } }));
    return d;
  };

  // The day index of a time: binary search over the day starts (times before today count today).
  const dayOf = (t: number): number => {
    if (t < starts[1]!) return 0;
    let lo = 1;
    let hi = dayCount;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  // Cards due per day, counted in SQL: review cards per deck (for the backlog) and every card in
  // learning, review or relearning (for exam-aware scheduling's load).
  const deckIds = db.prepare('SELECT id FROM deck ORDER BY id').pluck().all() as number[];
  const arrivals = new Map<number, Int32Array>(deckIds.map((d) => [d, new Int32Array(dayCount)]));
  const dueOnDay = new Int32Array(dayCount);
  // One range of the scheduling index per day (overdue cards count today), grouped by deck.
  const dueOn = db
    .prepare(`SELECT deck_id, count(CASE WHEN state = 2 THEN 1 END), count(*)
      FROM card WHERE deck_id IN (SELECT id FROM deck) AND state IN (1, 2, 3) AND due >= ? AND due < ? AND suspended = 0 GROUP BY deck_id`)
    .raw();
  for (let day = 0; day < dayCount; day++) {
    for (const [deck, review, n] of dueOn.all(day === 0 ? Number.MIN_SAFE_INTEGER : starts[day]!, Math.min(starts[day + 1]!, until)) as [number, number, number][]) {
      dueOnDay[day]! += n;
      arrivals.get(deck)![day]! += review;
    }
  }

  // The cards the simulation can touch: learning and relearning cards due before the exam, each
  // deck's review cards in due order up to what its review limits can take before the exam (the
  // queue is always worked oldest due first, so later ones are never reached), and each deck's
  // next new cards up to what its new-card limits can introduce.
  const done = new Map(
    (db
      .prepare(`SELECT c.deck_id AS deck, sum(r.state_before = 0) AS newDone, sum(r.state_before = 2) AS reviewDone
        FROM review r CROSS JOIN card c ON c.id = r.card_id WHERE r.reviewed_at >= ? AND r.reviewed_at <= ? GROUP BY c.deck_id`)
      .all(starts[0]!, now) as { deck: number; newDone: number; reviewDone: number }[]).map((r) => [r.deck, r]),
  );
  const cards: SimCard[] = [];
  const reviewBucket: number[][] = Array.from({ length: dayCount }, () => []);
  const learnBucket: number[][] = Array.from({ length: dayCount }, () => []);
  const load = (tuple: CardTuple): number => {
    const [id, deck, state, due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, lastReview, tags] = tuple;
    const m: MemoryState = { state, due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, lastReview };
    const group = groupOf(deck, tags);
    const d = groupState(group);
    d.before.cards++;
    if (state !== 0 && lastReview !== null) {
      d.before.reviewed++;
      d.before.recall += recallOf((until - lastReview) / DAY, stability);
    }
    return cards.push({ id, deck, group, m }) - 1;
  };
  const learning = db.prepare(`SELECT ${columns} FROM card WHERE deck_id = ? AND state IN (1, 3) AND due < ? AND suspended = 0`);
  const reviews = db.prepare(`SELECT ${columns} FROM card WHERE deck_id = ? AND state = 2 AND due < ? AND suspended = 0 ORDER BY due LIMIT ?`);
  const fresh = db.prepare(`SELECT ${columns} FROM card WHERE deck_id = ? AND state = 0 AND suspended = 0 ORDER BY position, id LIMIT ?`);
  const newQueue = new Map<number, number[]>();
  for (const deck of deckIds) {
    for (const row of learning.raw().all(deck, until) as CardTuple[]) learnBucket[dayOf(row[3])]!.push(load(row));
    const reviewCap = limited ? Math.max(0, settings.reviewsPerDay * dayCount - (done.get(deck)?.reviewDone ?? 0)) : -1;
    for (const row of reviews.raw().all(deck, until, reviewCap) as CardTuple[]) reviewBucket[dayOf(row[3])]!.push(load(row));
    const newCap = Math.max(0, settings.newPerDay * dayCount - (done.get(deck)?.newDone ?? 0));
    if (newCap > 0) newQueue.set(deck, (fresh.raw().all(deck, newCap) as CardTuple[]).map(load));
  }

  // Exam-aware scheduling: window day i is simulated day windowIndex[i] (-1 when not simulated).
  const windowIndex = o.examAware ? o.examAware.days.map((start) => starts.indexOf(start)) : [];
  const loadOf = (i: number) => (windowIndex[i]! >= 0 ? dueOnDay[windowIndex[i]!]! : 0);
  const answer = (c: SimCard, rating: 'again' | 'good', at: number): void => {
    const from = c.m;
    let after = answerFast(from, rating, at);
    if (o.examAware && after.state === 2) {
      const moved = examAwareDue(after, at, o.examAware, settings.dayStartHour, loadOf);
      if (moved) after = { ...after, ...moved };
    }
    if (from.state !== 0 && from.due < until) dueOnDay[dayOf(from.due)]!--;
    if (after.due < until) dueOnDay[dayOf(after.due)]!++;
    c.m = after;
    result.answers++;
  };

  /** After its answers of day k, a card waits in the bucket of its next due day (if before the exam). */
  const place = (index: number, k: number): void => {
    const c = cards[index]!;
    if (c.m.due >= until) return;
    const day = Math.max(k + 1, dayOf(c.m.due));
    if (day >= dayCount) return;
    if (c.m.state === 2) {
      reviewBucket[day]!.push(index);
      arrivals.get(c.deck)![day]!++;
    } else {
      learnBucket[day]!.push(index);
    }
  };

  /** Learning and relearning steps due before the day ends, each answered Good at its due time. */
  const steps = (index: number, k: number, at: number, end: number): void => {
    const c = cards[index]!;
    while ((c.m.state === 1 || c.m.state === 3) && c.m.due < end) {
      answer(c, 'good', Math.max(c.m.due, at));
      days[k]!.learningSteps++;
    }
    place(index, k);
  };

  // Per deck, the due reviews not yet answered, oldest due first: the backlog, then each day's
  // arrivals (in due order) appended; answered cards are taken from the head.
  const queues = new Map<number, { cards: number[]; head: number }>(deckIds.map((d) => [d, { cards: [], head: 0 }]));
  const waiting = new Map<number, number>(deckIds.map((d) => [d, 0]));
  const byDueThenId = (a: number, b: number) => cards[a]!.m.due - cards[b]!.m.due || cards[a]!.id - cards[b]!.id;
  for (let k = 0; k < dayCount; k++) {
    const end = starts[k + 1]!;
    const at = k === 0 ? now : Math.min(end - 1, starts[k]! + (now - starts[0]!));
    const day = days[k]!;
    for (const index of learnBucket[k]!) steps(index, k, at, end);
    learnBucket[k] = [];

    // Reviews, per deck, oldest due first, up to what is left of the deck's daily limit.
    const dueToday = new Map<number, number[]>();
    for (const index of reviewBucket[k]!.sort(byDueThenId)) {
      const deck = cards[index]!.deck;
      let list = dueToday.get(deck);
      if (!list) dueToday.set(deck, (list = []));
      list.push(index);
    }
    reviewBucket[k] = [];
    for (const deck of deckIds) {
      const queue = queues.get(deck)!;
      for (const index of dueToday.get(deck) ?? []) queue.cards.push(index);
      const limit = limited ? Math.max(0, settings.reviewsPerDay - (k === 0 ? (done.get(deck)?.reviewDone ?? 0) : 0)) : Infinity;
      const take = Math.min(limit, queue.cards.length - queue.head);
      for (let i = 0; i < take; i++) {
        const index = queue.cards[queue.head++]!;
        const c = cards[index]!;
        const recall = recallOf((at - c.m.lastReview!) / DAY, c.m.stability);
        const recalled = unitHash(c.id, c.m.reps) < recall;
        answer(c, recalled ? 'good' : 'again', at);
        day.reviews++;
        if (!recalled) day.lapses++;
        steps(index, k, at, end);
      }
      if (queue.head > 4096 && queue.head * 2 > queue.cards.length) {
        queue.cards = queue.cards.slice(queue.head);
        queue.head = 0;
      }
      // Due review cards not yet answered, loaded or not.
      const left = waiting.get(deck)! + arrivals.get(deck)![k]! - take;
      waiting.set(deck, left);
      day.backlog += left;
    }

    // New cards, in deck order, up to the daily limit; their learning steps follow the same day.
    for (const [deck, queue] of newQueue) {
      const limit = Math.max(0, settings.newPerDay - (k === 0 ? (done.get(deck)?.newDone ?? 0) : 0));
      for (const index of queue.splice(0, limit)) {
        answer(cards[index]!, 'good', at);
        day.newCards++;
        steps(index, k, at, end);
      }
    }
    day.answers = day.reviews + day.newCards + day.learningSteps;
  }

  for (const c of cards) {
    const after = groupState(c.group).after;
    after.cards++;
    if (c.m.state !== 0 && c.m.lastReview !== null) {
      after.reviewed++;
      after.recall += recallOf((until - c.m.lastReview) / DAY, c.m.stability);
    }
  }
  return result;
}

export interface ProjectionOptions {
  now: number;
  examDate?: string | null;
  /** Overrides the desired retention (the retention workload table). */
  desiredRetention?: number;
  reviewLimit?: boolean;
  /** Readiness's sums at the exam day start (for this exam), when the caller already has them. */
  sums?: ReadonlyMap<string, GroupSum>;
}

/** Readiness figures after the simulated reviews, with the daily workload it takes. */
export function computeProjection(db: Database, exam: ExamProfile, o: ProjectionOptions): Projection {
  const examDate = requireExamDate(exam, o.examDate);
  const base = getSettings(db);
  const settings: Settings = o.desiredRetention === undefined ? base : { ...base, desiredRetention: o.desiredRetention };
  const until = examDayStart(examDate, settings.dayStartHour);
  const examAware = exam.examAwareScheduling ? examWindow(examDate, settings.dayStartHour) : null;
  const sim = simulate(db, { now: o.now, until, settings, examAware, reviewLimit: o.reviewLimit, mapping: domainMapping(exam) });
  // Readiness's sums with the simulated cards' part replaced: both are keyed by the same groups.
  const sums = new Map<string, GroupSum>();
  for (const [key, s] of o.sums ?? readinessSums(db, until, settings.weights, exam)) sums.set(key, { ...s });
  for (const [key, { group, before, after }] of sim.perGroup) {
    const s = sums.get(key) ?? { group, cards: 0, reviewed: 0, recall: 0 };
    sums.set(key, { group, cards: s.cards, reviewed: s.reviewed - before.reviewed + after.reviewed, recall: s.recall - before.recall + after.recall });
  }
  const a = aggregateReadiness(db, exam, sums);
  const dailyReviews = sim.days.map(({ start: _start, ...d }) => d);
  const peak = dailyReviews.reduce<ProjectedDay | null>((p, d) => (p && p.answers >= d.answers ? p : d), null);
  return {
    model: PROJECTION_MODEL_DESCRIPTION,
    examDate,
    desiredRetention: settings.desiredRetention,
    examAwareScheduling: examAware !== null,
    predictedRecall: a.predictedRecall,
    coveredWeight: a.coveredWeight,
    coverage: a.coverage,
    passProbability: a.passProbability,
    perDomain: a.perDomain.map((d) => ({ domainId: d.domainId, domain: d.domain, predictedRecall: d.predictedRecall, coverage: d.coverage })),
    perDeck: a.perDeck.map((d) => ({ deckId: d.deckId, deck: d.deck, predictedRecall: d.predictedRecall, coverage: d.coverage })),
    dailyReviews,
    totalAnswers: sim.answers,
    averagePerDay: dailyReviews.length ? sim.answers / dailyReviews.length : 0,
    peak: peak && { date: peak.date, answers: peak.answers },
  };
}

/** The desired retentions the workload table shows. */
export const WORKLOAD_RETENTIONS = [0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97];
/** Days simulated for the workload table when the exam has no date (or it has passed). */
export const WORKLOAD_DAYS = 30;

export const WORKLOAD_MODEL_DESCRIPTION =
  'For each desired retention, the projection above is run with no daily review limit (every due review is done on its day), ' +
  'your new-card limit and your other settings, until the exam (or for 30 days without an exam date); the table shows the ' +
  'answers it takes and, with an exam date, the predicted recall on exam day.';

/** The daily workload each desired retention implies, from the simulation (see the model above). */
export function retentionWorkload(db: Database, exam: ExamProfile | null, now: number): RetentionWorkload {
  const settings = getSettings(db);
  const examDate = exam?.examDate ?? null;
  const examStart = examDate ? examDayStart(examDate, settings.dayStartHour) : null;
  const dated = exam !== null && examStart !== null && examStart > studyDay(now, settings.dayStartHour).end;
  const today = studyDay(now, settings.dayStartHour).start;
  const until = dated ? examStart! : dayStarts(now, settings.dayStartHour, WORKLOAD_DAYS, 0)[0]!;
  const rows = WORKLOAD_RETENTIONS.map((desiredRetention): RetentionWorkloadRow => {
    if (dated) {
      const p = computeProjection(db, exam!, { now, desiredRetention, reviewLimit: false });
      return { desiredRetention, totalAnswers: p.totalAnswers, averagePerDay: p.averagePerDay, peak: p.peak?.answers ?? 0, predictedRecall: p.predictedRecall };
    }
    const sim = simulate(db, { now, until, settings: { ...settings, desiredRetention }, examAware: null, reviewLimit: false });
    return {
      desiredRetention,
      totalAnswers: sim.answers,
      averagePerDay: sim.days.length ? sim.answers / sim.days.length : 0,
      peak: sim.days.reduce((m, d) => Math.max(m, d.answers), 0),
      predictedRecall: null,
    };
  });
  const days = studyDayStarts(now, until, settings.dayStartHour).length - 1;
  return {
    model: WORKLOAD_MODEL_DESCRIPTION,
    current: settings.desiredRetention,
    days,
    from: localDate(today),
    until: localDate(until),
    examDate: dated ? examDate : null,
    rows,
  };
}

/** Readiness and the projection of the active exam, sharing one pass over the cards. */
export function readinessReport(db: Database, now: number, examDate?: string | null): ReadinessReport {
  const exam = ensureActiveExam(db, now);
  const date = examDate ?? exam.examDate;
  if (!date) return { exam, readiness: null, projected: null };
  const settings = getSettings(db);
  const at = examDayStart(parseExamDate(date), settings.dayStartHour);
  const sums = readinessSums(db, at, settings.weights, exam);
  const readiness = withPractice(db, exam, date, at, aggregateReadiness(db, exam, sums), now);
  return { exam, readiness, projected: computeProjection(db, exam, { now, examDate: date, sums }) };
}
