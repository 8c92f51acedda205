import type { Database } from 'better-sqlite3';

// Exam readiness: an exam profile (date, pass mark, question counts), its weighted domains, and
// which deck feeds which domain. At most one exam is active. The exam date is a local calendar
// date 'YYYY-MM-DD' (no time of day): readiness is computed at that day's study-day start.
export function updateToSchemaVersion3(db: Database): void {
  db.exec(`
    CREATE TABLE exam (
      id               INTEGER PRIMARY KEY,
      name             TEXT NOT NULL,
      preset           TEXT UNIQUE,
      exam_date        TEXT CHECK (exam_date IS NULL OR exam_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      pass_mark        INTEGER NOT NULL CHECK (pass_mark > 0),
      max_score        INTEGER NOT NULL DEFAULT 1000 CHECK (max_score >= pass_mark),
      total_questions  INTEGER NOT NULL CHECK (total_questions > 0),
      scored_questions INTEGER NOT NULL CHECK (scored_questions > 0 AND scored_questions <= total_questions),
      exam_aware       INTEGER NOT NULL DEFAULT 0 CHECK (exam_aware IN (0, 1)),
      active           INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
      created_at       INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX exam_one_active ON exam(active) WHERE active = 1;

    CREATE TABLE exam_domain (
      id        INTEGER PRIMARY KEY,
      exam_id   INTEGER NOT NULL REFERENCES exam(id) ON DELETE CASCADE,
      name      TEXT NOT NULL COLLATE NOCASE,
      weight    REAL NOT NULL CHECK (weight > 0),
      position  INTEGER NOT NULL,
      UNIQUE (exam_id, name),
      UNIQUE (exam_id, id)
    );

    -- A deck feeds at most one domain of a given exam; the composite key keeps the domain inside
    -- that exam.
    CREATE TABLE deck_domain (
      exam_id    INTEGER NOT NULL,
      deck_id    INTEGER NOT NULL REFERENCES deck(id) ON DELETE CASCADE,
      domain_id  INTEGER NOT NULL,
      PRIMARY KEY (exam_id, deck_id),
      FOREIGN KEY (exam_id, domain_id) REFERENCES exam_domain(exam_id, id) ON DELETE CASCADE
    );
    CREATE INDEX deck_domain_domain ON deck_domain(domain_id);
  `);
}
