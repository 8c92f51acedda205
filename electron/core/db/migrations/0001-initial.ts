import type { Database } from 'better-sqlite3';

// The first schema: decks, notes, cards with their FSRS memory state, the review log, settings.
// Times are integers in milliseconds since the epoch (UTC). States follow ts-fsrs:
// 0 new, 1 learning, 2 review, 3 relearning. Ratings: 1 again, 2 hard, 3 good, 4 easy.
export function updateToSchemaVersion1(db: Database): void {
  db.exec(`
    CREATE TABLE deck (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
      source      TEXT UNIQUE,
      created_at  INTEGER NOT NULL
    );

    CREATE TABLE note (
      id          INTEGER PRIMARY KEY,
      deck_id     INTEGER NOT NULL REFERENCES deck(id) ON DELETE CASCADE,
      guid        TEXT NOT NULL UNIQUE,
      tags        TEXT NOT NULL DEFAULT '',
      source_line INTEGER,
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );
    CREATE INDEX note_deck ON note(deck_id);

    CREATE TABLE card (
      id             INTEGER PRIMARY KEY,
      note_id        INTEGER NOT NULL REFERENCES note(id) ON DELETE CASCADE,
      deck_id        INTEGER NOT NULL REFERENCES deck(id) ON DELETE CASCADE,
      ord            INTEGER NOT NULL,
      front          TEXT NOT NULL,
      back           TEXT NOT NULL,
      position       INTEGER NOT NULL,
      state          INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
      due            INTEGER NOT NULL,
      stability      REAL NOT NULL DEFAULT 0,
      difficulty     REAL NOT NULL DEFAULT 0,
      scheduled_days INTEGER NOT NULL DEFAULT 0,
      learning_steps INTEGER NOT NULL DEFAULT 0,
      reps           INTEGER NOT NULL DEFAULT 0,
      lapses         INTEGER NOT NULL DEFAULT 0,
      last_review    INTEGER,
      buried_until   INTEGER,
      suspended      INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
      UNIQUE (note_id, ord)
    );
    CREATE INDEX card_deck_state_due ON card(deck_id, state, due);
    CREATE INDEX card_deck_position ON card(deck_id, position) WHERE state = 0;

    -- One row per answer. 'undo' holds what the answer changed (the card row before it and the
    -- siblings it buried), so undo restores them exactly and deletes this row.
    CREATE TABLE review (
      id             INTEGER PRIMARY KEY,
      card_id        INTEGER NOT NULL REFERENCES card(id) ON DELETE CASCADE,
      reviewed_at    INTEGER NOT NULL,
      rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
      state_before   INTEGER NOT NULL,
      state_after    INTEGER NOT NULL,
      due            INTEGER NOT NULL,
      stability      REAL NOT NULL,
      difficulty     REAL NOT NULL,
      elapsed_days   REAL NOT NULL,
      scheduled_days INTEGER NOT NULL,
      duration_ms    INTEGER NOT NULL,
      undo           TEXT NOT NULL
    );
    CREATE INDEX review_card ON review(card_id, reviewed_at);
    CREATE INDEX review_time ON review(reviewed_at);

    CREATE TABLE setting (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `);
}
