import type { Database } from 'better-sqlite3';

// Imported and generated notes: what kind of note it is (its card templates), its fields, and the
// file it came from (for the link back to the source line). Imported reviews (an Anki revlog, a
// Stratus export) are marked by origin: they are history, and undo never touches them.
export function updateToSchemaVersion4(db: Database): void {
  db.exec(`
    ALTER TABLE note ADD COLUMN kind TEXT NOT NULL DEFAULT 'basic'
      CHECK (kind IN ('basic', 'reversed', 'cloze', 'generated'));
    ALTER TABLE note ADD COLUMN fields TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE note ADD COLUMN source TEXT;
    ALTER TABLE review ADD COLUMN origin TEXT NOT NULL DEFAULT 'app'
      CHECK (origin IN ('app', 'import'));
  `);
}
