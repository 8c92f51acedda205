// FSRS parameters from the user's own review history, with @open-spaced-repetition/binding (the
// fsrs-rs optimizer). Nothing is applied here: optimize() reports the fit before and after, and
// applyParameters() writes the weights (and desired retention) once the user confirms.
//
// Training items, as Anki builds them (rslib scheduler/fsrs/params.rs, reviews_for_fsrs):
// - every answer in the review log counts, from the app and from imports (origin 'app' | 'import');
// - a card's history starts at its last answer given while it was new (state_before = 0); a card
//   without one (its memory state was imported without history) is left out;
// - delta_t = whole study days between an answer and the one before it (study days start at the
//   collection's dayStartHour, local time), 0 for the first answer;
// - each answer after the first gives one item: the history up to and including it, kept only
//   when it came on a later study day than the previous answer (delta_t > 0).
// fsrs-rs needs 8 such items to fit anything (below that it returns the default weights), and 64
// to train every weight (below that only the four initial stabilities are fitted).
//
// The binding ships a native binary for linux-x64-gnu only at 0.5.0; other platforms install a
// stand-in (package.json overrides). It is loaded lazily, on the first optimize, and a failure to
// load becomes OptimizerUnavailableError.
import type { Database } from 'better-sqlite3';
import type { FitMetrics, FsrsParameters, OptimizeProgress, OptimizeResult } from '../../shared/contract';
import { InvalidArgumentError, StratusError } from '../errors';
import { msg } from '../messages';
import { weightsInUse } from '../scheduler';
import { getSettings, updateSettings } from '../settings';
import { DAY, HOUR } from '../time';

export const MIN_TRAINING_ITEMS = 8;
export const FULL_TRAINING_ITEMS = 64;
/** The desired retention a user may choose here (the workload table spans the same range; messages.ts
 * optimizer.badRetention spells it out). */
export const RETENTION_RANGE = [0.7, 0.97] as const;

export class OptimizerUnavailableError extends StratusError {
  constructor(readonly reason: unknown) {
    super('not-found', msg('optimizer.unavailable'));
    this.name = 'OptimizerUnavailableError';
  }
}

export type Binding = typeof import('@open-spaced-repetition/binding');
export type BindingLoader = () => Promise<Binding>;

const defaultLoader: BindingLoader = () => import('@open-spaced-repetition/binding');
let loading: Promise<Binding> | null = null;

/** Loads the binding once; a platform without its native binary gets OptimizerUnavailableError. */
export async function loadOptimizer(loader: BindingLoader = defaultLoader): Promise<Binding> {
  const attempt = loader === defaultLoader ? (loading ??= loader()) : loader();
  try {
    const binding = await attempt;
    if (typeof binding?.computeParameters !== 'function' || typeof binding?.FSRSBinding !== 'function') {
      throw new Error('the package has no computeParameters');
    }
    return binding;
  } catch (err) {
    if (loader === defaultLoader) loading = null;
    throw new OptimizerUnavailableError(err);
  }
}

/** One answer as fsrs-rs reads it: [rating 1–4, delta_t in days]. */
export type TrainingReview = [number, number];

export interface TrainingSet {
  /** Review-log answers read. */
  reviews: number;
  /** Each used card's answers, from its last answer as a new card. */
  histories: TrainingReview[][];
  /** Training items, ordered by the time of their last answer: [history index, answers in the item]. */
  items: [number, number][];
}

/** The study day (a whole number) of a time: days start at dayStartHour, local time. */
export function studyDayNumber(t: number, dayStartHour: number): number {
  const local = t - new Date(t).getTimezoneOffset() * 60_000;
  return Math.floor((local - dayStartHour * HOUR) / DAY);
}

/**
 * The local UTC offset (ms, as getTimezoneOffset gives it) at any time in [from, to], from a table of
 * the offset changes in that span: each answer's time is looked up by binary search among a few
 * DST changes instead of building a Date per answer. Changes are found by sampling once a day
 * (no time zone changes its offset twice within a day) and bisecting to the millisecond; a span
 * of more than a thousand years (a corrupt time) falls back to a Date per lookup.
 */
function offsetLookup(from: number, to: number): (t: number) => number {
  const offsetAt = (t: number) => new Date(t).getTimezoneOffset() * 60_000;
  if (!(to - from <= 1000 * 366 * DAY)) return offsetAt;
  const starts = [from];
  const offsets = [offsetAt(from)];
  const STEP = DAY;
  for (let t = from; t < to; ) {
    const next = Math.min(t + STEP, to);
    if (offsetAt(next) !== offsets[offsets.length - 1]) {
      // The first millisecond with the new offset.
      let [lo, hi] = [t, next];
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === offsets[offsets.length - 1]) lo = mid;
        else hi = mid;
      }
      starts.push(hi);
      offsets.push(offsetAt(hi));
    }
    t = next;
  }
  return (t) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return offsets[lo]!;
  };
}

export function trainingSet(db: Database, dayStartHour = getSettings(db).dayStartHour): TrainingSet {
  const span = db.prepare('SELECT min(reviewed_at) AS first, max(reviewed_at) AS last FROM review').get() as { first: number | null; last: number | null };
  if (span.first === null || span.last === null) return { reviews: 0, histories: [], items: [] };
  const offsetOf = offsetLookup(span.first, span.last);
  const dayOf = (t: number) => Math.floor((t - offsetOf(t) - dayStartHour * HOUR) / DAY);
  const rows = db
    .prepare('SELECT card_id, reviewed_at, rating, state_before FROM review ORDER BY card_id, reviewed_at, id')
    .raw()
    .iterate() as IterableIterator<[number, number, number, number]>;
  const histories: TrainingReview[][] = [];
  const found: { at: number; history: number; length: number }[] = [];
  let reviews = 0;
  let card = -1;
  let at: number[] = [];
  let days: number[] = [];
  let ratings: number[] = [];
  let firstSince = -1;
  const flush = () => {
    if (firstSince < 0) return;
    const index = histories.length;
    const history: TrainingReview[] = [];
    for (let i = firstSince; i < ratings.length; i++) {
      const deltaT = i === firstSince ? 0 : Math.max(0, days[i]! - days[i - 1]!);
      history.push([ratings[i]!, deltaT]);
      if (deltaT > 0) found.push({ at: at[i]!, history: index, length: history.length });
    }
    histories.push(history);
  };
  for (const [cardId, t, rating, stateBefore] of rows) {
    reviews++;
    if (cardId !== card) {
      flush();
      [card, at, days, ratings, firstSince] = [cardId, [], [], [], -1];
    }
    // A card's history starts at its last answer given while it was new.
    if (stateBefore === 0) firstSince = ratings.length;
    at.push(t);
    days.push(dayOf(t));
    ratings.push(rating);
  }
  flush();
  found.sort((a, b) => a.at - b.at);
  return { reviews, histories, items: found.map((f) => [f.history, f.length]) };
}

/** How often the binding reports training progress; it also notices the end of training only then. */
const PROGRESS_INTERVAL_MS = 50;

/**
 * The training items as binding objects, in the order of `set.items`. A review object is made once
 * per distinct (rating, delta_t) and shared: an item copies its reviews' values when it is made.
 * Each history's items are made from one growing list of its reviews (an item is a prefix).
 */
export function bindingItems(binding: Binding, set: TrainingSet): InstanceType<Binding['FSRSBindingItem']>[] {
  const reviews = new Map<number, InstanceType<Binding['FSRSBindingReview']>>();
  const review = (rating: number, deltaT: number) => {
    const key = deltaT * 8 + rating;
    let r = reviews.get(key);
    if (!r) reviews.set(key, (r = new binding.FSRSBindingReview(rating, deltaT)));
    return r;
  };
  // Item indexes per history, in the order found (by time, so by increasing length).
  const byHistory: number[][] = set.histories.map(() => []);
  set.items.forEach(([history], i) => byHistory[history]!.push(i));
  const items = new Array<InstanceType<Binding['FSRSBindingItem']>>(set.items.length);
  const prefix: InstanceType<Binding['FSRSBindingReview']>[] = [];
  byHistory.forEach((indexes, h) => {
    const history = set.histories[h]!;
    prefix.length = 0;
    for (const i of indexes) {
      const length = set.items[i]![1];
      if (prefix.length > length) prefix.length = length;
      while (prefix.length < length) {
        const [rating, deltaT] = history[prefix.length]!;
        prefix.push(review(rating, deltaT));
      }
      items[i] = new binding.FSRSBindingItem(prefix);
    }
  });
  return items;
}

const progressOf = new WeakMap<Database, OptimizeProgress>();

/** Progress of the optimize() running on this collection, for a UI that polls. */
export function optimizeProgress(db: Database): OptimizeProgress {
  return { ...(progressOf.get(db) ?? { running: false, current: 0, total: 0 }) };
}

export interface OptimizeOptions {
  loader?: BindingLoader;
  /** Called as training advances (fsrs-rs reports iterations). */
  onProgress?: (current: number, total: number) => void;
  /** Time source for durationMs (tests fix it). */
  clock?: () => number;
}

/** Computes FSRS weights from the review log and the fit before and after; applies nothing. */
export async function optimize(db: Database, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const settings = getSettings(db);
  const current = weightsInUse(settings);
  const set = trainingSet(db, settings.dayStartHour);
  const n = set.items.length;
  const base = { reviews: set.reviews, cards: set.histories.length, items: n, minimumItems: MIN_TRAINING_ITEMS, fullTrainingItems: FULL_TRAINING_ITEMS, current };
  if (n < MIN_TRAINING_ITEMS) {
    return {
      ...base,
      status: 'insufficient',
      message:
        `Optimizing needs at least ${MIN_TRAINING_ITEMS} answers given on a later day than the card\u2019s previous answer; ` +
        `you have ${n}. Keep studying: ${MIN_TRAINING_ITEMS - n} more are needed to start, ${FULL_TRAINING_ITEMS - n} more to fit every parameter.`,
      needed: FULL_TRAINING_ITEMS - n,
      before: null,
      optimized: null,
      after: null,
      improved: false,
      applied: false,
      durationMs: Math.round(clock() - started),
    };
  }
  const binding = await loadOptimizer(options.loader);
  const items = bindingItems(binding, set);
  // fsrs-rs cannot evaluate every small history (NotEnoughData): then there is no fit to report.
  const fit = (weights: number[]): FitMetrics | null => {
    try {
      const e = new binding.FSRSBinding(weights).evaluate(items);
      return { logLoss: e.logLoss, rmse: e.rmseBins };
    } catch {
      return null;
    }
  };
  progressOf.set(db, { running: true, current: 0, total: 0 });
  let optimized: number[];
  let before: FitMetrics | null;
  try {
    // Training runs on the binding's own thread: the fit before is measured meanwhile. The
    // binding reports progress (and notices the end of training) once per `timeout` ms.
    const training = binding.computeParameters(items, {
      enableShortTerm: true,
      numRelearningSteps: settings.relearningSteps.length,
      timeout: PROGRESS_INTERVAL_MS,
      progress: (done, total) => {
        progressOf.set(db, { running: true, current: done, total });
        options.onProgress?.(done, total);
      },
    });
    before = fit(current);
    optimized = await training;
  } finally {
    const p = progressOf.get(db)!;
    progressOf.set(db, { running: false, current: p.total || p.current, total: p.total });
  }
  const after = fit(optimized);
  const improved = before !== null && after !== null && after.rmse < before.rmse;
  const partial = n < FULL_TRAINING_ITEMS;
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const fitText =
    before && after
      ? `log loss ${before.logLoss.toFixed(4)} \u2192 ${after.logLoss.toFixed(4)}, RMSE ${pct(before.rmse)} \u2192 ${pct(after.rmse)}`
      : 'the fit cannot be measured on so few answers';
  return {
    ...base,
    status: partial ? 'partial' : 'optimized',
    message:
      (partial
        ? `Only the initial stabilities could be fitted from ${n} answers; ${FULL_TRAINING_ITEMS - n} more are needed to fit every parameter. `
        : `Fitted on ${n} answers to ${set.histories.length} cards. `) +
      `${fitText}. ` +
      (improved
        ? 'The new parameters fit your history better.'
        : before && after
          ? 'Your current parameters fit your history as well or better; keep them.'
          : 'Without a measured fit, Stratus does not recommend applying them.'),
    needed: Math.max(0, FULL_TRAINING_ITEMS - n),
    before,
    optimized,
    after,
    improved,
    applied: false,
    durationMs: Math.round(clock() - started),
  };
}

/** Writes FSRS weights (null: ts-fsrs's defaults) and/or the desired retention, in one transaction. */
export function applyParameters(db: Database, input: { weights?: number[] | null; desiredRetention?: number }): FsrsParameters {
  const patch: Record<string, unknown> = {};
  if (input.weights !== undefined) {
    if (input.weights !== null && !(Array.isArray(input.weights) && input.weights.length === 21 && input.weights.every((w) => Number.isFinite(w)))) {
      throw new InvalidArgumentError(msg('optimizer.badWeights'));
    }
    patch.weights = input.weights;
  }
  if (input.desiredRetention !== undefined) {
    const r = input.desiredRetention;
    if (!(typeof r === 'number' && r >= RETENTION_RANGE[0] && r <= RETENTION_RANGE[1])) {
      throw new InvalidArgumentError(msg('optimizer.badRetention'));
    }
    patch.desiredRetention = r;
  }
  const s = updateSettings(db, patch);
  return { weights: s.weights, desiredRetention: s.desiredRetention };
}
