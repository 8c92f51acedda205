// The only module that imports ts-fsrs. It turns our plain card rows into ts-fsrs cards and back,
// so ts-fsrs types never reach the database layer, IPC or the renderer.
import {
  BasicLearningStepsStrategy,
  computeDecayFactor,
  forgetting_curve,
  fsrs,
  generatorParameters,
  GenSeedStrategyWithCardId,
  Rating as FsrsRating,
  get_fuzz_range,
  StrategyMode,
  type Card as FsrsCard,
  type State,
  type FSRS,
  type Grade,
  type StepUnit,
} from 'ts-fsrs';
import type { CardState, Rating } from '../shared/contract';
import { type CoreMessage, msg } from './messages';

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
export function checkSteps(steps: unknown): CoreMessage | null {
  if (!Array.isArray(steps)) return msg('setting.problem.stepsList');
  const bad = steps.find((s) => typeof s !== 'string' || !STEP.test(s));
  return bad === undefined ? null : msg('setting.problem.badStep', { step: JSON.stringify(bad) ?? String(bad) });
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

/**
 * The constants of the forgetting curve with the weights in use, R(t, S) = (1 + factor·t/S)^decay
 * (decay < 0), rounded as ts-fsrs rounds them: for computing the same curve inside SQL.
 */
export function forgettingCurveConstants(options: Pick<SchedulerOptions, 'weights'> = DEFAULT_SCHEDULER_OPTIONS): { decay: number; factor: number } {
  const { w } = generatorParameters(options.weights ? { w: options.weights } : {});
  return computeDecayFactor(w);
}

/**
 * What `createScheduler({ ...options, enableFuzz: false }).answer(id, before, 'good', now)` gives
 * for a card in the review state, computed with ts-fsrs's algorithm directly (no Card objects, one
 * grade instead of four): for simulations that answer many cards. Same formulas, same rounding.
 */
export function createReviewGood(options: SchedulerOptions): (before: MemoryState, now: number) => MemoryState {
  const engine = fsrs(generatorParameters({
    request_retention: options.desiredRetention,
    maximum_interval: options.maximumInterval,
    enable_fuzz: false,
    enable_short_term: true,
    ...(options.weights ? { w: options.weights } : {}),
  }));
  return (before, now) => {
    // ts-fsrs's elapsed days: whole UTC calendar days between the last review and now.
    const t = Math.floor(now / DAY_MS) - Math.floor(before.lastReview! / DAY_MS);
    const memory = { difficulty: before.difficulty, stability: before.stability };
    const r = engine.forgetting_curve(t, before.stability);
    const hard = engine.next_state(memory, t, FsrsRating.Hard, r);
    const good = engine.next_state(memory, t, FsrsRating.Good, r);
    const goodInterval = engine.next_interval(good.stability, t);
    const interval = Math.max(goodInterval, Math.min(engine.next_interval(hard.stability, t), goodInterval) + 1);
    return {
      state: 2,
      due: now + interval * DAY_MS,
      stability: good.stability,
      difficulty: good.difficulty,
      scheduledDays: interval,
      learningSteps: 0,
      reps: before.reps + 1,
      lapses: before.lapses,
      lastReview: now,
    };
  };
}

const DAY_MS = 86_400_000;

/** The FSRS weights in use: the `weights` setting, or ts-fsrs's defaults. */
export function weightsInUse(options: Pick<SchedulerOptions, 'weights'> = DEFAULT_SCHEDULER_OPTIONS): number[] {
  return [...generatorParameters(options.weights ? { w: options.weights } : {}).w];
}

/**
 * A card's memory state that an answer updates in place: for replaying long histories without
 * an object per answer. `stateBefore` and `elapsedDays` describe the last answer applied.
 */
export interface MemoryCursor extends MemoryState {
  /** The state before the last answer (what a review row logs as state_before). */
  stateBefore: StateCode;
  /** Days since the previous answer, as ts-fsrs computes it (0 for a new card). */
  elapsedDays: number;
}

export function newMemoryCursor(due: number): MemoryCursor {
  return { state: 0, due, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, lastReview: null, stateBefore: 0, elapsedDays: 0 };
}

/**
 * Applies one answer to `m` in place: exactly what `createScheduler(options).answer(cardId, m,
 * rating, now)` returns (the same ts-fsrs formulas, fuzz, learning steps and rounding), but
 * without ts-fsrs's per-answer Card, Date, scheduler, record-log and random-generator objects,
 * which cost about 20× the arithmetic when an import replays hundreds of thousands of answers.
 */
export type AnswerInPlace = (cardId: number, m: MemoryCursor, rating: 1 | 2 | 3 | 4, now: number) => void;

/**
 * The in-place answer for one set of options. It follows ts-fsrs's BasicScheduler (the one
 * `enable_short_term: true` selects) step by step: ts-fsrs's own learning-steps strategy and fuzz
 * range, its next_state and forgetting curve mirrored with their constants computed once
 * (memoryModel), its seeded fuzz generator's first number (aleaFirst). Inputs outside what it
 * mirrors exactly (times that are not whole milliseconds, an answer before the previous one,
 * unknown states, memory states ts-fsrs refuses) go through createScheduler itself, so the result
 * is always the scheduler's. Tests compare both paths answer by answer on many random histories
 * and option sets.
 */
export function createAnswerInPlace(options: SchedulerOptions): AnswerInPlace {
  const engine = createEngine(options);
  const slow = createScheduler(options);
  // Plain copies of what ts-fsrs reads through its parameter proxy on every call.
  const params = engine.parameters;
  const model = memoryModel([...params.w]);
  const maximumInterval = params.maximum_interval;
  const enableFuzz = params.enable_fuzz;
  const intervalModifier = engine.interval_modifier;
  // BasicLearningStepsStrategy's answer depends only on the state's step list and the step.
  const stepTables = new Map<number, StepTable | null>();
  const stepInfo = (state: StateCode, step: number) => {
    const key = (state === 2 || state === 3 ? 0x100000 : 0) + (state === 2 ? 0x200000 : 0) + step;
    let table = stepTables.get(key);
    if (table === undefined) {
      try {
        table = BasicLearningStepsStrategy(params, state as unknown as State, step);
      } catch {
        table = null; // An invalid step: the scheduler itself reports it.
      }
      stepTables.set(key, table);
    }
    return table;
  };

  // The fuzz of one answer: ts-fsrs seeds a new generator with "card id + reps" for every interval
  // it fuzzes, so all of an answer's intervals share its first number, computed once here.
  let seed = 0;
  let fuzz = -1;
  /** FSRSAlgorithm.next_interval with apply_fuzz. */
  const nextInterval = (stability: number, elapsedDays: number): number => {
    const ivl = Math.min(Math.max(1, Math.round(stability * intervalModifier)), maximumInterval);
    if (!enableFuzz || ivl < 2.5) return Math.round(ivl);
    if (fuzz < 0) fuzz = aleaFirst(String(seed || 0));
    const { min_ivl, max_ivl } = get_fuzz_range(ivl, elapsedDays, maximumInterval);
    return Math.floor(fuzz * (max_ivl - min_ivl + 1) + min_ivl);
  };

  const viaScheduler = (cardId: number, m: MemoryCursor, rating: 1 | 2 | 3 | 4, now: number) => {
    const before = m.state;
    const { after, elapsedDays } = slow.answer(cardId, m, RATING_NAMES[rating]!, now);
    Object.assign(m, after);
    m.stateBefore = before;
    m.elapsedDays = elapsedDays;
  };

  return (cardId, m, rating, now) => {
    const state = m.state;
    const last = m.lastReview;
    const step = m.learningSteps || 0;
    if (
      !Number.isSafeInteger(now) || now === 0 || Math.abs(now) > MAX_FAST_TIME ||
      (last !== null && !Number.isSafeInteger(last)) ||
      !(state === 0 || state === 1 || state === 2 || state === 3) ||
      !(rating === 1 || rating === 2 || rating === 3 || rating === 4) ||
      !Number.isInteger(step) || step < 0 || step > 0xfffff ||
      typeof m.reps !== 'number' || typeof m.lapses !== 'number' || typeof cardId !== 'number'
    ) {
      return viaScheduler(cardId, m, rating, now);
    }
    // AbstractScheduler.init: whole UTC days since the last review (0 for a new card), reps + 1,
    // and the fuzz seed from the card id and the new reps (GenSeedStrategyWithCardId).
    const t = state !== 0 && last !== null ? Math.floor(now / DAY_MS) - Math.floor(last / DAY_MS) : 0;
    if (t < 0) return viaScheduler(cardId, m, rating, now); // ts-fsrs refuses it; let it say so.
    const table = stepInfo(state, step);
    if (table === null) return viaScheduler(cardId, m, rating, now);
    const d = m.difficulty;
    const s = m.stability;
    if (typeof d !== 'number' || typeof s !== 'number' || (!(d === 0 && s === 0) && (d < 1 || s < S_MIN))) {
      return viaScheduler(cardId, m, rating, now); // ts-fsrs refuses such a memory state; let it say so.
    }
    const reps = m.reps + 1;
    seed = cardId + reps;
    fuzz = -1;

    let next: { difficulty: number; stability: number };
    if (state === 2) {
      // reviewState: all four outcomes share the retrievability and the fuzz; the chosen one's
      // interval depends on its neighbours' (hard ≤ good < easy).
      const r = model.forgettingCurve(t, s);
      if (rating === 1) {
        next = model.nextState(d, s, t, 1, r);
        applySteps(nextInterval, m, table[1], next, t, 3, now);
        m.lapses += 1;
      } else {
        const hard = model.nextState(d, s, t, 2, r);
        const good = model.nextState(d, s, t, 3, r);
        let hardIvl = nextInterval(hard.stability, t);
        let goodIvl = nextInterval(good.stability, t);
        hardIvl = Math.min(hardIvl, goodIvl);
        goodIvl = Math.max(goodIvl, hardIvl + 1);
        let interval: number;
        if (rating === 2) {
          next = hard;
          interval = hardIvl;
        } else if (rating === 3) {
          next = good;
          interval = goodIvl;
        } else {
          next = model.nextState(d, s, t, 4, r);
          interval = Math.max(nextInterval(next.stability, t), goodIvl + 1);
        }
        m.state = 2;
        m.learningSteps = 0;
        m.scheduledDays = interval;
        m.due = clipTime(now + interval * 24 * 60 * 60 * 1e3);
      }
    } else {
      // newState / learningState: the new memory, then the learning steps decide the due time.
      next = model.nextState(d, s, t, rating, undefined);
      applySteps(nextInterval, m, table[rating], next, t, state === 0 ? 1 : state, now);
    }
    m.stability = next.stability;
    m.difficulty = next.difficulty;
    m.reps = reps;
    m.lastReview = now;
    m.stateBefore = state;
    m.elapsedDays = t;
  };
}

type StepTable = ReturnType<typeof BasicLearningStepsStrategy>;

/** ts-fsrs's smallest stability (S_MIN). */
const S_MIN = 1e-3;

/**
 * FSRSAlgorithm.next_state and forgetting_curve of ts-fsrs 5.4 with short-term scheduling (what
 * createEngine configures), for the weights `w` (already clipped, as the engine holds them): the
 * same formulas, operations in the same order and the same rounding to 8 decimals, with what
 * depends on the weights alone (the decay factor, D0(easy), e^w8, the short-term factors)
 * computed once instead of on every call. Memory states ts-fsrs refuses never get here (the
 * caller hands those to the scheduler). The tests compare every answer with ts-fsrs's.
 */
function memoryModel(w: readonly number[]) {
  const roundTo8 = (x: number) => Math.round(x * 100000000) / 100000000;
  const clamp = (x: number, min: number, max: number) => Math.min(Math.max(x, min), max);
  // computeDecayFactor
  const decay = -w[20]!;
  const factor = roundTo8(Math.exp(Math.pow(decay, -1) * Math.log(0.9)) - 1);
  const initDifficulty = (g: number) => roundTo8(w[4]! - Math.exp((g - 1) * w[5]!) + 1);
  const initDifficultyEasy = initDifficulty(4);
  const expW8 = Math.exp(w[8]!);
  // next_short_term_stability: e^(w17·(g − 3 + w18)) per grade.
  const shortTerm = [0, 1, 2, 3, 4].map((g) => Math.exp(w[17]! * (g - 3 + w[18]!)));
  // The forget-stability floor s / e^(w17·w18) (short-term scheduling on).
  const expW17W18 = Math.exp(w[17]! * w[18]!);

  const forgettingCurve = (t: number, s: number) => roundTo8(Math.pow(1 + (factor * t) / s, decay));

  const nextDifficulty = (d: number, g: number) => {
    const deltaD = -w[6]! * (g - 3);
    const nextD = d + roundTo8((deltaD * (10 - d)) / 9); // linear_damping
    return clamp(roundTo8(w[7]! * initDifficultyEasy + (1 - w[7]!) * nextD), 1, 10); // mean_reversion
  };

  const nextState = (d: number, s: number, t: number, g: number, r: number | undefined): { difficulty: number; stability: number } => {
    if (d === 0 && s === 0) return { difficulty: clamp(initDifficulty(g), 1, 10), stability: Math.max(w[g - 1]!, 0.1) };
    const rr = typeof r === 'number' ? r : forgettingCurve(t, s);
    let stability: number;
    if (t === 0) {
      const sinc = Math.pow(s, -w[19]!) * shortTerm[g]!;
      const masked = g >= 2 ? Math.max(sinc, 1) : sinc;
      stability = roundTo8(clamp(s * masked, S_MIN, 36500));
    } else if (g === 1) {
      const afterFail = roundTo8(clamp(w[11]! * Math.pow(d, -w[12]!) * (Math.pow(s + 1, w[13]!) - 1) * Math.exp((1 - rr) * w[14]!), S_MIN, 36500));
      stability = clamp(roundTo8(s / expW17W18), S_MIN, afterFail);
    } else {
      const hardPenalty = g === 2 ? w[15]! : 1;
      const easyBound = g === 4 ? w[16]! : 1;
      stability = roundTo8(clamp(s * (1 + expW8 * (11 - d) * Math.pow(s, -w[9]!) * (Math.exp((1 - rr) * w[10]!) - 1) * hardPenalty * easyBound), S_MIN, 36500));
    }
    return { difficulty: nextDifficulty(d, g), stability };
  };

  return { forgettingCurve, nextState };
}

/** BasicScheduler.applyLearningSteps for the step table entry of the answer's grade. */
function applySteps(
  nextInterval: (stability: number, elapsedDays: number) => number,
  m: MemoryCursor,
  entry: { scheduled_minutes: number; next_step: number } | undefined,
  next: { stability: number },
  t: number,
  toState: StateCode,
  now: number,
): void {
  const minutes = Math.max(0, entry?.scheduled_minutes ?? 0);
  const nextStep = Math.max(0, entry?.next_step ?? 0);
  if (minutes > 0 && minutes < 1440) {
    m.learningSteps = nextStep;
    m.scheduledDays = 0;
    m.state = toState;
    m.due = clipTime(now + Math.round(minutes) * 60 * 1e3);
    return;
  }
  m.state = 2;
  if (minutes >= 1440) {
    m.learningSteps = nextStep;
    m.due = clipTime(now + Math.round(minutes) * 60 * 1e3);
    m.scheduledDays = Math.floor(minutes / 1440);
  } else {
    m.learningSteps = 0;
    const interval = nextInterval(next.stability, t);
    m.scheduledDays = interval;
    m.due = clipTime(now + interval * 24 * 60 * 60 * 1e3);
  }
}

/** A Date's time value: whole milliseconds within ±8.64e15, else NaN (an invalid Date). */
function clipTime(ms: number): number {
  return Math.abs(ms) <= 8.64e15 ? Math.trunc(ms) + 0 : Number.NaN;
}

/**
 * Times the fast path takes: up to the year 33,000, where floor(ms / day) in floating point is
 * still exactly the UTC day ts-fsrs's Date arithmetic gives (and no due time can leave a Date's range).
 */
const MAX_FAST_TIME = 1e15;

/**
 * The first number of ts-fsrs's seeded generator (`alea(seed)()`, Johannes Baagøe's Alea with
 * his Mash hash, as ts-fsrs ships it), which apply_fuzz uses as the fuzz factor. ts-fsrs does not
 * export it; the tests compare fuzzed intervals with ts-fsrs's own on many seeds.
 */
function aleaFirst(seed: string): number {
  // new Alea(seed) starts Mash with three mash(" ") (the same for every seed, precomputed), then
  // s0 = mash(" ") − mash(seed), wrapped into [0, 1). Its later mash(seed) calls only feed s1 and
  // s2, which the first number does not use.
  let n = MASH_AFTER_SPACES;
  for (let i = 0; i < seed.length; i++) {
    n += seed.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 4294967296;
  }
  let s0 = ALEA_S0 - (n >>> 0) * 2.3283064365386963e-10;
  if (s0 < 0) s0 += 1;
  // next(): t = 2091639·s0 + c·2^-32 with c = 1 at the start; the number is t's fractional part.
  const t = 2091639 * s0 + 1 * 2.3283064365386963e-10;
  return t - (t | 0);
}

/** Mash's state after the three mash(" ") calls that start every Alea, and the first one's output. */
const { MASH_AFTER_SPACES, ALEA_S0 } = (() => {
  let n = 4022871197;
  const out: number[] = [];
  for (let k = 0; k < 3; k++) {
    n += 32; // " "
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 4294967296;
    out.push((n >>> 0) * 2.3283064365386963e-10);
  }
  return { MASH_AFTER_SPACES: n, ALEA_S0: out[0]! };
})();
