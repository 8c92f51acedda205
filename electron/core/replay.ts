// Imported review history → FSRS memory state. An Anki revlog (or any history without a saved
// memory state) is replayed answer by answer through the same scheduler the app reviews with, so
// an imported card continues exactly where the same answers given in Stratus would have left it.
//
// This is what ts-fsrs's own `FSRS.reschedule(card, reviews)` does for graded reviews: start
// from an empty card and call `next(card, review_time, rating)` for each review in time order
// (ts-fsrs additionally handles "Manual" entries, which imported histories never contain: the
// importers leave manual reschedules out). Going through our Scheduler instead of calling
// ts-fsrs here keeps scheduler.ts the only module that imports ts-fsrs, and seeds the interval
// fuzz with the card id, as answering does.
//
// The answers go through createAnswerInPlace, the scheduler's allocation-free twin of answer()
// (the same results; tests compare the two answer by answer on many random histories): an import
// replays hundreds of thousands of answers, and ts-fsrs's per-answer objects were most of its time.
import { createAnswerInPlace, newMemoryCursor, newMemoryState, RATING_NAMES, type AnswerInPlace, type MemoryCursor, type MemoryState, type SchedulerOptions } from './scheduler';

/** One graded answer of a history (epoch ms). */
export interface ReplayAnswer {
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
}

/** What one replayed answer did: the review row the app would have logged for it. */
export interface ReplayStep {
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4;
  before: MemoryState;
  after: MemoryState;
  /** Days since the previous answer, as ts-fsrs computes it (0 for the first). */
  elapsedDays: number;
}

export interface Replay {
  /** The card's memory state after the last answer (a new card's when the history is empty). */
  memory: MemoryState;
  /** One step per answer, oldest first. */
  steps: ReplayStep[];
}

export type Replayer = (cardId: number, history: readonly ReplayAnswer[], newCardDue?: number) => Replay;

/**
 * A replay function bound to one set of scheduler options (a deck's preset); reuse it for every
 * card of an import rather than building a scheduler per card.
 */
export function createReplayer(options: SchedulerOptions): Replayer {
  const replay = createCursorReplayer(options);
  return (cardId, history, newCardDue) => replayWithSteps(replay, cardId, history, newCardDue);
}

/** Replays one card's history; see createReplayer to replay many cards. */
export function replayHistory(history: readonly ReplayAnswer[], options: SchedulerOptions, cardId = 0): Replay {
  return replayWithSteps(createCursorReplayer(options), cardId, history);
}

/**
 * Called after each answer of a replay with the answer (the object from the history) and the
 * card's memory right after it; `memory.stateBefore` and `memory.elapsedDays` describe the answer.
 * The memory object is reused: read it, don't keep it.
 */
export type ReplayVisitor<T extends ReplayAnswer> = (answer: T, memory: Readonly<MemoryCursor>) => void;

/**
 * Replays one card's history like a Replayer, without building the steps: `visit` sees each
 * answer as it is applied, and the card's final memory is returned (a new card's when the history
 * is empty). For imports that write each step straight into a review row.
 */
export type CursorReplayer = <T extends ReplayAnswer>(cardId: number, history: readonly T[], visit?: ReplayVisitor<T>, newCardDue?: number) => MemoryCursor;

export function createCursorReplayer(options: SchedulerOptions): CursorReplayer {
  const answer = createAnswerInPlace(options);
  return (cardId, history, visit, newCardDue) => replayInPlace(answer, cardId, history, visit, newCardDue);
}

function replayInPlace<T extends ReplayAnswer>(answer: AnswerInPlace, cardId: number, history: readonly T[], visit: ReplayVisitor<T> | undefined, newCardDue?: number): MemoryCursor {
  for (const h of history) {
    if (!Number.isFinite(h.reviewedAt) || !RATING_NAMES[h.rating]) {
      throw new RangeError(`Cannot replay an answer with time ${h.reviewedAt} and rating ${h.rating}.`);
    }
  }
  // Time order, keeping the given order for equal times (Array.prototype.sort is stable).
  const ordered = isSorted(history) ? history : [...history].sort((a, b) => a.reviewedAt - b.reviewedAt);
  const first = ordered[0];
  const memory = newMemoryCursor(first ? first.reviewedAt : (newCardDue ?? 0));
  for (const h of ordered) {
    answer(cardId, memory, h.rating, h.reviewedAt);
    visit?.(h, memory);
  }
  return memory;
}

function replayWithSteps(replay: CursorReplayer, cardId: number, history: readonly ReplayAnswer[], newCardDue?: number): Replay {
  const steps: ReplayStep[] = [];
  // The first answer starts from a new card due at that answer, as replayInPlace starts.
  let before: MemoryState | null = null;
  const final = replay(cardId, history, (h, m) => {
    const after = memoryOf(m);
    steps.push({ reviewedAt: h.reviewedAt, rating: h.rating, before: before ?? newMemoryState(h.reviewedAt), after, elapsedDays: m.elapsedDays });
    before = after;
  }, newCardDue);
  return { memory: steps.length ? steps[steps.length - 1]!.after : memoryOf(final), steps };
}

/** The plain MemoryState of a cursor (a copy). */
function memoryOf(m: MemoryCursor): MemoryState {
  return {
    state: m.state,
    due: m.due,
    stability: m.stability,
    difficulty: m.difficulty,
    scheduledDays: m.scheduledDays,
    learningSteps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    lastReview: m.lastReview,
  };
}

function isSorted(history: readonly ReplayAnswer[]): boolean {
  for (let i = 1; i < history.length; i++) if (history[i]!.reviewedAt < history[i - 1]!.reviewedAt) return false;
  return true;
}
