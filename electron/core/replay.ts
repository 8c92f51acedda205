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
import { createScheduler, newMemoryState, RATING_NAMES, type MemoryState, type Scheduler, type SchedulerOptions } from './scheduler';

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
  const scheduler = createScheduler(options);
  return (cardId, history, newCardDue) => replayWith(scheduler, cardId, history, newCardDue);
}

/** Replays one card's history; see createReplayer to replay many cards. */
export function replayHistory(history: readonly ReplayAnswer[], options: SchedulerOptions, cardId = 0): Replay {
  return replayWith(createScheduler(options), cardId, history);
}

function replayWith(scheduler: Scheduler, cardId: number, history: readonly ReplayAnswer[], newCardDue?: number): Replay {
  for (const h of history) {
    if (!Number.isFinite(h.reviewedAt) || !RATING_NAMES[h.rating]) {
      throw new RangeError(`Cannot replay an answer with time ${h.reviewedAt} and rating ${h.rating}.`);
    }
  }
  // Time order, keeping the given order for equal times (Array.prototype.sort is stable).
  const ordered = isSorted(history) ? history : [...history].sort((a, b) => a.reviewedAt - b.reviewedAt);
  const first = ordered[0];
  let memory = newMemoryState(first ? first.reviewedAt : (newCardDue ?? 0));
  const steps: ReplayStep[] = [];
  for (const answer of ordered) {
    const { after, elapsedDays } = scheduler.answer(cardId, memory, RATING_NAMES[answer.rating]!, answer.reviewedAt);
    steps.push({ reviewedAt: answer.reviewedAt, rating: answer.rating, before: memory, after, elapsedDays });
    memory = after;
  }
  return { memory, steps };
}

function isSorted(history: readonly ReplayAnswer[]): boolean {
  for (let i = 1; i < history.length; i++) if (history[i]!.reviewedAt < history[i - 1]!.reviewedAt) return false;
  return true;
}
