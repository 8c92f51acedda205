// Today's queue, answering and undo: the review engine. Plain values in, plain values out; one
// transaction per answer. The IPC handlers and the CLI are thin callers of this class.
//
// The day queue (as Anki's v3 scheduler keeps one): per deck and study day, Study holds in memory
// what today's SQL would select — the learning cards due today, the review cards due today and
// the new cards, in the order the queue shows them (learning and reviews by due then id, new
// cards by position then id), with the day's remaining limits. An answer or an undo through this
// Study updates it in place; anything else rebuilds it from SQL (see `sync` and `queue`):
//   - any other write to the collection: this connection's total_changes() moves (bulk actions,
//     edits, imports, presets, undo of an action, another Study on the same connection) or
//     PRAGMA data_version moves (another connection, e.g. the CLI while the app is open);
//   - a new study day, a clock set back, a buried card's time to come back, reloadSettings().
// Review and new cards are loaded only as far as today's limits need (plus a margin), so a deck
// of any size builds its queue in a few small indexed reads.
//
// Nested decks, as in Anki: studying deck "D" draws from D and every deck under it ("D::…", by
// name, case-insensitively), so a day queue covers the studied deck's subtree (read when the queue
// is built; creating, renaming or deleting a deck writes to the collection, which rebuilds it).
// The three lists keep their orders across the subtree (learning and reviews by due then id, new
// cards by position then id). Each card is scheduled with its own deck's preset (FSRS parameters,
// steps, burying), as in Anki.
//
// Daily limits, as Anki's v3 scheduler applies them (with "limits start from top" off; see
// rslib/src/decks/limits.rs and scheduler/queue/builder/gathering.rs):
//   - every deck of the subtree has its own preset's new/day and reviews/day; a card the session
//     takes counts against the limits of its own deck AND of every ancestor up to the studied deck
//     (a deck's limits left start capped by its parent's), so a child with 5 new/day gives its
//     parent's session at most 5 new cards, and the studied deck's limits cap the whole;
//   - a deck's count for today includes the answers to its whole subtree's cards, wherever they
//     were studied from (the deck itself, a parent or a child): an answer to a new card counts as
//     new, one to a review card as a review (by the card's state before: relearning is neither);
//   - new cards also count against reviews/day: reviews left = reviews/day - reviews done - new
//     done; new left = min(new/day - new done, reviews left), and each review the session takes
//     lowers new left too when it reaches it (new cards never push the day past reviews/day);
//   - learning and relearning cards are not limited.
// Reviews are taken first (by due then id across the subtree), then new cards (by position then
// id), each only while its deck and all its ancestors up to the studied deck have some left.
import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  AnswerInput,
  AnswerResult,
  DeckSummary,
  NextCard,
  QueueCounts,
  Rating,
  SessionSummary,
  StudyCard,
  UndoResult,
} from '../shared/contract';
import { RATINGS } from '../shared/contract';
import { getCard, rowToMemory, toSchedule, type CardRow } from './cards';
import { InvalidArgumentError } from './errors';
import { msg } from './messages';
import { applyExamAwareScheduling } from './exam/examAware';
import { RenderCache } from './render';
import { SEPARATOR } from './deckAdmin';
import { deckPresetRow } from './presets';
import { createScheduler, RATING_CODES, STATE_NAMES, type MemoryState, type Scheduler } from './scheduler';
import { getSettings, parseDeckOptions, type Settings } from './settings';
import type { DeckOptions } from '../shared/contract';
import { intervalLabel, MINUTE, studyDay, type DayWindow } from './time';

/** Learning cards due this soon are shown early when nothing else is left, as in Anki. */
export const LEARN_AHEAD_MS = 20 * MINUTE;

/** Review and new cards loaded beyond today's limits, so most answers need no reload. */
const LANE_MARGIN = 32;
/** Cards rendered ahead from the head of each list of the day queue. */
const PREFETCH = 3;

/** What one answer changed besides the review row: restored exactly by undo. */
interface UndoRecord {
  card: MemoryState & { buriedUntil: number | null };
  /** Siblings this answer buried, with their previous buried_until. */
  buried: { id: number; buriedUntil: number | null }[];
}

type Clock = () => number;

type DeckEntry = { options: DeckOptions; scheduler: Scheduler };

/** A card in a day queue; `key` is its due (learning, review) or its position (new). */
interface Entry {
  id: number;
  key: number;
  /** The list it is in. */
  list: Entry[];
}

/**
 * One deck's review or new cards in a day queue: the matching cards in queue order, loaded only as
 * far as needed. Unless `complete`, `items` are exactly the available matching cards up to `bound`
 * (the last row read, buried ones included); cards after it are left to the next load.
 */
interface Lane {
  deckId: number;
  kind: 'review' | 'new';
  items: Entry[];
  complete: boolean;
  bound: { key: number; id: number } | null;
}

/** New and review cards: answered today, or left of today's limits. */
interface Tally {
  new: number;
  review: number;
}

/** What a day queue shows under today's limits: how many reviews and new cards, and the first ones. */
interface Plan {
  review: number;
  new: number;
  /** The first (up to PREFETCH) reviews and new cards the session takes, in order. */
  reviews: Entry[];
  fresh: Entry[];
}

/** One deck's queue for one study day (see the top of this file). */
interface DeckQueue {
  deckId: number;
  /** The studied deck and its descendants: the decks whose cards this queue holds. */
  decks: Set<number>;
  /** The same decks as a tree: each deck before its children (the studied deck first). */
  order: number[];
  /** Each deck with its ancestors up to the studied deck: the limits a card of it counts against. */
  paths: Map<number, number[]>;
  day: DayWindow;
  /** Each deck of the subtree's own options and scheduler (cards are scheduled with their own deck's). */
  entries: Map<number, DeckEntry>;
  /** Today's answers to each deck's own new and review cards (the doneToday query, then counted here). */
  done: Map<number, Tally>;
  /** Every available learning/relearning card due before the day ends, by due then id. */
  learning: Entry[];
  /** Each deck's own review and new cards. */
  review: Map<number, Lane>;
  fresh: Map<number, Lane>;
  byId: Map<number, Entry>;
  /** What the queue shows, kept until a card, a load or today's answers change. */
  plan: Plan | null;
  /** The latest time availability (buried_until <= now) was judged at: an earlier clock rebuilds. */
  asOf: number;
  /** When the first card left out as buried comes back today (buried_until): the queue is rebuilt then. */
  wakeAt: number;
}

/** A card row's fields that decide where it stands in a day queue. */
type QueueFields = Pick<CardRow, 'id' | 'deck_id' | 'state' | 'due' | 'position' | 'suspended' | 'buried_until'>;

/** What an answer's transaction changed, for the day queues. */
interface Answered {
  schedule: AnswerResult['card'];
  deckId: number;
  stateBefore: number;
  card: QueueFields;
  /** Siblings as the answer left them (buried). */
  buried: QueueFields[];
}

/** What an undo's transaction restored. */
interface Restored {
  row: CardRow;
  review: { reviewed_at: number; state_before: number };
  siblings: QueueFields[];
}

const byKey = (a: { key: number; id: number }, b: { key: number; id: number }) => a.key - b.key || a.id - b.id;

/** Index of the first item after `e` in the sorted list. */
function upperBound(list: Entry[], e: { key: number; id: number }): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byKey(list[mid]!, e) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const emptyLane = (deckId: number, kind: Lane['kind']): Lane => ({ deckId, kind, items: [], complete: false, bound: null });

/**
 * What is left of a deck's limits today (Anki v3), given today's answers in its subtree: new cards
 * answered count against reviews/day too, and new cards left never exceed reviews left.
 */
export function limitsLeft(options: Pick<DeckOptions, 'newPerDay' | 'reviewsPerDay'>, done: Tally): Tally {
  const review = Math.max(0, options.reviewsPerDay - done.review - done.new);
  return { review, new: Math.max(0, Math.min(options.newPerDay - done.new, review)) };
}

export class Study {
  private settings: Settings;
  /** Each deck studies with its preset's options; parsed options and scheduler cached by the preset's JSON. */
  private readonly presets = new Map<string, DeckEntry>();
  private readonly sql: ReturnType<typeof prepare>;
  /** Day queues by deck id; valid while `seen` matches the collection (see `sync`). */
  private readonly queues = new Map<number, DeckQueue>();
  private seen = { version: -1, changes: -1 };
  private readonly html = new RenderCache();
  private readonly answerTransaction: Transaction<(input: AnswerInput, now: number) => Answered>;
  private readonly undoTransaction: Transaction<() => Restored | null>;
  /** The row of the card next() returned last, while nothing was written since: answering it reads nothing. */
  private shown: CardRow | null = null;
  private prefetchDeck: number | null = null;
  /** The deck nextCard was last asked for: an answer or undo of a card in its subtree continues its session. */
  private studying: number | null = null;
  private prefetchPending = false;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = Date.now,
  ) {
    this.settings = getSettings(db);
    this.sql = prepare(db);
    // Made once: better-sqlite3 builds a transaction function's wrappers on every db.transaction().
    this.answerTransaction = db.transaction((input: AnswerInput, now: number) => {
      this.sync();
      const answered = this.record(input, now);
      this.seen.changes = this.sql.totalChanges.get()!;
      return answered;
    });
    this.undoTransaction = db.transaction(() => {
      this.sync();
      const restored = this.revert();
      this.seen.changes = this.sql.totalChanges.get()!;
      return restored;
    });
  }

  /** Call after settings change so the scheduler and limits follow them. */
  reloadSettings(): void {
    this.settings = getSettings(this.db);
    this.presets.clear();
    this.queues.clear();
  }

  /**
   * Every deck in tree order (each parent before its children, names sorted within a level), with
   * its counts covering its whole subtree, as Anki's deck list shows them: today's counts are what
   * a session of that deck would show. As Anki's deck tree computes them (decks/tree.rs), from the
   * leaves up: a deck's reviews are its own due reviews plus its children's (each already capped by
   * its own limits), capped by what is left of its reviews/day; its new cards likewise, capped by
   * its new left and by the reviews left after those reviews. Learning cards are not capped.
   */
  listDecks(): DeckSummary[] {
    const now = this.clock();
    const day = studyDay(now, this.settings.dayStartHour);
    const states = this.sql.deckStates.all();
    const tree = deckTree(states);
    const done = new Map(states.map((d) => [d.id, { new: 0, review: 0 }]));
    for (const r of this.sql.doneByDeck.all(day.start)) {
      const t = done.get(r.deck);
      if (t) Object.assign(t, { new: r.newDone, review: r.reviewDone });
    }
    type Counts = Tally & { learning: number; done: Tally; total: number; all: number; learningAll: number; reviewAll: number };
    const counted = new Map<number, Counts>();
    const kids = new Map<number, number[]>();
    for (const t of tree) if (t.parentId !== null) kids.set(t.parentId, [...(kids.get(t.parentId) ?? []), t.deck.id]);
    // Children come after their parent in `tree`: walking it backwards counts every child first.
    for (let i = tree.length - 1; i >= 0; i--) {
      const { deck: d } = tree[i]!;
      const children = (kids.get(d.id) ?? []).map((id) => counted.get(id)!);
      const sum = (f: (c: Counts) => number) => children.reduce((n, c) => n + f(c), 0);
      const own = done.get(d.id)!;
      const subtreeDone = { new: own.new + sum((c) => c.done.new), review: own.review + sum((c) => c.done.review) };
      const left = limitsLeft(this.deck(d.id).options, subtreeDone);
      const one = (name: 'countReviews' | 'countNew', cap: number) =>
        cap === 0 ? 0 : this.scoped(name, [d.id], { until: day.end, now, cap }).n;
      const review = Math.min(left.review, one('countReviews', left.review) + sum((c) => c.review));
      counted.set(d.id, {
        review,
        new: Math.min(left.new, left.review - review, one('countNew', left.new) + sum((c) => c.new)),
        learning: this.scoped('countLearning', [d.id], { until: day.end, now }).n + sum((c) => c.learning),
        done: subtreeDone,
        total: d.total + sum((c) => c.total),
        all: d.new + sum((c) => c.all),
        learningAll: d.learning + sum((c) => c.learningAll),
        reviewAll: d.review + sum((c) => c.reviewAll),
      });
    }
    return tree.map(({ deck: d, depth, parentId }) => {
      const c = counted.get(d.id)!;
      return {
        id: d.id,
        name: d.name,
        depth,
        parentId,
        total: c.total,
        new: c.all,
        learning: c.learningAll,
        review: c.reviewAll,
        newToday: c.new,
        learningDue: c.learning,
        reviewDue: c.review,
        dueToday: c.new + c.learning + c.review,
      };
    });
  }

  /** The card the app shows next for a deck, and what is left of today's queue. */
  nextCard(deckId: number): NextCard {
    this.sync();
    const next = this.next(deckId, this.clock());
    this.studying = deckId;
    return next;
  }

  answer(input: AnswerInput): AnswerResult {
    if (!RATINGS.includes(input.rating)) throw new InvalidArgumentError(msg('study.badRating', { rating: String(input.rating) }));
    const now = this.clock();
    const answered = this.commit(() => this.answerTransaction.immediate(input, now));
    this.applyAnswer(answered, now);
    return { card: answered.schedule, next: this.next(this.sessionDeck(answered.deckId, now), now) };
  }

  /**
   * Undoes the most recent answer in the collection; null when there is none. The app, the menu
   * and the CLI call undoLatest (undoLog.ts) instead, which undoes whichever came last of this
   * answer and the latest collection action (one undo stack, as in Anki).
   */
  undo(): UndoResult | null {
    const restored = this.commit(() => this.undoTransaction.immediate());
    if (!restored) return null;
    const now = this.clock();
    this.applyUndo(restored, now);
    const { row } = restored;
    this.shown = row;
    // The undone card comes back first, as in Anki, whatever else became due meanwhile.
    const deckId = this.sessionDeck(row.deck_id, now);
    const q = this.queue(deckId, now);
    const counts = this.counts(q, now);
    this.schedulePrefetch(deckId);
    return {
      card: toSchedule(row.id, rowToMemory(row)),
      deckId,
      next: { card: this.studyCard(row, now, this.deckOf(row.deck_id)), counts },
    };
  }

  sessionSummary(deckId: number, sinceMs: number): SessionSummary {
    this.requireDeck(deckId);
    const now = this.clock();
    const day = studyDay(now, this.settings.dayStartHour);
    const decks = this.subtree(deckId);
    const s = this.scoped('session', decks, { since: sinceMs });
    const scheduled = this.scoped('nextScheduled', decks, { now }).due;
    const hasNew = this.scoped('firstNew', decks, { now }) !== undefined && this.deck(deckId).options.newPerDay > 0;
    const candidates = [scheduled, hasNew ? day.end : null].filter((t): t is number => t !== null);
    return {
      reviewed: s.reviewed,
      retention: s.reviewed === 0 ? null : s.passed / s.reviewed,
      timeMs: s.timeMs ?? 0,
      nextDue: candidates.length ? new Date(Math.min(...candidates)).toISOString() : null,
    };
  }

  /** Runs a write transaction; if it fails, the day queues may not match the collection any more. */
  private commit<T>(run: () => T): T {
    try {
      return run();
    } catch (err) {
      this.queues.clear();
      this.shown = null;
      throw err;
    }
  }

  /**
   * Drops every day queue when the collection changed other than through this Study's answers and
   * undos: this connection's total_changes() (kept up to date after our own writes) or the
   * database's data_version (other connections' commits) moved.
   */
  private sync(): void {
    const version = this.sql.dataVersion.get()!;
    const changes = this.sql.totalChanges.get()!;
    if (version !== this.seen.version || changes !== this.seen.changes) {
      this.queues.clear();
      this.shown = null;
      this.seen = { version, changes };
    }
  }

  private next(deckId: number, now: number): NextCard {
    const q = this.queue(deckId, now);
    const counts = this.counts(q, now);
    const id = this.pick(q, now);
    this.schedulePrefetch(deckId);
    this.shown = id === null ? null : getCard(this.db, id);
    return { card: this.shown && this.studyCard(this.shown, now, q.entries.get(this.shown.deck_id) ?? this.deck(this.shown.deck_id)), counts };
  }

  private record(input: AnswerInput, now: number): Answered {
    const row = this.shown?.id === input.cardId ? this.shown : getCard(this.db, input.cardId);
    if (row.suspended) throw new InvalidArgumentError(msg('study.suspended', { id: String(row.id) }));
    const before = rowToMemory(row);
    const deck = this.deckOf(row.deck_id);
    const { after: scheduled, elapsedDays } = deck.scheduler.answer(row.id, before, input.rating, now);
    // Exam-aware scheduling (opt-in per exam): a due past the exam moves into its last days.
    const after = applyExamAwareScheduling(this.db, scheduled, now, this.settings.dayStartHour);
    const { undo: buried, rows: buriedRows } = this.burySiblings(row, deck, now);
    const undo: UndoRecord = { card: { ...before, buriedUntil: row.buried_until }, buried };
    this.sql.updateCard.run({ id: row.id, ...memoryParams(after), buried_until: null });
    this.sql.insertReview.run({
      card_id: row.id,
      reviewed_at: now,
      rating: RATING_CODES[input.rating],
      state_before: before.state,
      state_after: after.state,
      due: after.due,
      stability: after.stability,
      difficulty: after.difficulty,
      elapsed_days: elapsedDays,
      scheduled_days: after.scheduledDays,
      duration_ms: Math.round(input.durationMs),
      undo: JSON.stringify(undo),
    });
    return {
      schedule: toSchedule(row.id, after),
      deckId: row.deck_id,
      stateBefore: before.state,
      card: { id: row.id, deck_id: row.deck_id, state: after.state, due: after.due, position: row.position, suspended: 0, buried_until: null },
      buried: buriedRows,
    };
  }

  private burySiblings(row: CardRow, deck: DeckEntry, now: number): { undo: UndoRecord['buried']; rows: QueueFields[] } {
    if (!deck.options.burySiblings) return { undo: [], rows: [] };
    const until = studyDay(now, this.settings.dayStartHour).end;
    const siblings = this.sql.siblingsToBury.all(row.note_id, row.id, until);
    for (const s of siblings) this.sql.setBuried.run(until, s.id);
    return {
      undo: siblings.map((s) => ({ id: s.id, buriedUntil: s.buried_until })),
      rows: siblings.map((s) => ({ ...s, buried_until: until })),
    };
  }

  private revert(): Restored | null {
    const last = this.sql.lastReview.get();
    if (!last) return null;
    const undo = JSON.parse(last.undo) as UndoRecord;
    this.sql.updateCard.run({ id: last.card_id, ...memoryParams(undo.card), buried_until: undo.card.buriedUntil });
    for (const s of undo.buried) this.sql.setBuried.run(s.buriedUntil, s.id);
    this.sql.deleteReview.run(last.id);
    return {
      row: getCard(this.db, last.card_id),
      review: last,
      // Read back as restored (a sibling deleted since is simply gone).
      siblings: undo.buried.map((s) => this.sql.queueFields.get(s.id)).filter((s): s is QueueFields => s !== undefined),
    };
  }

  private studyCard(row: CardRow, now: number, deck: DeckEntry): StudyCard {
    const outcomes = deck.scheduler.preview(row.id, rowToMemory(row), now);
    const preview = (r: Rating) => ({ due: new Date(outcomes[r].due).toISOString(), label: intervalLabel(now, outcomes[r].due) });
    const previews: StudyCard['previews'] = { again: preview('again'), hard: preview('hard'), good: preview('good'), easy: preview('easy') };
    return {
      id: row.id,
      deckId: row.deck_id,
      state: STATE_NAMES[row.state]!,
      front: this.html.render(row.front),
      back: this.html.render(row.back),
      previews,
    };
  }

  // --- the day queue ---------------------------------------------------------------------------

  /** The deck's day queue at `now`, (re)built from SQL when it is missing or no longer holds. */
  private queue(deckId: number, now: number): DeckQueue {
    const q = this.queues.get(deckId);
    if (q && this.holds(q, now)) return q;
    this.requireDeck(deckId);
    const built = this.build(deckId, now, studyDay(now, this.settings.dayStartHour));
    this.queues.set(deckId, built);
    return built;
  }

  /** Whether a queue still describes `now`: same study day, clock not set back, no buried card back yet. */
  private holds(q: DeckQueue, now: number): boolean {
    return now >= q.day.start && now < q.day.end && now >= q.asOf && now < q.wakeAt;
  }

  private build(deckId: number, now: number, day: DayWindow): DeckQueue {
    const { order: ids, paths } = this.subtreeTree(deckId);
    const done = new Map(ids.map((id) => [id, { new: 0, review: 0 }]));
    for (const r of this.scopedAll('doneToday', ids, { since: day.start })) {
      const t = done.get(r.deck);
      if (t) Object.assign(t, { new: r.newDone, review: r.reviewDone });
    }
    const q: DeckQueue = {
      deckId,
      decks: new Set(ids),
      order: ids,
      paths,
      day,
      entries: new Map(ids.map((id) => [id, this.deck(id)])),
      done,
      learning: [],
      review: new Map(ids.map((id) => [id, emptyLane(id, 'review')])),
      fresh: new Map(ids.map((id) => [id, emptyLane(id, 'new')])),
      byId: new Map(),
      plan: null,
      asOf: now,
      wakeAt: Infinity,
    };
    for (const r of this.scopedAll('learningToday', ids, { now, end: day.end })) {
      if (r.available) this.push(q, q.learning, r);
      else q.wakeAt = Math.min(q.wakeAt, r.buried_until!);
    }
    return q;
  }

  /** Loads a deck's lane (from its start) until it holds `need` cards or all there are. */
  private fill(q: DeckQueue, lane: Lane, need: number, now: number): void {
    if (lane.complete || lane.items.length >= need) return;
    const stmt = lane.kind === 'review' ? 'reviewLane' : 'newLane';
    for (let limit = need + LANE_MARGIN; ; limit *= 2) {
      const rows = this.scopedAll(stmt, [lane.deckId], { now, end: q.day.end, limit });
      for (const e of lane.items) q.byId.delete(e.id);
      lane.items.length = 0;
      for (const r of rows) {
        if (r.available) this.push(q, lane.items, r);
        else q.wakeAt = Math.min(q.wakeAt, r.buried_until!);
      }
      lane.complete = rows.length < limit;
      const last = rows.at(-1);
      lane.bound = last ? { key: last.key, id: last.id } : null;
      if (lane.complete || lane.items.length >= need) break;
    }
    q.asOf = Math.max(q.asOf, now);
  }

  private push(q: DeckQueue, list: Entry[], r: { id: number; key: number }): void {
    const e: Entry = { id: r.id, key: r.key, list };
    list.push(e);
    q.byId.set(e.id, e);
  }

  /** Learning cards due today, and the reviews and new cards today's limits let the session take. */
  private counts(q: DeckQueue, now: number): QueueCounts {
    const plan = this.plan(q, now);
    return { new: plan.new, learning: q.learning.length, review: plan.review };
  }

  /** Learning due now, else a review (within the limits), else a new card (within the limits), else learning due within 20 minutes. */
  private pick(q: DeckQueue, now: number): number | null {
    const learning = q.learning[0];
    if (learning && learning.key <= now) return learning.id;
    const plan = this.plan(q, now);
    const first = plan.reviews[0] ?? plan.fresh[0];
    if (first) return first.id;
    if (learning && learning.key <= Math.min(now + LEARN_AHEAD_MS, q.day.end)) return learning.id;
    return null;
  }

  /** The reviews, then the new cards, the session takes under today's limits (see the top of this file). */
  private plan(q: DeckQueue, now: number): Plan {
    if (q.plan) return q.plan;
    const left = this.startLimits(q);
    const reviews = this.gather(q, q.review, left, 'review', now);
    const fresh = this.gather(q, q.fresh, left, 'new', now);
    q.plan = { review: reviews.count, new: fresh.count, reviews: reviews.first, fresh: fresh.first };
    return q.plan;
  }

  /**
   * What is left of each deck's limits today: its own preset's limits less today's answers in its
   * subtree, capped by its parent's (so by every ancestor's up to the studied deck), as Anki's
   * LimitTreeMap inserts them. gather checks the ancestors anyway; the cap keeps lane loads small.
   */
  private startLimits(q: DeckQueue): Map<number, Tally> {
    const done = new Map<number, Tally>();
    // Each deck after its parent in `order`: backwards, a deck's subtree is summed before its parent needs it.
    for (let i = q.order.length - 1; i >= 0; i--) {
      const id = q.order[i]!;
      const sum = done.get(id) ?? { new: 0, review: 0 };
      const own = q.done.get(id)!;
      sum.new += own.new;
      sum.review += own.review;
      done.set(id, sum);
      const parent = q.paths.get(id)![1];
      if (parent !== undefined) {
        const p = done.get(parent) ?? { new: 0, review: 0 };
        p.new += sum.new;
        p.review += sum.review;
        done.set(parent, p);
      }
    }
    const left = new Map<number, Tally>();
    for (const id of q.order) {
      const l = limitsLeft(q.entries.get(id)!.options, done.get(id)!);
      const parent = q.paths.get(id)![1];
      const p = parent === undefined ? undefined : left.get(parent)!;
      left.set(id, p ? { review: Math.min(l.review, p.review), new: Math.min(l.new, p.new) } : l);
    }
    return left;
  }

  /**
   * Walks the subtree's cards of one kind in queue order (a merge of the decks' lanes), taking each
   * card while its deck and every ancestor up to the studied deck have some of that limit left,
   * and counting it against them all (a review also caps their new cards left by their reviews
   * left). Once a deck's card is refused, all its later cards would be too (limits only go down),
   * so each lane needs loading only as far as its deck's own limit left.
   */
  private gather(q: DeckQueue, lanes: Map<number, Lane>, left: Map<number, Tally>, kind: keyof Tally, now: number): { count: number; first: Entry[] } {
    const root = left.get(q.deckId)!;
    const heads: { items: Entry[]; at: number; path: Tally[] }[] = [];
    for (const id of q.order) {
      const cap = left.get(id)![kind];
      if (cap === 0 || root[kind] === 0) continue;
      const lane = lanes.get(id)!;
      this.fill(q, lane, cap, now);
      if (lane.items.length) heads.push({ items: lane.items, at: 0, path: q.paths.get(id)!.map((d) => left.get(d)!) });
    }
    const first: Entry[] = [];
    let count = 0;
    const take = (path: Tally[], n: number) => {
      for (const l of path) {
        l[kind] -= n;
        if (kind === 'review') l.new = Math.min(l.new, l.review);
      }
      count += n;
    };
    while (heads.length && root[kind] > 0) {
      if (heads.length === 1) {
        // One deck left: it gives as many cards as it has and its path has left.
        const { items, at, path } = heads[0]!;
        const n = Math.min(items.length - at, ...path.map((l) => l[kind]));
        first.push(...items.slice(at, at + Math.max(0, Math.min(n, PREFETCH - first.length))));
        take(path, n);
        break;
      }
      let h = 0;
      for (let i = 1; i < heads.length; i++) {
        if (byKey(heads[i]!.items[heads[i]!.at]!, heads[h]!.items[heads[h]!.at]!) < 0) h = i;
      }
      const head = heads[h]!;
      const e = head.items[head.at++]!;
      if (head.path.every((l) => l[kind] > 0)) {
        if (first.length < PREFETCH) first.push(e);
        take(head.path, 1);
        if (head.at === head.items.length) heads.splice(h, 1);
      } else {
        heads.splice(h, 1);
      }
    }
    return { count, first };
  }

  /**
   * Puts a card this Study just changed where today's SQL would find it (or takes it out): the
   * same conditions as the queries, judged at `now`.
   */
  private place(q: DeckQueue, card: QueueFields, now: number): void {
    q.plan = null;
    const old = q.byId.get(card.id);
    if (old) {
      old.list.splice(upperBound(old.list, old) - 1, 1);
      q.byId.delete(card.id);
    }
    if (!q.decks.has(card.deck_id) || card.suspended) return;
    const buried = card.buried_until;
    if (buried !== null && !(buried < q.day.end)) return;
    const e = { id: card.id, key: card.state === 0 ? card.position : card.due };
    let list: Entry[];
    if (card.state === 0 || card.state === 2) {
      if (card.state === 2 && !(card.due < q.day.end)) return;
      const lane = (card.state === 0 ? q.fresh : q.review).get(card.deck_id)!;
      // Past the loaded part of the lane: the next load finds it.
      if (!lane.complete && (lane.bound === null || byKey(e, lane.bound) > 0)) return;
      list = lane.items;
    } else {
      if (!(card.due < q.day.end)) return;
      list = q.learning;
    }
    q.asOf = Math.max(q.asOf, now);
    if (buried !== null && buried > now) {
      q.wakeAt = Math.min(q.wakeAt, buried);
      return;
    }
    const entry: Entry = { ...e, list };
    list.splice(upperBound(list, entry), 0, entry);
    q.byId.set(entry.id, entry);
  }

  /**
   * The queues that still describe `now` and cover the deck (its own and its ancestors' queues);
   * a queue that no longer describes `now` is dropped.
   */
  private covering(deckId: number, now: number): DeckQueue[] {
    const found: DeckQueue[] = [];
    for (const [id, q] of this.queues) {
      if (!this.holds(q, now)) this.queues.delete(id);
      else if (q.decks.has(deckId)) found.push(q);
    }
    return found;
  }

  /** The studied deck when the card's deck is in its subtree, else the card's own deck. */
  private sessionDeck(cardDeck: number, now: number): number {
    const studying = this.studying;
    if (studying === null || studying === cardDeck) return cardDeck;
    const q = this.queues.get(studying);
    const inside = q && this.holds(q, now) ? q.decks.has(cardDeck) : this.subtree(studying).includes(cardDeck);
    return inside ? studying : cardDeck;
  }

  private applyAnswer(a: Answered, now: number): void {
    this.shown = null;
    for (const q of this.covering(a.deckId, now)) {
      // The doneToday query counts answers by state before: 0 new, 2 review.
      const done = q.done.get(a.deckId)!;
      if (a.stateBefore === 0) done.new++;
      else if (a.stateBefore === 2) done.review++;
      this.place(q, a.card, now);
    }
    for (const s of a.buried) {
      for (const other of this.covering(s.deck_id, now)) this.place(other, s, now);
    }
  }

  private applyUndo(r: Restored, now: number): void {
    this.shown = null;
    for (const q of this.covering(r.row.deck_id, now)) {
      if (r.review.reviewed_at >= q.day.start) {
        const done = q.done.get(r.row.deck_id)!;
        if (r.review.state_before === 0) done.new--;
        else if (r.review.state_before === 2) done.review--;
      }
      this.place(q, r.row, now);
    }
    for (const s of r.siblings) {
      for (const other of this.covering(s.deck_id, now)) this.place(other, s, now);
    }
  }

  /**
   * Renders the cards likely to come next once the current call has returned (the app is idle
   * while the user reads the card), so the next answer finds their HTML ready. Only a cache: a
   * card not rendered ahead is rendered when shown.
   */
  private schedulePrefetch(deckId: number): void {
    this.prefetchDeck = deckId;
    if (this.prefetchPending) return;
    this.prefetchPending = true;
    setImmediate(() => {
      this.prefetchPending = false;
      this.prefetch();
    }).unref();
  }

  private prefetch(): void {
    const q = this.prefetchDeck === null ? undefined : this.queues.get(this.prefetchDeck);
    if (!q) return;
    try {
      // The first few of each list: the card on screen is one of them, whichever comes next is
      // another (the one after it, or after a sibling the answer buries).
      for (const e of [...q.learning.slice(0, PREFETCH), ...(q.plan?.reviews ?? []), ...(q.plan?.fresh ?? [])]) {
        const row = this.sql.texts.get(e.id);
        if (!row) continue;
        this.html.render(row.front);
        this.html.render(row.back);
      }
    } catch {
      // The collection may have been closed since: nothing to prepare.
    }
  }

  // --- SQL-based helpers (deck list) -------------------------------------------------------------

  /** The deck and its descendants ("Deck::…", case-insensitively, as deckAdmin.ts nests them). */
  private subtree(deckId: number): number[] {
    const root = this.sql.deckName.get(deckId);
    if (root === undefined) return [deckId];
    const prefix = `${root.toLowerCase()}${SEPARATOR}`;
    return [deckId, ...this.sql.deckNames.all().filter((d) => d.name.toLowerCase().startsWith(prefix)).map((d) => d.id)];
  }

  /**
   * The subtree as a tree: its decks with each parent before its children (the studied deck
   * first), and each deck's path up to the studied deck (the deck itself first). A deck whose
   * parent is missing hangs under its nearest existing ancestor, as in the deck list.
   */
  private subtreeTree(deckId: number): { order: number[]; paths: Map<number, number[]> } {
    const root = this.sql.deckName.get(deckId);
    if (root === undefined) return { order: [deckId], paths: new Map([[deckId, [deckId]]]) };
    const prefix = `${root.toLowerCase()}${SEPARATOR}`;
    const tree = deckTree(this.sql.deckNames.all().filter((d) => d.id === deckId || d.name.toLowerCase().startsWith(prefix)));
    const paths = new Map<number, number[]>();
    for (const t of tree) paths.set(t.deck.id, [t.deck.id, ...(t.parentId === null ? [] : paths.get(t.parentId)!)]);
    return { order: tree.map((t) => t.deck.id), paths };
  }

  /** Runs a deck-scoped query for one deck, or for several through json_each. */
  private scoped<K extends ScopedName>(name: K, decks: number[], params: ScopedParams): ScopedRow<K> {
    const [one, many] = this.sql.scoped[name];
    const stmt = (decks.length === 1 ? one : many) as Statement<[object], ScopedRow<K>>;
    return stmt.get(this.scopeParams(decks, params)) as ScopedRow<K>;
  }

  private scopedAll<K extends ScopedName>(name: K, decks: number[], params: ScopedParams): ScopedRow<K>[] {
    const [one, many] = this.sql.scoped[name];
    const stmt = (decks.length === 1 ? one : many) as Statement<[object], ScopedRow<K>>;
    return stmt.all(this.scopeParams(decks, params));
  }

  private scopeParams(decks: number[], params: ScopedParams): object {
    return decks.length === 1 ? { deck: decks[0], ...params } : { decks: JSON.stringify(decks), ...params };
  }

  /** The deck's options and scheduler: a day queue's while it holds (it is dropped when presets change). */
  private deckOf(deckId: number): DeckEntry {
    for (const q of this.queues.values()) {
      const entry = q.entries.get(deckId);
      if (entry) return entry;
    }
    return this.deck(deckId);
  }

  /** The deck's preset options (read fresh, so option changes apply at once) and a scheduler for them. */
  private deck(deckId: number): DeckEntry {
    const config = deckPresetRow(this.db, deckId)?.config ?? '{}';
    let entry = this.presets.get(config);
    if (!entry) {
      const options = parseDeckOptions(config);
      entry = { options, scheduler: createScheduler(options) };
      this.presets.set(config, entry);
    }
    return entry;
  }

  private requireDeck(deckId: number): void {
    if (!this.sql.deckExists.get(deckId)) throw new InvalidArgumentError(msg('deck.notFound', { id: String(deckId) }));
  }
}

function memoryParams(m: MemoryState) {
  return {
    state: m.state,
    due: m.due,
    stability: m.stability,
    difficulty: m.difficulty,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    last_review: m.lastReview,
  };
}

/** A row of a day queue's load; `available` is 0 for a card buried until later today. */
interface QueueRow {
  id: number;
  key: number;
  buried_until: number | null;
  available: 0 | 1;
}

// A card is available when it is not suspended and not buried past `now`.
const AVAILABLE = 'suspended = 0 AND (buried_until IS NULL OR buried_until <= @now)';
// The day queue reads the cards that can be available today (not suspended, not buried past the
// day's end) and tells those buried until later today apart, so the queue knows when to rebuild.
const TODAY = 'suspended = 0 AND (buried_until IS NULL OR buried_until < @end)';
const QUEUE_ROW = '(buried_until IS NULL OR buried_until <= @now) AS available, buried_until';

// Deck-scoped queries: `${DECKS}` becomes one deck (@deck, the indexed fast path) or a subtree
// (@decks, a JSON array of ids).
const DECKS = '{{decks}}';
const SCOPED = {
  // The day queue's loads: the same conditions and order as the queue queries had.
  learningToday: `SELECT id, due AS key, ${QUEUE_ROW} FROM card
    WHERE ${DECKS} AND state IN (1, 3) AND due < @end AND ${TODAY} ORDER BY due, id`,
  reviewLane: `SELECT id, due AS key, ${QUEUE_ROW} FROM card
    WHERE ${DECKS} AND state = 2 AND due < @end AND ${TODAY} ORDER BY due, id LIMIT @limit`,
  newLane: `SELECT id, position AS key, ${QUEUE_ROW} FROM card
    WHERE ${DECKS} AND state = 0 AND ${TODAY} ORDER BY position, id LIMIT @limit`,
  // CROSS JOIN keeps SQLite's join order: today's reviews first (review_time index), then their
  // cards. Left to itself the planner walks every card of the deck, ~100× slower on big decks.
  // Each deck's own cards' answers today, by state before (0 new, 2 review).
  doneToday: `SELECT c.deck_id AS deck, sum(r.state_before = 0) AS newDone, sum(r.state_before = 2) AS reviewDone
    FROM review r CROSS JOIN card c ON c.id = r.card_id
    WHERE r.reviewed_at >= @since AND c.${DECKS} GROUP BY c.deck_id`,
  firstNew: `SELECT id FROM card WHERE ${DECKS} AND state = 0 AND ${AVAILABLE} ORDER BY position, id LIMIT 1`,
  countLearning: `SELECT count(*) AS n FROM card
    WHERE ${DECKS} AND state IN (1, 3) AND due < @until AND ${AVAILABLE}`,
  countReviews: `SELECT count(*) AS n FROM (SELECT 1 FROM card
    WHERE ${DECKS} AND state = 2 AND due < @until AND ${AVAILABLE} LIMIT @cap)`,
  countNew: `SELECT count(*) AS n FROM (SELECT 1 FROM card WHERE ${DECKS} AND state = 0 AND ${AVAILABLE} LIMIT @cap)`,
  nextScheduled: `SELECT min(due) AS due FROM card
    WHERE ${DECKS} AND state IN (1, 2, 3) AND suspended = 0 AND due > @now`,
  session: `SELECT count(*) AS reviewed, count(CASE WHEN r.rating > 1 THEN 1 END) AS passed, sum(r.duration_ms) AS timeMs
    FROM review r CROSS JOIN card c ON c.id = r.card_id WHERE c.${DECKS} AND r.reviewed_at >= @since`,
} as const;

type ScopedName = keyof typeof SCOPED;
interface ScopedRows {
  learningToday: QueueRow;
  reviewLane: QueueRow;
  newLane: QueueRow;
  doneToday: { deck: number; newDone: number; reviewDone: number };
  firstNew: { id: number } | undefined;
  countLearning: { n: number };
  countReviews: { n: number };
  countNew: { n: number };
  nextScheduled: { due: number | null };
  session: { reviewed: number; passed: number; timeMs: number | null };
}
type ScopedRow<K extends ScopedName> = ScopedRows[K];
/** Parameters of the scoped queries besides the decks. */
interface ScopedParams {
  now?: number;
  end?: number;
  until?: number;
  cap?: number;
  limit?: number;
  since?: number;
}

function prepareScoped(db: Database): Record<ScopedName, [Statement, Statement]> {
  const pair = (sql: string): [Statement, Statement] => [
    db.prepare(sql.replace(DECKS, 'deck_id = @deck')),
    db.prepare(sql.replace(DECKS, 'deck_id IN (SELECT value FROM json_each(@decks))')),
  ];
  return Object.fromEntries(Object.entries(SCOPED).map(([k, sql]) => [k, pair(sql)])) as Record<ScopedName, [Statement, Statement]>;
}

/** A deck in the deck list's tree: `subtree` holds the indexes (in the input) of it and its descendants. */
interface TreeDeck<D> {
  deck: D;
  depth: number;
  parentId: number | null;
  subtree: number[];
}

/**
 * Orders decks as a tree by their "Parent::Child" names: each parent before its children, names
 * sorted case-insensitively within a level. A deck whose parent is missing (an import may make
 * "A::B::C" without "A::B") hangs under its nearest existing ancestor, or at the top, so every
 * deck a subtree studies by name prefix is counted in it.
 */
export function deckTree<D extends { id: number; name: string }>(decks: D[]): TreeDeck<D>[] {
  const byName = new Map(decks.map((d, i) => [d.name.toLowerCase(), i]));
  const children = new Map<number | null, number[]>();
  decks.forEach((d, i) => {
    let parent: number | undefined;
    for (let cut = d.name.lastIndexOf(SEPARATOR); cut > 0 && parent === undefined; cut = d.name.lastIndexOf(SEPARATOR, cut - 1)) {
      parent = byName.get(d.name.slice(0, cut).toLowerCase());
    }
    const key = parent ?? null;
    children.set(key, [...(children.get(key) ?? []), i]);
  });
  const collator = (a: number, b: number) => {
    const x = decks[a]!.name.toLowerCase();
    const y = decks[b]!.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  const out: TreeDeck<D>[] = [];
  const walk = (parent: number | null, depth: number): number[] => {
    const all: number[] = [];
    for (const i of (children.get(parent) ?? []).sort(collator)) {
      const node: TreeDeck<D> = { deck: decks[i]!, depth, parentId: parent === null ? null : decks[parent]!.id, subtree: [i] };
      out.push(node);
      node.subtree.push(...walk(i, depth + 1));
      all.push(...node.subtree);
    }
    return all;
  };
  walk(null, 0);
  return out;
}

function prepare(db: Database) {
  const one = <P extends unknown[], R>(sql: string) => db.prepare<P, R>(sql) as Statement<P, R>;
  return {
    deckExists: one<[number], { id: number }>('SELECT id FROM deck WHERE id = ?'),
    deckName: (db.prepare('SELECT name FROM deck WHERE id = ?') as Statement<[number], string>).pluck(),
    deckNames: one<[], { id: number; name: string }>('SELECT id, name FROM deck'),
    // Every deck's own cards' answers today (the deck list), as the scoped doneToday.
    doneByDeck: one<[number], { deck: number; newDone: number; reviewDone: number }>(`
      SELECT c.deck_id AS deck, sum(r.state_before = 0) AS newDone, sum(r.state_before = 2) AS reviewDone
      FROM review r CROSS JOIN card c ON c.id = r.card_id WHERE r.reviewed_at >= ? GROUP BY c.deck_id`),
    scoped: prepareScoped(db),
    // The day queue's change detectors (see Study.sync).
    dataVersion: (db.prepare('PRAGMA data_version') as Statement<[], number>).pluck(),
    totalChanges: (db.prepare('SELECT total_changes()') as Statement<[], number>).pluck(),
    queueFields: one<[number], QueueFields>('SELECT id, deck_id, state, due, position, suspended, buried_until FROM card WHERE id = ?'),
    texts: one<[number], { front: string; back: string }>('SELECT front, back FROM card WHERE id = ?'),
    deckStates: one<[], { id: number; name: string; total: number; new: number; learning: number; review: number }>(`
      SELECT d.id, d.name,
        count(c.id) AS total,
        count(CASE WHEN c.suspended = 0 AND c.state = 0 THEN 1 END) AS new,
        count(CASE WHEN c.suspended = 0 AND c.state IN (1, 3) THEN 1 END) AS learning,
        count(CASE WHEN c.suspended = 0 AND c.state = 2 THEN 1 END) AS review
      FROM deck d LEFT JOIN card c ON c.deck_id = d.id
      GROUP BY d.id ORDER BY d.name COLLATE NOCASE`),
    siblingsToBury: one<[number, number, number], QueueFields>(`
      SELECT id, deck_id, state, due, position, suspended, buried_until FROM card
      WHERE note_id = ? AND id != ? AND state IN (0, 2) AND suspended = 0 AND (buried_until IS NULL OR buried_until < ?)`),
    setBuried: one<[number | null, number], void>('UPDATE card SET buried_until = ? WHERE id = ?'),
    updateCard: db.prepare(`UPDATE card SET state = @state, due = @due, stability = @stability, difficulty = @difficulty,
      scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
      last_review = @last_review, buried_until = @buried_until WHERE id = @id`),
    insertReview: db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability,
      difficulty, elapsed_days, scheduled_days, duration_ms, undo)
      VALUES (@card_id, @reviewed_at, @rating, @state_before, @state_after, @due, @stability, @difficulty,
      @elapsed_days, @scheduled_days, @duration_ms, @undo)`),
    lastReview: one<[], { id: number; card_id: number; undo: string; reviewed_at: number; state_before: number }>(
      "SELECT id, card_id, undo, reviewed_at, state_before FROM review WHERE origin = 'app' ORDER BY id DESC LIMIT 1",
    ),
    deleteReview: one<[number], void>('DELETE FROM review WHERE id = ?'),
  };
}
