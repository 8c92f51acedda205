// The only module that imports ts-fsrs. It turns our plain card rows into ts-fsrs cards and back,
// so ts-fsrs types never reach the database layer, IPC or the renderer.
import {
  forgetting_curve,
  fsrs,
  generatorParameters,
  GenSeedStrategyWithCardId,
  Rating as FsrsRating,
  StrategyMode,
  type Card as FsrsCard,
  type FSRS,
  type Grade,
  type StepUnit,
} from 'ts-fsrs';
import type { CardState, Rating } from '../shared/contract';

/** The memory and scheduling state of one card, as stored (times in ms since the epoch). */
export interface MemoryState {
  state: StateCode;
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
}

/** ts-fsrs's State numbers: 0 new, 1 learning, 2 review, 3 relearning. */
export type StateCode = 0 | 1 | 2 | 3;
export const STATE_NAMES: readonly CardState[] = ['new', 'learning', 'review', 'relearning'];
export const RATING_CODES: Record<Rating, Grade> = {
  again: FsrsRating.Again,
  hard: FsrsRating.Hard,
  good: FsrsRating.Good,
  easy: FsrsRating.Easy,
};
export const RATING_NAMES: Record<number, Rating> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

export interface SchedulerOptions {
  desiredRetention: number;
  maximumInterval: number;
  learningSteps: string[];
  relearningSteps: string[];
  /** FSRS weights; null means ts-fsrs's defaults. */
  weights: number[] | null;
  enableFuzz: boolean;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  desiredRetention: 0.9,
  maximumInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  weights: null,
  enableFuzz: true,
};

export interface Outcome {
  after: MemoryState;
  /** Days from the previous review to this one (0 for a new card), as ts-fsrs computes it. */
  elapsedDays: number;
}

export interface Scheduler {
  /** Schedules one answer. `cardId` seeds the interval fuzz, so a result reproduces. */
  answer(cardId: number, before: MemoryState, rating: Rating, now: number): Outcome;
  /** What each rating would give, for the buttons' interval labels. */
  preview(cardId: number, before: MemoryState, now: number): Record<Rating, MemoryState>;
  /** Probability of recall at `now` for a card that has been reviewed. */
  retrievability(before: MemoryState, now: number): number;
}

export function createScheduler(options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS): Scheduler {
  const engine = createEngine(options);
  return {
    answer(cardId, before, rating, now) {
      const { card, log } = engine.next(toFsrs(cardId, before), new Date(now), RATING_CODES[rating]);
      return { after: fromFsrs(card), elapsedDays: log.elapsed_days };
    },
    preview(cardId, before, now) {
      const all = engine.repeat(toFsrs(cardId, before), new Date(now));
      return {
        again: fromFsrs(all[FsrsRating.Again].card),
        hard: fromFsrs(all[FsrsRating.Hard].card),
        good: fromFsrs(all[FsrsRating.Good].card),
        easy: fromFsrs(all[FsrsRating.Easy].card),
      };
    },
    retrievability(before, now) {
      if (before.state === 0 || before.lastReview === null) return 0;
      return engine.get_retrievability(toFsrs(0, before), new Date(now), false);
    },
  };
}

/** The ts-fsrs instance our options describe; exported for tests that compare against it. */
export function createEngine(options: SchedulerOptions): FSRS {
  const params = generatorParameters({
    request_retention: options.desiredRetention,
    maximum_interval: options.maximumInterval,
    enable_fuzz: options.enableFuzz,
    enable_short_term: true,
    learning_steps: options.learningSteps as StepUnit[],
    relearning_steps: options.relearningSteps as StepUnit[],
    ...(options.weights ? { w: options.weights } : {}),
  });
  return fsrs(params).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId(CARD_ID_FIELD));
}

const CARD_ID_FIELD = 'card_id';

export function newMemoryState(due: number): MemoryState {
  return {
    state: 0,
    due,
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
  };
}

function toFsrs(cardId: number, m: MemoryState): FsrsCard & { [CARD_ID_FIELD]: number } {
  return {
    [CARD_ID_FIELD]: cardId,
    due: new Date(m.due),
    stability: m.stability,
    difficulty: m.difficulty,
    elapsed_days: 0,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    state: m.state,
    ...(m.lastReview === null ? {} : { last_review: new Date(m.lastReview) }),
  };
}

function fromFsrs(c: FsrsCard): MemoryState {
  return {
    state: c.state as StateCode,
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

const STEP = /^(\d+(?:\.\d+)?)([mhd])$/;

/** Validates a learning-step list like ["1m", "10m"]; returns an error sentence or null. */
export function checkSteps(steps: unknown): string | null {
  if (!Array.isArray(steps)) return 'must be a list of steps like ["1m", "10m"]';
  const bad = steps.find((s) => typeof s !== 'string' || !STEP.test(s));
  return bad === undefined ? null : `has an invalid step ${JSON.stringify(bad)} (use minutes, hours or days: "10m", "1h", "1d")`;
}

/** Recall probability after `elapsedDays` (fractional, clamped at 0) for a memory of `stability` days. */
export type ForgettingCurve = (elapsedDays: number, stability: number) => number;

/**
 * ts-fsrs's forgetting curve with the weights in use (the `weights` setting, or ts-fsrs's
 * defaults): R(t, S) = (1 + factor·t/S)^(−w20), the same function ts-fsrs schedules with.
 * A non-positive stability (a card that has never been reviewed) gives 0.
 */
export function createForgettingCurve(options: Pick<SchedulerOptions, 'weights'> = DEFAULT_SCHEDULER_OPTIONS): ForgettingCurve {
  const { w } = generatorParameters(options.weights ? { w: options.weights } : {});
  return (elapsedDays, stability) => (stability > 0 ? forgetting_curve(w, Math.max(0, elapsedDays), stability) : 0);
}
