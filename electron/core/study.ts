// Today's queue, answering and undo: the review engine. Plain values in, plain values out; one
// transaction per answer. The IPC handlers and the CLI are thin callers of this class.
import type { Database, Statement } from 'better-sqlite3';
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
import { CARD_COLUMNS, getCard, rowToMemory, toSchedule, type CardRow } from './cards';
import { InvalidArgumentError } from './errors';
import { renderCardHtml } from './render';
import { createScheduler, RATING_CODES, STATE_NAMES, type MemoryState, type Scheduler } from './scheduler';
import { getSettings, type Settings } from './settings';
import { intervalLabel, MINUTE, studyDay, type DayWindow } from './time';

/** Learning cards due this soon are shown early when nothing else is left, as in Anki. */
export const LEARN_AHEAD_MS = 20 * MINUTE;

/** What one answer changed besides the review row: restored exactly by undo. */
interface UndoRecord {
  card: MemoryState & { buriedUntil: number | null };
  /** Siblings this answer buried, with their previous buried_until. */
  buried: { id: number; buriedUntil: number | null }[];
}

type Clock = () => number;

export class Study {
  private settings: Settings;
  private scheduler: Scheduler;
  private readonly sql: ReturnType<typeof prepare>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = Date.now,
  ) {
    this.settings = getSettings(db);
    this.scheduler = createScheduler(this.settings);
    this.sql = prepare(db);
  }

  /** Call after settings change so the scheduler and limits follow them. */
  reloadSettings(): void {
    this.settings = getSettings(this.db);
    this.scheduler = createScheduler(this.settings);
  }

  listDecks(): DeckSummary[] {
    const now = this.clock();
    const day = studyDay(now, this.settings.dayStartHour);
    return this.sql.deckStates.all().map((d) => {
      const limits = this.limits(d.id, day);
      const newToday = Math.min(d.new, limits.newLeft);
      const learningDue = this.sql.countLearning.get({ deck: d.id, until: day.end, now })!.n;
      const reviewDue = this.countDueReviews(d.id, day, now, limits.reviewLeft);
      return {
        id: d.id,
        name: d.name,
        total: d.total,
        new: d.new,
        learning: d.learning,
        review: d.review,
        newToday,
        learningDue,
        reviewDue,
        dueToday: newToday + learningDue + reviewDue,
      };
    });
  }

  /** The card the app shows next for a deck, and what is left of today's queue. */
  nextCard(deckId: number): NextCard {
    this.requireDeck(deckId);
    const now = this.clock();
    const day = studyDay(now, this.settings.dayStartHour);
    const limits = this.limits(deckId, day);
    const counts = this.queueCounts(deckId, day, now, limits);
    const row =
      this.sql.learningDue.get({ deck: deckId, until: now, now }) ??
      (limits.reviewLeft > 0 ? this.sql.reviewDue.get({ deck: deckId, until: day.end, now }) : undefined) ??
      (limits.newLeft > 0 ? this.sql.firstNew.get({ deck: deckId, now }) : undefined) ??
      this.sql.learningDue.get({ deck: deckId, until: Math.min(now + LEARN_AHEAD_MS, day.end), now });
    return { card: row ? this.studyCard(row, now) : null, counts };
  }

  answer(input: AnswerInput): AnswerResult {
    if (!RATINGS.includes(input.rating)) throw new InvalidArgumentError(`"${input.rating}" is not a rating (use again, hard, good or easy).`);
    const now = this.clock();
    const after = this.db.transaction(() => this.record(input, now)).immediate();
    return { card: after.schedule, next: this.nextCard(after.deckId) };
  }

  /** Undoes the most recent answer in the collection; null when there is none. */
  undo(): UndoResult | null {
    const restored = this.db.transaction(() => this.revert()).immediate();
    if (!restored) return null;
    const now = this.clock();
    const day = studyDay(now, this.settings.dayStartHour);
    // The undone card comes back first, as in Anki, whatever else became due meanwhile.
    const counts = this.queueCounts(restored.deck_id, day, now, this.limits(restored.deck_id, day));
    return {
      card: toSchedule(restored.id, rowToMemory(restored)),
      deckId: restored.deck_id,
      next: { card: this.studyCard(restored, now), counts },
    };
  }

  sessionSummary(deckId: number, sinceMs: number): SessionSummary {
    this.requireDeck(deckId);
    const now = this.clock();
    const day = studyDay(now, this.settings.dayStartHour);
    const s = this.sql.session.get(deckId, sinceMs)!;
    const scheduled = this.sql.nextScheduled.get(deckId, now)!.due;
    const hasNew = this.sql.firstNew.get({ deck: deckId, now }) !== undefined && this.settings.newPerDay > 0;
    const candidates = [scheduled, hasNew ? day.end : null].filter((t): t is number => t !== null);
    return {
      reviewed: s.reviewed,
      retention: s.reviewed === 0 ? null : s.passed / s.reviewed,
      timeMs: s.timeMs ?? 0,
      nextDue: candidates.length ? new Date(Math.min(...candidates)).toISOString() : null,
    };
  }

  private record(input: AnswerInput, now: number): { schedule: AnswerResult['card']; deckId: number } {
    const row = getCard(this.db, input.cardId);
    if (row.suspended) throw new InvalidArgumentError(`Card ${row.id} is suspended; unsuspend it before answering it.`);
    const before = rowToMemory(row);
    const { after, elapsedDays } = this.scheduler.answer(row.id, before, input.rating, now);
    const buried = this.burySiblings(row, now);
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
    return { schedule: toSchedule(row.id, after), deckId: row.deck_id };
  }

  private burySiblings(row: CardRow, now: number): UndoRecord['buried'] {
    if (!this.settings.burySiblings) return [];
    const until = studyDay(now, this.settings.dayStartHour).end;
    const siblings = this.sql.siblingsToBury.all(row.note_id, row.id, until);
    for (const s of siblings) this.sql.setBuried.run(until, s.id);
    return siblings.map((s) => ({ id: s.id, buriedUntil: s.buried_until }));
  }

  private revert(): CardRow | null {
    const last = this.sql.lastReview.get();
    if (!last) return null;
    const undo = JSON.parse(last.undo) as UndoRecord;
    this.sql.updateCard.run({ id: last.card_id, ...memoryParams(undo.card), buried_until: undo.card.buriedUntil });
    for (const s of undo.buried) this.sql.setBuried.run(s.buriedUntil, s.id);
    this.sql.deleteReview.run(last.id);
    return getCard(this.db, last.card_id);
  }

  private studyCard(row: CardRow, now: number): StudyCard {
    const outcomes = this.scheduler.preview(row.id, rowToMemory(row), now);
    const previews = Object.fromEntries(
      RATINGS.map((r: Rating) => [r, { due: new Date(outcomes[r].due).toISOString(), label: intervalLabel(now, outcomes[r].due) }]),
    ) as StudyCard['previews'];
    return {
      id: row.id,
      deckId: row.deck_id,
      state: STATE_NAMES[row.state]!,
      front: renderCardHtml(row.front),
      back: renderCardHtml(row.back),
      previews,
    };
  }

  private limits(deckId: number, day: DayWindow): { newLeft: number; reviewLeft: number } {
    const done = this.sql.doneToday.get(day.start, deckId)!;
    return {
      newLeft: Math.max(0, this.settings.newPerDay - (done.newDone ?? 0)),
      reviewLeft: Math.max(0, this.settings.reviewsPerDay - (done.reviewDone ?? 0)),
    };
  }

  private queueCounts(deckId: number, day: DayWindow, now: number, limits: { newLeft: number; reviewLeft: number }): QueueCounts {
    return {
      new: limits.newLeft === 0 ? 0 : this.sql.countNew.get({ deck: deckId, now, cap: limits.newLeft })!.n,
      learning: this.sql.countLearning.get({ deck: deckId, until: day.end, now })!.n,
      review: this.countDueReviews(deckId, day, now, limits.reviewLeft),
    };
  }

  private countDueReviews(deckId: number, day: DayWindow, now: number, cap: number): number {
    return cap === 0 ? 0 : this.sql.countReviews.get({ deck: deckId, until: day.end, now, cap })!.n;
  }

  private requireDeck(deckId: number): void {
    if (!this.sql.deckExists.get(deckId)) throw new InvalidArgumentError(`There is no deck with id ${deckId}.`);
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

/** Named parameters of the queue queries. */
interface Q {
  deck: number;
  now: number;
  until?: number;
  cap?: number;
}

// A card is available when it is not suspended and not buried past `now`.
const AVAILABLE = 'suspended = 0 AND (buried_until IS NULL OR buried_until <= @now)';

function prepare(db: Database) {
  const one = <P extends unknown[], R>(sql: string) => db.prepare<P, R>(sql) as Statement<P, R>;
  return {
    deckExists: one<[number], { id: number }>('SELECT id FROM deck WHERE id = ?'),
    deckStates: one<[], { id: number; name: string; total: number; new: number; learning: number; review: number }>(`
      SELECT d.id, d.name,
        count(c.id) AS total,
        count(CASE WHEN c.suspended = 0 AND c.state = 0 THEN 1 END) AS new,
        count(CASE WHEN c.suspended = 0 AND c.state IN (1, 3) THEN 1 END) AS learning,
        count(CASE WHEN c.suspended = 0 AND c.state = 2 THEN 1 END) AS review
      FROM deck d LEFT JOIN card c ON c.deck_id = d.id
      GROUP BY d.id ORDER BY d.name COLLATE NOCASE`),
    // CROSS JOIN keeps SQLite's join order: today's reviews first (review_time index), then their
    // cards. Left to itself the planner walks every card of the deck, ~100× slower on big decks.
    doneToday: one<[number, number], { newDone: number | null; reviewDone: number | null }>(`
      SELECT sum(r.state_before = 0) AS newDone, sum(r.state_before = 2) AS reviewDone
      FROM review r CROSS JOIN card c ON c.id = r.card_id
      WHERE r.reviewed_at >= ? AND c.deck_id = ?`),
    learningDue: db.prepare(`SELECT ${CARD_COLUMNS} FROM card
      WHERE deck_id = @deck AND state IN (1, 3) AND due <= @until AND ${AVAILABLE}
      ORDER BY due, id LIMIT 1`) as Statement<[Q], CardRow>,
    reviewDue: db.prepare(`SELECT ${CARD_COLUMNS} FROM card
      WHERE deck_id = @deck AND state = 2 AND due < @until AND ${AVAILABLE}
      ORDER BY due, id LIMIT 1`) as Statement<[Q], CardRow>,
    firstNew: db.prepare(`SELECT ${CARD_COLUMNS} FROM card
      WHERE deck_id = @deck AND state = 0 AND ${AVAILABLE}
      ORDER BY position, id LIMIT 1`) as Statement<[Q], CardRow>,
    countNew: one<[Q], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM card
      WHERE deck_id = @deck AND state = 0 AND ${AVAILABLE} LIMIT @cap)`),
    countLearning: one<[Q], { n: number }>(`SELECT count(*) AS n FROM card
      WHERE deck_id = @deck AND state IN (1, 3) AND due < @until AND ${AVAILABLE}`),
    countReviews: one<[Q], { n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM card
      WHERE deck_id = @deck AND state = 2 AND due < @until AND ${AVAILABLE} LIMIT @cap)`),
    nextScheduled: one<[number, number], { due: number | null }>(`SELECT min(due) AS due FROM card
      WHERE deck_id = ? AND state IN (1, 2, 3) AND suspended = 0 AND due > ?`),
    session: one<[number, number], { reviewed: number; passed: number; timeMs: number | null }>(`
      SELECT count(*) AS reviewed, count(CASE WHEN r.rating > 1 THEN 1 END) AS passed, sum(r.duration_ms) AS timeMs
      FROM review r CROSS JOIN card c ON c.id = r.card_id WHERE c.deck_id = ? AND r.reviewed_at >= ?`),
    siblingsToBury: one<[number, number, number], { id: number; buried_until: number | null }>(`
      SELECT id, buried_until FROM card
      WHERE note_id = ? AND id != ? AND state IN (0, 2) AND suspended = 0 AND (buried_until IS NULL OR buried_until < ?)`),
    setBuried: one<[number | null, number], void>('UPDATE card SET buried_until = ? WHERE id = ?'),
    updateCard: db.prepare(`UPDATE card SET state = @state, due = @due, stability = @stability, difficulty = @difficulty,
      scheduled_days = @scheduled_days, learning_steps = @learning_steps, reps = @reps, lapses = @lapses,
      last_review = @last_review, buried_until = @buried_until WHERE id = @id`),
    insertReview: db.prepare(`INSERT INTO review (card_id, reviewed_at, rating, state_before, state_after, due, stability,
      difficulty, elapsed_days, scheduled_days, duration_ms, undo)
      VALUES (@card_id, @reviewed_at, @rating, @state_before, @state_after, @due, @stability, @difficulty,
      @elapsed_days, @scheduled_days, @duration_ms, @undo)`),
    lastReview: one<[], { id: number; card_id: number; undo: string }>("SELECT id, card_id, undo FROM review WHERE origin = 'app' ORDER BY id DESC LIMIT 1"),
    deleteReview: one<[number], void>('DELETE FROM review WHERE id = ?'),
  };
}
