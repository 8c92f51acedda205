import type { Database } from 'better-sqlite3';

// Practice tests: exam-style multiple-choice questions generated from cards. Results feed the
// readiness figures (a practice score per domain, shown beside predicted recall); they never
// touch a card's FSRS state. A question keeps its prompt and choices as asked (Markdown), so a
// result stays readable after its card is edited or deleted; the domain is kept by id and name.
//
// Also card_memory: every scheduling column of a card (not its text), in queue order. The
// readiness, statistics and projection aggregates (recall per deck, card counts, distributions,
// the due forecast, loading the cards a projection simulates) read this narrow index instead of
// card rows with their text: 3–10× faster on 100,000 cards, for one more index entry per answer.
// And review_stats: what the statistics page aggregates per study day, so a year of answers is read
// from the index instead of review rows with their undo records. It is ordered by each answer's
// kind (REVIEW_KIND), then time, and holds its button as a packed count (REVIEW_BUTTON: rating r < 4
// is 1 << 16·(r − 1)), its duration and card: one index range per study day and kind, counted and
// summed, gives that day's button counts with no per-answer arithmetic at read time (SQLite reads an
// indexed expression from the index when a query repeats it verbatim). A year of 330,000 answers
// sums in about 33 ms of CPU this way, against 125 ms evaluating the kinds per answer.
// And review_history replaces review_card (card_id, reviewed_at): the same order, so it serves every
// query that used it, and it also covers what the optimizer reads of each card's answers (rating
// and state before, ties on the time broken by id), so those 100,000s of rows come from the index
// instead of review rows with their undo records: 2.5× faster, for one index as before (40 % larger).

/**
 * The kind of an answer, as the statistics page counts it: 0 new or learning, 1 relearning, 2 young
 * review (less than 21 days after the card's previous answer), 3 mature review. Part of the
 * review_stats index: statistics.ts queries these exact expressions.
 */
export const REVIEW_KIND = 'CASE state_before WHEN 2 THEN 2 + (elapsed_days >= 21) WHEN 3 THEN 1 ELSE 0 END';
/**
 * An answer's button as a packed count: summed, again, hard and good take 16 bits each (again in
 * the lowest); easy is left out (the answers' count less the others), so a sum never overflows.
 */
export const REVIEW_BUTTON = '(rating < 4) << (16 * (rating - 1))';

export function updateToSchemaVersion5(db: Database): void {
  db.exec(`
    CREATE TABLE practice_test (
      id             INTEGER PRIMARY KEY,
      exam_id        INTEGER REFERENCES exam(id) ON DELETE SET NULL,
      deck_id        INTEGER REFERENCES deck(id) ON DELETE SET NULL,
      started_at     INTEGER NOT NULL,
      finished_at    INTEGER,
      time_limit_ms  INTEGER CHECK (time_limit_ms IS NULL OR time_limit_ms > 0),
      question_count INTEGER NOT NULL CHECK (question_count > 0)
    );
    CREATE INDEX practice_test_exam ON practice_test(exam_id, started_at);

    CREATE TABLE practice_answer (
      id            INTEGER PRIMARY KEY,
      test_id       INTEGER NOT NULL REFERENCES practice_test(id) ON DELETE CASCADE,
      position      INTEGER NOT NULL,
      card_id       INTEGER REFERENCES card(id) ON DELETE SET NULL,
      deck_id       INTEGER REFERENCES deck(id) ON DELETE SET NULL,
      domain_id     INTEGER REFERENCES exam_domain(id) ON DELETE SET NULL,
      domain        TEXT,
      kind          TEXT NOT NULL DEFAULT 'recall' CHECK (kind IN ('recall', 'responsibility')),
      prompt        TEXT NOT NULL,
      choices       TEXT NOT NULL,
      correct_index INTEGER NOT NULL,
      chosen_index  INTEGER,
      answered_at   INTEGER,
      duration_ms   INTEGER,
      UNIQUE (test_id, position)
    );
    CREATE INDEX practice_answer_card ON practice_answer(card_id);

    CREATE INDEX card_memory ON card(deck_id, state, due, suspended, stability, difficulty, last_review,
      scheduled_days, learning_steps, reps, lapses, buried_until);
    CREATE INDEX review_stats ON review((${REVIEW_KIND}), reviewed_at, (${REVIEW_BUTTON}), duration_ms, card_id);

    DROP INDEX review_card;
    CREATE INDEX review_history ON review(card_id, reviewed_at, id, rating, state_before);
  `);
}
