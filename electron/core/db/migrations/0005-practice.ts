import type { Database } from 'better-sqlite3';

// Practice tests: exam-style multiple-choice questions generated from cards. Results feed the
// readiness figures; they never touch a card's FSRS state.
export function updateToSchemaVersion5(db: Database): void {
  db.exec(`
    CREATE TABLE practice_test (
      id             INTEGER PRIMARY KEY,
      exam_id        INTEGER REFERENCES exam(id) ON DELETE SET NULL,
      started_at     INTEGER NOT NULL,
      finished_at    INTEGER,
      time_limit_ms  INTEGER,
      question_count INTEGER NOT NULL CHECK (question_count > 0)
    );

    CREATE TABLE practice_answer (
      id            INTEGER PRIMARY KEY,
      test_id       INTEGER NOT NULL REFERENCES practice_test(id) ON DELETE CASCADE,
      position      INTEGER NOT NULL,
      card_id       INTEGER REFERENCES card(id) ON DELETE SET NULL,
      domain        TEXT,
      prompt        TEXT NOT NULL,
      choices       TEXT NOT NULL,
      correct_index INTEGER NOT NULL,
      chosen_index  INTEGER,
      answered_at   INTEGER,
      duration_ms   INTEGER,
      UNIQUE (test_id, position)
    );
    CREATE INDEX practice_answer_card ON practice_answer(card_id);
  `);
}
